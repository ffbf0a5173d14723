/**
 * Random programs under pure reference counting, from the test kit's
 * generator and interpreter, checked against the invariants reference
 * counting declares (the heap verifies after every operation, every
 * unreachable object outside a cycle is freed at once, the leak report lists
 * exactly the unreachable objects, finalizers run once and before their
 * object is freed, weak-reference callbacks once with their referent gone),
 * and against this package's own accounting: every 50 operations and at the
 * end, the live objects are exactly those reachable from roots plus those in
 * the leak report's groups, and every group is a cycle; `gc.collect()` finds
 * nothing. Finally all roots are dropped: what is left is leaked cycles, the
 * report accounts for every byte of it, and every dead file was closed.
 */
import {
  collectableSlots,
  configuration,
  declarationsOf,
  type Invariant,
  invariantsFor,
  type ProgramRun,
  programArbitrary,
  programSeed,
  reachableFromRoots,
  runProgram,
} from '@pymm/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leakReport } from './leak-report.js';

const PROGRAMS = 200;
const OPERATIONS = 500;
const SEED = programSeed();

/** Live objects are exactly those reachable from roots plus the leak report's; every group is a cycle. */
function checkAccounting(run: ProgramRun) {
  const heap = run.heap;
  const reachable = reachableFromRoots(heap);
  const report = leakReport(run.py);
  const leaked = new Set<number>();
  for (const group of report.groups) {
    if (group.kind !== 'cycle') run.fail(`a leak group is a ${group.kind}, not a cycle`); // reference counting frees everything else
    if (group.truncated) run.fail('a leak group is truncated');
    if (group.objects.length !== group.objectCount)
      run.fail(`a leak group lists ${group.objects.length} of its ${group.objectCount} objects`);
    for (const object of group.objects) {
      if (!heap.store.isAlive(object.handle)) run.fail(`leaked object ${object.handle} is not alive`);
      const slot = heap.store.slotOf(object.handle, 'test');
      if (reachable[slot] === 1) run.fail(`leaked object ${object.handle} is reachable`);
      if (leaked.has(slot)) run.fail(`leaked object ${object.handle} is in two groups`);
      leaked.add(slot);
    }
  }
  const live = collectableSlots(heap);
  const accounted = new Set([...live.filter((s) => reachable[s] === 1), ...leaked]);
  if (accounted.size !== live.length || live.some((s) => !accounted.has(s)))
    run.fail(`${live.length} live objects, but ${accounted.size} reachable or leaked`);
  if (report.summary.objects !== leaked.size)
    run.fail(`the summary counts ${report.summary.objects} leaked objects, the groups ${leaked.size}`);
  return report;
}

/** This package's accounting, plugged into the kit's interpreter beside the declared invariants. */
const leakReportAccountsForEverything: Invariant = {
  name: 'the leak report accounts for every live object',
  afterCommand(run) {
    if (run.outcome.operations % 50 === 0) checkAccounting(run); // also mid-program, inside calls
  },
  afterFullCollection(run, { returned }) {
    if (returned !== 0) run.fail(`gc.collect() found ${returned} objects under reference counting`);
  },
  atEnd(run) {
    const heap = run.heap;
    const report = checkAccounting(run);
    if (report.summary.reachableObjects !== 0)
      run.fail(`${report.summary.reachableObjects} objects reachable after every root was dropped`);
    if (report.summary.objects !== collectableSlots(heap).length)
      run.fail(
        `the report lists ${report.summary.objects} objects, ${collectableSlots(heap).length} are live`,
      );
    if (report.summary.bytes !== heap.liveBytes)
      run.fail(`the report accounts for ${report.summary.bytes} bytes, ${heap.liveBytes} are live`);
    for (const record of heap.resourceLog) {
      if (!run.py.isAlive(record.handle) && record.closedAt === null) run.fail(`${record.name} died open`);
      if (run.py.isAlive(record.handle) && record.how === 'dealloc')
        run.fail(`${record.name} is alive but was closed by its deallocation`);
    }
  },
};

describe('random programs under reference counting', () => {
  it(`keeps the heap consistent and the leak report complete (${PROGRAMS} programs × ${OPERATIONS} operations)`, () => {
    const config = configuration('refcount');
    const invariants = [...invariantsFor(declarationsOf(config)), leakReportAccountsForEverything];
    let programs = 0;
    let operations = 0;
    let finalizers = 0;
    let skipped = 0;
    let pythonErrors = 0;
    let freedObjects = 0;
    fc.assert(
      fc.property(programArbitrary(OPERATIONS, OPERATIONS), (program) => {
        const outcome = runProgram(config, program, invariants);
        expect(outcome.operations).toBe(OPERATIONS);
        programs++;
        operations += outcome.operations;
        finalizers += outcome.finalizers;
        skipped += outcome.skipped;
        pythonErrors += outcome.pythonErrors;
        freedObjects += outcome.frees;
      }),
      { numRuns: PROGRAMS, seed: SEED },
    );
    console.log(
      `random programs (seed ${SEED}): ${programs} programs × ${OPERATIONS} operations = ${operations} operations, ` +
        `heap verified after each (${skipped} found nothing to act on, ${pythonErrors} raised a Python error); ` +
        `${freedObjects} objects freed, ${finalizers} finalizers run`,
    );
    expect(programs).toBeGreaterThanOrEqual(PROGRAMS);
  }, 180_000);
});
