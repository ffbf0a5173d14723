/**
 * One workload's part of the heap-size sweep, as a job for a worker thread:
 * the minimum heap of every swept strategy (bisection), then this shard's
 * points, each one workload run at one multiple on one strategy through the
 * same measuring path as the comparison's runs.
 *
 * @module
 */

import type { CPythonVersion } from '@pymm/core';
import { loadParser } from '@pymm/python';
import { measureRun } from '../measure/run-workload.js';
import { jobWorkload } from './comparison-job.js';
import {
  heapLimitAt,
  type StrategyMinimumHeap,
  type SweepPoint,
  type SweepWorkload,
  tightestMinimum,
} from './heap-sweep.js';
import { findMinimumHeap, isMemoryError } from './minimum-heap.js';
import { pythonVersionOf } from './python-version.js';
import { instantiateStrategy, type StrategySpec } from './strategy-spec.js';
import type { ProgramSpec } from './user-programs.js';

/** A sweep job: one workload's minimum heap and some of its points. */
export interface SweepJob {
  readonly kind: 'sweep';
  readonly workload: string;
  /** A user's program to run as the workload (its name is `workload`), instead of a built-in one. */
  readonly program?: ProgramSpec;
  /** Every swept strategy (each one's minimum heap is needed for the tightest). */
  readonly swept: readonly StrategySpec[];
  /** The points to run: a multiple and the label of a swept strategy. */
  readonly points: readonly { readonly multiple: number; readonly label: string }[];
  readonly scale: number;
  readonly seed: number;
  readonly params?: Readonly<Record<string, number>>;
  /** Directory that relative external strategy paths are resolved from. */
  readonly cwd: string;
}

/** What a sweep job found. */
export interface SweepJobResult {
  readonly workload: SweepWorkload;
  /** Points without their lower-bound overhead (it needs every strategy's point). */
  readonly points: SweepPoint[];
}

/** Runs a sweep job; calls `onPoint` after each point. */
export async function runSweepJob(
  job: SweepJob,
  onPoint: (point: SweepPoint) => void = () => {},
): Promise<SweepJobResult> {
  await loadParser();
  const workload = jobWorkload(job);
  const base = { scale: job.scale, seed: job.seed, params: job.params };
  // Each strategy runs the program as the CPython version it models (see `python-version.ts`).
  const optionsFor = (spec: StrategySpec): typeof base & { version: CPythonVersion } => ({
    ...base,
    version: pythonVersionOf(spec),
  });
  const minimums: StrategyMinimumHeap[] = [];
  for (const spec of job.swept) {
    // The previous strategy's minimum is the hint: strategies often need the same heap.
    const hint = minimums.at(-1)?.bytes;
    const found = findMinimumHeap(workload, await instantiateStrategy(spec, job.cwd), optionsFor(spec), hint);
    minimums.push({ label: spec.label, ...found });
  }
  const sweepWorkload = tightestMinimum(job.workload, minimums);
  const points: SweepPoint[] = [];
  for (const { multiple, label } of job.points) {
    const spec = job.swept.find((s) => s.label === label);
    if (!spec) throw new Error(`${job.workload}: '${label}' is not a swept strategy`);
    const heapLimit = heapLimitAt(multiple, sweepWorkload.minimumHeapBytes);
    const strategy = await instantiateStrategy(spec, job.cwd);
    const point = measurePoint(job.workload, label, multiple, heapLimit, () =>
      measureRun(workload, strategy, { label, profile: spec.profile }, { ...optionsFor(spec), heapLimit }),
    );
    points.push(point);
    onPoint(point);
  }
  return { workload: sweepWorkload, points };
}

function measurePoint(
  workload: string,
  label: string,
  multiple: number,
  heapLimit: number,
  run: () => ReturnType<typeof measureRun>,
): SweepPoint {
  const common = { workload, label, multiple, heapLimit, lowerBoundOverhead: null };
  try {
    const r = run();
    return {
      ...common,
      completed: true,
      error: null,
      fingerprint: r.fingerprint,
      wallMs: r.wallMs,
      collectorMs: r.collectorMs,
      programMs: r.programMs,
      collections: r.collections.reduce((a, b) => a + b, 0),
      maxPauseMs: r.pauses.maxMs,
      peakLiveBytes: r.peakLiveBytes,
      peakHeldBytes: r.peakHeldBytes,
    };
  } catch (error) {
    if (!isMemoryError(error)) throw error;
    return {
      ...common,
      completed: false,
      error: (error as Error).message,
      fingerprint: null,
      wallMs: null,
      collectorMs: null,
      programMs: null,
      collections: null,
      maxPauseMs: null,
      peakLiveBytes: null,
      peakHeldBytes: null,
    };
  }
}

/** Thrown when `--heap-sizes` is given but no strategy compared would be swept. */
export class SweepChoiceError extends Error {
  override readonly name = 'SweepChoiceError';
}

/**
 * The strategies a sweep runs among `specs`: those whose factory guarantees
 * that it reclaims cycles (see `heap-sweep.ts` for why). Throws
 * {@link SweepChoiceError} when there is none.
 *
 * @example
 * ```ts
 * import { DEFAULT_STRATEGIES } from './strategy-spec.js';
 * import { sweptStrategies } from './heap-sweep-job.js';
 * (await sweptStrategies(DEFAULT_STRATEGIES)).map((s) => s.label); // ['generational', 'mark-sweep', 'mark-sweep (incremental)']
 * ```
 */
export async function sweptStrategies(
  specs: readonly StrategySpec[],
  cwd = process.cwd(),
): Promise<StrategySpec[]> {
  const swept: StrategySpec[] = [];
  for (const spec of specs) {
    if ((await instantiateStrategy(spec, cwd)).guarantees.reclaimsCycles) swept.push(spec);
  }
  if (swept.length === 0) {
    throw new SweepChoiceError(
      `--heap-sizes: none of the strategies compared (${specs.map((s) => s.label).join(', ')}) reclaims cycles, so none trades time for space; add generational or mark-sweep`,
    );
  }
  return swept;
}

/**
 * Whether a job posted to a worker is a sweep job (a workload's runs are the other kind).
 *
 * @example
 * ```ts
 * import { isSweepJob } from './heap-sweep-job.js';
 * isSweepJob({ workload: 'w', strategies: [], scale: 1, seed: 1, cwd: '.' }); // false
 * ```
 */
export function isSweepJob(job: object): job is SweepJob {
  return 'kind' in job && job.kind === 'sweep';
}
