/**
 * Runs one workload on one strategy and measures it.
 *
 * @module
 */

import { type CPythonVersion, createRuntime, type StrategyFactory } from '@pymm/core';
import { unreachableSummary } from '@pymm/core/gc';
import { createContext, isPythonWorkload, type Workload } from '@pymm/workloads';
import { type MeasuringStrategy, measuring } from './measuring-strategy.js';
import type { ProgramOutcome, PromptnessSummary, RunResult } from './run-result.js';
import { minimumMutatorUtilisation, type Pause, percentile } from './statistics.js';
import { type Unreachability, unreachabilityOracle } from './unreachability-oracle.js';

/** Window sizes of the minimum mutator utilisation, in milliseconds. */
export const MMU_WINDOWS_MS = [1, 10, 50, 200];

/** What to run. */
export interface RunOptions {
  readonly scale: number;
  readonly seed: number;
  readonly params?: Readonly<Record<string, number>>;
  /** Live bytes allowed before a simulated `MemoryError` (the heap-size sweep); default unlimited. */
  readonly heapLimit?: number;
  /** The CPython version modelled (default 3.11; see `comparison/python-version.ts`). */
  readonly version?: CPythonVersion;
}

/** A Python workload that exited with a non-zero code under some strategy. */
export class ProgramFailure extends Error {
  override readonly name = 'ProgramFailure';
}

/**
 * Runs `workload` under reference counting with reachability scans to learn
 * when each object became unreachable (see `unreachability-oracle.ts`).
 *
 * @example
 * ```ts
 * import { workloadByName } from '@pymm/workloads';
 * import { findUnreachability } from './run-workload.js';
 * findUnreachability(workloadByName('reference-cycles'), { scale: 0.01, seed: 1 }).allocations > 0; // true
 * ```
 */
export function findUnreachability(workload: Workload, options: RunOptions): Unreachability {
  const py = createRuntime({ strategy: unreachabilityOracle(), version: options.version });
  workload.run(py, createContext({ scale: options.scale, seed: options.seed, params: options.params }));
  py.flushTemporaries();
  return py.strategy.result();
}

/**
 * Runs `workload` on `strategy` and returns its measurements. `unreachability`
 * (from {@link findUnreachability}) enables the promptness figures.
 *
 * @example
 * ```ts
 * import { refcount } from '@pymm/refcount';
 * import { workloadByName } from '@pymm/workloads';
 * import { measureRun } from './run-workload.js';
 * const result = measureRun(workloadByName('reference-cycles'), refcount(), { label: 'refcount', profile: null }, { scale: 0.01, seed: 1 });
 * result.leakedObjects > 0; // true: pure reference counting leaks the cycles
 * ```
 */
