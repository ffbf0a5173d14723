/**
 * Helpers for core's own tests (not exported): a minimal reference-counting
 * strategy that records the hooks it receives.
 */
import type { TypeId } from './objects/type-id.js';
import type { Strategy, StrategyFactory, StrategyStats } from './strategy/strategy.js';

/** Reference counting with no collector, for core's tests. */
export function recordingRefcount(
  options: { writeBarrier?: boolean; record?: boolean } = {},
): StrategyFactory<RecordingRefcount> {
  return {
    name: 'recording-refcount',
    requirements: { referenceCounting: true, writeBarrier: options.writeBarrier ?? false },
    guarantees: { reclaimsCycles: false, prompt: true },
    create: () => new RecordingRefcount(options.record ?? false),
  };
}

/** The instance {@link recordingRefcount} creates; records every hook call when asked to. */
export class RecordingRefcount implements Strategy {
  readonly name = 'recording-refcount';
  readonly calls: string[] = [];
  constructor(private readonly record: boolean) {}
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
