/**
 * Subscription (`BINARY_SUBSCR`, `STORE_SUBSCR`, `DELETE_SUBSCR`): lists, tuples and strs by index
 * and slice (slices copy), dicts by key (through core's dict operations), and a class's
 * `__getitem__`/`__setitem__`/`__delitem__`.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { dictDeleteAt, dictSet, findKey, listDelete, listSet, NULL_REF } from '@pymm/core/heap';
import type { Interp } from './interp.js';
import { lookupType, typeOf } from './types.js';

/** Side data of a slice object. */
export interface SliceData {
  readonly kind: 'slice';
}

/** `slice.indices(length)`: start, stop, step, and the number of items (`PySlice_AdjustIndices`). */
export function sliceIndices(ip: Interp, slice: number, length: number): [number, number, number, number] {
  const cells = ip.store.refs.cells;
  const start0 = ip.store.refStart[slice];
  const get = (i: number): number | null => {
    const v = cells[start0 + i];
    if (v === ip.none) return null;
    if (!ip.isInt(v)) {
      const hook = lookupType(typeOf(ip, v), '__index__');
      if (!hook) ip.raise('TypeError', 'slice indices must be integers or None or have an __index__ method');
    }
    return Number(ip.intValue(v));
  };
  const stepValue = get(2);
  const step = stepValue ?? 1;
  if (step === 0) ip.raise('ValueError', 'slice step cannot be zero');
  const lowerValue = get(0);
  const upperValue = get(1);
  let start: number;
  let stop: number;
  if (step > 0) {
    start =
      lowerValue === null
        ? 0
        : lowerValue < 0
          ? Math.max(0, lowerValue + length)
          : Math.min(lowerValue, length);
    stop =
      upperValue === null
        ? length
        : upperValue < 0
          ? Math.max(0, upperValue + length)
          : Math.min(upperValue, length);
  } else {
    start =
      lowerValue === null
        ? length - 1
        : lowerValue < 0
          ? Math.max(-1, lowerValue + length)
          : Math.min(lowerValue, length - 1);
    stop =
      upperValue === null
        ? -1
        : upperValue < 0
          ? Math.max(-1, upperValue + length)
          : Math.min(upperValue, length - 1);
  }
  const count =
    step > 0
      ? stop > start
        ? Math.ceil((stop - start) / step)
        : 0
      : stop < start
        ? Math.ceil((start - stop) / -step)
        : 0;
  return [start, stop, step, count];
}

function isSlice(ip: Interp, slot: number): boolean {
  return (ip.payload(slot) as SliceData | undefined)?.kind === 'slice';
}

function index(ip: Interp, key: number, length: number, what: string): number {
  if (!ip.isInt(key)) {
    const hook = lookupType(typeOf(ip, key), '__index__');
    if (!hook)
      ip.raise('TypeError', `${what} indices must be integers or slices, not ${typeOf(ip, key).name}`);
    const v = ip.callMethod(key, hook, []);
    const n = Number(ip.intValue(v));
    ip.drop(v);
    return index(ip, ip.bool(false), length, what) + n;
  }
  const raw = Number(ip.intValue(key));
  const i = raw < 0 ? raw + length : raw;
  if (i < 0 || i >= length) ip.raise('IndexError', `${what} index out of range`);
  return i;
}

/** `obj[key]`: an owned result. */
export function getItem(ip: Interp, obj: number, key: number): number {
  const store = ip.store;
  const t = store.type[obj];
  if (t === TypeId.List || t === TypeId.Tuple) {
    const n = store.refLen[obj];
    if (isSlice(ip, key)) {
      const [start, , step, count] = sliceIndices(ip, key, n);
      const items: number[] = [];
      for (let i = 0, j = start; i < count; i++, j += step)
        items.push(store.refs.cells[store.refStart[obj] + j]);
      return t === TypeId.List
        ? ip.newList(items)
        : count === n && step === 1
          ? ip.own(obj)
          : ip.own(ip.heap.newTuple(items));
    }
    return ip.own(
      store.refs.cells[store.refStart[obj] + index(ip, key, n, t === TypeId.List ? 'list' : 'tuple')],
    );
  }
  if (t === TypeId.Str) {
    const chars = [...ip.text(obj)];
    if (isSlice(ip, key)) {
      const [start, , step, count] = sliceIndices(ip, key, chars.length);
      if (count === chars.length && step === 1) return ip.own(obj);
      let out = '';
      for (let i = 0, j = start; i < count; i++, j += step) out += chars[j];
      return ip.str(out);
    }
    return ip.str(chars[index(ip, key, chars.length, 'string')]);
  }
  if (t === TypeId.Bytes || t === TypeId.ByteArray || t === TypeId.MemoryView) return ip.bytesItem(obj, key);
  if (t === TypeId.Dict) {
    const value = ip.dictLookup(obj, key);
    if (value !== NULL_REF) return ip.own(value);
    const type = typeOf(ip, obj);
    const missing = type.user ? lookupType(type, '__missing__') : null;
    if (missing) return ip.callMethod(obj, missing, [key]);
    return ip.raiseWith('KeyError', key);
  }
  const type = typeOf(ip, obj);
  const found = lookupType(type, '__getitem__');
  if (found) return ip.callMethod(obj, found, [key]);
  if (ip.payload(obj) && type.name === 'type')
    return ip.raise('TypeError', `type '${type.name}' is not subscriptable`);
  return ip.raise('TypeError', `'${type.name}' object is not subscriptable`);
}

/** `obj[key] = value` (all borrowed). */
export function setItem(ip: Interp, obj: number, key: number, value: number): void {
  const store = ip.store;
  const t = store.type[obj];
  if (t === TypeId.List) {
    if (isSlice(ip, key)) {
      ip.setSlice(obj, key, value);
      return;
    }
    listSet(ip.heap, obj, index(ip, key, store.refLen[obj], 'list assignment'), value);
    return;
  }
  if (t === TypeId.Dict) {
    ip.hashCheck(key);
    dictSet(ip.heap, obj, key, value);
    return;
  }
  const type = typeOf(ip, obj);
  const found = lookupType(type, '__setitem__');
  if (found) {
    ip.drop(ip.callMethod(obj, found, [key, value]));
    return;
  }
  ip.raise('TypeError', `'${type.name}' object does not support item assignment`);
}

/** `del obj[key]`. */
export function delItem(ip: Interp, obj: number, key: number): void {
  const store = ip.store;
  const t = store.type[obj];
  if (t === TypeId.List) {
    if (isSlice(ip, key)) {
      const [start, , step, count] = sliceIndices(ip, key, store.refLen[obj]);
      const positions: number[] = [];
      for (let i = 0, j = start; i < count; i++, j += step) positions.push(j);
      positions.sort((a, b) => b - a);
      for (const p of positions) listDelete(ip.heap, obj, p);
      return;
    }
    listDelete(ip.heap, obj, index(ip, key, store.refLen[obj], 'list assignment'));
    return;
  }
  if (t === TypeId.Dict) {
    ip.hashCheck(key);
    const at = findKey(ip.heap, obj, key, 2);
    if (at < 0) ip.raiseWith('KeyError', key);
    dictDeleteAt(ip.heap, obj, at);
    return;
  }
  const type = typeOf(ip, obj);
  const found = lookupType(type, '__delitem__');
  if (found) {
    ip.drop(ip.callMethod(obj, found, [key]));
    return;
  }
  ip.raise('TypeError', `'${type.name}' object does not support item deletion`);
}
