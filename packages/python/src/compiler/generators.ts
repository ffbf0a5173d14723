/**
 * Generators at run time: a generator object (core's generator type) holds its suspended frame's
 * locals and value stack as its references, so collectors see them; resuming moves them back
 * into a frame on the root stack, suspending moves them out again. `send`, `throw`, `close`
 * (also the finalizer, PEP 442), the return value as `StopIteration.value`, generator
 * expressions, and `runCode` (the inlined comprehensions of 3.12+).
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { Comprehension, Expr } from '../ast-nodes.js';
import { enterFrame, leaveFrame, runFrame } from '../runtime/calls.js';
import { formatOne } from '../runtime/exceptions.js';
import { hostStackAllows } from '../runtime/host-stack.js';
import type { Frame, Interp, NativeFn } from '../runtime/interp.js';
import { getIterOf, iterNext } from '../runtime/iterate.js';
import { addressOf } from '../runtime/repr.js';
import type { PyRaise } from '../runtime/signals.js';
import { builtinType, typeOf } from '../runtime/types.js';
import { compileExpr, compileTest } from './compile-expr.js';
import { currentHandling, type GenEx, genExcState } from './compile-gen.js';
import { compileTarget } from './compile-target.js';
import { type CodeContext, CompileRefusal, RETURN } from './context.js';
import { compileNameLoad } from './names.js';

/** Side data of a generator object. */
interface GeneratorData {
  readonly kind: 'generator';
  readonly qualname: string;
  readonly frame: Frame;
  readonly iter: Generator<number, number, number>;
  state: 'created' | 'suspended' | 'running' | 'finished';
  returnValue: number;
}

function dataOf(ip: Interp, gen: number): GeneratorData {
  return ip.payload(gen) as GeneratorData;
}

/** Creates the generator object of a called generator function; the frame's locals move into it. */
function newGenerator(ip: Interp, f: Frame): number {
  const n = f.ns.length;
  const locals = Array.from(f.ns.values.subarray(0, n));
  let slot = NULL_REF;
  const gen = ip.own(ip.heap.newGenerator(locals, () => finalizeGenerator(ip, slot), f.code.frameSlots));
  slot = gen;
  leaveFrame(ip, f);
  const data: GeneratorData = {
    kind: 'generator',
    qualname: f.code.qualname,
    frame: f,
    iter: f.code.runGen!(f),
    state: 'created',
    returnValue: NULL_REF,
  };
  ip.setPayload(gen, data);
  return gen;
}

/** Moves the generator's locals and saved value stack into its frame, on the root stack. */
function restore(ip: Interp, gen: number, f: Frame): void {
  const heap = ip.heap;
  const store = ip.store;
  heap.roots.frames.push(f.ns);
  const n = f.ns.length;
  for (let i = 0; i < n; i++) {
    const v = store.refs.cells[store.refStart[gen] + i];
    if (v === NULL_REF) continue;
    heap.setRoot(f.ns, i, v);
    heap.setCell(gen, i, NULL_REF);
  }
  f.stackBase = ip.stackHeight;
  for (let i = n; i < store.refLen[gen]; i++) {
    const v = store.refs.cells[store.refStart[gen] + i];
    ip.push(ip.own(v));
    heap.setCell(gen, i, NULL_REF);
  }
  store.refLen[gen] = n;
}

/** Moves the suspended frame's locals and value stack into the generator object. */
function save(ip: Interp, gen: number, f: Frame): void {
  const heap = ip.heap;
  const n = f.ns.length;
  const saved: number[] = [];
  while (ip.stackHeight > f.stackBase) saved.unshift(ip.pop());
  for (const v of saved) {
    heap.appendCell(gen, v);
    ip.drop(v);
  }
  for (let i = 0; i < n; i++) {
    const v = f.ns.values[i];
    heap.setCell(gen, i, v);
    if (v !== NULL_REF) heap.setRoot(f.ns, i, NULL_REF);
  }
  const frames = heap.roots.frames;
  frames.splice(frames.lastIndexOf(f.ns), 1);
}

/**
 * Resumes a generator with `value` (borrowed; `send`), or throws `raise` into it: the next value
 * (owned), or NULL_REF when it finished (its return value is then kept for `StopIteration`).
 */
