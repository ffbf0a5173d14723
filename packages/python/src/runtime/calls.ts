/**
 * Calling: any callable (`call`), a Python function in a new frame (`runFrame`), and binding the
 * arguments to the parameters with CPython's error messages (`initialize_locals`).
 *
 * A frame's fast locals are a root namespace while it runs; at exit they are released first to
 * last (`_PyFrame_Clear`), unless a frame object (a traceback's) outlives the frame, which then
 * takes them over.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import { type BuiltinData, callableData, type FunctionData } from './callables.js';
import { hostStackAllows } from './host-stack.js';
import type { CodeInfo, Frame, Interp, KwArgs, ModuleScope, PyType } from './interp.js';
import { isHostStackOverflow, PyRaise } from './signals.js';
import { asType, lookupType, typeOf } from './types.js';

/** Calls `callable` with borrowed `args` and keyword arguments; returns an owned result. */
export function call(ip: Interp, callable: number, args: number[], kw: KwArgs | null): number {
  const data = callableData(ip, callable);
  if (data) {
    switch (data.kind) {
      case 'function':
        return callFunction(ip, callable, data, args, kw);
      case 'builtin':
        return (data as BuiltinData).self === NULL_REF
          ? data.fn(ip, args, kw)
          : data.fn(ip, [data.self, ...args], kw);
      case 'method':
        return call(ip, data.func, [data.self, ...args], kw);
      default:
        break;
    }
  }
  const type = asType(ip, callable);
  if (type) return type.user ? constructUser(ip, type, args, kw, false) : ip.construct(type, args, kw);
  const found = lookupType(typeOf(ip, callable), '__call__');
  if (found) return ip.callMethod(callable, found, args, kw);
  return ip.raise('TypeError', `'${typeOf(ip, callable).name}' object is not callable`);
}

/**
 * Calls a class defined by the program as `type_call` receives the call: the positional arguments in
 * a tuple (unless the caller already made one: `C(*t)`), the keyword arguments in a dict, and, when
 * there are keyword arguments, the array that `_PyStack_UnpackDict` makes to call `__new__` and
 * `__init__` by vectorcall. Each holds its own reference to the arguments while the class runs.
 */
export function constructUser(
  ip: Interp,
  type: PyType,
  args: number[],
  kw: KwArgs | null,
  tupleMade: boolean,
): number {
  const h = ip.stackHeight;
  try {
    if (!tupleMade) ip.push(ip.own(ip.heap.newTuple(args)));
    if (kw && kw.names.length > 0) {
      ip.push(kwargsDict(ip, kw));
      holdUnpacked(ip, args, kw);
    }
    return ip.construct(type, args, kw);
  } finally {
    ip.unwindTo(h);
  }
}

/** The keyword arguments as a new dict (`_PyStack_AsDict`), owned. */
export function kwargsDict(ip: Interp, kw: KwArgs): number {
  const d = ip.own(ip.heap.newDict());
  ip.push(d);
  for (let i = 0; i < kw.names.length; i++) {
    const key = ip.str(kw.names[i], true);
    ip.setItem(d, key, kw.values[i]);
    ip.drop(key);
  }
  return ip.pop();
}

/** `_PyStack_UnpackDict`: a new array holding a reference to each argument, on the value stack. */
export function holdUnpacked(ip: Interp, args: number[], kw: KwArgs): void {
  for (const a of args) ip.push(ip.own(a));
  for (const v of kw.values) ip.push(ip.own(v));
}

/**
 * Calls a Python function: binds arguments into a new frame and runs its code. When the arguments
 * lie on the value stack from `stealFrom` up (CPython's `CALL` of a Python function, whose
 * `_PyEvalFramePushAndInit` steals them), the frame takes their references over once they are bound.
 */
export function callFunction(
  ip: Interp,
  fn: number,
  data: FunctionData,
  args: number[],
  kw: KwArgs | null,
  stealFrom = -1,
): number {
  const code = data.code;
  const f = enterFrame(ip, code, data.globals, fn);
  try {
    bindArguments(ip, f, data, args, kw);
    for (let i = 0; i < code.cellIndices.length; i++) {
      const at = code.cellIndices[i];
      const arg = code.cellArgs[i];
      const cell = ip.own(ip.heap.newCell(arg >= 0 ? f.locals[arg] : NULL_REF));
      ip.heap.setRoot(f.ns, at, cell);
      ip.drop(cell);
    }
    for (let i = 0; i < code.freeIndices.length; i++)
      ip.heap.setRoot(f.ns, code.freeIndices[i], data.closure[i]);
    if (stealFrom >= 0) releaseStackFrom(ip, stealFrom);
  } catch (error) {
    leaveFrame(ip, f);
    throw error;
  }
  if (code.generator) return ip.newGenerator(f);
  return runFrame(ip, f);
}

/** Drops the value stack's entries from `at` up, leaving them cleared (the callee took their references over). */
export function releaseStackFrom(ip: Interp, at: number): void {
  const temporaries = ip.heap.roots.temporaries;
  for (let i = at; i < ip.stackHeight; i++) {
    const slot = temporaries[i];
    temporaries[i] = NULL_REF;
    ip.drop(slot);
  }
}

