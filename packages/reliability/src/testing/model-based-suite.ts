/**
 * The model-based test, shared by the test files that split the strategy
 * configurations between vitest's workers: for each configuration, the same
 * seeded stream of random programs, each checked against the reference model
 * after every command (see `random-program.ts`).
 *
 * In CI: 1,000 programs of 100-200 commands per configuration, from a fixed
 * seed. With `PYMM_LONG=1`: 100,000, from a random seed. `PYMM_SEED=n`
 * replays a seed; `PYMM_PROGRAMS=n` overrides the count.
 */

import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Configuration } from './configurations.js';
import { type ProgramOutcome, programArbitrary, runProgram } from './random-program.js';

const LONG = process.env.PYMM_LONG === '1';
/** Programs per configuration. */
export const PROGRAMS = Number(process.env.PYMM_PROGRAMS ?? (LONG ? 100_000 : 1_000));
const MIN_COMMANDS = 100;
const MAX_COMMANDS = 200;
/**
 * The seed, the same for every configuration so that all run the same
 * programs: `PYMM_SEED`; else a fixed seed in CI, so that CI is deterministic
 * (a failure is a regression, not a newly drawn program), and in long mode a
 * random one (drawn per test file), to explore. It is printed; a failure
 * replays with `PYMM_SEED=n`.
 */
export const SEED = Number(
  process.env.PYMM_SEED ?? (LONG ? Math.floor(Math.random() * 2 ** 31) : 20_261_121),
);

/** Registers one test per configuration. */
export function modelBasedTests(configurations: readonly Configuration[]): void {
  for (const config of configurations) {
    it(
      `${config.label}: ${PROGRAMS} random programs agree with the reference model after every command`,
      () => {
        const totals: ProgramOutcome = {
          operations: 0,
          pythonErrors: 0,
          skipped: 0,
          frees: 0,
          finalizers: 0,
          callbacks: 0,
          collections: 0,
          checkedCollections: 0,
          checks: 0,
        };
        let programs = 0;
        let stressed = 0;
        const started = performance.now();
        fc.assert(
          fc.property(programArbitrary(MIN_COMMANDS, MAX_COMMANDS), (program) => {
            const outcome = runProgram(config, program);
            programs++;
            if (program.pressure.stress) stressed++;
            for (const key of Object.keys(totals) as (keyof ProgramOutcome)[]) totals[key] += outcome[key];
          }),
          { numRuns: PROGRAMS, seed: SEED },
        );
        console.log(
          `model-based ${config.label} (seed ${SEED}): ${programs} programs (${stressed} with tiny budgets), ` +
            `${totals.operations} operations, ${totals.checks} heap checks, ${totals.checkedCollections} checked full collections; ` +
            `${totals.collections} collections, ${totals.frees} frees, ${totals.finalizers} finalizers, ` +
            `${totals.callbacks} callbacks, ${totals.pythonErrors} Python errors, ${totals.skipped} no-ops ` +
            `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
        expect(programs).toBe(PROGRAMS);
      },
      LONG ? 24 * 3_600_000 : 120_000,
    );
  }
}
