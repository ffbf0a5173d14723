/**
 * An instance's `__dict__`. Since 3.11 a plain instance keeps its attributes inline (a values
 * array under the class's shared keys); reading `obj.__dict__` (or `vars(obj)`) materialises a
 * dict object that takes the values over (`_PyObject_GetDictPtr` and
 * `make_dict_from_instance_attributes`), after which the instance holds the dict and every
 * attribute access goes through it. In the heap: the instance's cells are `[class, values...]`
 * until then, `[class, dict]` after, and its `aux` (the values' capacity) is {@link HAS_DICT}.
 * On 3.13 the dict shares the values, which stay in the object (`_PyObject_MaterializeManagedDict`):
 * the collector sees the instance refer to the values and the dict to nothing, until the dict
 * is replaced or outlives the instance.
 *
 * @module
 */

import { ObjectFlag, TypeId } from '@pymm/core';
import { dictDelete, dictSet, NULL_REF } from '@pymm/core/heap';
import type { Interp } from './interp.js';
import { typeOf } from './types.js';

/** `aux` of an instance whose attributes live in a dict object (its second cell). */
export const HAS_DICT = -1;

/** Whether `obj` is a plain instance whose `__dict__` has been materialised. */
export function hasDictObject(ip: Interp, obj: number): boolean {
  return ip.store.type[obj] === TypeId.Instance && ip.store.aux[obj] === HAS_DICT;
}

/** The dict of an instance with one (borrowed). */
export function dictObject(ip: Interp, obj: number): number {
  return ip.store.refs.cells[ip.store.refStart[obj] + 1];
}

/** `obj.__dict__` of a plain instance: the dict (owned), created from the inline values at first use. */
export function instanceDict(ip: Interp, obj: number): number {
  if (hasDictObject(ip, obj)) return ip.own(dictObject(ip, obj));
  const store = ip.store;
  const names = ip.heap.classInfo(store.klass[obj]).attributeNames;
  const dict = ip.own(ip.heap.newDict());
  ip.push(dict);
  for (let i = 1; i < store.refLen[obj]; i++) {
    const value = store.refs.cells[store.refStart[obj] + i];
    if (value === NULL_REF) continue;
    const key = ip.str(names[i], true);
    dictSet(ip.heap, dict, key, value);
    ip.drop(key);
  }
  // The dict owns the values now: the instance keeps its class and the dict.
  for (let i = store.refLen[obj] - 1; i >= 1; i--) ip.heap.setCell(obj, i, NULL_REF);
  if (store.refLen[obj] < 2) store.reserveRefs(obj, 2);
  store.refLen[obj] = 2;
  store.refs.cells[store.refStart[obj] + 1] = NULL_REF;
  ip.heap.setCell(obj, 1, dict);
  if (ip.heap.sizes.version === '3.13') {
    // 3.13: the dict shares the values, which stay inline in the object (`@pymm/core/gc`'s
    // embedded values decide what each one's traverse visits).
    store.flags[obj] |= ObjectFlag.EmbeddedValues;
    store.flags[dict] |= ObjectFlag.EmbeddedValues;
    store.scalar[dict] = store.handleOf(obj);
  } else {
    ip.heap.replaceExtraBlock(obj, 0);
  }
  store.aux[obj] = HAS_DICT;
  return ip.pop();
}

/** `obj.__dict__ = value` (borrowed): the new dict replaces the old one. */
export function setInstanceDict(ip: Interp, obj: number, value: number): void {
  if (ip.store.type[value] !== TypeId.Dict)
    ip.raise('TypeError', `__dict__ must be set to a dictionary, not a '${typeOf(ip, value).name}'`);
  ip.drop(instanceDict(ip, obj));
  ip.heap.setCell(obj, 1, value);
}

/** The attribute `name` in an instance's dict (borrowed), or NULL_REF. */
export function dictAttribute(ip: Interp, obj: number, name: string): number {
  const key = ip.str(name, true);
  const value = ip.dictLookup(dictObject(ip, obj), key);
  ip.drop(key);
  return value;
}

/** `obj.name = value` on an instance with a dict. */
export function setDictAttribute(ip: Interp, obj: number, name: string, value: number): void {
  const key = ip.str(name, true);
  dictSet(ip.heap, dictObject(ip, obj), key, value);
  ip.drop(key);
}

/** `del obj.name` on an instance with a dict: whether it was there. */
export function deleteDictAttribute(ip: Interp, obj: number, name: string): boolean {
  if (dictAttribute(ip, obj, name) === NULL_REF) return false;
  const key = ip.str(name, true);
  dictDelete(ip.heap, dictObject(ip, obj), key);
  ip.drop(key);
  return true;
}
