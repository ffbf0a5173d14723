/**
 * `bytes` and `bytearray`: their contents as side data of core's bytes objects (whose sizes core
 * models), the constructors, `+`, `*`, indexing, slicing, comparison and `repr`.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { repeatCountFor, reserveBytes } from '../runtime/allocation-guard.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { sliceIndices } from '../runtime/items.js';
import { collect } from '../runtime/iterate.js';
import { arity, intArg } from './arguments.js';
import { type BytesData, byteArrayData } from './bytearray-buffer.js';
import { latin1 } from './bytes-methods.js';
import { decodeData, encodeText } from './codecs.js';
import { bytesPercentFormat } from './format.js';
import { liveView, viewItem } from './memoryview-methods.js';

export type { BytesData } from './bytearray-buffer.js';

/** Whether a slot is a bytes or bytearray object. */
export function isBytesLike(ip: Interp, slot: number): boolean {
  const t = ip.store.type[slot];
  return t === TypeId.Bytes || t === TypeId.ByteArray || t === TypeId.MemoryView;
}

/** The object a memoryview shows (borrowed). */
export function viewObject(ip: Interp, view: number): number {
  return ip.store.refs.cells[ip.store.refStart[view]];
}

/** The contents of a bytes, bytearray or memoryview object (a live window where CPython shares the memory). */
export function bytesOf(ip: Interp, slot: number): Uint8Array {
  if (ip.store.type[slot] === TypeId.MemoryView) {
    const view = liveView(ip, slot);
    const whole = bytesOf(ip, viewObject(ip, slot));
    if (view.step === 1) return whole.subarray(view.start, view.start + view.length);
    const out = new Uint8Array(view.length);
    for (let i = 0, j = view.start; i < view.length; i++, j += view.step) out[i] = whole[j];
    return out;
  }
  const data = (ip.payload(slot) as BytesData | undefined)?.bytes;
  if (data) return data;
  // Contents that were never given (bytes(n), bytearray(n)) are zeros.
  return new Uint8Array(ip.store.type[slot] === TypeId.Str ? 0 : ip.store.scalar[slot]);
}

/**
 * A new bytes (or bytearray) object holding `data` (which it keeps), owned. `cached`: a one-byte
 * bytes is CPython's cached object of that byte, as `PyBytes_FromStringAndSize` gives it.
 */
export function newBytes(ip: Interp, data: Uint8Array, array = false, cached = false): number {
  if (array) {
    const slot = ip.own(ip.heap.newByteArray(data.length));
    ip.setPayload(slot, byteArrayData(data));
    return slot;
  }
  const slot = ip.own(ip.heap.newBytes(data.length, cached && data.length === 1 ? data[0] : -1));
  if (data.length > 0 && ip.payload(slot) === undefined) {
    ip.setPayload(slot, { kind: 'bytes', bytes: data } satisfies BytesData);
    // The contents as core's key text, so that equal bytes are one dict key and one set member.
    ip.store.text.set(slot, latin1(data));
  }
  return slot;
}

/** The contents of a bytes-like argument (a copy), or null when it is not one. */
export function bufferArg(ip: Interp, slot: number): Uint8Array | null {
  return isBytesLike(ip, slot) ? bytesOf(ip, slot) : null;
}

/** `repr(b)`: `b'...'` with CPython's escapes (`bytearray(b'...')` for a bytearray). */
export function bytesRepr(ip: Interp, slot: number): string {
  const data = bytesOf(ip, slot);
  const array = ip.store.type[slot] === TypeId.ByteArray;
  const quote = data.includes(0x27) && !data.includes(0x22) ? '"' : "'";
  let out = `b${quote}`;
  for (const c of data) {
    // `bytearray_repr` escapes a single quote whichever quote it uses; `bytes_repr` only the quote it uses.
    if (c === 0x5c || c === quote.charCodeAt(0) || (c === 0x27 && array))
      out += `\\${String.fromCharCode(c)}`;
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(c);
  }
  out += quote;
  return array ? `bytearray(${out})` : out;
}

/** What `bytes(x)`/`bytearray(x)` hold, and whether CPython's result may be the one-byte cache. */
function contents(ip: Interp, args: number[], name: string): [Uint8Array, boolean] {
  if (args.length === 0) return [new Uint8Array(0), true];
  const x = args[0];
  if (ip.store.type[x] === TypeId.Str) {
    if (args.length < 2) ip.raise('TypeError', 'string argument without an encoding');
    const encoding = ip.text(args[1]);
    const errors = args.length > 2 ? ip.text(args[2]) : 'strict';
    const encoded = encodeText(ip, ip.text(x), encoding, errors);
    const out = bytesOf(ip, encoded).slice();
    ip.drop(encoded);
    return [out, true];
  }
  if (args.length > 1)
    ip.raise(
      'TypeError',
      args.length > 2 ? 'errors without a string argument' : 'encoding without a string argument',
    );
  if (ip.isInt(x) || ip.lookupSpecial(x, '__index__')) {
    const n = intArg(ip, x, '');
    if (n < 0) ip.raise('ValueError', 'negative count');
    reserveBytes(ip, n);
    return [new Uint8Array(n), false];
  }
  // A buffer is copied (`PyBytes_FromStringAndSize(NULL, n)` then filled: never the cache).
  if (isBytesLike(ip, x)) return [bytesOf(ip, x).slice(), false];
  const t = ip.store.type[x];
  if (t === TypeId.Float || t === TypeId.None || t === TypeId.Function)
    ip.raise('TypeError', `cannot convert '${ip.typeName(x)}' object to ${name}`);
  const h = ip.stackHeight;
  const items = collect(ip, x).map((v) => {
    if (!ip.isInt(v) && !ip.lookupSpecial(v, '__index__'))
      ip.raise('TypeError', `'${ip.typeName(v)}' object cannot be interpreted as an integer`);
    const n = intArg(ip, v, '');
    if (n < 0 || n > 255) ip.raise('ValueError', 'bytes must be in range(0, 256)');
    return n;
  });
  ip.unwindTo(h);
  // `_PyBytes_FromList` and the iterator path end in the cache for one byte; `_PyBytes_FromTuple` does not.
  return [Uint8Array.from(items), t !== TypeId.Tuple];
}

