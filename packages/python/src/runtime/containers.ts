/**
 * Container helpers on core's list, dict and set operations: building lists (`BUILD_LIST`'s exact
 * size) and sets, membership, truth, the items of a sequence, namespaces (a heap dict with a
 * name map beside it), and slice assignment.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import {
  dictDelete,
  dictSet,
  findKey,
  listAppend,
  listDelete,
  NULL_REF,
  setAdd,
  setHas,
} from '@pymm/core/heap';
import { compareBool, equal } from './compare.js';
import type { Interp, ModuleScope } from './interp.js';
import { sliceIndices } from './items.js';
import { collect, getIter, iterNext } from './iterate.js';
import { setMembersInOrder } from './set-order.js';
import { lookupType, typeOf } from './types.js';

/** The items of a list, tuple, set or frozenset (borrowed), or a dict's keys. */
export function items(ip: Interp, seq: number): number[] {
  const store = ip.store;
  const start = store.refStart[seq];
  const n = store.refLen[seq];
  const out: number[] = [];
  if (store.type[seq] === TypeId.Dict) {
    for (let i = 0; i < n; i += 2) out.push(store.refs.cells[start + i]);
    return out;
  }
  if (store.type[seq] === TypeId.Set || store.type[seq] === TypeId.FrozenSet)
    return setMembersInOrder(ip, seq);
  for (let i = 0; i < n; i++) out.push(store.refs.cells[start + i]);
  return out;
}

/** A new list of exactly `values.length` items (`BUILD_LIST`), owned. */
export function newList(ip: Interp, values: number[]): number {
  const heap = ip.heap;
  const list = ip.own(heap.newList(values.length));
  for (const v of values) heap.appendCell(list, v);
  return list;
}

/** A new set (or frozenset) of `values`, owned. */
export function newSet(ip: Interp, values: number[], frozen: boolean): number {
  const set = ip.own(ip.heap.newSet(frozen));
  // On the value stack while members are added: a member's __hash__ may raise.
  ip.push(set);
  for (const v of values) setAdd(ip.heap, set, v);
  return ip.pop();
}

/** `list.append(v)`. */
export function append(ip: Interp, list: number, v: number): void {
  listAppend(ip.heap, list, v);
}

/** `set.add(v)`. */
export function add(ip: Interp, set: number, v: number): void {
  ip.hashCheck(v);
  setAdd(ip.heap, set, v);
}

/** `d[key]` without raising: the value (borrowed), or NULL_REF. */
export function dictLookup(ip: Interp, dict: number, key: number): number {
  ip.hashCheck(key);
  const at = findKey(ip.heap, dict, key, 2);
  return at < 0 ? NULL_REF : ip.store.refs.cells[ip.store.refStart[dict] + at + 1];
}

/** `item in container`. */
export function contains(ip: Interp, container: number, item: number): boolean {
  const store = ip.store;
  switch (store.type[container]) {
    case TypeId.Dict:
      return dictLookup(ip, container, item) !== NULL_REF;
    case TypeId.Set:
    case TypeId.FrozenSet:
      ip.hashCheck(item);
      return setHas(ip.heap, container, item);
    case TypeId.Str:
      if (store.type[item] !== TypeId.Str)
        ip.raise('TypeError', `'in <string>' requires string as left operand, not ${typeOf(ip, item).name}`);
      return ip.text(container).includes(ip.text(item));
    case TypeId.List:
    case TypeId.Tuple: {
      const cells = store.refs.cells;
      for (let i = 0; i < store.refLen[container]; i++) {
        if (equal(ip, cells[store.refStart[container] + i], item)) return true;
      }
      return false;
    }
    default:
      break;
  }
  const found = lookupType(typeOf(ip, container), '__contains__');
  if (found) {
    const r = ip.callMethod(container, found, [item]);
    const truth = ip.truthy(r);
    ip.drop(r);
    return truth;
  }
  const it = getIter(ip, container);
  ip.push(it);
  try {
    for (;;) {
      const v = iterNext(ip, it);
      if (v === NULL_REF) return false;
      const same = equal(ip, v, item);
      ip.drop(v);
      if (same) return true;
    }
  } finally {
    ip.drop(ip.pop());
  }
}

