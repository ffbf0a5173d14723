/**
 * The collector's counters: what `stats()` reports. Plain numbers, updated
 * by the plan as the phases run; tools read them through `stats().extra`.
 *
 * @module
 */

import type { StrategyStats } from '@pymm/core';
import type { FinalizationQueue } from './finalization.js';
import type { Sweeper } from './sweeper.js';
import type { Tracer } from './tracer.js';
import type { CollectionTrigger } from './trigger.js';

/** Running totals of one mark-sweep strategy. */
export class CollectorCounters {
  /** Cycles begun. */
  cyclesStarted = 0;
  /** Cycles finished (swept to the end). */
  cyclesCompleted = 0;
  /** Pauses: whole collections, incremental steps and lazy-sweep steps. */
  pauses = 0;
  /** Unreachable objects found by all cycles (what `gc.collect()` returns, summed). */
  unreachableFound = 0;
  /** Unreachable objects the last terminated cycle found. */
  lastUnreachable = 0;
  /** Unreachable objects kept alive one more cycle because a finalizer could reach them. */
  keptByFinalizers = 0;
  /** Weak references cleared because their referent was unreachable. */
  weakrefsCleared = 0;
  /** Weak-reference callbacks called. */
  weakrefCallbacks = 0;
  /** White objects the write barrier shaded. */
  barrierShades = 0;
  /** Root rescans at the end of incremental marking. */
  rootRescans = 0;
  /** Objects allocated during a cycle and therefore allocated marked (black). */
  allocatedMarked = 0;
  /** Errors thrown by finalizers and weak-reference callbacks. */
  unraisable = 0;
  /** Longest pause, host milliseconds. */
  maxPauseMs = 0;
  /** All pauses, host milliseconds. */
  totalPauseMs = 0;
  /** Most work units done in one pause. */
  maxPauseWork = 0;
  /** Most work units done in one pause that ran no atomic phase (incremental steps: at most the step budget). */
  maxBoundedPauseWork = 0;
  /** Most work units done in one pause that ran an atomic phase (root scan, termination, interned release). */
  maxAtomicPauseWork = 0;
  /** Live bytes the last finished cycle left (the trigger's input). */
  lastSurvivingBytes = 0;

  /** Records one pause; `atomic` when it ran an atomic phase. */
  recordPause(milliseconds: number, work: number, atomic: boolean): void {
    this.pauses++;
    this.totalPauseMs += milliseconds;
    if (milliseconds > this.maxPauseMs) this.maxPauseMs = milliseconds;
    if (work > this.maxPauseWork) this.maxPauseWork = work;
    if (atomic && work > this.maxAtomicPauseWork) this.maxAtomicPauseWork = work;
    if (!atomic && work > this.maxBoundedPauseWork) this.maxBoundedPauseWork = work;
  }

  /**
   * What `stats()` reports: `collections`/`collected` are cycles finished and
   * objects freed; `extra` holds these counters and those of the parts
   * (objects marked, slots swept, bytes freed, finalizers run, the heap target).
   */
  report(
    tracer: Tracer,
    sweeper: Sweeper,
    finalization: FinalizationQueue,
    trigger: CollectionTrigger,
  ): StrategyStats {
    return {
      collections: [this.cyclesCompleted],
      collected: [sweeper.freedObjects],
      uncollectable: [0],
      extra: {
        cycles: this.cyclesStarted,
        cyclesCompleted: this.cyclesCompleted,
        pauses: this.pauses,
        objectsMarked: tracer.marked,
        referencesTraced: tracer.tracedReferences,
        rootsVisited: tracer.rootsVisited,
        markStackHighWater: tracer.stack.highWater,
        slotsSwept: sweeper.sweptSlots,
        objectsFreed: sweeper.freedObjects,
        bytesFreed: sweeper.freedBytes,
        unreachableFound: this.unreachableFound,
        lastUnreachable: this.lastUnreachable,
        keptByFinalizers: this.keptByFinalizers,
        finalizersRun: finalization.finalizersRun,
        filesClosed: finalization.filesClosed,
        weakrefsCleared: this.weakrefsCleared,
        weakrefCallbacks: this.weakrefCallbacks,
        barrierShades: this.barrierShades,
        rootRescans: this.rootRescans,
        allocatedMarked: this.allocatedMarked,
        unraisable: this.unraisable,
        maxPauseMs: this.maxPauseMs,
        totalPauseMs: this.totalPauseMs,
        maxPauseWork: this.maxPauseWork,
        maxBoundedPauseWork: this.maxBoundedPauseWork,
        maxAtomicPauseWork: this.maxAtomicPauseWork,
        heapTarget: trigger.target,
        lastSurvivingBytes: this.lastSurvivingBytes,
      },
    };
  }
}
