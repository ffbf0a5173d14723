/**
 * `tp_traverse`: the order in which an object's type visits what it refers to.
 * The collector's `move_unreachable` visits referents in this order, which
 * decides the order of its lists and so the order finalizers run in.
 *
 * @module
 */

import { NULL_REF, type ObjectStore, TypeId } from '@pymm/core';

/**
 * Calls `visit` for each object `slot` refers to, in the order of its type's
 * `tp_traverse`: lists and tuples last to first (`list_traverse`,
 * `tupletraverse`), dicts value then key per entry (`dict_traverse`),
 * everything else first to last. Empty cells are skipped, as `Py_VISIT`
 * skips `NULL`.
 */
export function tpTraverse(store: ObjectStore, slot: number, visit: (target: number) => void): void {
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
    for (let i = start; i < start + n; i += 2) {
      visit(cells[i + 1]);
      visit(cells[i]);
    }
  } else {
    for (let i = start; i < start + n; i++) {
      const target = cells[i];
      if (target !== NULL_REF) visit(target);
    }
  }
}
