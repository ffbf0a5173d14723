/**
 * `tp_traverse`: the references an object holds, in the order CPython's
 * traverse functions visit them. The order is observable (it decides the
 * order of `gc.get_referents`, and the order in which a collector moves
 * objects between its lists), so a collector that models CPython walks
 * references only through here.
 *
 * @module
 */

import { NULL_REF, ObjectFlag } from '../heap/object-store.js';
import { TypeId } from '../objects/type-id.js';
import type { CollectorHeap } from '../strategy/collector-heap.js';
import { dictSharesValues, embeddedValuesOf } from './embedded-values.js';

/**
 * Calls `visit` with each object `slot` refers to, in `tp_traverse` order:
 * lists and tuples last item first (`list_traverse` and `tupletraverse` count
 * down), dicts value before key for each entry (`dict_traverse`), everything
 * else in storage order. Empty cells are skipped. Weak references hold their
 * referent outside the reference cells and visit nothing.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { forEachReference, slotOfHandle } from '@pymm/core/gc';
 * const py = createRuntime();
 * py.locals.xs = py.list([py.int(1), py.int(2), py.int(3)]);
 * const seen: number[] = [];
 * forEachReference(py.heap, slotOfHandle(py.locals.xs), (item) => seen.push(py.heap.store.scalar[item]));
 * seen; // [3, 2, 1]
 * py.locals.d = py.dict([[{ str: 'key' }, { int: 7 }]]);
 * const kinds: string[] = [];
 * forEachReference(py.heap, slotOfHandle(py.locals.d), (item) => kinds.push(py.heap.typeNameOf(item)));
 * kinds; // ['int', 'str']: the value, then the key
 * ```
 */
export function forEachReference(heap: CollectorHeap, slot: number, visit: (target: number) => void): void {
  const store = heap.store;
  const n = store.refLen[slot];
  if (n === 0) return;
  const start = store.refStart[slot];
  const cells = store.refs.cells;
  const type = store.type[slot];
  if (type === TypeId.List || type === TypeId.Tuple || type === TypeId.ListSubclass) {
    for (let i = start + n - 1; i >= start; i--) {
      const target = cells[i];
      if (target !== NULL_REF) visit(target);
    }
  } else if (type === TypeId.Dict) {
    if ((store.flags[slot] & ObjectFlag.EmbeddedValues) !== 0 && dictSharesValues(store, slot)) return;
    for (let i = start; i < start + n; i += 2) {
      visit(cells[i + 1]);
      visit(cells[i]);
    }
  } else if ((store.flags[slot] & ObjectFlag.HoldsType) !== 0) {
    // subtype_traverse: the instance's slots and values, then its heap type; 3.13's
    // PyObject_VisitManagedDict visits the values its dict shares instead of the dict.
    const embedded =
      (store.flags[slot] & ObjectFlag.EmbeddedValues) !== 0 ? embeddedValuesOf(store, slot) : NULL_REF;
    if (embedded !== NULL_REF) {
      const at = store.refStart[embedded];
      for (let i = at + 1; i < at + store.refLen[embedded]; i += 2) visit(cells[i]);
      if (cells[start] !== NULL_REF) visit(cells[start]);
      return;
    }
    for (let i = start + 1; i < start + n; i++) {
      const target = cells[i];
      if (target !== NULL_REF) visit(target);
    }
    if (cells[start] !== NULL_REF) visit(cells[start]);
  } else {
    for (let i = start; i < start + n; i++) {
      const target = cells[i];
      if (target !== NULL_REF) visit(target);
    }
  }
}
