/**
 * `MarkSweepStrategy`: a tracing collector that keeps no reference counts
 * (its factory is `markSweep`, in `factory.ts`). Core frees
 * nothing by itself under it (`requirements.referenceCounting: false`); every
 * object is freed by this collector, when a cycle finds it unreachable from
 * the roots. Objects never move.
 *
 * The strategy is the *plan* (MMTk's word): it decides when a cycle runs and
 * in what order its phases go, and delegates each phase to a part with one
 * job — the {@link CollectionTrigger} (policy: when), the {@link Tracer}
 * (marking), the {@link WeakrefProcessor}, the {@link FinalizationQueue} and the
 * {@link Sweeper}. The allocator stays core's: the collector only hands dead
 * objects back through `heap.destroy`. It sees the heap only through core's
 * `CollectorHeap`, which it receives when the runtime creates it.
 *
 * A cycle, in the order it runs (the methods below appear in this order):
 *
 * 1. `scanRoots`: shade every object a root refers to (frames, globals,
 *    temporaries, external references).
 * 2. `markIncrementally`: scan grey objects until none is left.
 * 3. `terminateMarking`: in incremental mode, rescan the roots, which the
 *    write barrier does not watch, and go back to marking if that found
 *    anything. Marking is then over: every object still white is
 *    unreachable. In the same atomic step, weak references to white objects
 *    are cleared, then the callbacks of those that survive are called.
 * 4. `findUnreachableFinalizable`: queue the white objects whose finalizer has
 *    not run, and shade them (and list the white interned strings);
 * 5. `markFromFinalizable`: mark everything they reach, which is kept alive
 *    through this cycle;
 * 6. `releaseInternedGarbage`: free the interned strings still white now, so
 *    that the intern table cannot hand them out before the sweeper frees
 *    them (in incremental mode after one more root rescan);
 * 7. `runFinalizers`: run their finalizers (each object's at most once);
 * 8. `sweep`: free every object still white and clear the colours of the rest;
 * 9. `completeCycle`: tell the trigger what survived.
 *
 * Stop-the-world mode runs phases 1–8 in one pause (or 1–7, and sweeps
 * lazily afterwards). Incremental mode runs them in bounded steps at
 * allocations and safepoints, with a write barrier from the start of the
 * cycle until phase 6.
 *
 * @module
 */

import {
  type CollectionCounts,
  type CollectionReason,
  type CollectorHeap,
  type Handle,
  ObjectFlag,
  type Strategy,
  type StrategyStats,
  type TypeId,
} from '@pymm/core';
import { CollectorCounters } from './collector-counters.js';
import type { Colour, CyclePhase } from './cycle-phase.js';
import { FinalizationQueue } from './finalization.js';
import { InternedStrings } from './interned-strings.js';
import { GREY, MARKED } from './mark-bits.js';
import {
  type MarkSweepOptions,
  resolveOptions,
  type SweepMode,
  strategyName,
  type UnraisableContext,
} from './options.js';
import { drainGrey, PhaseReport, reportBarrierShade, shadeRoots, sweepSlots } from './phase-report.js';
import { Sweeper } from './sweeper.js';
import { Tracer } from './tracer.js';
import type { CollectionTrigger } from './trigger.js';
import { WeakrefProcessor } from './weakref-processing.js';

/**
 * The mark-sweep strategy serving one heap. Choose it with the factories
 * {@link markSweep} or {@link createMarkSweepStrategy}; the runtime creates
 * the instance and hands it the heap (`py.strategy`).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { MarkSweepStrategy, markSweep } from '@pymm/mark-sweep';
 * const py = createRuntime({ strategy: markSweep({ incremental: { stepBudget: 100 } }) });
 * py.strategy instanceof MarkSweepStrategy; // true
 * py.strategy.name;                         // 'mark-sweep-incremental'
 * py.strategy.stepBudget;                   // 100
 * ```
 */
