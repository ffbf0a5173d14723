/**
 * A strategy wrapper that measures without reaching into the strategy: it
 * wraps a strategy's factory, and the instance it creates for a heap forwards
 * every hook to the wrapped strategy's instance for the same heap, counting
 * what passes through the public contract (allocations, bytes, frees),
 * stamping each object with its allocation index (the comparison's clock) and
 * sampling memory over time.
 *
 * @module
 */

import type {
  CollectionReason,
  CollectorHeap,
  GcControl,
  Strategy,
  StrategyFactory,
  StrategyStats,
  TypeId,
} from '@pymm/core';

/** One sample of the memory timeline. */
export interface TimelineSample {
  /** Allocations so far (the clock). */
  readonly allocations: number;
  /** Bytes in live objects. */
  readonly liveBytes: number;
  /** Bytes the allocator holds from the system. */
  readonly heldBytes: number;
  /** Files open. */
  readonly openFiles: number;
}

const MAX_SAMPLES = 400;

/**
 * Wraps a strategy's factory to measure it: same name, requirements and
 * guarantees; each heap gets a {@link MeasuringStrategy} around the wrapped
 * strategy's own instance for that heap.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { measuring } from './measuring-strategy.js';
 * const py = createRuntime({ strategy: measuring(refcount()) });
 * py.locals.x = py.list();
 * py.strategy.allocations; // 1
 * py.strategy.inner.name; // 'refcount'
 * ```
 */
export function measuring(inner: StrategyFactory): StrategyFactory<MeasuringStrategy> {
  return {
    name: inner.name,
    requirements: inner.requirements,
    guarantees: inner.guarantees,
    create: (heap) => new MeasuringStrategy(heap, inner.create(heap)),
  };
}

/**
 * The measuring instance for one heap (see {@link measuring}).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { MeasuringStrategy, measuring } from './measuring-strategy.js';
 * const py = createRuntime({ strategy: measuring(refcount()) });
 * py.strategy instanceof MeasuringStrategy; // true
 * py.locals.x = py.list();
 * py.del('x');
 * py.strategy.frees; // 1
 * ```
 */
export class MeasuringStrategy implements Strategy {
  readonly name: string;
  /** Objects allocated so far (the clock). */
  allocations = 0;
  /** Bytes allocated so far (object sizes at creation). */
  bytesAllocated = 0;
  /** Objects freed so far. */
  frees = 0;
  /** Allocation index of the object in each slot (valid while it lives). */
  private slotAllocation = new Float64Array(1024);
  /** Clock at which each allocation index was freed (-1 = not freed). */
  freedAt = new Float64Array(1024).fill(-1);
  /** The memory timeline (decimated to at most a few hundred samples). */
  readonly timeline: TimelineSample[] = [];
  private sampleEvery = 256;
  private pendingBytes = 0;

  constructor(
    /** The heap measured. */
    protected readonly heap: CollectorHeap,
    /** The wrapped strategy's instance for the same heap. */
    readonly inner: Strategy,
  ) {
    this.name = inner.name;
  }

  /** The wrapped strategy's `gc` controls, if any. */
  get gc(): GcControl | undefined {
    return this.inner.gc;
  }

  allocating(type: TypeId, bytes: number, fresh: boolean): void {
    this.pendingBytes = bytes;
    this.inner.allocating(type, bytes, fresh);
  }

  allocated(slot: number): void {
    const index = this.allocations++;
    this.bytesAllocated += this.pendingBytes;
    if (slot >= this.slotAllocation.length) this.slotAllocation = grow(this.slotAllocation, slot + 1, 0);
    this.slotAllocation[slot] = index;
    if (index >= this.freedAt.length) this.freedAt = grow(this.freedAt, index + 1, -1);
    this.inner.allocated?.(slot);
    if (index % this.sampleEvery === 0) this.sample();
  }

  released(type: TypeId, bytes: number, toAllocator: boolean, slot: number): void {
    if (slot >= 0) {
      this.frees++;
      this.freedAt[this.slotAllocation[slot]] = this.allocations;
    }
    this.inner.released(type, bytes, toAllocator, slot);
  }

  track(slot: number): void {
    this.inner.track(slot);
  }

  untrack(slot: number): void {
    this.inner.untrack(slot);
  }

  finalizerRegistered(slot: number): void {
    this.inner.finalizerRegistered?.(slot);
  }

  heapConsistent(): boolean {
    return this.inner.heapConsistent?.() ?? true;
  }

  reportUnraisable(where: 'finalizer' | 'weakref-callback', error: unknown): void {
    this.inner.reportUnraisable?.(where, error);
  }

  writeBarrier(holder: number, target: number): void {
    this.inner.writeBarrier?.(holder, target);
  }

  safepoint(): void {
    this.inner.safepoint?.();
  }

  collect(generation: number, reason: CollectionReason): number {
    return this.inner.collect(generation, reason);
  }

  stats(): StrategyStats {
    return this.inner.stats();
  }

  /** Allocation index of the live object in `slot`. */
  allocationIndexOf(slot: number): number {
    return this.slotAllocation[slot];
  }

  /** Takes a timeline sample now (also called at the end of a run). */
  sample(): void {
    const heap = this.heap;
    this.timeline.push({
      allocations: this.allocations,
      liveBytes: heap.liveBytes,
      heldBytes: heap.allocator.stats().heldBytes,
      openFiles: heap.openFileCount,
    });
    if (this.timeline.length > MAX_SAMPLES) {
      // Keep every other sample and sample half as often from now on.
      for (let i = 0, j = 0; i < this.timeline.length; i += 2, j++) this.timeline[j] = this.timeline[i];
      this.timeline.length = Math.ceil(this.timeline.length / 2);
      this.sampleEvery *= 2;
    }
  }
}

function grow(array: Float64Array, minimum: number, fill: number): Float64Array<ArrayBuffer> {
  let size = array.length * 2;
  while (size < minimum) size *= 2;
  const next = new Float64Array(size).fill(fill, array.length);
  next.set(array);
  return next;
}
