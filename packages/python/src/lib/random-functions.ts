/**
 * The `random` module's functions over a {@link MersenneTwister}, as
 * `Lib/random.py` draws them (so the same seed gives CPython's values):
 * `_randbelow_with_getrandbits`, `randrange` (3.10/3.11: integral floats
 * accepted, others ValueError; 3.12+: TypeError, and the messages name the
 * arguments), `randint`, `choice`, `shuffle`, `uniform`, `sample`.
 */
import type { MersenneTwister } from './mersenne-twister.js';
import { PyLibError } from './python-error.js';
import { atLeast, type PythonVersion } from './python-version.js';
import { bitLength } from './ratio-to-float.js';

/** `_randbelow_with_getrandbits(n)`: uniform in [0, n) by rejection of `n.bit_length()`-bit draws (3.10: 0 for n = 0). */
export function randbelow(rng: MersenneTwister, n: bigint): bigint {
  if (n <= 9007199254740991n) return BigInt(randbelowSmall(rng, Number(n)));
  const k = bitLength(n);
  let r = rng.getrandbits(k);
  while (r >= n) r = rng.getrandbits(k);
  return r;
}

/** {@link randbelow} for a safe-integer `n` (no allocation). */
export function randbelowSmall(rng: MersenneTwister, n: number): number {
  if (n === 0) return 0;
  // n.bit_length()
  const bits = n >= 4294967296 ? 64 - Math.clz32(Math.floor(n / 4294967296)) : 32 - Math.clz32(n);
  let r = rng.getrandbitsSmall(bits);
  while (r >= n) r = rng.getrandbitsSmall(bits);
  return r;
}

/** An argument of `randrange`: an int, or (3.10/3.11, deprecated) a float with an integral value. */
function index(value: bigint | number, what: string, version: PythonVersion): bigint {
  if (typeof value === 'bigint') return value;
  if (atLeast(version, '3.12'))
    throw new PyLibError('TypeError', "'float' object cannot be interpreted as an integer");
  if (Number.isNaN(value)) throw new PyLibError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(value))
    throw new PyLibError('OverflowError', 'cannot convert float infinity to integer');
  if (!Number.isInteger(value)) throw new PyLibError('ValueError', `non-integer ${what} for randrange()`);
  return BigInt(value);
}

function show(value: bigint | number): string {
  return String(value);
}

/** `randrange(start)`, `randrange(start, stop)` or `randrange(start, stop, step)` (`step` undefined: not passed). */
export function randrange(
  rng: MersenneTwister,
  start: bigint | number,
  stop?: bigint | number,
  step?: bigint | number,
  version: PythonVersion = '3.11',
): bigint {
  const istart = index(start, 'arg 1', version);
  if (stop === undefined) {
    if (step !== undefined) throw new PyLibError('TypeError', 'Missing a non-None stop argument');
    if (istart > 0n) return randbelow(rng, istart);
    throw new PyLibError('ValueError', 'empty range for randrange()');
  }
  const istop = index(stop, 'stop', version);
  const width = istop - istart;
  const istep = step === undefined ? 1n : index(step, 'step', version);
  if (istep === 1n) {
    if (width > 0n) return istart + randbelow(rng, width);
    throw new PyLibError(
      'ValueError',
      atLeast(version, '3.12')
        ? `empty range in randrange(${show(start)}, ${show(stop)})`
        : `empty range for randrange() (${istart}, ${istop}, ${width})`,
    );
  }
  let n: bigint;
  if (istep > 0n) n = floorDiv(width + istep - 1n, istep);
  else if (istep < 0n) n = floorDiv(width + istep + 1n, istep);
  else throw new PyLibError('ValueError', 'zero step for randrange()');
  if (n <= 0n) {
    throw new PyLibError(
      'ValueError',
      atLeast(version, '3.12')
        ? `empty range in randrange(${show(start)}, ${show(stop)}, ${show(step!)})`
        : 'empty range for randrange()',
    );
  }
  return istart + istep * randbelow(rng, n);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** `randint(a, b)`: `randrange(a, b + 1)`. */
export function randint(rng: MersenneTwister, a: bigint, b: bigint, version: PythonVersion = '3.11'): bigint {
  return randrange(rng, a, b + 1n, undefined, version);
}

/**
 * `choice(seq)` for a sequence of `length` items: the index chosen. Empty: 3.11+
 * IndexError `Cannot choose from an empty sequence`; 3.10 returns 0 and the
 * caller's `seq[0]` raises the sequence's own IndexError.
 */
export function choiceIndex(rng: MersenneTwister, length: number, version: PythonVersion = '3.11'): number {
  if (length === 0 && atLeast(version, '3.11')) {
    throw new PyLibError('IndexError', 'Cannot choose from an empty sequence');
  }
  return randbelowSmall(rng, length);
}

/** `shuffle(x)`: in place, swapping `x[i]` with `x[randbelow(i + 1)]` for `i` from the end down to 1. */
export function shuffle<T>(rng: MersenneTwister, items: T[]): void {
  for (let i = items.length - 1; i >= 1; i--) {
    const j = randbelowSmall(rng, i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
}

/** `uniform(a, b)`: `a + (b - a) * random()`. */
export function uniform(rng: MersenneTwister, a: number, b: number): number {
  return a + (b - a) * rng.random();
}

/**
 * `sample(population, k)` for a population of `n` items: the indices chosen,
 * in order (a pool for small populations, else rejection of repeats, as random.py).
 */
export function sampleIndices(rng: MersenneTwister, n: number, k: number): number[] {
  if (!(k >= 0 && k <= n)) throw new PyLibError('ValueError', 'Sample larger than population or is negative');
  const result: number[] = new Array(k);
  let setsize = 21;
  if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
  if (n <= setsize) {
    const pool = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = randbelowSmall(rng, n - i);
      result[i] = pool[j];
      pool[j] = pool[n - i - 1];
    }
  } else {
    const selected = new Set<number>();
    for (let i = 0; i < k; i++) {
      let j = randbelowSmall(rng, n);
      while (selected.has(j)) j = randbelowSmall(rng, n);
      selected.add(j);
      result[i] = j;
    }
  }
  return result;
}
