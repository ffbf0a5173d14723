/**
 * The workloads' source of randomness: a small, fast, seeded generator, so a
 * workload run is reproducible from its seed alone (Python's `random.seed(n)`).
 *
 * @module
 */

/**
 * A deterministic pseudo-random generator (mulberry32): each call returns a
 * float in [0, 1); the same seed always gives the same sequence. Seeds are
 * taken modulo 2³².
 *
 * @example
 * ```ts
 * import { seededRandom } from '@pymm/workloads';
 * const a = seededRandom(42);
 * const b = seededRandom(42);
 * a() === b(); // true
 * seededRandom(1)() === seededRandom(2)(); // false
 * ```
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError(`seededRandom: seed must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random integer in [0, bound), from a generator such as `context.random`
 * (Python's `random.randrange(bound)`).
 *
 * @example
 * ```ts
 * import { randomBelow, seededRandom } from '@pymm/workloads';
 * const random = seededRandom(7);
 * const n = randomBelow(random, 10);
 * n >= 0 && n < 10 && Number.isInteger(n); // true
 * ```
 */
export function randomBelow(random: () => number, bound: number): number {
  return Math.floor(random() * bound);
}
