/**
 * Helpers for this package's tests (not exported): the strategies to run on,
 * and a run that records, per phase, what the lessons are about.
 */

import { createRuntime, noGC, type Runtime, type StrategyFactory } from '@pymm/core';
import { generational } from '@pymm/generational';
import { createMarkSweepStrategy } from '@pymm/mark-sweep';
import { refcount } from '@pymm/refcount';
import { runWorkload, type WorkloadRun } from './run-workload.js';
import type { Workload } from './workload.js';

/** The strategies every workload runs on in the tests. */
export const STRATEGIES = {
  noGC: (): StrategyFactory => noGC(),
  refcount: (): StrategyFactory => refcount(),
  generational: (): StrategyFactory => generational(),
  markSweep: (): StrategyFactory => createMarkSweepStrategy(),
  markSweepIncremental: (): StrategyFactory => createMarkSweepStrategy('incremental'),
} as const;

export type StrategyLabel = keyof typeof STRATEGIES;

/** A collection seen during a run. */
export interface ObservedCollection {
  readonly phase: string;
  readonly generation: number;
  readonly reason: string;
  readonly examined: number;
  readonly collected: number;
  /** Live objects when the collection started. */
  readonly liveObjects: number;
}

/** What one phase did. */
export interface ObservedPhase {
  readonly name: string;
  /** Live bytes when the phase began. */
  liveBytesAtStart: number;
  /** Live bytes when it ended. */
  liveBytesAtEnd: number;
  /** Highest live bytes during the phase. */
  peakLiveBytes: number;
  /** Objects allocated, and how many of them came from a free list. */
  allocations: number;
  fromFreeList: number;
  /** Objects freed. */
  frees: number;
  /** Most files open at once during the phase. */
  maxOpenFiles: number;
  /** Files open when it ended. */
  openFilesAtEnd: number;
  finalizers: number;
  /** The `probe` option's value when the phase ended (0 without a probe). */
  probeAtEnd: number;
}

/** A run with everything the lesson tests look at. */
export interface ObservedRun {
  readonly py: Runtime;
  readonly run: WorkloadRun;
  readonly phases: readonly ObservedPhase[];
  readonly collections: readonly ObservedCollection[];
  /** Objects freed per operation number. */
  readonly freesByOperation: ReadonlyMap<number, number>;
  /** The first phase called `name` (throws if there is none). */
  phase(name: string): ObservedPhase;
  /** The phase's rise of memory: its peak minus the live bytes when it began. */
  peakRise(name: string): number;
}

/**
 * Runs a workload on a fresh runtime and records per-phase memory, allocations,
 * frees, open files and collections. The per-phase peak resets the heap's
 * `peakLiveBytes` at each phase, as `tracemalloc.reset_peak()` would.
 */
export function observe(
  workload: Workload,
  strategy: StrategyLabel,
  options: {
    scale?: number;
    seed?: number;
    params?: Record<string, number>;
    /** A number to record at the end of each phase, e.g. the length of a cache. */
    probe?: (py: Runtime) => number;
  } = {},
): ObservedRun {
  const py = createRuntime({ strategy: STRATEGIES[strategy]() });
  const heap = py.heap;
  const phases: ObservedPhase[] = [];
  const collections: ObservedCollection[] = [];
  const freesByOperation = new Map<number, number>();
  let current: ObservedPhase | undefined;
  let openFiles = 0;
  let collectionLiveObjects = 0;

  const peakNow = () => Math.max(heap.peakLiveBytes, heap.liveBytes);
  const closePhase = () => {
    if (!current) return;
    current.peakLiveBytes = Math.max(current.peakLiveBytes, peakNow());
    current.liveBytesAtEnd = heap.liveBytes;
    current.openFilesAtEnd = openFiles;
    current.probeAtEnd = options.probe?.(py) ?? 0;
  };
  py.on('allocate', (event) => {
    if (!current) return;
    current.allocations++;
    if (event.fromFreeList) current.fromFreeList++;
    if (event.type === 'file') {
      openFiles++;
      current.maxOpenFiles = Math.max(current.maxOpenFiles, openFiles);
    }
  });
  py.on('free', (event) => {
    if (current) current.frees++;
    freesByOperation.set(event.operation, (freesByOperation.get(event.operation) ?? 0) + 1);
  });
  py.on('resource-closed', () => openFiles--);
  py.on('finalizer', () => {
    if (current) current.finalizers++;
  });
  py.on('collection-start', () => {
    collectionLiveObjects = heap.store.liveCount;
  });
  py.on('collection-stop', (event) => {
    collections.push({
      phase: current?.name ?? '',
      generation: event.generation,
      reason: event.reason,
      examined: event.examined,
      collected: event.collected,
      liveObjects: collectionLiveObjects,
    });
  });

  const run = runWorkload(workload, py, {
    scale: options.scale,
    seed: options.seed,
    params: options.params,
    onPhase: (name) => {
      closePhase();
      heap.peakLiveBytes = heap.liveBytes;
      current = {
        name,
        liveBytesAtStart: heap.liveBytes,
        liveBytesAtEnd: heap.liveBytes,
        peakLiveBytes: heap.liveBytes,
        allocations: 0,
        fromFreeList: 0,
        frees: 0,
        maxOpenFiles: openFiles,
        openFilesAtEnd: openFiles,
        finalizers: 0,
        probeAtEnd: 0,
      };
      phases.push(current);
    },
  });
  closePhase();

  const phase = (name: string): ObservedPhase => {
    const found = phases.find((p) => p.name === name);
    if (!found)
      throw new Error(
        `${workload.name} has no phase '${name}' (phases: ${phases.map((p) => p.name).join(', ')})`,
      );
    return found;
  };
  return {
    py,
    run,
    phases,
    collections,
    freesByOperation,
    phase,
    peakRise: (name) => phase(name).peakLiveBytes - phase(name).liveBytesAtStart,
  };
}
