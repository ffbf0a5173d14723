/**
 * CPython 3.13's embedded values: an instance's attributes stay inline in the object even after
 * its `__dict__` has been materialised (`_PyObject_MaterializeManagedDict`); the dict shares the
 * instance's values array. The instance's traverse visits the values
 * (`PyObject_VisitManagedDict`), not the dict, and the dict's visits nothing (`dict_traverse`
 * skips embedded values), so the dict is, for the collector, referenced from outside. Once the
 * instance stops owning the dict (it died, was cleared, or got another `__dict__`), the dict
 * holds its values like any dict (`_PyDict_DetachFromObject`).
 *
 * pymm keeps the values in the dict's cells in every version; a front end that models 3.13 marks
 * the instance and its dict with {@link ObjectFlag.EmbeddedValues} and records the instance's
 * handle in the dict's `scalar` column. Traversal then follows CPython's edges.
 *
 * @module
 */

import { NULL_REF, ObjectFlag, type ObjectStore } from '../heap/object-store.js';
import { TypeId } from '../objects/type-id.js';

/**
 * Whether `dict` (flagged {@link ObjectFlag.EmbeddedValues}) still shares the values of the
 * instance that materialised it: that instance is alive and its dict cell holds `dict`.
 *
 * @example
 * ```ts
 * import { createRuntime, ObjectFlag } from '@pymm/core';
 * import { dictSharesValues } from '@pymm/core/gc';
 * const heap = createRuntime().heap;
 * const dict = heap.newDict();
 * dictSharesValues(heap.store, dict); // false: no instance owns it
 * heap.store.flags[dict] |= ObjectFlag.EmbeddedValues;
 * heap.store.scalar[dict] = heap.store.handleOf(heap.none);
 * dictSharesValues(heap.store, dict); // false: None holds no dict
 * ```
 */
export function dictSharesValues(store: ObjectStore, dict: number): boolean {
  if ((store.flags[dict] & ObjectFlag.EmbeddedValues) === 0 || store.type[dict] !== TypeId.Dict) return false;
  const owner = store.scalar[dict];
  if (!store.isAlive(owner)) return false;
  const slot = store.slotOf(owner, 'embedded values');
  return store.refLen[slot] > 1 && store.refs.cells[store.refStart[slot] + 1] === dict;
}

/**
 * The dict whose values `instance` (flagged {@link ObjectFlag.EmbeddedValues}) visits in its own
 * traverse, or `NULL_REF` when it visits its cells as usual.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { NULL_REF } from '@pymm/core/heap';
 * import { embeddedValuesOf } from '@pymm/core/gc';
 * const heap = createRuntime().heap;
 * embeddedValuesOf(heap.store, heap.newList()) === NULL_REF; // true
 * ```
 */
export function embeddedValuesOf(store: ObjectStore, instance: number): number {
  if ((store.flags[instance] & ObjectFlag.EmbeddedValues) === 0 || store.refLen[instance] < 2)
    return NULL_REF;
  const dict = store.refs.cells[store.refStart[instance] + 1];
  if (dict === NULL_REF || store.scalar[dict] !== store.handleOf(instance)) return NULL_REF;
  return dictSharesValues(store, dict) ? dict : NULL_REF;
}
