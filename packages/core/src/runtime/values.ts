/**
 * Values: Python literals given as JavaScript values, and the runtime's
 * operations that create scalar and immutable objects (`int`, `float`, `str`,
 * `bytes`, `bytearray`, `memoryview`, `tuple`) or read a scalar's value back.
 *
 * @module
 */

import { PythonError } from '../heap/containers/python-error.js';
import type { Handle } from '../heap/object-store.js';
import { TypeId } from '../objects/type-id.js';
import type { OperationContext } from './operation-context.js';

/**
 * A value a creating operation accepts in place of a handle: converted like a Python literal.
 *
 * @example
 * ```ts
 * import { type PyValue, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const items: PyValue[] = [py.float(0.5), { int: 1 }, { str: 'two' }, null, true];
 * py.locals.xs = py.list(items);
 * [0, 1, 2, 3, 4].map((i) => py.type(py.getitem(py.locals.xs, i))); // ['float', 'int', 'str', 'NoneType', 'bool']
 * ```
 */
export type PyValue = Handle | PyLiteral;

/**
 * JavaScript values with a Python literal meaning: `{ int: n }`, `{ str: s }`, `null` (`None`),
 * `true` and `false`.
 *
 * @example
 * ```ts
 * import { type PyLiteral, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const key: PyLiteral = { str: 'answer' };
 * py.locals.d = py.dict([[key, { int: 42 }]]);
 * py.value(py.getitem(py.locals.d, key)); // 42
 * py.is(py.getitem(py.locals.d, key), py.int(42)); // true: small ints are cached
 * ```
 */
export type PyLiteral = { readonly int: number | bigint } | { readonly str: string } | null | boolean;

/** The slot of a value: a handle's object, or a literal made into an object (a temporary). */
export function slotOfValue(cx: OperationContext, value: PyValue, operation: string): number {
  if (typeof value === 'number') return cx.slot(value, operation);
  const heap = cx.heap;
  if (value === null) return heap.none;
  if (value === true) return heap.true;
  if (value === false) return heap.false;
  if ('int' in value) return cx.slot(int(cx, value.int), operation);
  return cx.slot(str(cx, value.str, false), operation);
}

/** `n` (a cached small int for -5..256). */
export function int(cx: OperationContext, value: number | bigint): Handle {
  cx.literal(String(value));
  return cx.op('int', () => cx.temporary(cx.heap.newInt(value)));
}

/** A float. */
export function float(cx: OperationContext, value: number): Handle {
  cx.literal(String(value));
  return cx.op('float', () => cx.temporary(cx.heap.newFloat(value)));
}

/** A str built at run time (`intern` shares one object per text, like identifier constants). */
export function str(cx: OperationContext, text: string, intern: boolean): Handle {
  cx.literal(text);
  return cx.op('str', () => cx.temporary(cx.heap.newStr(text, intern)));
}

/** `bytes` of `length` bytes. */
export function bytes(cx: OperationContext, length: number): Handle {
  cx.literal(String(length));
  return cx.op('bytes', () => cx.temporary(cx.heap.newBytes(length)));
}

/** `bytearray(length)`. */
export function bytearray(cx: OperationContext, length: number): Handle {
  cx.literal(String(length));
  return cx.op('bytearray', () => cx.temporary(cx.heap.newByteArray(length)));
}

/** `memoryview(obj)`: a view that shares `obj`'s memory (no copy) and keeps it alive. */
export function memoryview(cx: OperationContext, target: Handle): Handle {
  return cx.op('memoryview', () => {
    const slot = cx.slot(target, 'memoryview');
    const view = cx.heap.newMemoryView(slot);
    cx.consumed(slot);
    return cx.temporary(view);
  });
}

/** A tuple of the given items. */
export function tuple(cx: OperationContext, items: readonly PyValue[]): Handle {
  return cx.op('tuple', () => {
    const slots = items.map((item) => slotOfValue(cx, item, 'tuple'));
    const tuple = cx.heap.newTuple(slots);
    for (const s of slots) cx.consumed(s);
    return cx.temporary(tuple);
  });
}

/** The JavaScript value of an int, float, bool, str or None. */
export function value(cx: OperationContext, obj: Handle): number | string | boolean | null {
  const heap = cx.heap;
  const slot = cx.slot(obj, 'value');
  const store = heap.store;
  switch (store.type[slot]) {
    case TypeId.None:
      return null;
    case TypeId.Bool:
      return store.scalar[slot] === 1;
    case TypeId.Int:
    case TypeId.Float:
      return store.scalar[slot];
    case TypeId.Str:
      return store.text.get(slot)!;
    default:
      throw new PythonError('TypeError', `value: ${heap.typeNameOf(slot)} has no scalar value`);
  }
}