/** `bool(v)` (`PyObject_IsTrue`). */
export function truthy(ip: Interp, v: number): boolean {
  const store = ip.store;
  switch (store.type[v]) {
    case TypeId.None:
      return false;
    case TypeId.Bool:
    case TypeId.Int:
    case TypeId.Float:
      return ip.intValue(v) !== 0 && ip.intValue(v) !== 0n;
    case TypeId.Str:
      return ip.text(v).length > 0;
    case TypeId.List:
    case TypeId.Tuple:
    case TypeId.Dict:
    case TypeId.Set:
    case TypeId.FrozenSet:
      return store.refLen[v] > 0;
    case TypeId.Bytes:
    case TypeId.ByteArray:
      return store.scalar[v] > 0;
    default:
      break;
  }
  const type = typeOf(ip, v);
  const boolHook = lookupType(type, '__bool__');
  if (boolHook) {
    const r = ip.callMethod(v, boolHook, []);
    if (store.type[r] !== TypeId.Bool)
      ip.raise('TypeError', `__bool__ should return bool, returned ${typeOf(ip, r).name}`);
    return store.scalar[r] !== 0;
  }
  const lenHook = lookupType(type, '__len__');
  if (lenHook) {
    const r = ip.callMethod(v, lenHook, []);
    const n = Number(ip.intValue(r));
    ip.drop(r);
    return n !== 0;
  }
  if (type.name === 'range') return ip.len(v) > 0;
  return true;
}

/** Raises `TypeError: unhashable type` for a key that cannot be hashed. */
export function hashCheck(ip: Interp, key: number): void {
  const t = ip.store.type[key];
  if (t === TypeId.List || t === TypeId.Dict || t === TypeId.Set || t === TypeId.ByteArray)
    ip.raise('TypeError', `unhashable type: '${typeOf(ip, key).name}'`);
  if (t === TypeId.Instance || t === TypeId.SlotsInstance) {
    const type = typeOf(ip, key);
    if (lookupType(type, '__hash__')?.slot === ip.none)
      ip.raise('TypeError', `unhashable type: '${type.name}'`);
  }
}

/** Binds `key` (a str slot, borrowed) to `value` (borrowed) in a namespace. */
export function scopeSet(ip: Interp, scope: ModuleScope, key: number, value: number): void {
  dictSet(ip.heap, scope.dict, key, value);
  scope.map.set(ip.text(key), value);
}

/** Unbinds `key` in a namespace. */
export function scopeDelete(ip: Interp, scope: ModuleScope, key: number): void {
  dictDelete(ip.heap, scope.dict, key);
  scope.map.delete(ip.text(key));
}

/** `d.update(other)` for a dict or an iterable of pairs. */
export function dictUpdate(ip: Interp, dict: number, other: number): void {
  const store = ip.store;
  if (store.type[other] === TypeId.Dict) {
    const cells = store.refs.cells;
    for (let i = 0; i < store.refLen[other]; i += 2) {
      const start = store.refStart[other];
      ip.setItem(dict, cells[start + i], cells[start + i + 1]);
    }
    return;
  }
  const h = ip.stackHeight;
  const pairs = collect(ip, other);
  for (const pair of pairs) {
    const kv = collect(ip, pair);
    if (kv.length !== 2)
      ip.raise('ValueError', `dictionary update sequence element #0 has length ${kv.length}; 2 is required`);
    ip.setItem(dict, kv[0], kv[1]);
  }
  ip.unwindTo(h);
}

/** `lst[a:b] = iterable` (and extended slices of equal length). */
export function setSlice(ip: Interp, list: number, slice: number, value: number): void {
  const h = ip.stackHeight;
  const values = collect(ip, value);
  const store = ip.store;
  const [start, stop, step, count] = sliceIndices(ip, slice, store.refLen[list]);
  if (step !== 1) {
    if (values.length !== count)
      ip.raise(
        'ValueError',
        `attempt to assign sequence of size ${values.length} to extended slice of size ${count}`,
      );
    for (let i = 0, j = start; i < count; i++, j += step) ip.heap.setCell(list, j, values[i]);
    ip.unwindTo(h);
    return;
  }
  const end = Math.max(start, stop);
  for (let i = end - 1; i >= start; i--) listDelete(ip.heap, list, i);
  const tail = items(ip, list).slice(start);
  for (const t of tail) ip.push(ip.own(t));
  while (store.refLen[list] > start) listDelete(ip.heap, list, store.refLen[list] - 1);
  for (const v of values) listAppend(ip.heap, list, v);
  for (const t of tail) listAppend(ip.heap, list, t);
  ip.unwindTo(h);
}

/** `sorted` order: `a < b` by the rich comparison. */
export function lessThan(ip: Interp, a: number, b: number): boolean {
  return compareBool(ip, 'Lt', a, b);
}