export class MarkSweepStrategy implements Strategy {
  /** `mark-sweep`, `mark-sweep-lazy` or `mark-sweep-incremental`. */
  readonly name: string;
  /** Whether cycles run in bounded steps. */
  readonly incremental: boolean;
  /** Work units per incremental step. */
  readonly stepBudget: number;
  /** How the stop-the-world collector sweeps. */
  readonly sweepMode: SweepMode;
  /** Slots per lazy-sweep step. */
  readonly lazySweepSlots: number;
  /** The policy deciding when a cycle starts. */
  readonly trigger: CollectionTrigger;
  /** The last error a finalizer or weak-reference callback threw, if any. */
  lastUnraisable: { readonly error: unknown; readonly context: UnraisableContext } | null = null;

  private readonly onUnraisable: ((error: unknown, context: UnraisableContext) => void) | undefined;
  private readonly counters = new CollectorCounters();
  private readonly tracer: Tracer;
  private readonly sweeper: Sweeper;
  private readonly weakrefs: WeakrefProcessor;
  private readonly finalization: FinalizationQueue;
  private readonly interned: InternedStrings;

  private cyclePhase: CyclePhase = 'idle';
  private reason: CollectionReason = 'budget';
  /** A pause is running: hooks called by finalizers and callbacks must not start another. */
  private inPause = false;
  /** The write barrier shades (incremental mode, from the start of a cycle to the release of interned garbage). */
  private barrierActive = false;
  /** The phase events of this cycle, when someone listens (decided when it starts); the same for barrier shades. */
  private report: PhaseReport | null = null;
  private reportBarrier = false;
  /** The current pause ran an atomic phase. */
  private pauseRanAtomic = false;
  /** Objects ever allocated (each passes through `allocated`); minus the sweeper's frees, the live count. */
  private allocatedObjects = 0;
  private markedAtCycleStart = 0;
  private allocatedMarkedInCycle = 0;
  private markedAtTermination = 0;
  private liveBytesAtTermination = 0;
  private freedBytesAtCycleStart = 0;

  /** Called by the factories' `create`: the strategy for `heap`, with `options` (see {@link markSweep}). */
  constructor(
    private readonly heap: CollectorHeap,
    options: MarkSweepOptions = {},
  ) {
    const resolved = resolveOptions(options);
    this.incremental = resolved.incremental;
    this.stepBudget = resolved.stepBudget;
    this.sweepMode = resolved.incremental ? 'lazy' : resolved.sweep;
    this.lazySweepSlots = resolved.lazySweepSlots;
    this.trigger = resolved.trigger;
    this.onUnraisable = resolved.onUnraisable;
    this.name = strategyName(resolved);
    this.tracer = new Tracer(heap);
    this.sweeper = new Sweeper(heap);
    this.weakrefs = new WeakrefProcessor(heap);
    this.finalization = new FinalizationQueue(heap);
    this.interned = new InternedStrings(heap);
  }

  /** The phase the current cycle is in (`idle` between cycles). */
  get phase(): CyclePhase {
    return this.cyclePhase;
  }

  /**
   * Whether the current cycle is freeing its garbage (from the release of
   * interned garbage to the end of the sweep). Meanwhile garbage that is not
   * freed yet may still refer to garbage that is (nothing reachable ever
   * does), so a whole-heap check such as `verifyHeap` should wait until this
   * is false, or check only what is reachable.
   *
   * @example
   * ```ts
   * import { createRuntime, verifyHeap } from '@pymm/core';
   * import { markSweep } from '@pymm/mark-sweep';
   * const py = createRuntime({ strategy: markSweep({ sweep: 'lazy' }) });
   * if (!py.strategy.freeingGarbage) verifyHeap(py.heap).ok; // true
   * ```
   */
  get freeingGarbage(): boolean {
    return this.cyclePhase === 'finalizing' || this.cyclePhase === 'sweeping';
  }

  /** The contract's view of {@link freeingGarbage}: the heap can be verified whole when it is false. */
  heapConsistent(): boolean {
    return !this.freeingGarbage;
  }

