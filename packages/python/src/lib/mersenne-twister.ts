/**
 * CPython's `random.Random` core (`Modules/_randommodule.c`): the MT19937
 * generator, `init_genrand` / `init_by_array`, `random_seed` for ints (the
 * absolute value's 32-bit words, least significant first), `random.seed`'s
 * version-2 seeding of str and bytes (the bytes followed by their SHA-512,
 * read as a big-endian int), `random()` (`genrand_res53`) and `getrandbits`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { PyLibError } from './python-error.js';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** An MT19937 state, seeded as CPython seeds it. */
export class MersenneTwister {
  /** The 624 state words. */
  readonly mt = new Uint32Array(N);
  /** The next word to temper (`mti`). */
  index = N + 1;

  /** `init_genrand(s)`. */
  initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  /** `init_by_array(key)`. */
  initByArray(key: Uint32Array): void {
    this.initGenrand(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** `random_seed` for an int: `init_by_array` of `|n|`'s 32-bit words, least significant first (at least one). */
  seedInt(n: bigint): void {
    if (n < 0n) n = -n;
    const words: number[] = [];
    do {
      words.push(Number(n & 0xffffffffn));
      n >>= 32n;
    } while (n > 0n);
    this.initByArray(Uint32Array.from(words));
  }

  /**
   * `random_seed` for any other hashable (a float in `random.seed(1.5)`):
   * `init_by_array` of its hash cast to an unsigned 64-bit `size_t`.
   */
  seedHash(hash: bigint): void {
    this.seedInt(BigInt.asUintN(64, hash));
  }

  /** `random.seed(text)` (version 2): the UTF-8 bytes and their SHA-512 digest, as a big-endian int. */
  seedText(text: string | Uint8Array): void {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
    const all = Buffer.concat([bytes, createHash('sha512').update(bytes).digest()]);
    this.seedInt(BigInt(`0x${all.toString('hex')}`));
  }

  /** `random.seed(None)`: from the operating system's randomness (as CPython's `urandom` seeding). */
  seedRandom(): void {
    const bytes = randomBytes(N * 4);
    this.initByArray(new Uint32Array(bytes.buffer, bytes.byteOffset, N));
  }

  /** `genrand_uint32`: the next tempered 32-bit output. */
  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      if (this.index === N + 1) this.initGenrand(5489);
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random()`: `genrand_res53`, a float in [0, 1) with 53 random bits. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** `getrandbits(k)` for `k <= 53`, as a number (no allocation). */
  getrandbitsSmall(k: number): number {
    if (k <= 32) return k === 0 ? 0 : this.nextUint32() >>> (32 - k);
    const low = this.nextUint32();
    return (this.nextUint32() >>> (64 - k)) * 4294967296 + low;
  }

  /** `getrandbits(k)`: 32-bit words least significant first, the last one's surplus low bits dropped. */
  getrandbits(k: number | bigint): bigint {
    if (k < 0) throw new PyLibError('ValueError', 'number of bits must be non-negative');
    let bits = Number(k);
    if (bits <= 53) return BigInt(this.getrandbitsSmall(bits));
    let result = 0n;
    let shift = 0n;
    for (; bits > 0; bits -= 32, shift += 32n) {
      let r = this.nextUint32();
      if (bits < 32) r >>>= 32 - bits;
      result |= BigInt(r) << shift;
    }
    return result;
  }
}
