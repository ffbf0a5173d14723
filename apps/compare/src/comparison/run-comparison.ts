/**
 * Runs a comparison: every chosen workload on every chosen strategy, in
 * parallel on worker threads, and assembles the result that the report and
 * `--json` publish.
 *
 * @module
 */

import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { summarizeWorkload, WORKLOADS, type WorkloadSummary, workloadByName } from '@pymm/workloads';
import type { RunResult } from '../measure/run-result.js';
import { type ComparisonJob, runJob } from './comparison-job.js';
import { type HeapSweep, type SweepPoint, withLowerBoundOverhead } from './heap-sweep.js';
import {
  isSweepJob,
  runSweepJob,
  type SweepJob,
  type SweepJobResult,
  sweptStrategies,
} from './heap-sweep-job.js';
import { MINIMUM_HEAP_PRECISION } from './minimum-heap.js';
import { type Ranking, rankStrategies } from './rankings.js';
import { comparisonMatrix, type Shard, shardSlice } from './shard.js';
import { jobsForCells } from './shard-jobs.js';
import { DEFAULT_STRATEGIES, type StrategySpec } from './strategy-spec.js';
import { verdictFor } from './verdicts.js';

/** Version of the comparison JSON (see `schema/comparison.schema.json`). */
export const COMPARISON_SCHEMA_VERSION = 1;

/** What to compare. */
export interface ComparisonOptions {
  readonly workloads?: readonly string[];
  readonly strategies?: readonly StrategySpec[];
  readonly scale?: number;
  readonly seed?: number;
  /** Worker threads (default: the number of cores); 1 runs everything in this thread. */
  readonly jobs?: number;
  readonly cwd?: string;
  /** Heap-size sweep: multiples of each workload's minimum heap, ascending (see `heap-sweep.ts`). */
  readonly heapSizes?: readonly number[];
  /** Runs only this slice of the comparison matrix (see `shard.ts`). */
  readonly shard?: Shard;
}

/** A workload as the report describes it. */
export interface WorkloadDescription extends WorkloadSummary {
  /** Whether every strategy saw the same operation stream (equal fingerprints). */
  readonly identicalStreams: boolean;
  /** Plain-words verdict comparing the strategies on this workload. */
  readonly verdict: string;
}

/** The whole comparison: what `--json` prints and the report shows. */
export interface Comparison {
  readonly schemaVersion: typeof COMPARISON_SCHEMA_VERSION;
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGiB: number;
    readonly node: string;
  };
  readonly options: { readonly scale: number; readonly seed: number; readonly jobs: number };
  readonly strategies: readonly StrategySpec[];
  readonly workloads: readonly WorkloadDescription[];
  readonly runs: readonly RunResult[];
  readonly rankings: readonly Ranking[];
  readonly wallSeconds: number;
  /** The heap-size sweep, when one was asked for. */
  readonly sweep?: HeapSweep;
  /** In a shard's JSON only: which slice of how many cells it ran (`pymm merge-reports` joins them). */
  readonly shard?: Shard & { readonly cells: number; readonly matrixCells: number };
}

/** Progress of a running comparison. */
export interface ComparisonProgress {
  readonly done: number;
  readonly total: number;
  readonly last: RunResult | null;
}

/**
 * Runs a comparison.
 *
 * @example
 * ```ts
 * import { runComparison } from './run-comparison.js';
 * const comparison = await runComparison({ workloads: ['reference-cycles'], scale: 0.01, jobs: 1 });
 * comparison.runs.length; // 5: one per default strategy
 * ```
 */
export async function runComparison(
  options: ComparisonOptions = {},
  onProgress: (progress: ComparisonProgress) => void = () => {},
): Promise<Comparison> {
  const started = performance.now();
  const names = options.workloads ?? WORKLOADS.map((w) => w.name);
  const workloads = names.map((name) => workloadByName(name));
  const strategies = options.strategies ?? DEFAULT_STRATEGIES;
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 1;
  const cwd = options.cwd ?? process.cwd();
  const swept = options.heapSizes ? await sweptStrategies(strategies, cwd) : [];
  const multiples = options.heapSizes ?? [];
  const matrix = comparisonMatrix({
    workloads: names,
    labels: strategies.map((s) => s.label),
    swept: swept.map((s) => s.label),
    multiples,
    seed,
    scale,
  });
  const cells = options.shard ? shardSlice(matrix, options.shard) : matrix;
  const queue = jobsForCells(cells, { strategies, swept, scale, seed, cwd });
  const jobs = Math.max(1, Math.min(options.jobs ?? cpus().length, queue.length));
  const total = cells.length;
  let done = 0;
  const onRun = (result: RunResult | null) => {
    done++;
    onProgress({ done, total, last: result });
  };
  onProgress({ done: 0, total, last: null });
  const results: (RunResult[] | SweepJobResult)[] = [];
  if (jobs === 1) {
    for (const job of queue) results.push(await runJobHere(job, onRun));
  } else {
    results.push(...(await runInWorkers(queue, jobs, onRun)));
  }
  const runs = results.flatMap((r) => (Array.isArray(r) ? r : []));
  const sweeps = results.flatMap((r) => (Array.isArray(r) ? [] : [r]));
  return assembleComparison({
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    options: { scale, seed, jobs },
    strategies,
    workloads: workloads.map((w) => summarizeWorkload(w)),
    runs,
    sweep: options.heapSizes
      ? {
          multiples,
          strategies: swept,
          workloads: sweeps.map((r) => r.workload),
          points: sweeps.flatMap((r) => r.points),
        }
      : undefined,
    shard: options.shard && { ...options.shard, cells: cells.length, matrixCells: matrix.length },
    wallSeconds: (performance.now() - started) / 1000,
  });
}

