/**
 * CPython's untracking rules: which objects may be tracked by the cycle
 * collector (`_PyObject_GC_MAY_BE_TRACKED`), and the tuples and dicts a
 * collection untracks because they can never be part of a cycle
 * (`_PyTuple_MaybeUntrack`, `_PyDict_MaybeUntrack`).
 *
 * @module
 */

import { isGcType, TypeId } from '../objects/type-id.js';
import type { HeapCore } from './heap-core.js';
import { NULL_REF, ObjectFlag, type ObjectStore } from './object-store.js';

/**
 * `_PyObject_GC_MAY_BE_TRACKED`: a GC object that is not an untracked exact tuple. A static object
 * (a built-in type: `type_is_gc` is false for a static type) is not a GC object.
 */
export function mayBeTracked(store: ObjectStore, slot: number): boolean {
  const type = store.type[slot];
  if (!isGcType(type) || (store.flags[slot] & ObjectFlag.Static) !== 0) return false;
  if (type === TypeId.Tuple) return (store.flags[slot] & ObjectFlag.Tracked) !== 0;
  return true;
}

/** `_PyTuple_MaybeUntrack`: untracks a tracked tuple whose items can never be part of a cycle. */
export function maybeUntrackTuple(heap: HeapCore, slot: number): boolean {
  const store = heap.store;
  if (store.type[slot] !== TypeId.Tuple || (store.flags[slot] & ObjectFlag.Tracked) === 0) return false;
  const start = store.refStart[slot];
  const n = store.refLen[slot];
  for (let i = 0; i < n; i++) {
    const item = store.refs.cells[start + i];
    if (item === NULL_REF || mayBeTracked(store, item)) return false;
  }
  heap.untrack(slot);
  return true;
}

/** `_PyDict_MaybeUntrack`: untracks a tracked dict whose keys and values can never be part of a cycle. */
export function maybeUntrackDict(heap: HeapCore, slot: number): boolean {
  const store = heap.store;
  if (store.type[slot] !== TypeId.Dict || (store.flags[slot] & ObjectFlag.Tracked) === 0) return false;
  const start = store.refStart[slot];
  const n = store.refLen[slot];
  for (let i = 0; i < n; i++) {
    const item = store.refs.cells[start + i];
    if (item !== NULL_REF && mayBeTracked(store, item)) return false;
  }
  heap.untrack(slot);
  return true;
}