/** The constructors of `bytes` and `bytearray`. */
export const BYTES_CONSTRUCTORS: Record<string, NativeFn> = {
  bytes: (ip, args) => {
    arity(ip, 'bytes', args, 0, 3);
    if (args.length === 1 && ip.store.type[args[0]] === TypeId.Bytes) return ip.own(args[0]);
    if (args.length === 1 && !isBytesLike(ip, args[0])) {
      const hook = ip.lookupSpecial(args[0], '__bytes__');
      if (hook) {
        const r = ip.callMethod(args[0], hook, []);
        if (ip.store.type[r] !== TypeId.Bytes)
          ip.raise('TypeError', `__bytes__ returned non-bytes (type ${ip.typeName(r)})`);
        return r;
      }
    }
    const [data, cached] = contents(ip, args, 'bytes');
    return newBytes(ip, data, false, cached);
  },
  bytearray: (ip, args) => {
    arity(ip, 'bytearray', args, 0, 3);
    return newBytes(ip, contents(ip, args, 'bytearray')[0], true);
  },
};

/** `a + b`, `b * n`, or -2 when the operands are not bytes operations. */
export function bytesOp(ip: Interp, op: string, a: number, b: number): number {
  const ta = ip.store.type[a];
  if (op === 'Add' && (ta === TypeId.Bytes || ta === TypeId.ByteArray) && isBytesLike(ip, b)) {
    const x = bytesOf(ip, a);
    const y = bytesOf(ip, b);
    // `bytes_concat` returns an exact bytes operand unchanged when the other is empty.
    if (ta === TypeId.Bytes && x.length === 0 && ip.store.type[b] === TypeId.Bytes) return ip.own(b);
    if (ta === TypeId.Bytes && y.length === 0) return ip.own(a);
    const out = new Uint8Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return newBytes(ip, out, ta === TypeId.ByteArray);
  }
  if (op === 'Add' && (ta === TypeId.Bytes || ta === TypeId.ByteArray))
    return ip.raise('TypeError', `can't concat ${ip.typeName(b)} to ${ip.typeName(a)}`);
  if (
    op === 'Mult' &&
    (ta === TypeId.Bytes ||
      ta === TypeId.ByteArray ||
      ip.store.type[b] === TypeId.Bytes ||
      ip.store.type[b] === TypeId.ByteArray)
  ) {
    const [seq, count] = ta === TypeId.Bytes || ta === TypeId.ByteArray ? [a, b] : [b, a];
    if (!ip.isInt(count)) return -2;
    const one = bytesOf(ip, seq);
    const n = repeatCountFor(ip, ip.intValue(count), one.length);
    const array = ip.store.type[seq] === TypeId.ByteArray;
    if (!array && (n === 1 || one.length === 0)) return ip.own(seq);
    const out = new Uint8Array(one.length * n);
    for (let i = 0; i < n; i++) out.set(one, i * one.length);
    return newBytes(ip, out, array, true);
  }
  if (op === 'Mod' && (ta === TypeId.Bytes || ta === TypeId.ByteArray))
    return newBytes(ip, bytesPercentFormat(ip, bytesOf(ip, a), b), ta === TypeId.ByteArray, true);
  return -2;
}

/** `b[i]` (an int) or `b[i:j]` (a new bytes or bytearray, a view of a memoryview). */
export function bytesItem(ip: Interp, obj: number, key: number): number {
  if (ip.store.type[obj] === TypeId.MemoryView) return viewItem(ip, obj, key);
  const data = bytesOf(ip, obj);
  const array = ip.store.type[obj] === TypeId.ByteArray;
  if ((ip.payload(key) as { kind?: string } | undefined)?.kind === 'slice') {
    const [start, , step, count] = sliceIndices(ip, key, data.length);
    if (!array && step === 1 && count === data.length) return ip.own(obj);
    if (step === 1) return newBytes(ip, data.slice(start, start + count), array, true);
    const out = new Uint8Array(count);
    for (let i = 0, j = start; i < count; i++, j += step) out[i] = data[j];
    return newBytes(ip, out, array);
  }
  if (!ip.isInt(key) && !ip.lookupSpecial(key, '__index__'))
    ip.raise(
      'TypeError',
      `${array ? 'bytearray' : 'byte'} indices must be integers or slices, not ${ip.typeName(key)}`,
    );
  const raw = intArg(ip, key, '');
  const i = raw < 0 ? raw + data.length : raw;
  if (i < 0 || i >= data.length)
    ip.raise('IndexError', `${array ? 'bytearray' : 'index'} index out of range`);
  return ip.int(data[i]);
}

/** `a == b` of two bytes-like objects. */
export function bytesEqual(ip: Interp, a: number, b: number): boolean {
  const x = bytesOf(ip, a);
  const y = bytesOf(ip, b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** `data.decode(encoding, errors)` as a str, owned (the one-character cache applies, as `PyUnicode_DecodeUTF8` uses it). */
export function decodeBytes(ip: Interp, data: Uint8Array, encoding: string, errors: string): number {
  return ip.str(decodeData(ip, data, encoding, errors));
}