/** What a comparison is assembled from: its measurements, before verdicts and rankings. */
export interface ComparisonParts {
  readonly machine: Comparison['machine'];
  readonly options: Comparison['options'];
  readonly strategies: readonly StrategySpec[];
  readonly workloads: readonly WorkloadSummary[];
  readonly runs: readonly RunResult[];
  readonly sweep?: Omit<HeapSweep, 'precision'>;
  readonly shard?: Comparison['shard'];
  readonly wallSeconds: number;
}

/**
 * Assembles a comparison from its measurements: each workload's verdict and
 * stream check, the rankings, the sweep's lower-bound overheads. A whole run
 * and `pymm merge-reports` both end here.
 *
 * @example
 * ```ts
 * import { assembleComparison } from './run-comparison.js';
 * const machine = { cpu: 'cpu', cores: 1, memoryGiB: 1, node: 'v20' };
 * const options = { scale: 1, seed: 1, jobs: 1 };
 * assembleComparison({ machine, options, strategies: [], workloads: [], runs: [], wallSeconds: 0 }).rankings.length; // 7
 * ```
 */
export function assembleComparison(parts: ComparisonParts): Comparison {
  const { runs, sweep } = parts;
  return {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    machine: parts.machine,
    options: parts.options,
    strategies: parts.strategies,
    workloads: parts.workloads.map((summary) => {
      const own = runs.filter((r) => r.workload === summary.name);
      const { identicalStreams: _streams, verdict: _verdict, ...rest } = summary as WorkloadDescription;
      return {
        ...rest,
        identicalStreams: new Set(own.map((r) => r.fingerprint)).size <= 1,
        verdict: verdictFor(own),
      };
    }),
    runs,
    rankings: rankStrategies(runs),
    wallSeconds: parts.wallSeconds,
    ...(sweep && {
      sweep: {
        ...sweep,
        precision: MINIMUM_HEAP_PRECISION,
        points: withLowerBoundOverhead(sweep.points as SweepPoint[]),
      },
    }),
    ...(parts.shard && { shard: parts.shard }),
  };
}

/** Runs one job in this thread. */
function runJobHere(
  job: ComparisonJob | SweepJob,
  onRun: (result: RunResult | null) => void,
): Promise<RunResult[] | SweepJobResult> {
  if (isSweepJob(job)) return runSweepJob(job, () => onRun(null));
  return runJob(job, onRun);
}

/**
 * Starts a worker thread running `comparison-worker`. From the built package
 * that is a plain module. From TypeScript source (tests, `pnpm compare`) the
 * worker first registers the TypeScript loader (tsx's `register()`), because
 * Node 20 does not apply `--import` loaders to a worker's entry module.
 */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./comparison-worker${fromSource ? '.ts' : '.js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry);
  const execArgv = ['--conditions=@pymm/source'];
  // The ESM build of tsx's API (require.resolve finds the CommonJS one beside it).
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsx = pathToFileURL(api).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, execArgv });
}

async function runInWorkers(
  queue: readonly (ComparisonJob | SweepJob)[],
  jobs: number,
  onRun: (result: RunResult | null) => void,
): Promise<(RunResult[] | SweepJobResult)[]> {
  const results: (RunResult[] | SweepJobResult)[] = new Array(queue.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: jobs }, async () => {
        const worker = startWorker();
        workers.push(worker);
        for (let index = next++; index < queue.length; index = next++) {
          const current = queue[index];
          results[index] = await new Promise<RunResult[] | SweepJobResult>((resolve, reject) => {
            const onMessage = (message: {
              kind: string;
              result?: RunResult;
              results?: RunResult[] | SweepJobResult;
              message?: string;
            }) => {
              if (message.kind === 'run') onRun(message.result!);
              else if (message.kind === 'point') onRun(null);
              else {
                worker.off('message', onMessage);
                worker.off('error', reject);
                if (message.kind === 'done') resolve(message.results!);
                else reject(new Error(`${current.workload}: ${message.message}`));
              }
            };
            worker.on('message', onMessage);
            worker.once('error', reject);
            worker.postMessage(current);
          });
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
