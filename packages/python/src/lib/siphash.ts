/**
 * CPython's hash of `str` and `bytes` (`Python/pyhash.c`): SipHash over the
 * object's bytes, SipHash-1-3 since 3.11 and SipHash-2-4 before, keyed by the
 * interpreter's hash secret.
 *
 * CPython draws that secret at random in each process unless `PYTHONHASHSEED`
 * is set; `PYTHONHASHSEED=0` disables the randomisation and makes the secret
 * all zeros. pymm hashes as CPython does under `PYTHONHASHSEED=0`, so the
 * iteration order of a set of strs and the figures `hash('x')` prints are
 * those of `PYTHONHASHSEED=0 python3 prog.py`.
 *
 * A `str` is hashed over its compact representation (PEP 393): one byte per
 * character when every code point is below 256, two (little-endian) when below
 * 65536, four otherwise. The empty string hashes to 0, and -1 becomes -2.
 */
import type { PythonVersion } from './python-version.js';

const MASK = (1n << 64n) - 1n;

let v0 = 0n;
let v1 = 0n;
let v2 = 0n;
let v3 = 0n;

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & MASK;
}

/** One SipRound on the state. */
function sipRound(): void {
  v0 = (v0 + v1) & MASK;
  v1 = rotl(v1, 13n) ^ v0;
  v0 = rotl(v0, 32n);
  v2 = (v2 + v3) & MASK;
  v3 = rotl(v3, 16n) ^ v2;
  v0 = (v0 + v3) & MASK;
  v3 = rotl(v3, 21n) ^ v0;
  v2 = (v2 + v1) & MASK;
  v1 = rotl(v1, 17n) ^ v2;
  v2 = rotl(v2, 32n);
}

/**
 * SipHash-c-d of `bytes` with the key (`k0`, `k1`) = (0, 0), as an unsigned
 * 64-bit value: `c` rounds per 8-byte word, `d` rounds to finish.
 */
export function sipHash(bytes: Uint8Array, c: number, d: number): bigint {
  v0 = 0x736f6d6570736575n;
  v1 = 0x646f72616e646f6dn;
  v2 = 0x6c7967656e657261n;
  v3 = 0x7465646279746573n;
  const n = bytes.length;
  const whole = n - (n % 8);
  for (let at = 0; at < whole; at += 8) {
    const lo = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
    const hi = (bytes[at + 4] | (bytes[at + 5] << 8) | (bytes[at + 6] << 16) | (bytes[at + 7] << 24)) >>> 0;
    const m = (BigInt(hi) << 32n) | BigInt(lo);
    v3 ^= m;
    for (let r = 0; r < c; r++) sipRound();
    v0 ^= m;
  }
  let last = BigInt(n & 0xff) << 56n;
  for (let i = n - 1; i >= whole; i--) last |= BigInt(bytes[i]) << BigInt(8 * (i - whole));
  v3 ^= last;
  for (let r = 0; r < c; r++) sipRound();
  v0 ^= last;
  v2 ^= 0xffn;
  for (let r = 0; r < d; r++) sipRound();
  return v0 ^ v1 ^ v2 ^ v3;
}

/** `_Py_HashBytes`: the signed hash of a byte string (0 when empty, -1 → -2). */
export function hashBytes(bytes: Uint8Array, version: PythonVersion): bigint {
  if (bytes.length === 0) return 0n;
  const unsigned = version === '3.10' ? sipHash(bytes, 2, 4) : sipHash(bytes, 1, 3);
  const signed = BigInt.asIntN(64, unsigned);
  return signed === -1n ? -2n : signed;
}

/** The bytes of `text` in CPython's compact representation (1, 2 or 4 bytes a character). */
export function compactBytes(text: string): Uint8Array {
  const points: number[] = [];
  let widest = 0;
  for (const ch of text) {
    const p = ch.codePointAt(0) as number;
    points.push(p);
    if (p > widest) widest = p;
  }
  const width = widest < 0x100 ? 1 : widest < 0x10000 ? 2 : 4;
  const out = new Uint8Array(points.length * width);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    for (let b = 0; b < width; b++) out[i * width + b] = (p >>> (8 * b)) & 0xff;
  }
  return out;
}

/** `hash(text)` for a `str`, as CPython computes it under `PYTHONHASHSEED=0`. */
export function hashStr(text: string, version: PythonVersion): bigint {
  return hashBytes(compactBytes(text), version);
}
