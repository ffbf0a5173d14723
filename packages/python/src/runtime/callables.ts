/**
 * Callable objects: functions (core's function objects, with their compiled code as side data),
 * bound methods, built-in functions and built-in methods bound to their object.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { CodeInfo, Interp, ModuleScope, NativeFn } from './interp.js';

/** Side data of a function object. */
export interface FunctionData {
  readonly kind: 'function';
  readonly code: CodeInfo;
  name: string;
  qualname: string;
  readonly globals: ModuleScope;
  /** Positional defaults (borrowed: the function object holds them). */
  readonly defaults: number[];
  /** Keyword-only defaults (borrowed). */
  readonly kwdefaults: Map<string, number>;
  /** Closure cells (borrowed: the function's closure tuple holds them). */
  readonly closure: number[];
  /** The function's reference cell holding its closure tuple (-1 without a closure). */
  readonly closureCell: number;
  /** The function's reference cell holding its `__dict__` (-1 until an attribute is set). */
  dictCell: number;
  /** A staticmethod/classmethod/property wrapper kind, when the object is one (see descriptors). */
}

/** Side data of a built-in function or a built-in method bound to `self`. */
export interface BuiltinData {
  readonly kind: 'builtin';
  readonly name: string;
  readonly fn: NativeFn;
  /** The object the method is bound to, or NULL_REF for a plain function. */
  readonly self: number;
}

/** Side data of a bound method (`method`): the function and the object it is bound to. */
export interface MethodData {
  readonly kind: 'method';
  readonly func: number;
  readonly self: number;
}

/** Side data of `staticmethod`, `classmethod` and `property` objects. */
export interface DescriptorData {
  readonly kind: 'staticmethod' | 'classmethod' | 'property';
  readonly func: number;
  /** `property`: getter, setter, deleter (NULL_REF when absent). */
  readonly fset: number;
  readonly fdel: number;
}

/** Creates a function object (owned) from code, defaults and closure cells. */
export function newFunction(
  ip: Interp,
  code: CodeInfo,
  globals: ModuleScope,
  defaults: number[],
  kwdefaults: Map<string, number>,
  closure: number[],
  qualname: string,
): number {
  // func_closure is a tuple of the cells (a heap object of its own, as CPython's).
  const closureTuple = closure.length > 0 ? ip.own(ip.heap.newTuple(closure)) : NULL_REF;
  const refs = [code.slot, globals.dict, ...defaults, ...kwdefaults.values()];
  if (closureTuple !== NULL_REF) refs.push(closureTuple);
  const slot = ip.own(ip.heap.newFunction(refs));
  if (closureTuple !== NULL_REF) ip.drop(closureTuple);
  const data: FunctionData = {
    kind: 'function',
    code,
    name: code.name,
    qualname,
    globals,
    defaults,
    kwdefaults,
    closure,
    closureCell: closureTuple === NULL_REF ? -1 : refs.length - 1,
    dictCell: -1,
  };
  ip.setPayload(slot, data);
  return slot;
}

/** A function's `__dict__` (borrowed), created at first use when `create`, else NULL_REF. */
export function functionDict(ip: Interp, fn: number, create: boolean): number {
  const data = ip.payload(fn) as FunctionData;
  if (data.dictCell < 0) {
    if (!create) return NULL_REF;
    const dict = ip.own(ip.heap.newDict());
    ip.heap.appendCell(fn, dict);
    ip.drop(dict);
    data.dictCell = ip.store.refLen[fn] - 1;
  }
  return ip.store.refs.cells[ip.store.refStart[fn] + data.dictCell];
}

/** A built-in function (unbound), owned. */
export function newBuiltin(ip: Interp, name: string, fn: NativeFn): number {
  const data: BuiltinData = { kind: 'builtin', name, fn, self: NULL_REF };
  return ip.native('builtin_function_or_method', [], data);
}

/** A built-in method bound to `self` (`xs.append` as a value), owned. */
export function newBoundBuiltin(ip: Interp, name: string, fn: NativeFn, self: number): number {
  const data: BuiltinData = { kind: 'builtin', name, fn, self };
  return ip.native('builtin_function_or_method', [self], data);
}

/** A bound method (`o.meth` as a value), owned. */
export function newMethod(ip: Interp, func: number, self: number): number {
  const data: MethodData = { kind: 'method', func, self };
  return ip.native('method', [func, self], data);
}

/** The side data of a callable object, or undefined. */
export function callableData(
  ip: Interp,
  slot: number,
): FunctionData | BuiltinData | MethodData | DescriptorData | undefined {
  const data = ip.payload(slot) as { kind?: string } | undefined;
  if (!data || typeof data !== 'object' || !('kind' in data)) return undefined;
  return data as FunctionData | BuiltinData | MethodData | DescriptorData;
}