  // ---------------------------------------------------------------------------
  // Hooks: where the program meets the collector

  /**
   * Before an object's memory is obtained: start a cycle when the trigger
   * says so, or do a step of one.
   */
  allocating(_type: TypeId, bytes: number, _fresh: boolean): void {
    if (this.inPause) return;
    if (this.incremental) {
      this.incrementalStep(bytes);
      return;
    }
    if (this.cyclePhase === 'sweeping') this.pause(this.lazySweepSlots, false);
    if (this.cyclePhase === 'idle' && this.trigger.shouldCollect(this.heap.liveBytes, bytes)) {
      this.startCycle('budget');
      this.pause(Number.POSITIVE_INFINITY, this.sweepMode === 'lazy');
    }
  }

  /**
   * A new object exists. During a cycle it is allocated black (marked), so
   * that this cycle cannot free it; during a lazy sweep only if its slot is
   * still to be swept. Weak references are registered for later clearing.
   */
  allocated(slot: number): void {
    this.allocatedObjects++;
    this.weakrefs.noteAllocated(slot);
    this.interned.noteAllocated(slot);
    const phase = this.cyclePhase;
    if (phase === 'idle' || (phase === 'sweeping' && !this.sweeper.isUnswept(slot))) return;
    this.heap.store.flags[slot] |= MARKED;
    this.allocatedMarkedInCycle++;
    this.counters.allocatedMarked++;
  }

  /** Nothing to do: memory accounting is read from the heap and the sweeper. */
  released(): void {}

  /** Nothing to do: tracking (CPython's GC lists) means nothing to a tracing collector. */
  track(): void {}

  /** Nothing to do, as for {@link MarkSweepStrategy.track}. */
  untrack(): void {}

  /**
   * A new object has a finalizer: it joins the finalization registry, so that
   * a cycle finds it when it is unreachable without scanning the heap.
   */
  finalizerRegistered(slot: number): void {
    this.finalization.register(slot);
  }

  /**
   * Dijkstra's insertion barrier: while marking, a reference stored into a
   * marked (grey or black) object shades its target, so no black object ever
   * refers to a white one. Only called in incremental mode. It stays on after
   * marking terminates until garbage interned strings are released, because
   * until then the intern table can still hand the program a white string.
   */
  writeBarrier(holder: number, target: number): void {
    if (!this.barrierActive) return;
    if ((this.heap.store.flags[holder] & MARKED) === 0) return;
    this.tracer.noteStore(holder);
    if (!this.tracer.shade(target)) return;
    this.counters.barrierShades++;
    if (this.reportBarrier) reportBarrierShade(this.heap, holder, target);
  }

  /** After each runtime operation: an incremental step, or a lazy-sweep step. */
  safepoint(): void {
    if (this.inPause) return;
    if (this.incremental) this.incrementalStep(0);
    else if (this.cyclePhase === 'sweeping') this.pause(this.lazySweepSlots, false);
  }

  /**
   * `gc.collect()`: finishes the cycle under way, if any, then runs a whole
   * cycle in one pause (eager sweep) and returns the number of unreachable
   * objects found by the cycles that ended marking during the call. The
   * generation is accepted and ignored: every collection is full. Returns 0
   * when called from a finalizer or callback while a collection runs.
   */
  collect(_generation: number, reason: CollectionReason): number {
    if (this.inPause) return 0;
    const before = this.counters.unreachableFound;
    if (this.cyclePhase !== 'idle') this.pause(Number.POSITIVE_INFINITY, false);
    this.startCycle(reason);
    this.pause(Number.POSITIVE_INFINITY, false);
    return this.counters.unreachableFound - before;
  }