export function resume(ip: Interp, gen: number, value: number, raise: PyRaise | null): number {
  const data = dataOf(ip, gen);
  if (data.state === 'finished') {
    if (raise) throw raise;
    return NULL_REF;
  }
  if (data.state === 'running') ip.raise('ValueError', 'generator already executing');
  if (data.state === 'created' && value !== ip.none && !raise)
    ip.raise('TypeError', "can't send non-None value to a just-started generator");
  if (ip.depth >= ip.recursionLimit || !hostStackAllows(ip.depth))
    ip.raise('RecursionError', 'maximum recursion depth exceeded');
  const f = data.frame;
  const started = data.state !== 'created';
  restore(ip, gen, f);
  f.back = ip.frame;
  const back = ip.frame;
  ip.frame = f;
  ip.depth++;
  data.state = 'running';
  const excState = genExcState(f);
  const callerHandling = ip.handling;
  excState.caller = callerHandling;
  ip.handling = currentHandling(excState);
  let step: IteratorResult<number, number>;
  try {
    if (raise && !started) throw raise;
    step = raise ? data.iter.throw(raise) : data.iter.next(started ? ip.own(value) : NULL_REF);
  } catch (error) {
    ip.handling = callerHandling;
    data.state = 'finished';
    ip.unwindTo(f.stackBase);
    ip.depth--;
    ip.frame = back;
    const raised = ip.toPyRaise(error);
    ip.addTraceback(raised, f);
    leaveFrame(ip, f);
    if (typeOf(ip, raised.exc).mro.includes(builtinType(ip, 'StopIteration'))) {
      const replacement = ip.newException('RuntimeError', 'generator raised StopIteration');
      ip.setContext(replacement, raised.exc);
      ip.dropRaised(raised.exc);
      throw ip.raised(replacement);
    }
    throw raised;
  }
  ip.handling = callerHandling;
  ip.depth--;
  ip.frame = back;
  if (step.done) {
    data.state = 'finished';
    ip.unwindTo(f.stackBase);
    const rv = step.value === RETURN && f.retval !== NULL_REF ? f.retval : ip.own(ip.none);
    f.retval = NULL_REF;
    leaveFrame(ip, f);
    data.returnValue = rv;
    return NULL_REF;
  }
  data.state = 'suspended';
  save(ip, gen, f);
  return step.value;
}

/**
 * The generator's finalizer (`_PyGen_Finalize`, PEP 442), when it is freed or collected: closes
 * it unless it finished; an exception from the close is printed as "Exception ignored in" and
 * otherwise ignored (`PyErr_WriteUnraisable`).
 */
function finalizeGenerator(ip: Interp, gen: number): void {
  const data = dataOf(ip, gen);
  if (data.state === 'finished' || data.state === 'running') return;
  try {
    ip.drop(closeGenerator(ip, gen));
  } catch (error) {
    const raised = ip.toPyRaise(error);
    ip.options.stderr(`Exception ignored in: <generator object ${data.qualname} at ${addressOf(ip, gen)}>\n`);
    ip.options.stderr(formatOne(ip, raised.exc));
    ip.dropRaised(raised.exc);
  }
}

/**
 * `gen.close()` (`gen_close`): a generator never started just finishes (its frame released); a
 * suspended one gets `GeneratorExit` thrown in, and a value yielded back is a `RuntimeError`.
 * Returns (owned) None, or in 3.13 the value the generator returned while closing.
 */
export function closeGenerator(ip: Interp, gen: number): number {
  const data = dataOf(ip, gen);
  if (data.state === 'created') {
    // 3.11 throws GeneratorExit into the new frame, which clears it; 3.12+ only marks the
    // generator finished, its frame (and what its arguments hold) kept until it is freed.
    data.state = 'finished';
    if (ip.heap.sizes.version === '3.11') releaseSaved(ip, gen);
    return ip.own(ip.none);
  }
  if (data.state !== 'suspended') return ip.own(ip.none);
  const exit = ip.raised(ip.newException('GeneratorExit'));
  try {
    const v = resume(ip, gen, ip.none, exit);
    if (v !== NULL_REF) {
      ip.drop(v);
      ip.raise('RuntimeError', 'generator ignored GeneratorExit');
    }
  } catch (error) {
    const raised = ip.toPyRaise(error);
    const t = typeOf(ip, raised.exc);
    if (
      t.mro.includes(builtinType(ip, 'GeneratorExit')) ||
      t.mro.includes(builtinType(ip, 'StopIteration'))
    ) {
      ip.dropRaised(raised.exc);
      return ip.own(ip.none);
    }
    throw raised;
  }
  // It returned while closing: 3.13's close() returns the value, earlier versions drop it.
  const rv = ip.takeReturnValue(gen);
  if (ip.heap.sizes.version === '3.13') return rv;
  ip.drop(rv);
  return ip.own(ip.none);
}

