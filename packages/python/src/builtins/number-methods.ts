/**
 * Methods and data attributes of `int` and `float` (`Objects/longobject.c`, `floatobject.c`):
 * `bit_length`, `bit_count`, `to_bytes`, `from_bytes`, `as_integer_ratio`, `conjugate`,
 * `is_integer`, `hex`, `fromhex`, and `real`/`imag`/`numerator`/`denominator`. An exact int is
 * returned as itself where CPython does (`int_int`: `conjugate`, `real`, `numerator`); a bool gives
 * a new int.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { floatFromHex, floatHex } from '../lib/float-hex.js';
import { floatAsIntegerRatio } from '../lib/float-round.js';
import { PyLibError } from '../lib/python-error.js';
import { bitLength } from '../lib/ratio-to-float.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { collect } from '../runtime/iterate.js';
import { bytesOf, isBytesLike, newBytes } from './bytes.js';
import { bindArgs, indexArg, method, type Params, sequenceOf } from './method-arguments.js';

function big(ip: Interp, slot: number): bigint {
  return BigInt(ip.intValue(slot));
}

/** `int(self)` as `int_int` gives it: the object itself for an exact int, a new int for a bool. */
function asExactInt(ip: Interp, self: number): number {
  return ip.store.type[self] === TypeId.Int ? ip.own(self) : ip.int(ip.intValue(self));
}

function lib<T>(ip: Interp, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof PyLibError) ip.raise(error.pyType, error.message);
    throw error;
  }
}

function byteorderArg(ip: Interp, slot: number | undefined): 'big' | 'little' {
  if (slot === undefined) return 'big';
  if (ip.store.type[slot] !== TypeId.Str)
    ip.raise('TypeError', `to_bytes() argument 'byteorder' must be str, not ${ip.typeName(slot)}`);
  const order = ip.text(slot);
  if (order !== 'big' && order !== 'little')
    ip.raise('ValueError', "byteorder must be either 'little' or 'big'");
  return order;
}

const TO_BYTES: Params = {
  names: ['length', 'byteorder', 'signed'],
  required: 0,
  keywords: ['length', 'byteorder', 'signed'],
};

