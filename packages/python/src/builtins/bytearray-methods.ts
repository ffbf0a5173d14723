/**
 * The mutating methods of `bytearray` (`Objects/bytearrayobject.c`): each changes the buffer
 * through `PyByteArray_Resize` or `bytearray_setslice_linear`, as CPython does, so that the
 * over-allocation (`sys.getsizeof`, `__alloc__()`) and the `BufferError` while a memoryview
 * exports the buffer follow it.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { sliceIndices } from '../runtime/items.js';
import { collect } from '../runtime/iterate.js';
import { type BytesData, checkResizable, resizeByteArray, setSliceLinear } from './bytearray-buffer.js';
import { bytesOf, isBytesLike, newBytes } from './bytes.js';
import { indexArg, method, type Params } from './method-arguments.js';

function dataOf(ip: Interp, self: number): BytesData {
  return ip.payload(self) as BytesData;
}

/** A byte value argument (`_getbytevalue`). */
function byteValue(ip: Interp, slot: number): number {
  if (!ip.isInt(slot) && !ip.lookupSpecial(slot, '__index__'))
    ip.raise('TypeError', `'${ip.typeName(slot)}' object cannot be interpreted as an integer`);
  const b = indexArg(ip, slot);
  if (b < 0 || b > 255) ip.raise('ValueError', 'byte must be in range(0, 256)');
  return b;
}

/** The bytes an iterable of ints (or a buffer) holds, for `extend` and slice assignment. */
function bytesFrom(ip: Interp, value: number, what: string): Uint8Array {
  if (isBytesLike(ip, value)) return bytesOf(ip, value).slice();
  if (ip.store.type[value] === TypeId.Str) ip.raise('TypeError', what);
  const h = ip.stackHeight;
  const out = Uint8Array.from(collect(ip, value), (v) => byteValue(ip, v));
  ip.unwindTo(h);
  return out;
}

/** `self += other`: the buffer grows in place (`bytearray_iconcat`). */
export function bytearrayInplaceAdd(ip: Interp, self: number, other: number): number {
  if (!isBytesLike(ip, other)) ip.raise('TypeError', `can't concat ${ip.typeName(other)} to bytearray`);
  const add = bytesOf(ip, other).slice();
  const data = dataOf(ip, self);
  const size = data.bytes.length;
  resizeByteArray(ip, self, data, size + add.length);
  data.bytes.set(add, size);
  return ip.own(self);
}

/** `self *= n` (`bytearray_irepeat`). */
export function bytearrayInplaceRepeat(ip: Interp, self: number, count: number): number {
  const n = Math.max(0, Number(ip.intValue(count)));
  const data = dataOf(ip, self);
  const one = data.bytes.slice();
  resizeByteArray(ip, self, data, one.length * n);
  for (let i = 0; i < n; i++) data.bytes.set(one, i * one.length);
  return ip.own(self);
}

function isSlice(ip: Interp, key: number): boolean {
  return (ip.payload(key) as { kind?: string } | undefined)?.kind === 'slice';
}

function itemIndex(ip: Interp, self: number, key: number): number {
  if (!ip.isInt(key) && !ip.lookupSpecial(key, '__index__'))
    ip.raise('TypeError', `bytearray indices must be integers or slices, not ${ip.typeName(key)}`);
  const length = dataOf(ip, self).bytes.length;
  const raw = indexArg(ip, key);
  const i = raw < 0 ? raw + length : raw;
  if (i < 0 || i >= length) ip.raise('IndexError', 'bytearray index out of range');
  return i;
}

/** `self[key] = value` (`bytearray_ass_subscript`). */
const setItem: NativeFn = (ip, [self, key, value]) => {
  const data = dataOf(ip, self);
  if (!isSlice(ip, key)) {
    data.bytes[itemIndex(ip, self, key)] = byteValue(ip, value);
    return ip.none;
  }
  const [start, stop, step, count] = sliceIndices(ip, key, data.bytes.length);
  if (ip.isInt(value))
    ip.raise('TypeError', 'can assign only bytes, buffers, or iterables of ints in range(0, 256)');
  const bytes = bytesFrom(ip, value, 'can assign only bytes, buffers, or iterables of ints in range(0, 256)');
  if (step === 1) {
    setSliceLinear(ip, self, data, start, Math.max(start, stop), bytes);
    return ip.none;
  }
  if (bytes.length !== count)
    ip.raise(
      'ValueError',
      `attempt to assign bytes of size ${bytes.length} to extended slice of size ${count}`,
    );
  for (let i = 0, j = start; i < count; i++, j += step) data.bytes[j] = bytes[i];
  return ip.none;
};

