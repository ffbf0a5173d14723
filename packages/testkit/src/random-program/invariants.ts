/**
 * The invariants a random program is checked against, and the choice of
 * them from a strategy's declarations ({@link invariantsFor}):
 *
 * - every strategy: no object is freed while the roots reach it (checked at
 *   each `free` event, so a freed slot reused in the same step cannot hide
 *   it), nothing the roots reach is a freed slot, the verifier holds (only
 *   what is reachable while the strategy says the heap is mid-cycle), live
 *   objects and bytes add up, finalizers run before their object is freed,
 *   files are closed before they are freed, and a weak reference is cleared
 *   only when it or its referent became unreachable;
 * - a strategy that frees promptly (reference counting): the live
 *   unreachable objects are exactly those in or reachable from unreachable
 *   cycles; when it does not also reclaim cycles, `leakReport` agrees;
 * - a strategy that reclaims cycles: after a full collection (`collect(2)`)
 *   nothing unreachable remains, except what the collection's own finalizers
 *   and callbacks left behind, and, for a tracing strategy, what the objects
 *   it finalized reach (kept until the next collection);
 * - a strategy that does neither never frees anything.
 */

import { ObjectFlag, verifyHeap } from '@pymm/core';
import { leakReport } from '@pymm/refcount';
import {
  freedButReachable,
  keptByCycles,
  reachableFrom,
  reachableInEither,
  recount,
  rootSlots,
  slotOfHandle,
  unreachableObjects,
} from '../reachability-oracle.js';
import type { Declarations } from '../strategy-matrix.js';
import { FINALIZABLE_CLASSES } from './interpreter.js';
import type { Invariant, ProgramRun } from './invariant.js';

/** No object is freed while the roots reach it; nothing the roots reach is freed; no root outlives the program. */
export const nothingReachableIsFreed: Invariant = {
  name: 'nothing reachable is freed',
  onFree(run, { handle, slot, type }) {
    if (reachableFrom(run.heap, rootSlots(run.heap))[slot] === 1)
      run.fail(`freed ${type} ${handle}, which the roots still reach`);
  },
  afterCommand(run, reachable) {
    for (const slot of freedButReachable(run.heap, reachable))
      run.fail(`the roots reach freed slot #${slot}`);
  },
  atEnd(run) {
    if (rootSlots(run.heap).length > 0) run.fail('roots remain after every variable was deleted');
  },
};

/** An object with a finalizer is finalized before it is freed; a file is closed before it is freed. */
export const finalizedAndClosedBeforeFree: Invariant = {
  name: 'finalized and closed before free',
  onFree(run, { handle, slot, type }) {
    if (FINALIZABLE_CLASSES.has(type) && !run.finalized.has(handle))
      run.fail(`freed ${type} ${handle} without running its finalizer`);
    if ((run.heap.store.flags[slot] & ObjectFlag.Open) !== 0)
      run.fail(`freed file ${handle} while it is open`);
  },
};

/** The verifier holds (on what is reachable, while the strategy says the heap is mid-cycle); counts add up. */
export const heapVerifies: Invariant = {
  name: 'heap verifies',
  afterCommand(run) {
    const heap = run.heap;
    const midCycle = run.strategy.heapConsistent ? !run.strategy.heapConsistent() : false;
    const verification = verifyHeap(heap, 10, midCycle ? { reachableOnly: true } : {});
    for (const problem of verification.problems) run.fail(`verifier: ${problem}`);
    const { objects, bytes } = recount(heap);
    if (objects !== heap.store.liveCount)
      run.fail(`${objects} live objects, but liveCount says ${heap.store.liveCount}`);
    if (bytes !== heap.liveBytes)
      run.fail(`live objects add up to ${bytes} bytes, but liveBytes says ${heap.liveBytes}`);
  },
};

/**
 * A weak reference the roots reach is never cleared while the roots reach
 * its referent, unless one of them was resurrected: a collector clears the
 * weak references to every unreachable object, and every unreachable weak
 * reference, before finalizers run (CPython's `handle_weakrefs`), so what a
 * finalizer brings back (anything it could reach) stays cleared.
 */