  /**
   * Does the collector's next piece of work now, as an allocation or a
   * safepoint would when the trigger fires, and returns the phase reached:
   * in incremental mode one step of `stepBudget` units (starting a cycle if
   * none is under way); in stop-the-world mode a whole collection pause, or
   * one lazy-sweep step while a lazy sweep is pending. For teaching and
   * tests: step a cycle by hand and watch the colours change.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * import { markSweep } from '@pymm/mark-sweep';
   * const py = createRuntime({ strategy: markSweep({ incremental: { stepBudget: 1 } }) });
   * const strategy = py.strategy;
   * py.locals.xs = py.list([py.list()]);
   * strategy.step();                  // 'marking': the roots are shaded
   * strategy.colourOf(py.locals.xs);  // 'grey'
   * strategy.step();                  // one unit: the list is taken off the stack...
   * strategy.colourOf(py.locals.xs);  // 'grey' (its item is not traced yet)
   * while (strategy.step() !== 'idle') {}
   * ```
   */
  step(): CyclePhase {
    if (this.inPause) return this.cyclePhase;
    if (this.incremental) {
      if (this.cyclePhase === 'idle') this.startCycle('explicit');
      this.pause(this.stepBudget, false);
    } else if (this.cyclePhase === 'sweeping') {
      this.pause(this.lazySweepSlots, false);
    } else {
      this.startCycle('explicit');
      this.pause(Number.POSITIVE_INFINITY, this.sweepMode === 'lazy');
    }
    return this.cyclePhase;
  }

  /**
   * Counters: `collections`/`collected` are cycles finished and objects
   * freed; `extra` holds the rest (objects marked, slots swept, bytes freed,
   * pauses, barrier work, finalization and weak-reference processing).
   */
  stats(): StrategyStats {
    return this.counters.report(this.tracer, this.sweeper, this.finalization, this.trigger);
  }

  /**
   * An object's colour now: `white` (unmarked), `grey` (marked, waiting to be
   * scanned) or `black` (marked and scanned; static objects count as black).
   * Between cycles every object is white.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * import { markSweep } from '@pymm/mark-sweep';
   * const py = createRuntime({ strategy: markSweep() });
   * py.locals.xs = py.list();
   * py.strategy.colourOf(py.locals.xs); // 'white'
   * ```
   */
  colourOf(handle: Handle): Colour {
    const store = this.heap.store;
    const flags = store.flags[store.slotOf(handle, 'colourOf')];
    if ((flags & ObjectFlag.Static) !== 0) return 'black';
    if ((flags & GREY) !== 0) return 'grey';
    return (flags & MARKED) !== 0 ? 'black' : 'white';
  }

  // ---------------------------------------------------------------------------
  // Driving cycles: pauses and steps

  private incrementalStep(incomingBytes: number): void {
    if (this.cyclePhase === 'idle') {
      if (!this.trigger.shouldCollect(this.heap.liveBytes, incomingBytes)) return;
      this.startCycle('budget');
    }
    this.pause(this.stepBudget, false);
  }

  private startCycle(reason: CollectionReason): void {
    this.reason = reason;
    this.cyclePhase = 'root-scan';
    this.counters.cyclesStarted++;
    this.tracer.reset();
    this.markedAtCycleStart = this.tracer.marked;
    this.allocatedMarkedInCycle = 0;
    this.freedBytesAtCycleStart = this.sweeper.freedBytes;
    this.barrierActive = this.incremental;
    this.report = PhaseReport.forCycle(this.heap);
    this.reportBarrier = this.incremental && this.heap.events.wants('write-barrier');
  }

  /**
   * One pause: runs phases until `budget` work units are spent, the cycle
   * ends, or (for the lazy sweeper) sweeping is reached. Reported as one
   * collection bracket; `complete` is true when the pause ends the cycle. If
   * a phase throws, the bracket reports what was freed so far.
   */
  private pause(budget: number, stopBeforeSweeping: boolean): void {
    const hostStart = performance.now();
    const freedBefore = this.sweeper.freedObjects;
    let work = 0;
    this.pauseRanAtomic = false;
    const counts = (): CollectionCounts => ({
      examined: work,
      collected: this.sweeper.freedObjects - freedBefore,
      uncollectable: 0,
      complete: this.cyclePhase === 'idle',
    });
    try {
      this.heap.collection(
        0,
        this.reason,
        () => {
          this.inPause = true;
          try {
            work = this.advance(budget, stopBeforeSweeping);
          } finally {
            this.inPause = false;
          }
          return counts();
        },
        counts,
      );
    } finally {
      this.counters.recordPause(performance.now() - hostStart, work, this.pauseRanAtomic);
    }
  }

