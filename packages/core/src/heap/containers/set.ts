/**
 * Sets and frozensets (`Objects/setobject.c`): the table's growth
 * (`set_table_resize`), and discarded members left as dummies.
 *
 * @module
 */

import { setTableSizeAfterAdd } from '../../objects/size-model.js';
import { TypeId } from '../../objects/type-id.js';
import type { Heap } from '../heap.js';
import { findKey, storedKeyToken } from './keys.js';
import { expectType } from './python-error.js';

/**
 * `set.add(key)` (also used to build frozensets); adding a key already present does nothing.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { containerLength, setAdd } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const s = heap.newSet();
 * for (let i = 0; i < 5; i++) setAdd(heap, s, heap.newInt(i));
 * setAdd(heap, s, heap.newFloat(1)); // 1.0 == 1: already there
 * containerLength(heap, s); // 5
 * heap.store.sizeof[s]; // 728, as sys.getsizeof of a set grown to 5 members
 * ```
 */
export function setAdd(heap: Heap, set: number, key: number): void {
  expectType(heap, set, [TypeId.Set, TypeId.FrozenSet], 'add');
  if (findKey(heap, set, key, 1) >= 0) return;
  const store = heap.store;
  const tableSize = store.aux[set] & 0x7fffffff;
  const used = store.refLen[set] + 1;
  const fill = used + (store.scalar[set] | 0);
  const next = setTableSizeAfterAdd(tableSize, fill, used);
  const before = store.sizeof[set];
  // Check the memory before anything changes, so a MemoryError leaves the set as it was.
  if (next !== tableSize)
    heap.reserveBytes(heap.sizes.setObjectBytes() + heap.sizes.setExtraBytes(next) - before);
  heap.appendCell(set, key);
  if (next !== tableSize) {
    heap.replaceExtraBlock(set, heap.sizes.setExtraBytes(next));
    store.aux[set] = next;
    store.scalar[set] = 0;
    heap.resize(set, heap.sizes.setObjectBytes() + heap.sizes.setExtraBytes(next) - before);
  }
  const index = heap.keyIndexes.get(set);
  if (index) index.set(storedKeyToken(heap, key), used - 1);
}

/**
 * `set_table_resize(so, minused)`: the table becomes the smallest power of two
 * above `minused` (at least 8 slots), without dummies. CPython's `set_merge`
 * and `set_update_internal` call it once before adding many members
 * (`set(a_set)`, `a | b`, `s.update(a_set)`), so such a set's table, and its
 * `sys.getsizeof`, differ from one grown member by member.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { setAdd, setResize } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const s = heap.newSet();
 * setResize(heap, s, 10); // room for 16 slots, as set_merge makes for 5 incoming members
 * for (let i = 0; i < 5; i++) setAdd(heap, s, heap.newInt(i));
 * heap.store.sizeof[s]; // 472: 216 + 16 slots of 16 bytes
 * ```
 */
export function setResize(heap: Heap, set: number, minused: number): void {
  expectType(heap, set, [TypeId.Set, TypeId.FrozenSet], 'resize');
  const store = heap.store;
  let next = 8;
  while (next <= minused) next <<= 1;
  const tableSize = store.aux[set] & 0x7fffffff;
  const before = store.sizeof[set];
  const after = heap.sizes.setObjectBytes() + heap.sizes.setExtraBytes(next);
  if (after > before) heap.reserveBytes(after - before);
  if (next !== tableSize) heap.replaceExtraBlock(set, heap.sizes.setExtraBytes(next));
  store.aux[set] = next;
  store.scalar[set] = 0;
  if (after !== before) heap.resize(set, after - before);
}

/**
 * `set.discard(key)`: the slot becomes a dummy (the table does not shrink).
 * Returns whether the key was there.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { setAdd, setDiscard } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const s = heap.newSet();
 * setAdd(heap, s, heap.newStr('x'));
 * setDiscard(heap, s, heap.newStr('x')); // true
 * setDiscard(heap, s, heap.newStr('x')); // false: discard, unlike remove, does not raise
 * ```
 */
export function setDiscard(heap: Heap, set: number, key: number): boolean {
  expectType(heap, set, [TypeId.Set], 'discard');
  const at = findKey(heap, set, key, 1);
  if (at < 0) return false;
  const removed = heap.removeCell(set, at);
  heap.store.scalar[set] += 1;
  heap.keyIndexes.delete(set);
  heap.decref(removed);
  return true;
}

/**
 * Whether `key in set` (or in a frozenset).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { setAdd, setHas } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const frozen = heap.newSet(true);
 * setAdd(heap, frozen, heap.newStr('read'));
 * setHas(heap, frozen, heap.newStr('read'));  // true
 * setHas(heap, frozen, heap.newStr('write')); // false
 * ```
 */
export function setHas(heap: Heap, set: number, key: number): boolean {
  expectType(heap, set, [TypeId.Set, TypeId.FrozenSet], 'contains');
  return findKey(heap, set, key, 1) >= 0;
}
