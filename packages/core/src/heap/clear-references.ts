/**
 * `tp_clear`: an object drops the references it holds, which is how a
 * collector breaks a reference cycle. Each type clears as CPython's does.
 *
 * @module
 */

import { TypeId } from '../objects/type-id.js';
import type { HeapCore } from './heap-core.js';
import { NULL_REF, ObjectFlag } from './object-store.js';
import type { WeakReferences } from './weak-references.js';

/**
 * `tp_clear`: drops the references an object holds, to break a cycle. Lists
 * release their items last to first, dicts, sets and instances first to last;
 * tuples have no `tp_clear` and keep theirs; a weak reference is cleared.
 */
export function clearReferences(heap: HeapCore, weakrefs: WeakReferences, slot: number): void {
  const store = heap.store;
  const type = store.type[slot];
  if (type === TypeId.Tuple || store.refLen[slot] === 0) return;
  if (type === TypeId.WeakRef) {
    weakrefs.clearDying(slot);
    return;
  }
  const n = store.refLen[slot];
  const held = store.refs.cells.slice(store.refStart[slot], store.refStart[slot] + n);
  if (type === TypeId.List || type === TypeId.ListSubclass) {
    store.refLen[slot] = 0;
    heap.setListCapacity(slot, 0);
    for (let i = n - 1; i >= 0; i--) if (held[i] !== NULL_REF) heap.decref(held[i]);
    return;
  }
  if (type === TypeId.Dict || type === TypeId.Set || type === TypeId.FrozenSet) {
    store.refLen[slot] = 0;
    heap.keyIndexes.delete(slot);
    if (type === TypeId.Dict) resetDictKeys(heap, slot);
  } else {
    // subtype_clear keeps an instance's reference to its heap type.
    const kept = (store.flags[slot] & ObjectFlag.HoldsType) !== 0 ? 1 : 0;
    store.refs.cells.fill(NULL_REF, store.refStart[slot] + kept, store.refStart[slot] + n);
    held[0] = kept ? NULL_REF : held[0];
  }
  for (let i = 0; i < n; i++) if (held[i] !== NULL_REF) heap.decref(held[i]);
}

/** Returns a dict to the shared empty key table (as `dict.clear()` does). */
export function resetDictKeys(heap: HeapCore, slot: number): void {
  const store = heap.store;
  if (store.aux[slot] === 0) return;
  const before = store.sizeof[slot];
  heap.replaceExtraBlock(slot, 0);
  store.aux[slot] = 0;
  heap.resize(slot, heap.sizes.dictObjectBytes() - before);
}