  /**
   * The state machine. Each phase either spends work or moves to the next
   * phase, so the loop ends. With a finite budget the three atomic phases
   * (the root scan, termination and the release of interned garbage, whose
   * work is the number of roots plus the weak references or garbage interned
   * strings) only begin at the start of a pause, so a pause does at most
   * `max(budget, atomic work)` units.
   */
  private advance(budget: number, stopBeforeSweeping: boolean): number {
    const bounded = budget !== Number.POSITIVE_INFINITY;
    let work = 0;
    while (work < budget) {
      switch (this.cyclePhase) {
        case 'idle':
          return work;
        case 'root-scan':
          if (bounded && work > 0) return work;
          this.pauseRanAtomic = true;
          work += this.scanRoots();
          break;
        case 'marking':
          work += this.markIncrementally(budget - work);
          break;
        case 'termination':
          if (bounded && work > 0) return work;
          this.pauseRanAtomic = true;
          work += this.terminateMarking();
          break;
        case 'finalizer-discovery':
          work += this.findUnreachableFinalizable(budget - work);
          break;
        case 'finalizer-marking':
          work += this.markFromFinalizable(budget - work);
          break;
        case 'release-interned':
          if (bounded && work > 0) return work;
          this.pauseRanAtomic = true;
          work += this.releaseInternedGarbage();
          break;
        case 'finalizing':
          work += this.runFinalizers(budget - work);
          break;
        case 'sweeping':
          if (stopBeforeSweeping) return work;
          work += this.sweep(budget - work);
          break;
      }
    }
    return work;
  }

  // ---------------------------------------------------------------------------
  // The phases, in the order they run

  /** 1. Shade what the roots refer to. */
  private scanRoots(): number {
    const work = shadeRoots(this.tracer, this.report);
    this.cyclePhase = 'marking';
    return work;
  }

  /** 2. Scan grey objects (all of them, or a step's worth). */
  private markIncrementally(room: number): number {
    const work = drainGrey(this.tracer, this.report, room);
    if (this.tracer.isEmpty) this.cyclePhase = 'termination';
    return work;
  }

  /**
   * 3. End marking, atomically. Incremental mode rescans the roots first:
   * the barrier sees stores into heap objects but not into variables, so a
   * white object moved from the heap into a variable is found only here.
   * When the rescan shades nothing, every white object is unreachable, and
   * weak references to them are cleared before the program can run again
   * (a weak reference read now would hand it an object about to be freed).
   */
  private terminateMarking(): number {
    let work = 0;
    if (this.incremental) {
      work += shadeRoots(this.tracer, this.report);
      this.counters.rootRescans++;
      if (!this.tracer.isEmpty) {
        this.cyclePhase = 'marking';
        return work;
      }
    }
    this.countUnreachable();
    this.report?.markingTerminated();
    this.liveBytesAtTermination = this.heap.liveBytes;
    this.markedAtTermination = this.tracer.marked;
    this.cyclePhase = 'finalizer-discovery';
    this.finalization.beginDiscovery();
    this.interned.beginPass();
    const weak = this.weakrefs.process(this.report !== null);
    if (weak.recorded) this.report?.weakrefsHandled(weak.recorded.weakrefs, weak.recorded.calledBack);
    this.counters.weakrefsCleared += weak.cleared;
    this.counters.weakrefCallbacks += weak.callbacks;
    return work + weak.examined + weak.callbacks;
  }

