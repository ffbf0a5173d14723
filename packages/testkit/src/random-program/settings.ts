/**
 * How many random programs a suite runs and from which seed, from the
 * environment: `PYMM_LONG=1` runs the long version (more programs, from a
 * random seed, to explore); `PYMM_SEED=n` replays a seed; `PYMM_PROGRAMS=n`
 * overrides the count.
 */

/** Whether `PYMM_LONG=1` asks for the long run. */
export const LONG = process.env.PYMM_LONG === '1';

/** Programs to run: `PYMM_PROGRAMS`, else `long` under `PYMM_LONG=1`, else `normal`. */
export function programCount(normal: number, long: number): number {
  return Number(process.env.PYMM_PROGRAMS ?? (LONG ? long : normal));
}

/**
 * The seed: `PYMM_SEED`; else `fixed` (a fixed seed keeps CI deterministic:
 * a failure is a regression, not a newly drawn program), except in long mode,
 * which draws a random one; `undefined` lets fast-check draw. Print it, so
 * that a failure replays with `PYMM_SEED=n`.
 */
export function programSeed(fixed?: number): number | undefined {
  if (process.env.PYMM_SEED !== undefined) return Number(process.env.PYMM_SEED);
  return LONG || fixed === undefined ? Math.floor(Math.random() * 2 ** 31) : fixed;
}
