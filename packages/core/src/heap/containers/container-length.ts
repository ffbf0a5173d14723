/**
 * `len()` of a container (`PyObject_Size`).
 *
 * @module
 */

import { TypeId } from '../../objects/type-id.js';
import type { Heap } from '../heap.js';
import { PythonError } from './python-error.js';

/**
 * Number of items of a list, tuple, dict or set (Python's `len`); a `TypeError` for other objects.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { containerLength, dictSet } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * containerLength(heap, heap.newTuple([heap.none, heap.true])); // 2
 * const d = heap.newDict();
 * dictSet(heap, d, heap.newStr('a'), heap.newInt(1));
 * containerLength(heap, d); // 1
 * ```
 */
export function containerLength(heap: Heap, slot: number): number {
  const type = heap.store.type[slot];
  const n = heap.store.refLen[slot];
  if (type === TypeId.Dict) return n >> 1;
  if (type === TypeId.List || type === TypeId.ListSubclass || type === TypeId.Tuple) return n;
  if (type === TypeId.Set || type === TypeId.FrozenSet) return n;
  throw new PythonError('TypeError', `object of type '${heap.typeNameOf(slot)}' has no len()`);
}