/** Drops what a never-started generator holds. */
function releaseSaved(ip: Interp, gen: number): void {
  const store = ip.store;
  for (let i = 0; i < store.refLen[gen]; i++) ip.heap.setCell(gen, i, NULL_REF);
}

function stopIteration(ip: Interp, gen: number): never {
  const rv = ip.takeReturnValue(gen);
  if (rv === ip.none) {
    ip.drop(rv);
    return ip.raise('StopIteration');
  }
  return ip.raiseObject(ip.newException('StopIteration', undefined, rv));
}

const GENERATOR_METHODS: Record<string, NativeFn> = {
  __next__: (ip, [self]) => {
    const v = resume(ip, self, ip.none, null);
    return v === NULL_REF ? stopIteration(ip, self) : v;
  },
  __iter__: (ip, [self]) => ip.own(self),
  send: (ip, [self, value]) => {
    const v = resume(ip, self, value ?? ip.none, null);
    return v === NULL_REF ? stopIteration(ip, self) : v;
  },
  throw: (ip, [self, exc]) => {
    const instance = ip.exceptionInstance(exc);
    const v = resume(ip, self, ip.none, ip.raised(instance));
    return v === NULL_REF ? stopIteration(ip, self) : v;
  },
  close: (ip, [self]) => {
    return closeGenerator(ip, self);
  },
};

/** A generator expression's body: loops over `.0` and the other `for` clauses, yielding the element. */
function compileGeneratorExpression(
  cx: CodeContext,
  node: { elt: Expr; generators: Comprehension[] },
): GenEx {
  const ip = cx.ip;
  const iterator = compileNameLoad(cx, '.0');
  const levels = node.generators.map((g, i) => ({
    iter: i === 0 ? null : compileExpr(cx, g.iter),
    target: compileTarget(cx, g.target),
    ifs: g.ifs.map((c) => compileTest(cx, c)),
  }));
  const elt = compileExpr(cx, node.elt);
  function* loop(f: Frame, level: number): Generator<number, void, number> {
    const spec = levels[level];
    let it: number;
    if (spec.iter) {
      it = getIterOf(ip, spec.iter(f));
    } else {
      it = iterator(f);
    }
    ip.push(it);
    for (;;) {
      const item = iterNext(ip, it);
      if (item === NULL_REF) break;
      spec.target(f, item);
      if (!spec.ifs.every((t) => t(f))) continue;
      if (level < levels.length - 1) yield* loop(f, level + 1);
      else ip.drop(yield elt(f));
    }
    ip.drop(ip.pop());
  }
  return function* (f) {
    yield* loop(f, 0);
    return RETURN;
  };
}

/** Installs the generator support of an interpreter. */
export function installGenerators(ip: Interp): void {
  const type = builtinType(ip, 'generator');
  for (const [name, fn] of Object.entries(GENERATOR_METHODS)) type.methods.set(name, fn);
  ip.compileYield = (_cx: CodeContext, node: { lineno: number }) => {
    throw new CompileRefusal("'yield' inside an expression", node.lineno);
  };
  ip.compileGeneratorExpression = (cx: CodeContext, node: { elt: Expr; generators: Comprehension[] }) =>
    compileGeneratorExpression(cx, node) as unknown as (f: Frame) => number;
  ip.newGenerator = (f) => newGenerator(ip, f);
  ip.resumeGenerator = (gen, value) => resume(ip, gen, value, null);
  ip.isGenerator = (slot) => (ip.payload(slot) as { kind?: string } | undefined)?.kind === 'generator';
  ip.takeReturnValue = (gen) => {
    const data = dataOf(ip, gen);
    const rv = data.returnValue === NULL_REF ? ip.own(ip.none) : data.returnValue;
    data.returnValue = NULL_REF;
    return rv;
  };
  ip.runCode = (code, globals, args, closure) => {
    const f = enterFrame(ip, code, globals, NULL_REF);
    for (let i = 0; i < args.length; i++) ip.heap.setRoot(f.ns, i, args[i]);
    for (let i = 0; i < code.freeIndices.length; i++) ip.heap.setRoot(f.ns, code.freeIndices[i], closure[i]);
    for (let k = 0; k < code.cellIndices.length; k++) {
      const arg = code.cellArgs[k];
      const cell = ip.own(ip.heap.newCell(arg >= 0 ? f.locals[arg] : NULL_REF));
      ip.heap.setRoot(f.ns, code.cellIndices[k], cell);
      ip.drop(cell);
    }
    return runFrame(ip, f);
  };
}
