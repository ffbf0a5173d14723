/**
 * Helpers for core's own tests (not exported): a minimal reference-counting
 * strategy that records the hooks it receives.
 */
import type { Heap } from './heap/heap.js';
import type { TypeId } from './objects/type-id.js';
import type { Strategy, StrategyStats } from './strategy/strategy.js';

/** Reference counting with no collector; records every hook call. */
export class RecordingRefcount implements Strategy {
  readonly name = 'recording-refcount';
  readonly requirements: { referenceCounting: boolean; writeBarrier: boolean };
  readonly guarantees = { reclaimsCycles: false, prompt: true } as const;
  readonly calls: string[] = [];
  heap!: Heap;
  constructor(options: { writeBarrier?: boolean; record?: boolean } = {}) {
    this.requirements = { referenceCounting: true, writeBarrier: options.writeBarrier ?? false };
    this.record = options.record ?? false;
  }
  private readonly record: boolean;
  attach(heap: Heap): void {
    this.heap = heap;
  }
  allocating(type: TypeId, bytes: number, fresh: boolean): void {
    if (this.record) this.calls.push(`allocating ${type} ${bytes} ${fresh ? 'fresh' : 'reused'}`);
  }
  released(type: TypeId, bytes: number, toAllocator: boolean): void {
    if (this.record) this.calls.push(`released ${type} ${bytes} ${toAllocator ? 'allocator' : 'free-list'}`);
  }
  track(slot: number): void {
    if (this.record) this.calls.push(`track ${slot}`);
  }
  untrack(slot: number): void {
    if (this.record) this.calls.push(`untrack ${slot}`);
  }
  writeBarrier(holder: number, target: number): void {
    if (this.record) this.calls.push(`barrier ${holder} ${target}`);
  }
  collect(): number {
    return 0;
  }
  stats(): StrategyStats {
    return { collections: [0], collected: [0], uncollectable: [0] };
  }
}
