/**
 * Lists (`Objects/listobject.c`): over-allocation as `list_resize` does it,
 * shrinking, and the order in which replaced or removed items are released.
 * Indexing also serves tuples.
 *
 * @module
 */

import { listResizeCapacity } from '../../objects/size-model.js';
import { TypeId } from '../../objects/type-id.js';
import type { Heap } from '../heap.js';
import { NULL_REF } from '../object-store.js';
import { expectType, PythonError } from './python-error.js';

const LIST_TYPES = [TypeId.List, TypeId.ListSubclass];

/**
 * Whether an object is a list or a list subclass.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { isList } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const Stack = heap.defineClass({ name: 'Stack', base: 'list' });
 * isList(heap, heap.newList());              // true
 * isList(heap, heap.newListSubclass(Stack)); // true
 * isList(heap, heap.newTuple([heap.none]));  // false
 * ```
 */
export function isList(heap: Heap, slot: number): boolean {
  const t = heap.store.type[slot];
  return t === TypeId.List || t === TypeId.ListSubclass;
}

/**
 * Normalises a Python index (negative counts from the end); throws `IndexError` when out of range.
 */
export function normaliseIndex(index: number, length: number, what: string): number {
  const i = index < 0 ? index + length : index;
  if (!Number.isInteger(i) || i < 0 || i >= length)
    throw new PythonError('IndexError', `${what} index out of range`);
  return i;
}

function resizeList(heap: Heap, list: number, newSize: number): void {
  const capacity = heap.store.aux[list];
  const next = listResizeCapacity(capacity, newSize);
  if (next !== capacity) heap.setListCapacity(list, next);
}

/**
 * `list.append(item)`: the list grows by CPython's over-allocation rule.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { listAppend } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const xs = heap.newList();
 * listAppend(heap, xs, heap.none);
 * heap.store.sizeof[xs]; // 88: room for 4 items, as sys.getsizeof after [].append(None)
 * for (let i = 0; i < 4; i++) listAppend(heap, xs, heap.newInt(i));
 * heap.store.sizeof[xs]; // 120: the fifth item made room for 8
 * ```
 */
export function listAppend(heap: Heap, list: number, item: number): void {
  expectType(heap, list, LIST_TYPES, 'append');
  resizeList(heap, list, heap.store.refLen[list] + 1);
  heap.appendCell(list, item);
}

/**
 * `list[index]` (or a tuple's): the item's slot (not a new reference).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { sequenceGet } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const pair = heap.newTuple([heap.newStr('key'), heap.newInt(7)]);
 * heap.store.scalar[sequenceGet(heap, pair, -1)]; // 7
 * heap.store.text.get(sequenceGet(heap, pair, 0)); // 'key'
 * ```
 */
export function sequenceGet(heap: Heap, seq: number, index: number): number {
  expectType(heap, seq, [TypeId.List, TypeId.ListSubclass, TypeId.Tuple], 'getitem');
  const n = heap.store.refLen[seq];
  const i = normaliseIndex(index, n, heap.store.type[seq] === TypeId.Tuple ? 'tuple' : 'list');
  return heap.store.refs.cells[heap.store.refStart[seq] + i];
}

/**
 * `list[index] = item`: the old item is released after the store.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { listAppend, listSet, sequenceGet } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const xs = heap.newList();
 * listAppend(heap, xs, heap.newInt(1));
 * listSet(heap, xs, -1, heap.newInt(9));
 * heap.store.scalar[sequenceGet(heap, xs, 0)]; // 9
 * ```
 */
export function listSet(heap: Heap, list: number, index: number, item: number): void {
  expectType(heap, list, LIST_TYPES, 'setitem');
  const i = normaliseIndex(index, heap.store.refLen[list], 'list assignment');
  heap.setCell(list, i, item);
}

/**
 * `del list[index]`: the list shrinks (maybe reallocating), then the item is released.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { containerLength, listAppend, listDelete, sequenceGet } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const xs = heap.newList();
 * for (const n of [10, 20, 30]) listAppend(heap, xs, heap.newInt(n));
 * listDelete(heap, xs, 0);
 * containerLength(heap, xs); // 2
 * heap.store.scalar[sequenceGet(heap, xs, 0)]; // 20
 * ```
 */
export function listDelete(heap: Heap, list: number, index: number): void {
  expectType(heap, list, LIST_TYPES, 'delitem');
  const i = normaliseIndex(index, heap.store.refLen[list], 'list assignment');
  const removed = heap.removeCell(list, i);
  resizeList(heap, list, heap.store.refLen[list]);
  if (removed !== NULL_REF) heap.decref(removed);
}

/**
 * `list.pop(index)`: removes and returns the item. The caller receives the
 * list's reference to it and must release it (or keep it).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { containerLength, listAppend, listPop } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const xs = heap.newList();
 * for (const n of [1, 2, 3]) listAppend(heap, xs, heap.newInt(n));
 * const last = listPop(heap, xs);
 * heap.store.scalar[last]; // 3
 * containerLength(heap, xs); // 2
 * heap.decref(last); // done with it (a no-op unless the strategy counts references)
 * ```
 */
export function listPop(heap: Heap, list: number, index = -1): number {
  expectType(heap, list, LIST_TYPES, 'pop');
  const n = heap.store.refLen[list];
  if (n === 0) throw new PythonError('IndexError', 'pop from empty list');
  const i = normaliseIndex(index, n, 'pop');
  const removed = heap.removeCell(list, i);
  resizeList(heap, list, n - 1);
  return removed;
}

/**
 * `list.clear()`: items are released last to first, and the item array is freed.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { listAppend, listClear } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const xs = heap.newList();
 * for (let i = 0; i < 5; i++) listAppend(heap, xs, heap.newInt(i));
 * listClear(heap, xs);
 * heap.store.sizeof[xs]; // 56, an empty list again
 * ```
 */
export function listClear(heap: Heap, list: number): void {
  expectType(heap, list, LIST_TYPES, 'clear');
  heap.clearReferences(list);
}
