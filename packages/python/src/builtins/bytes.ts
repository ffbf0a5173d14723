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

/** Side data of a bytes or bytearray object. */
export interface BytesData {
  readonly kind: 'bytes';
  bytes: Uint8Array;
}

/** Whether a slot is a bytes or bytearray object. */
export function isBytesLike(ip: Interp, slot: number): boolean {
  const t = ip.store.type[slot];
  return t === TypeId.Bytes || t === TypeId.ByteArray || t === TypeId.MemoryView;
}

/** Side data of a memoryview: the window of its object's buffer it shows. */
export interface ViewData {
  readonly kind: 'memoryview';
  readonly start: number;
  readonly length: number;
}

/** The object a memoryview shows (borrowed). */
export function viewObject(ip: Interp, view: number): number {
  return ip.store.refs.cells[ip.store.refStart[view]];
}

/** A memoryview of `target`'s bytes `start .. start + length` (a view: no copy), owned. */
export function newView(ip: Interp, target: number, start: number, length: number): number {
  const slot = ip.own(ip.heap.newMemoryView(target));
  ip.setPayload(slot, { kind: 'memoryview', start, length } satisfies ViewData);
  return slot;
}

/** The contents of a bytes or bytearray object. */
export function bytesOf(ip: Interp, slot: number): Uint8Array {
  if (ip.store.type[slot] === TypeId.MemoryView) {
    const view = ip.payload(slot) as ViewData;
    return bytesOf(ip, viewObject(ip, slot)).subarray(view.start, view.start + view.length);
  }
  const data = (ip.payload(slot) as BytesData | undefined)?.bytes;
  if (data) return data;
  // Contents that were never given (bytes(n), bytearray(n)) are zeros.
  return new Uint8Array(ip.store.type[slot] === TypeId.Str ? 0 : ip.store.scalar[slot]);
}

/** A new bytes (or bytearray) object holding `data`, owned. */
export function newBytes(ip: Interp, data: Uint8Array, array = false): number {
  const slot = ip.own(array ? ip.heap.newByteArray(data.length) : ip.heap.newBytes(data.length));
  if (data.length > 0 || array) ip.setPayload(slot, { kind: 'bytes', bytes: data } satisfies BytesData);
  return slot;
}

/** `repr(b)`: `b'...'` with CPython's escapes (`bytearray(b'...')` for a bytearray). */
export function bytesRepr(ip: Interp, slot: number): string {
  const data = bytesOf(ip, slot);
  const quote = data.includes(0x27) && !data.includes(0x22) ? '"' : "'";
  let out = `b${quote}`;
  for (const c of data) {
    if (c === 0x5c || c === quote.charCodeAt(0)) out += `\\${String.fromCharCode(c)}`;
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(c);
  }
  out += quote;
  return ip.store.type[slot] === TypeId.ByteArray ? `bytearray(${out})` : out;
}

function contents(ip: Interp, args: number[], name: string): Uint8Array {
  if (args.length === 0) return new Uint8Array(0);
  const x = args[0];
  if (ip.isInt(x)) {
    const n = intArg(ip, x, '');
    if (n < 0) ip.raise('ValueError', 'negative count');
    reserveBytes(ip, n);
    return new Uint8Array(n);
  }
  if (ip.store.type[x] === TypeId.Str) {
    if (args.length < 2) ip.raise('TypeError', 'string argument without an encoding');
    return new TextEncoder().encode(ip.text(x));
  }
  if (isBytesLike(ip, x)) return bytesOf(ip, x).slice();
  const h = ip.stackHeight;
  const items = collect(ip, x).map((v) => {
    const n = intArg(ip, v, '');
    if (n < 0 || n > 255) ip.raise('ValueError', 'bytes must be in range(0, 256)');
    return n;
  });
  ip.unwindTo(h);
  void name;
  return Uint8Array.from(items);
}

/** The constructors of `bytes` and `bytearray`. */
export const BYTES_CONSTRUCTORS: Record<string, NativeFn> = {
  bytes: (ip, args) => {
    arity(ip, 'bytes', args, 0, 3);
    return newBytes(ip, contents(ip, args, 'bytes'));
  },
  memoryview: (ip, args) => {
    arity(ip, 'memoryview', args, 1, 1);
    const target = args[0];
    if (ip.store.type[target] === TypeId.MemoryView) {
      const view = ip.payload(target) as ViewData;
      return newView(ip, viewObject(ip, target), view.start, view.length);
    }
    if (!isBytesLike(ip, target))
      ip.raise('TypeError', `memoryview: a bytes-like object is required, not '${ip.typeName(target)}'`);
    return newView(ip, target, 0, bytesOf(ip, target).length);
  },
  bytearray: (ip, args) => {
    arity(ip, 'bytearray', args, 0, 3);
    return newBytes(ip, contents(ip, args, 'bytearray'), true);
  },
};

/** `a + b`, `b * n`, or NaN-like -2 when the operands are not bytes operations. */
export function bytesOp(ip: Interp, op: string, a: number, b: number): number {
  if (op === 'Add' && isBytesLike(ip, a) && isBytesLike(ip, b)) {
    const x = bytesOf(ip, a);
    const y = bytesOf(ip, b);
    const out = new Uint8Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return newBytes(ip, out, ip.store.type[a] === TypeId.ByteArray);
  }
  if (op === 'Mult' && (isBytesLike(ip, a) || isBytesLike(ip, b))) {
    const [seq, count] = isBytesLike(ip, a) ? [a, b] : [b, a];
    if (!ip.isInt(count)) return -2;
    const one = bytesOf(ip, seq);
    const n = repeatCountFor(ip, ip.intValue(count), one.length);
    const out = new Uint8Array(one.length * n);
    for (let i = 0; i < n; i++) out.set(one, i * one.length);
    return newBytes(ip, out, ip.store.type[seq] === TypeId.ByteArray);
  }
  return -2;
}

/** `b[i]` (an int) or `b[i:j]` (a new bytes or bytearray). */
export function bytesItem(ip: Interp, obj: number, key: number): number {
  const data = bytesOf(ip, obj);
  if ((ip.payload(key) as { kind?: string } | undefined)?.kind === 'slice') {
    const [start, , step, count] = sliceIndices(ip, key, data.length);
    if (ip.store.type[obj] === TypeId.MemoryView) {
      if (step !== 1)
        ip.raise('NotImplementedError', 'memoryview slices with a step are not supported by pymm');
      return newView(ip, viewObject(ip, obj), (ip.payload(obj) as ViewData).start + start, count);
    }
    const out = new Uint8Array(count);
    for (let i = 0, j = start; i < count; i++, j += step) out[i] = data[j];
    return newBytes(ip, out, ip.store.type[obj] === TypeId.ByteArray);
  }
  if (!ip.isInt(key))
    ip.raise('TypeError', `byte indices must be integers or slices, not ${ip.typeName(key)}`);
  const raw = Number(ip.intValue(key));
  const i = raw < 0 ? raw + data.length : raw;
  if (i < 0 || i >= data.length)
    ip.raise(
      'IndexError',
      `${ip.store.type[obj] === TypeId.ByteArray ? 'bytearray' : 'index'} index out of range`,
    );
  return ip.int(data[i]);
}

/** `a == b` of two bytes-like objects. */
export function bytesEqual(ip: Interp, a: number, b: number): boolean {
  const x = bytesOf(ip, a);
  const y = bytesOf(ip, b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