/** Pushes a frame for `code` (checking the recursion limit). */
export function enterFrame(ip: Interp, code: CodeInfo, globals: ModuleScope, fn: number): Frame {
  if (ip.depth >= ip.recursionLimit || !hostStackAllows(ip.depth))
    ip.raise('RecursionError', 'maximum recursion depth exceeded');
  const ns = ip.heap.roots.pushFrame(code.qualname, code.nlocals);
  const f: Frame = {
    code,
    ns,
    locals: ns.values,
    globals,
    func: fn,
    back: ip.frame,
    lineno: code.firstLine,
    loc: null,
    retval: NULL_REF,
    classNs: null,
    stackBase: ip.stackHeight,
    frameObj: NULL_REF,
  };
  return f;
}

/** Runs a frame's code to its end and leaves it; returns the owned return value. */
export function runFrame(ip: Interp, f: Frame): number {
  const back = ip.frame;
  ip.frame = f;
  ip.depth++;
  try {
    f.code.run(f);
  } catch (error) {
    ip.unwindTo(f.stackBase);
    // Out of host stack: unwind further before making the RecursionError (there is no room here).
    if (isHostStackOverflow(error)) throw error;
    const raised = ip.toPyRaise(error);
    ip.addTraceback(raised, f);
    throw raised;
  } finally {
    ip.depth--;
    ip.frame = back;
    leaveFrame(ip, f);
  }
  const result = f.retval === NULL_REF ? ip.own(ip.none) : f.retval;
  f.retval = NULL_REF;
  return result;
}

/** Pops a frame: its locals go to its frame object if one outlives it, else are released first to last. */
export function leaveFrame(ip: Interp, f: Frame): void {
  const frames = ip.heap.roots.frames;
  const index = frames.lastIndexOf(f.ns);
  if (index >= 0) frames.splice(index, 1);
  ip.releaseLocals(f);
}

function tooMany(name: string, expected: number, given: number, defaults: number): string {
  const takes =
    defaults > 0
      ? `from ${expected - defaults} to ${expected} positional arguments`
      : `${expected} positional argument${expected === 1 ? '' : 's'}`;
  return `${name}() takes ${takes} but ${given} ${given === 1 ? 'was' : 'were'} given`;
}

function missing(name: string, names: string[], kind: string): string {
  const quoted = names.map((n) => `'${n}'`);
  const list =
    quoted.length === 1
      ? quoted[0]
      : quoted.length === 2
        ? `${quoted[0]} and ${quoted[1]}`
        : `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
  return `${name}() missing ${names.length} required ${kind} argument${names.length === 1 ? '' : 's'}: ${list}`;
}

/** Binds positional and keyword arguments to the frame's parameters (as `initialize_locals`). */
function bindArguments(ip: Interp, f: Frame, data: FunctionData, args: number[], kw: KwArgs | null): void {
  const code = data.code;
  const heap = ip.heap;
  const locals = f.ns;
  const n = code.argcount;
  const name = data.qualname;
  let index = code.argcount + code.kwonly;
  const varargsIndex = code.varargs ? index++ : -1;
  const varkwIndex = code.varkw ? index : -1;
  let kwdict = NULL_REF;
  if (varkwIndex >= 0) {
    kwdict = ip.own(heap.newDict());
    heap.setRoot(locals, varkwIndex, kwdict);
    ip.drop(kwdict);
  }
  const given = Math.min(args.length, n);
  for (let i = 0; i < given; i++) heap.setRoot(locals, i, args[i]);
  if (varargsIndex >= 0) {
    const rest = ip.own(heap.newTuple(args.slice(given)));
    heap.setRoot(locals, varargsIndex, rest);
    ip.drop(rest);
  } else if (args.length > n) {
    ip.raise('TypeError', tooMany(name, n, args.length, data.defaults.length));
  }
  if (kw) {
    for (let k = 0; k < kw.names.length; k++) {
      const key = kw.names[k];
      let at = -1;
      for (let i = code.posonly; i < n + code.kwonly; i++) {
        if (code.varnames[i] === key) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        if (kwdict === NULL_REF)
          ip.raise('TypeError', `${name}() got an unexpected keyword argument '${key}'`);
        const keySlot = ip.str(key, true);
        ip.setItem(kwdict, keySlot, kw.values[k]);
        ip.drop(keySlot);
        continue;
      }
      if (locals.values[at] !== NULL_REF)
        ip.raise('TypeError', `${name}() got multiple values for argument '${key}'`);
      heap.setRoot(locals, at, kw.values[k]);
    }
  }
  if (args.length < n) {
    const firstDefault = n - data.defaults.length;
    const absent: string[] = [];
    for (let i = args.length; i < n; i++) {
      if (locals.values[i] !== NULL_REF) continue;
      if (i >= firstDefault) heap.setRoot(locals, i, data.defaults[i - firstDefault]);
      else absent.push(code.varnames[i]);
    }
    if (absent.length > 0) ip.raise('TypeError', missing(name, absent, 'positional'));
  }
  if (code.kwonly > 0) {
    const absent: string[] = [];
    for (let i = n; i < n + code.kwonly; i++) {
      if (locals.values[i] !== NULL_REF) continue;
      const fallback = data.kwdefaults.get(code.varnames[i]);
      if (fallback !== undefined) heap.setRoot(locals, i, fallback);
      else absent.push(code.varnames[i]);
    }
    if (absent.length > 0) ip.raise('TypeError', missing(name, absent, 'keyword-only'));
  }
}

/** Whether an error is a Python exception signal. */
export function isPyRaise(error: unknown): error is PyRaise {
  return error instanceof PyRaise;
}