export function measureRun(
  workload: Workload,
  strategy: StrategyFactory,
  naming: { label: string; profile: string | null },
  options: RunOptions,
  unreachability?: Unreachability,
): RunResult {
  const py = createRuntime({
    strategy: measuring(strategy),
    heapLimit: options.heapLimit,
    version: options.version,
  });
  const measured = py.strategy;
  const heap = py.heap;
  const pauses: Pause[] = [];
  const collections: number[] = [];
  let examined = 0;
  let finalizers = 0;
  let maxOpen = 0;
  const phases: { name: string; allocations: number }[] = [];
  let runStart = 0;
  let pauseStart = 0;
  heap.events.on('collection-start', () => {
    pauseStart = performance.now();
  });
  heap.events.on('collection-stop', (e) => {
    pauses.push({ start: pauseStart - runStart, duration: e.durationMs });
    examined += e.examined;
    if (e.complete) {
      while (collections.length <= e.generation) collections.push(0);
      collections[e.generation]++;
    }
  });
  heap.events.on('finalizer', () => finalizers++);
  heap.events.on('resource-closed', () => {
    maxOpen = Math.max(maxOpen, heap.openFileCount + 1);
  });
  const context = createContext({
    scale: options.scale,
    seed: options.seed,
    params: options.params,
    onPhase: (name: string) => phases.push({ name, allocations: measured.allocations }),
  });
  runStart = performance.now();
  let program: ProgramOutcome | null = null;
  let fingerprint: string;
  if (isPythonWorkload(workload)) {
    // A Python workload carries its own fingerprint, output and per-line attribution.
    const run = workload.runProgram(py, context, { attribution: true });
    if (run.exitCode !== 0) {
      throw new ProgramFailure(
        `${workload.filename} failed under ${naming.label} (exit code ${run.exitCode}):\n${run.stderr}`,
      );
    }
    fingerprint = run.fingerprint;
    program = { exitCode: run.exitCode, stdout: run.stdout, attribution: run.attribution };
  } else {
    workload.run(py, context);
    fingerprint = py.fingerprint;
  }
  py.flushTemporaries();
  const wallMs = performance.now() - runStart;
  measured.sample();
  for (const s of measured.timeline) maxOpen = Math.max(maxOpen, s.openFiles);
  const collectorMs = pauses.reduce((sum, p) => sum + p.duration, 0);
  const durations = pauses.map((p) => p.duration);
  const leaked = unreachableSummary(heap);
  const allocatorStats = heap.allocator.stats();
  const log = heap.resourceLog;
  const closed = log.filter((r) => r.closedAt !== null);
  const closedBy = { close: 0, with: 0, dealloc: 0 };
  for (const r of closed) closedBy[r.how!]++;
  return {
    workload: workload.name,
    strategy: strategy.name,
    profile: naming.profile,
    label: naming.label,
    scale: options.scale,
    seed: options.seed,
    version: py.heap.sizes.version,
    fingerprint,
    operations: py.operation,
    allocations: measured.allocations,
    bytesAllocated: measured.bytesAllocated,
    frees: measured.frees,
    wallMs,
    collectorMs,
    programMs: Math.max(0, wallMs - collectorMs),
    collections: collections.length > 0 ? collections : [0],
    objectsExamined: examined,
    pauses: {
      count: durations.length,
      totalMs: collectorMs,
      p50Ms: percentile(durations, 50),
      p95Ms: percentile(durations, 95),
      p99Ms: percentile(durations, 99),
      maxMs: durations.length ? Math.max(...durations) : 0,
    },
    mmu: MMU_WINDOWS_MS.map((windowMs) => ({
      windowMs,
      utilisation: minimumMutatorUtilisation(pauses, wallMs, windowMs),
    })),
    peakLiveBytes: heap.peakLiveBytes,
    peakHeldBytes: allocatorStats.peakHeldBytes,
    finalLiveBytes: heap.liveBytes,
    finalHeldBytes: allocatorStats.heldBytes,
    leakedObjects: leaked.objects,
    leakedBytes: leaked.bytes,
    promptness: promptness(measured, unreachability),
    files: {
      opened: log.length,
      maxOpen,
      openAtEnd: heap.openFileCount,
      meanOpenOperations: closed.length
        ? closed.reduce((s, r) => s + (r.closedAt! - r.openedAt), 0) / closed.length
        : 0,
      closedBy,
    },
    finalizersRun: finalizers,
    refcountUpdates: heap.refcountUpdates,
    phases,
    timeline: measured.timeline,
    pauseSamplesMs: sampleEvenly(durations, 2000),
    program,
  };
}

function promptness(measured: MeasuringStrategy, oracle: Unreachability | undefined): PromptnessSummary {
  const empty = {
    reclaimed: 0,
    neverReclaimed: 0,
    p50: 0,
    p95: 0,
    max: 0,
    mean: 0,
    approximateObjects: 0,
    oracleInterval: 0,
  };
  if (!oracle || oracle.allocations !== measured.allocations) return { measured: false, ...empty };
  const delays: number[] = [];
  let never = 0;
  for (let i = 0; i < oracle.allocations; i++) {
    const unreachable = oracle.unreachableAt[i];
    if (unreachable === Number.POSITIVE_INFINITY) continue;
    const freed = measured.freedAt[i];
    if (freed < 0) never++;
    else delays.push(Math.max(0, freed - unreachable));
  }
  return {
    measured: true,
    reclaimed: delays.length,
    neverReclaimed: never,
    p50: percentile(delays, 50),
    p95: percentile(delays, 95),
    max: delays.length ? delays.reduce((a, b) => Math.max(a, b), 0) : 0,
    mean: delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : 0,
    approximateObjects: oracle.approximate,
    oracleInterval: oracle.interval,
  };
}

function sampleEvenly(values: readonly number[], limit: number): number[] {
  if (values.length <= limit) return [...values];
  const out: number[] = [];
  for (let i = 0; i < limit; i++) out.push(values[Math.floor((i * values.length) / limit)]);
  return out;
}