export const weakrefsClearedOnlyWhenUnreachable: Invariant = {
  name: 'weak references cleared only when unreachable',
  afterCommand(run, reachable) {
    const py = run.py;
    for (const [ref, referent] of run.weakrefs) {
      if (!py.isAlive(ref)) {
        run.weakrefs.delete(ref);
        continue;
      }
      if (!py.is(py.deref(ref), py.None)) continue;
      run.weakrefs.delete(ref);
      if (!py.isAlive(referent)) continue;
      const [r, t] = [slotOfHandle(ref), slotOfHandle(referent)];
      if (reachable[r] !== 1 || reachable[t] !== 1) continue;
      if (run.resurrectable.has(ref) || run.resurrectable.has(referent)) continue;
      run.fail(`weak reference ${ref} was cleared though the roots reach it and its referent ${referent}`);
    }
  },
};

/** Nothing is ever freed. */
export const nothingIsFreed: Invariant = {
  name: 'frees nothing',
  onFree(run, { handle, type }) {
    run.fail(`${run.strategy.name} freed ${type} ${handle}`);
  },
  atEnd(run) {
    if (run.outcome.frees > 0) run.fail(`${run.strategy.name} freed ${run.outcome.frees} objects`);
  },
};

/** Every unreachable object not in (or hanging from) a cycle is freed at once. */
export const freesAcyclicGarbagePromptly: Invariant = {
  name: 'frees acyclic garbage promptly',
  afterCommand(run, reachable) {
    const heap = run.heap;
    const unreachable = unreachableObjects(heap, reachable);
    const kept = keptByCycles(heap, unreachable);
    for (const slot of unreachable) {
      if (kept[slot] !== 1)
        run.fail(`${heap.describe(slot)} is unreachable and in no cycle, but is not freed`);
    }
  },
};

/** The leak report lists exactly the unreachable objects, in cycles only. */
function checkLeakReport(run: ProgramRun): void {
  const unreachable = unreachableObjects(run.heap).length;
  const report = leakReport(run.py);
  if (report.summary.objects !== unreachable)
    run.fail(`the leak report lists ${report.summary.objects} objects, the model ${unreachable} unreachable`);
  if (report.groups.some((group) => group.kind !== 'cycle'))
    run.fail('the leak report has a group that is not a cycle');
}

/** `leakReport` lists exactly the unreachable objects (every 25th check, and at the end). */
export const leakReportListsTheUnreachable: Invariant = {
  name: 'the leak report lists the unreachable',
  afterCommand(run) {
    if (run.outcome.checks % 25 === 0) checkLeakReport(run);
  },
  atEnd: checkLeakReport,
};

/**
 * After a full collection nothing unreachable remains, except objects the
 * roots reached before it (dropped by a finalizer or callback it ran),
 * objects its finalizers and callbacks allocated, and, when
 * `finalizedKeepWhatTheyReach`, what the objects it finalized reach (in the
 * graph before or after it). At the end, nothing unreachable survives.
 */
export function fullCollectionLeavesNothingUnreachable(finalizedKeepWhatTheyReach: boolean): Invariant {
  return {
    name: 'a full collection leaves nothing unreachable',
    needsGraphBefore: finalizedKeepWhatTheyReach,
    afterFullCollection(run, { reachableBefore, graphBefore, allocated, finalized }) {
      const heap = run.heap;
      const allowed = graphBefore
        ? reachableInEither(heap, graphBefore, [...finalized, ...allocated])
        : reachableFrom(heap, allocated);
      for (const slot of unreachableObjects(heap)) {
        if (reachableBefore[slot] === 1 || allowed[slot] === 1) continue;
        run.fail(`${run.heap.describe(slot)} is unreachable after a full collection`);
      }
    },
    atEnd(run) {
      for (const slot of unreachableObjects(run.heap))
        run.fail(`${run.heap.describe(slot)} survived the final collections`);
    },
  };
}

/**
 * The invariants for a strategy, chosen from what it declares: the ones
 * every strategy keeps, then those its guarantees promise.
 */
export function invariantsFor(declarations: Declarations): Invariant[] {
  const { prompt, reclaimsCycles, referenceCounting } = declarations;
  const invariants = [
    nothingReachableIsFreed,
    finalizedAndClosedBeforeFree,
    heapVerifies,
    weakrefsClearedOnlyWhenUnreachable,
  ];
  if (!prompt && !reclaimsCycles) invariants.push(nothingIsFreed);
  if (prompt) invariants.push(freesAcyclicGarbagePromptly);
  if (prompt && !reclaimsCycles) invariants.push(leakReportListsTheUnreachable);
  if (reclaimsCycles) invariants.push(fullCollectionLeavesNothingUnreachable(!referenceCounting));
  return invariants;
}
