import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ProgramOutcome, programArbitrary, runProgram, totals } from './testing/random-program.js';

describe('incremental mark-sweep on random programs (random step budgets)', () => {
  it('frees exactly the unreachable objects and never a reachable one', () => {
    const outcomes: ProgramOutcome[] = [];
    fc.assert(
      fc.property(programArbitrary('incremental'), (program) => {
        outcomes.push(runProgram(program));
      }),
      { numRuns: 200, endOnFailure: true },
    );
    const t = totals(outcomes);
    console.log(
      `incremental: ${t.programs} programs × 500 operations = ${t.operations} operations; ` +
        `${t.cycles} cycles (${t.explicitCollections} explicit), ${t.freed} objects freed, ` +
        `${t.finalizers} finalizations, ${t.callbacks} weakref callbacks`,
    );
    expect(t.programs).toBeGreaterThanOrEqual(200);
    expect(t.cycles).toBeGreaterThan(t.explicitCollections); // the budget triggered collections too
  }, 120_000);
});