/** `del self[key]`. */
const delItem: NativeFn = (ip, [self, key]) => {
  const data = dataOf(ip, self);
  if (!isSlice(ip, key)) {
    const i = itemIndex(ip, self, key);
    setSliceLinear(ip, self, data, i, i + 1, new Uint8Array(0));
    return ip.none;
  }
  const [start, stop, step, count] = sliceIndices(ip, key, data.bytes.length);
  if (step === 1) {
    setSliceLinear(ip, self, data, start, Math.max(start, stop), new Uint8Array(0));
    return ip.none;
  }
  if (count === 0) return ip.none;
  const drop = new Set<number>();
  for (let i = 0, j = start; i < count; i++, j += step) drop.add(j);
  const kept = data.bytes.filter((_b, i) => !drop.has(i));
  checkResizable(ip, data);
  resizeByteArray(ip, self, data, kept.length);
  data.bytes.set(kept);
  return ip.none;
};

const NONE: Params = { names: [], required: 0 };

/** The methods only `bytearray` has. */
export const BYTEARRAY_METHODS: Record<string, NativeFn> = {
  append: method('append', { names: ['item'], required: 1 }, (ip, self, [item]) => {
    const b = byteValue(ip, item!);
    const data = dataOf(ip, self);
    const size = data.bytes.length;
    resizeByteArray(ip, self, data, size + 1);
    data.bytes[size] = b;
    return ip.none;
  }),
  extend: method('extend', { names: ['iterable_of_ints'], required: 1 }, (ip, self, [it]) => {
    if (ip.isInt(it!)) ip.raise('TypeError', `can't extend bytearray with ${ip.typeName(it!)}`);
    const add = bytesFrom(ip, it!, `expected iterable of integers; got: '${ip.typeName(it!)}'`);
    const data = dataOf(ip, self);
    const size = data.bytes.length;
    setSliceLinear(ip, self, data, size, size, add);
    return ip.none;
  }),
  insert: method('insert', { names: ['index', 'item'], required: 2 }, (ip, self, [at, item]) => {
    const data = dataOf(ip, self);
    const size = data.bytes.length;
    let i = indexArg(ip, at!);
    const b = byteValue(ip, item!);
    if (i < 0) i = Math.max(0, i + size);
    if (i > size) i = size;
    resizeByteArray(ip, self, data, size + 1);
    data.bytes.copyWithin(i + 1, i, size);
    data.bytes[i] = b;
    return ip.none;
  }),
  pop: method('pop', { names: ['index'], required: 0 }, (ip, self, [at]) => {
    const data = dataOf(ip, self);
    const size = data.bytes.length;
    if (size === 0) ip.raise('IndexError', 'pop from empty bytearray');
    let i = at === undefined ? -1 : indexArg(ip, at);
    if (i < 0) i += size;
    if (i < 0 || i >= size) ip.raise('IndexError', 'pop index out of range');
    checkResizable(ip, data);
    const b = data.bytes[i];
    data.bytes.copyWithin(i, i + 1, size);
    resizeByteArray(ip, self, data, size - 1);
    return ip.int(b);
  }),
  remove: method('remove', { names: ['value'], required: 1 }, (ip, self, [v]) => {
    const b = byteValue(ip, v!);
    const data = dataOf(ip, self);
    const size = data.bytes.length;
    const i = data.bytes.indexOf(b);
    if (i < 0) ip.raise('ValueError', 'value not found in bytearray');
    checkResizable(ip, data);
    data.bytes.copyWithin(i, i + 1, size);
    resizeByteArray(ip, self, data, size - 1);
    return ip.none;
  }),
  reverse: method('reverse', NONE, (ip, self) => {
    dataOf(ip, self).bytes.reverse();
    return ip.none;
  }),
  clear: method('clear', NONE, (ip, self) => {
    resizeByteArray(ip, self, dataOf(ip, self), 0);
    return ip.none;
  }),
  copy: method('copy', NONE, (ip, self) => newBytes(ip, dataOf(ip, self).bytes.slice(), true)),
  __alloc__: method('__alloc__', NONE, (ip, self) => ip.int(dataOf(ip, self).alloc ?? 0)),
  __setitem__: setItem,
  __delitem__: delItem,
};
