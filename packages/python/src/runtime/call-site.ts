/**
 * A call written in the program, as CPython's `CALL` and `CALL_FUNCTION_EX` run it, with their
 * reference behaviour (what `sys.getrefcount` sees inside the callee):
 *
 * - `CALL` (`f(a, b, k=c)`): the arguments are on the value stack; a Python function (a plain one,
 *   the function of a bound method, or one found by `LOAD_METHOD`) takes them over into its frame
 *   (`_PyEvalFramePushAndInit` steals them); anything else borrows them for the call.
 * - `CALL_FUNCTION_EX` (`f(*a, **k)`): the positional arguments are in a tuple (the `*` operand
 *   itself when it is a tuple), the keyword arguments in a new dict. 3.12 and later push a Python
 *   function's frame directly and release the tuple and the dict once the arguments are bound
 *   (`_PyEvalFramePushAndInit_Ex`); 3.11 calls through `PyObject_Call`, which keeps them for the call
 *   and, with keyword arguments, holds each argument once more in `_PyStack_UnpackDict`'s array.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import { getAttr, instanceAttribute } from './attributes.js';
import { callableData, type FunctionData } from './callables.js';
import { call, callFunction, constructUser, holdUnpacked } from './calls.js';
import type { SuperData } from './classes.js';
import type { Interp, KwArgs } from './interp.js';
import { asType, lookupType, typeOf } from './types.js';

/** The Python function a callable runs with its arguments as given (a function), or null. */
function pythonFunction(ip: Interp, callable: number): FunctionData | null {
  const data = callableData(ip, callable);
  return data?.kind === 'function' ? (data as FunctionData) : null;
}

/** `CALL`: `callable` with the borrowed `args` and `kw`, whose references are on the stack from `at` up. */
export function callOnStack(
  ip: Interp,
  callable: number,
  args: number[],
  kw: KwArgs | null,
  at: number,
): number {
  const data = callableData(ip, callable);
  if (data?.kind === 'function') return callFunction(ip, callable, data as FunctionData, args, kw, at);
  if (data?.kind === 'method') {
    const func = pythonFunction(ip, data.func);
    if (func) return callFunction(ip, data.func, func, [data.self, ...args], kw, at);
  }
  return call(ip, callable, args, kw);
}

/**
 * `LOAD_METHOD` + `CALL`: `obj.name(args)`, `obj` on the stack at `at` with the arguments above it. A
 * function found on the class (not shadowed by an instance attribute) is called with `obj` first,
 * without a bound method object, and takes `obj` and the arguments over.
 */
export function callMethodOnStack(
  ip: Interp,
  obj: number,
  name: string,
  args: number[],
  kw: KwArgs | null,
  at: number,
): number {
  if (!asType(ip, obj) && (ip.payload(obj) as SuperData | undefined)?.kind !== 'super') {
    const found = lookupType(typeOf(ip, obj), name);
    if (found) {
      if (found.native) return found.native(ip, [obj, ...args], kw);
      const func = ip.store.type[found.slot] === TypeId.Function ? pythonFunction(ip, found.slot) : null;
      if (func && instanceAttribute(ip, obj, name) === NULL_REF)
        return callFunction(ip, found.slot, func, [obj, ...args], kw, at);
    }
  }
  const bound = getAttr(ip, obj, name);
  // The bound method goes below the arguments (as `LOAD_METHOD` left it), so that a callee can take them.
  ip.push(bound);
  const temporaries = ip.heap.roots.temporaries;
  for (let i = ip.stackHeight - 1; i > at + 1; i--) temporaries[i] = temporaries[i - 1];
  temporaries[at + 1] = bound;
  return callOnStack(ip, bound, args, kw, at + 2);
}

/**
 * `CALL_FUNCTION_EX`: `callable` with the positional arguments in the tuple `callargs` and the
 * keyword arguments in the dict `kwargs` (or NULL_REF), both owned by the value stack from `at` up.
 */
export function callEx(ip: Interp, callable: number, callargs: number, kwargs: number, at: number): number {
  const args = ip.items(callargs);
  const kw = kwargs === NULL_REF ? null : kwFromDict(ip, kwargs);
  const func = pythonFunction(ip, callable);
  if (func && ip.heap.sizes.version !== '3.11') return callFunction(ip, callable, func, args, kw, at);
  const h = ip.stackHeight;
  try {
    const data = callableData(ip, callable);
    const type = asType(ip, callable);
    if (type?.user) return constructUser(ip, type, args, kw, true);
    if (kw && (func || data?.kind === 'method')) holdUnpacked(ip, args, kw);
    return call(ip, callable, args, kw);
  } finally {
    ip.unwindTo(h);
  }
}

/** The keyword arguments of a dict (its str keys, values borrowed from it), or null when it is empty. */
function kwFromDict(ip: Interp, dict: number): KwArgs | null {
  const store = ip.store;
  const n = store.refLen[dict];
  if (n === 0) return null;
  const cells = store.refs.cells;
  const kw: KwArgs = { names: [], values: [] };
  for (let i = 0; i < n; i += 2) {
    const key = cells[store.refStart[dict] + i];
    if (key === NULL_REF) continue;
    kw.names.push(ip.text(key));
    kw.values.push(cells[store.refStart[dict] + i + 1]);
  }
  return kw.names.length > 0 ? kw : null;
}
