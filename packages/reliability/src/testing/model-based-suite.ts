/**
 * The model-based test, shared by the test files that split the strategy
 * configurations between vitest's workers: for each configuration, the same
 * seeded stream of random programs (the test kit's generator and
 * interpreter), each checked after every command against the invariants the
 * configuration's strategy declares (`invariantsFor`).
 *
 * In CI: 1,000 programs of 100-200 commands per configuration, from a fixed
 * seed. With `PYMM_LONG=1`: 100,000, from a random seed. `PYMM_SEED=n`
 * replays a seed; `PYMM_PROGRAMS=n` overrides the count.
 */

import {
  type Configuration,
  declarationsOf,
  emptyOutcome,
  invariantsFor,
  LONG,
  type ProgramOutcome,
  programArbitrary,
  programCount,
  programSeed,
  runProgram,
} from '@pymm/testkit';
import fc from 'fast-check';
import { expect, it } from 'vitest';

/** Programs per configuration. */
export const PROGRAMS = programCount(1_000, 100_000);
const MIN_COMMANDS = 100;
const MAX_COMMANDS = 200;
/**
 * The seed, the same for every configuration so that all run the same
 * programs (drawn per test file in long mode). It is printed; a failure
 * replays with `PYMM_SEED=n`.
 */
export const SEED = programSeed(20_261_121);

/** Registers one test per configuration. */
export function modelBasedTests(configurations: readonly Configuration[]): void {
  for (const config of configurations) {
    it(
      `${config.label}: ${PROGRAMS} random programs agree with the reference model after every command`,
      () => {
        const invariants = invariantsFor(declarationsOf(config));
        const totals: ProgramOutcome = emptyOutcome();
        let programs = 0;
        let stressed = 0;
        const started = performance.now();
        fc.assert(
          fc.property(programArbitrary(MIN_COMMANDS, MAX_COMMANDS), (program) => {
            const outcome = runProgram(config, program, invariants);
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
