/**
 * `hash(x)` as CPython computes it: ints modulo 2**61 - 1 (`long_hash`), floats by `_Py_HashDouble`,
 * tuples by the xxHash-based `tuplehash`, objects by their address (`_Py_HashPointer`), and a
 * class's `__hash__`. `str` and `bytes` hash by SipHash as CPython does under `PYTHONHASHSEED=0`
 * (see `lib/siphash.ts`).
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { hashNone } from '../lib/hash.js';
import { hashBytes, hashStr } from '../lib/siphash.js';
import type { Interp } from '../runtime/interp.js';
import { bytesOf } from './bytes.js';
import { idOf } from './functions.js';

const P = (1n << 61n) - 1n;
const MASK64 = (1n << 64n) - 1n;

function signed64(v: bigint): bigint {
  const x = v & MASK64;
  return x >= 1n << 63n ? x - (1n << 64n) : x;
}

/** `hash(n)` of an int. */
export function hashInt(n: bigint): bigint {
  const r = (n < 0n ? -n : n) % P;
  const h = n < 0n ? -r : r;
  return h === -1n ? -2n : h;
}

/** `hash(x)` of a float (`_Py_HashDouble`). */
export function hashFloat(x: number): bigint {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 0n : x > 0 ? 314159n : -314159n;
  if (Number.isInteger(x)) return hashInt(BigInt(x));
  let m = Math.abs(x);
  let e = 0;
  while (m >= 1) {
    m /= 2;
    e++;
  }
  while (m < 0.5) {
    m *= 2;
    e--;
  }
  let acc = 0n;
  while (m) {
    acc = ((acc << 28n) & P) | (acc >> (61n - 28n));
    m *= 268435456.0;
    e -= 28;
    const y = Math.floor(m);
    m -= y;
    acc += BigInt(y);
    if (acc >= P) acc -= P;
  }
  const shift = e >= 0 ? BigInt(e % 61) : BigInt(61 - 1 - ((-1 - e) % 61));
  acc = ((acc << shift) & P) | (acc >> (61n - shift));
  const h = x < 0 ? -acc : acc;
  return h === -1n ? -2n : h;
}

/** `hash(t)` of a tuple from its items' hashes (`tuplehash`, xxHash's 64-bit round). */
export function hashTuple(hashes: bigint[]): bigint {
  const PRIME1 = 11400714785074694791n;
  const PRIME2 = 14029467366897019727n;
  const PRIME5 = 2870177450012600261n;
  let acc = PRIME5;
  for (const h of hashes) {
    acc = (acc + (h & MASK64) * PRIME2) & MASK64;
    acc = ((acc << 31n) | (acc >> 33n)) & MASK64;
    acc = (acc * PRIME1) & MASK64;
  }
  acc = (acc + (BigInt(hashes.length) ^ (PRIME5 ^ 3527539n))) & MASK64;
  if (acc === MASK64) return 1546275796n;
  return signed64(acc);
}

/** `frozenset_hash`: order-independent, from the members' hashes (a table without dummies). */
export function hashFrozenSet(hashes: bigint[]): bigint {
  const shuffle = (h: bigint) => ((h ^ 89869747n ^ ((h << 16n) & MASK64)) * 3644798167n) & MASK64;
  let hash = 0n;
  for (const h of hashes) hash ^= shuffle(h & MASK64);
  hash ^= ((BigInt(hashes.length) + 1n) * 1927868237n) & MASK64;
  hash ^= (hash >> 11n) ^ (hash >> 25n);
  hash = (hash * 69069n + 907133923n) & MASK64;
  if (hash === MASK64) hash = 590923713n;
  return signed64(hash);
}

function hashPointer(address: number): bigint {
  const p = BigInt(address);
  return signed64((p >> 4n) | (p << 60n));
}

/** `hash(x)` as a bigint (`TypeError` for unhashable objects). */
export function hashOf(ip: Interp, slot: number): bigint {
  const store = ip.store;
  switch (store.type[slot]) {
    case TypeId.Int:
    case TypeId.Bool:
      return hashInt(BigInt(ip.intValue(slot)));
    case TypeId.Float:
      return hashFloat(store.scalar[slot]);
    case TypeId.Str:
      return hashStr(ip.text(slot), ip.heap.sizes.version);
    case TypeId.Bytes:
      return hashBytes(bytesOf(ip, slot), ip.heap.sizes.version);
    case TypeId.None:
      return hashNone(ip.heap.sizes.version, BigInt(idOf(ip, slot)));
    case TypeId.Tuple:
      return hashTuple(ip.items(slot).map((item) => hashOf(ip, item)));
    case TypeId.FrozenSet:
      return hashFrozenSet(ip.items(slot).map((item) => hashOf(ip, item)));
    default:
      break;
  }
  ip.hashCheck(slot);
  const hook = ip.lookupSpecial(slot, '__hash__');
  if (hook?.owner.user) {
    const r = ip.callMethod(slot, hook, []);
    if (!ip.isInt(r)) {
      ip.drop(r);
      ip.raise('TypeError', '__hash__ method should return an integer');
    }
    const v = hashInt(BigInt(ip.intValue(r)));
    ip.drop(r);
    return v;
  }
  return hashPointer(idOf(ip, slot));
}
