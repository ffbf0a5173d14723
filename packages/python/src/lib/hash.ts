/**
 * CPython's `hash()` (`Python/pyhash.c`, `Objects/longobject.c`,
 * `Objects/tupleobject.c`, `Objects/setobject.c`) for the built-in value types,
 * on 64-bit builds. Hashes are signed 64-bit values as `bigint`;
 * {@link hashSmallInt} is the allocation-free path for safe-integer ints, whose
 * hash is the int itself (but `-1` hashes to `-2`).
 *
 * `str` and `bytes` hash by SipHash (`siphash.ts`), as CPython does under
 * `PYTHONHASHSEED=0`.
 */
import type { PythonVersion } from './python-version.js';

/** `_PyHASH_MODULUS`: the prime 2**61 - 1 numeric hashes reduce by. */
export const HASH_MODULUS = (1n << 61n) - 1n;
/** `_PyHASH_INF`: the hash of `inf` (and minus it of `-inf`). */
export const HASH_INF = 314159n;

/** `hash(n)` for an int that is a safe integer: `n`, except `-1` → `-2` (no allocation). */
export function hashSmallInt(n: number): number {
  return n === -1 ? -2 : n;
}

/** `hash(n)` for any int (`long_hash`): `n` reduced modulo 2**61 - 1 keeping its sign, `-1` → `-2`. */
export function hashInt(n: bigint): bigint {
  const x = n < 0n ? -(-n % HASH_MODULUS) : n % HASH_MODULUS;
  return x === -1n ? -2n : x;
}

/** `hash(True)` is 1, `hash(False)` 0. */
export function hashBool(b: boolean): bigint {
  return b ? 1n : 0n;
}

const bits = new DataView(new ArrayBuffer(8));

/**
 * `hash(x)` for a float (`_Py_HashDouble`): equal to the hash of the equal
 * int or fraction (the value modulo 2**61 - 1); `±314159` for `±inf`; a NaN
 * hashes by identity (`_Py_HashPointer` of `identity`, its address) in 3.10+.
 */
export function hashFloat(x: number, identity: bigint): bigint {
  if (Number.isNaN(x)) return hashPointer(identity);
  if (x === Infinity) return HASH_INF;
  if (x === -Infinity) return -HASH_INF;
  if (x === 0) return 0n;
  if (Number.isSafeInteger(x)) return BigInt(hashSmallInt(x));
  // x = mantissa * 2**exponent exactly; 2**61 ≡ 1 (mod 2**61 - 1), so 2**e ≡ 2**(e mod 61).
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(bits.getUint32(4));
  let exponent = -1074;
  if (biased !== 0) {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  const e = BigInt(((exponent % 61) + 61) % 61);
  let h = ((mantissa % HASH_MODULUS) << e) % HASH_MODULUS;
  if (x < 0) h = -h;
  return h === -1n ? -2n : h;
}

/** `_Py_HashPointer`: the address rotated right by 4 bits (64-bit), `-1` → `-2`. */
export function hashPointer(address: bigint): bigint {
  const y = BigInt.asUintN(64, address);
  const rotated = BigInt.asIntN(64, (y >> 4n) | (y << 60n));
  return rotated === -1n ? -2n : rotated;
}

/** `hash(None)`: 3.12+ a constant (`0xFCA86420`); before, by identity (`_Py_HashPointer` of its address). */
export function hashNone(version: PythonVersion, identity: bigint): bigint {
  return version === '3.10' || version === '3.11' ? hashPointer(identity) : 0xfca86420n;
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

/** `tuplehash` (xxHash-based, 3.8+): the hash of a tuple whose items hash to `itemHashes`. */
export function hashTuple(itemHashes: readonly bigint[]): bigint {
  let acc = XXPRIME_5;
  for (const lane of itemHashes) {
    acc = BigInt.asUintN(64, acc + BigInt.asUintN(64, lane) * XXPRIME_2);
    acc = BigInt.asUintN(64, (acc << 31n) | (acc >> 33n));
    acc = BigInt.asUintN(64, acc * XXPRIME_1);
  }
  acc = BigInt.asUintN(64, acc + (BigInt(itemHashes.length) ^ (XXPRIME_5 ^ 3527539n)));
  if (acc === 0xffffffffffffffffn) return 1546275796n;
  return BigInt.asIntN(64, acc);
}

/** `_shuffle_bits` of `setobject.c`. */
function shuffleBits(h: bigint): bigint {
  return BigInt.asUintN(64, (h ^ 89869747n ^ BigInt.asUintN(64, h << 16n)) * 3644798167n);
}

/**
 * `frozenset_hash`: the hash of a frozenset whose members hash to
 * `memberHashes` (order does not matter: the table's empty and dummy slots
 * cancel out in CPython's formula, leaving the members' shuffled hashes).
 */
export function hashFrozenset(memberHashes: readonly bigint[]): bigint {
  let hash = 0n;
  for (const h of memberHashes) hash ^= shuffleBits(BigInt.asUintN(64, h));
  hash ^= BigInt.asUintN(64, (BigInt(memberHashes.length) + 1n) * 1927868237n);
  hash ^= (hash >> 11n) ^ (hash >> 25n);
  hash = BigInt.asUintN(64, hash * 69069n + 907133923n);
  if (hash === 0xffffffffffffffffn) hash = 590923713n;
  return BigInt.asIntN(64, hash);
}