const toBytes: NativeFn = (ip, all, kw) => {
  // `signed` is keyword-only: a third positional argument is refused by the count check.
  if (all.length > 3)
    ip.raise('TypeError', `to_bytes() takes at most 2 positional arguments (${all.length - 1} given)`);
  return method('to_bytes', TO_BYTES, (ip2, self, [len, order, signed]) => {
    const length = len === undefined ? 1 : indexArg(ip2, len);
    if (length < 0) ip2.raise('ValueError', 'length argument must be non-negative');
    const byteorder = byteorderArg(ip2, order);
    const isSigned = signed !== undefined && ip2.truthy(signed);
    let v = big(ip2, self);
    if (v < 0n && !isSigned) ip2.raise('OverflowError', "can't convert negative int to unsigned");
    const bits = BigInt(length * 8);
    if (isSigned ? v >= 1n << (bits - 1n) || v < -(1n << (bits - 1n)) : v >= 1n << bits)
      ip2.raise('OverflowError', 'int too big to convert');
    if (v < 0n) v += 1n << bits;
    const out = new Uint8Array(length);
    for (let i = length - 1; i >= 0; i--) {
      out[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    if (byteorder === 'little') out.reverse();
    return newBytes(ip2, out);
  })(ip, all, kw);
};

/** `int.from_bytes(bytes, byteorder, *, signed)`: called on the type, so the bytes come first. */
const fromBytes: NativeFn = (ip, all, kw) => {
  const args = all.length > 0 && ip.isInt(all[0]) ? all.slice(1) : all;
  const params = {
    names: ['bytes', 'byteorder', 'signed'],
    required: 1,
    keywords: ['bytes', 'byteorder', 'signed'],
  };
  const [source, order, signed] = bindArgs(ip, 'from_bytes', args, kw, params);
  {
    const ip2 = ip;
    const byteorder = byteorderArg(ip2, order);
    let data: Uint8Array;
    if (isBytesLike(ip2, source!)) data = bytesOf(ip2, source!);
    else {
      const h = ip2.stackHeight;
      data = Uint8Array.from(collect(ip2, source!), (v) => {
        const n = indexArg(ip2, v);
        if (n < 0 || n > 255) ip2.raise('ValueError', 'bytes must be in range(0, 256)');
        return n;
      });
      ip2.unwindTo(h);
    }
    const ordered = byteorder === 'little' ? data.slice().reverse() : data;
    let v = 0n;
    for (const b of ordered) v = (v << 8n) | BigInt(b);
    if (signed !== undefined && ip2.truthy(signed) && ordered.length > 0 && ordered[0] >= 0x80)
      v -= 1n << BigInt(ordered.length * 8);
    return ip2.int(v);
  }
};

const NONE: Params = { names: [], required: 0 };

/** Methods of `int` (and so of `bool`). */
export const INT_METHODS: Record<string, NativeFn> = {
  bit_length: method('bit_length', NONE, (ip, self) => ip.int(bitLength(big(ip, self)))),
  bit_count: method('bit_count', NONE, (ip, self) => {
    const v = big(ip, self);
    return ip.int([...(v < 0n ? -v : v).toString(2)].filter((c) => c === '1').length);
  }),
  to_bytes: toBytes,
  from_bytes: fromBytes,
  as_integer_ratio: method('as_integer_ratio', NONE, (ip, self) =>
    sequenceOf(ip, [0, 1], (i) => (i === 0 ? asExactInt(ip, self) : ip.int(1)), true),
  ),
  conjugate: method('conjugate', NONE, (ip, self) => asExactInt(ip, self)),
  is_integer: method('is_integer', NONE, (ip, self) => {
    if (ip.heap.sizes.version === '3.11')
      ip.raise('AttributeError', `'${ip.typeName(self)}' object has no attribute 'is_integer'`);
    return ip.bool(true);
  }),
  __index__: method('__index__', NONE, (ip, self) => asExactInt(ip, self)),
};

/** Methods of `float`. */
export const FLOAT_METHODS: Record<string, NativeFn> = {
  is_integer: method('is_integer', NONE, (ip, self) => ip.bool(Number.isInteger(ip.store.scalar[self]))),
  as_integer_ratio: method('as_integer_ratio', NONE, (ip, self) => {
    const [n, d] = lib(ip, () => floatAsIntegerRatio(ip.store.scalar[self]));
    return sequenceOf(ip, [n, d], (v) => ip.int(v), true);
  }),
  conjugate: method('conjugate', NONE, (ip, self) => ip.own(self)),
  hex: method('hex', NONE, (ip, self) => ip.str(floatHex(ip.store.scalar[self]))),
  fromhex: (ip, all) => {
    const arg = all.length === 2 ? all[1] : all[0];
    if (all.length < 1 || all.length > 2)
      ip.raise('TypeError', `fromhex() takes exactly one argument (${all.length} given)`);
    if (ip.store.type[arg] !== TypeId.Str)
      ip.raise('TypeError', `fromhex() argument must be str, not ${ip.typeName(arg)}`);
    return ip.float(lib(ip, () => floatFromHex(ip.text(arg))));
  },
  __trunc__: method('__trunc__', NONE, (ip, self) => {
    const x = ip.store.scalar[self];
    if (Number.isNaN(x)) ip.raise('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(x)) ip.raise('OverflowError', 'cannot convert float infinity to integer');
    return ip.int(BigInt(Math.trunc(x)));
  }),
};

/** The data attributes of ints and floats, owned, or undefined for other names. */
export function numberAttribute(ip: Interp, self: number, name: string): number | undefined {
  const t = ip.store.type[self];
  if (t === TypeId.Float) {
    if (name === 'real') return ip.own(self);
    if (name === 'imag') return ip.float(0);
    return undefined;
  }
  switch (name) {
    case 'real':
    case 'numerator':
      return asExactInt(ip, self);
    case 'imag':
      return ip.int(0);
    case 'denominator':
      return ip.int(1);
    default:
      return undefined;
  }
}
