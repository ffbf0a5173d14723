/**
 * When did each object become unreachable? The promptness measurement needs
 * that instant, independently of any strategy. The oracle runs the workload
 * once more under reference counting: an object it frees became unreachable
 * exactly then (acyclic garbage dies the moment its last reference goes); for
 * the rest (cycles), a reachability scan from the roots runs at operation
 * boundaries, at least every `interval` allocations, and stamps what it finds
 * unreachable. Those stamps are late by less than one interval.
 *
 * @module
 */

import { type CollectorHeap, ObjectFlag, type StrategyFactory } from '@pymm/core';
import { markReachable } from '@pymm/core/gc';
import { type RefcountStrategy, refcount } from '@pymm/refcount';
import { MeasuringStrategy } from './measuring-strategy.js';

/** The oracle's answer: per allocation index, the clock at which it became unreachable (Infinity: never). */
export interface Unreachability {
  readonly unreachableAt: Float64Array;
  /** Allocations in the oracle's run (the same program gives the same count on every strategy). */
  readonly allocations: number;
  /** Objects whose instant is a scan's upper bound rather than exact. */
  readonly approximate: number;
  /** Largest number of allocations between two scans (the bound on `approximate` stamps). */
  readonly interval: number;
}

/**
 * The oracle as a strategy: reference counting, measured, with reachability
 * scans at safepoints at least every `minimumInterval` allocations.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { unreachabilityOracle } from './unreachability-oracle.js';
 * const py = createRuntime({ strategy: unreachabilityOracle() });
 * py.locals.xs = py.list();
 * py.append(py.locals.xs, py.locals.xs);
 * py.del('xs');
 * py.strategy.result().unreachableAt[0]; // 1: a scan at the end stamps the leaked cycle
 * ```
 */
export function unreachabilityOracle(minimumInterval = 5000): StrategyFactory<OracleStrategy> {
  const counting = refcount();
  return {
    name: counting.name,
    requirements: counting.requirements,
    guarantees: counting.guarantees,
    create: (heap) => new OracleStrategy(heap, counting.create(heap), minimumInterval),
  };
}

/** A reference-counting strategy that also scans for unreachable cycles at safepoints. */
export class OracleStrategy extends MeasuringStrategy {
  private stamps = new Float64Array(1024).fill(Number.POSITIVE_INFINITY);
  private lastScan = 0;
  approximate = 0;
  largestInterval = 0;

  constructor(
    heap: CollectorHeap,
    counting: RefcountStrategy,
    private readonly minimumInterval = 5000,
  ) {
    super(heap, counting);
  }

  override safepoint(): void {
    super.safepoint();
    const heap = this.heap;
    // Scan cost is proportional to the live heap: scan no more often than that, to stay linear overall.
    const interval = Math.max(this.minimumInterval, heap.store.liveCount);
    if (this.allocations - this.lastScan >= interval) this.scan();
  }

  /** Stamps every live, unreachable, not yet stamped object with the current clock. */
  scan(): void {
    const heap = this.heap;
    const store = heap.store;
    this.largestInterval = Math.max(this.largestInterval, this.allocations - this.lastScan);
    this.lastScan = this.allocations;
    const marked = markReachable(heap);
    if (this.stamps.length < this.allocations) {
      const bigger = new Float64Array(Math.max(this.allocations, this.stamps.length * 2)).fill(
        Number.POSITIVE_INFINITY,
      );
      bigger.set(this.stamps);
      this.stamps = bigger;
    }
    for (let slot = 0; slot < store.slotLimit; slot++) {
      if ((store.flags[slot] & ObjectFlag.Alive) === 0 || marked[slot] === 1) continue;
      const index = this.allocationIndexOf(slot);
      if (this.stamps[index] === Number.POSITIVE_INFINITY) {
        this.stamps[index] = this.allocations;
        this.approximate++;
      }
    }
  }

  /** The answer, after the run (call once the program finished). */
  result(): Unreachability {
    this.scan();
    const unreachableAt = new Float64Array(this.allocations).fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < this.allocations; i++) {
      const freed = this.freedAt[i];
      const stamped = i < this.stamps.length ? this.stamps[i] : Number.POSITIVE_INFINITY;
      unreachableAt[i] = freed >= 0 ? Math.min(freed, stamped) : stamped;
    }
    return {
      unreachableAt,
      allocations: this.allocations,
      approximate: this.approximate,
      interval: this.largestInterval,
    };
  }
}