  /** The unreachable objects of this cycle: live objects that are neither traced nor allocated during it. */
  private countUnreachable(): void {
    const live = this.allocatedObjects - this.sweeper.freedObjects;
    const marked = this.tracer.marked - this.markedAtCycleStart + this.allocatedMarkedInCycle;
    const unreachable = live - marked;
    this.counters.lastUnreachable = unreachable;
    this.counters.unreachableFound += unreachable;
  }

  /** 4. Queue and shade the unreachable objects whose finalizer has not run; list the white interned strings. */
  private findUnreachableFinalizable(room: number): number {
    let work = 0;
    if (!this.finalization.discoveryDone) work += this.finalization.discover(room, this.tracer);
    if (work < room && !this.interned.passDone) work += this.interned.passStep(room - work);
    if (this.finalization.discoveryDone && this.interned.passDone) this.cyclePhase = 'finalizer-marking';
    return work;
  }

  /** 5. Mark what they reach: it must be intact when their finalizers run, and survives this cycle. */
  private markFromFinalizable(room: number): number {
    const work = drainGrey(this.tracer, this.report, room);
    if (this.tracer.isEmpty) this.cyclePhase = 'release-interned';
    return work;
  }

  /**
   * 6. Free the interned strings that are still white: nothing reaches them,
   * not even a pending finalizer, and freeing them now takes them out of the
   * intern table, which could otherwise hand them to the program before the
   * sweeper gets to them. In incremental mode the program ran since marking
   * ended and may have been handed one already (the only way it can obtain a
   * white object then); the barrier has shaded any it stored in the heap, and
   * a last root rescan finds any it holds in a variable.
   */
  private releaseInternedGarbage(): number {
    let work = 0;
    if (this.incremental) {
      work += shadeRoots(this.tracer, this.report);
      this.counters.rootRescans++;
      if (!this.tracer.isEmpty) {
        this.cyclePhase = 'finalizer-marking';
        return work;
      }
    }
    this.barrierActive = false;
    this.counters.keptByFinalizers += this.tracer.marked - this.markedAtTermination;
    work += this.interned.releaseGarbage((slot) => {
      this.report?.releasing(slot);
      this.sweeper.free(slot);
    });
    this.cyclePhase = 'finalizing';
    return work;
  }

  /** 7. Run the finalizers (a finalizer may resurrect its object; the next cycle decides). */
  private runFinalizers(room: number): number {
    const from = this.finalization.position;
    const work = this.finalization.run(room, (error) => this.unraisable(error, 'finalizer'));
    this.report?.finalized(this.finalization.queuedHandles(from));
    if (this.finalization.runDone) {
      this.cyclePhase = 'sweeping';
      this.sweeper.begin(this.heap.store.slotLimit);
    }
    return work;
  }

  /** 8. Free what is still white; clear the colour of the rest. */
  private sweep(room: number): number {
    const work = sweepSlots(this.sweeper, this.report, room);
    if (this.sweeper.done) this.completeCycle();
    return work;
  }

  /** 9. Tell the trigger what survived: live bytes when marking ended, minus what the sweep freed. */
  private completeCycle(): void {
    const freed = this.sweeper.freedBytes - this.freedBytesAtCycleStart;
    const surviving = Math.max(0, this.liveBytesAtTermination - freed);
    this.counters.lastSurvivingBytes = surviving;
    this.counters.cyclesCompleted++;
    this.trigger.cycleCompleted(surviving);
    this.cyclePhase = 'idle';
    this.report = null;
  }

  // ---------------------------------------------------------------------------

  /** Core caught an error in a finalizer or weak-reference callback (see `Strategy.reportUnraisable`). */
  reportUnraisable(context: UnraisableContext, error: unknown): void {
    this.unraisable(error, context);
  }

  private unraisable(error: unknown, context: UnraisableContext): void {
    this.counters.unraisable++;
    this.lastUnraisable = { error, context };
    this.onUnraisable?.(error, context);
  }
}
