/**
 * Generators: not yet run by pymm; `yield` and generator expressions are refused at compile time
 * with a clear message. Also `runCode`, which runs a code object in a new frame (the inlined
 * comprehensions of 3.12+).
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import { enterFrame, runFrame } from '../runtime/calls.js';
import type { Interp } from '../runtime/interp.js';
import { type CodeContext, CompileRefusal } from './context.js';

/** Installs the generator hooks of an interpreter. */
export function installGenerators(ip: Interp): void {
  ip.compileYield = (_cx: CodeContext, node: { lineno: number }) => {
    throw new CompileRefusal("'yield' (generators)", node.lineno);
  };
  ip.compileGeneratorExpression = (_cx: CodeContext, node: { lineno: number }) => {
    throw new CompileRefusal('generator expressions', node.lineno);
  };
  ip.newGenerator = () => ip.raise('NotImplementedError', 'generators are not supported by pymm');
  ip.resumeGenerator = () => ip.raise('NotImplementedError', 'generators are not supported by pymm');
  ip.runCode = (code, globals, args, closure) => {
    const f = enterFrame(ip, code, globals, NULL_REF);
    for (let i = 0; i < args.length; i++) ip.heap.setRoot(f.ns, i, args[i]);
    for (let i = 0; i < code.freeIndices.length; i++) ip.heap.setRoot(f.ns, code.freeIndices[i], closure[i]);
    for (const at of code.cellIndices) {
      const arg = code.cellArgs[code.cellIndices.indexOf(at)];
      const cell = ip.own(ip.heap.newCell(arg >= 0 ? f.locals[arg] : NULL_REF));
      ip.heap.setRoot(f.ns, at, cell);
      ip.drop(cell);
    }
    return runFrame(ip, f);
  };
}
