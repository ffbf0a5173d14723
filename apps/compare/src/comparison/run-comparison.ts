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
import {
  createContext,
  isPythonWorkload,
  summarizeWorkload,
  WORKLOADS,
  type WorkloadSummary,
} from '@pymm/workloads';
import { type CPythonColumn, type CPythonTask, runCPythonColumn } from '../measure/cpython-column.js';
import type { RunResult } from '../measure/run-result.js';
import { type ComparisonJob, jobWorkload, runJob } from './comparison-job.js';
import { type HeapSweep, type SweepPoint, withLowerBoundOverhead } from './heap-sweep.js';
import {
  isSweepJob,
  runSweepJob,
  type SweepJob,
  type SweepJobResult,
  sweptStrategies,
} from './heap-sweep-job.js';
import { MINIMUM_HEAP_PRECISION } from './minimum-heap.js';
import { DEFAULT_PYTHON_VERSION, pythonVersionOf } from './python-version.js';
import { type Ranking, rankStrategies } from './rankings.js';
import { comparisonMatrix, type Shard, shardSlice } from './shard.js';
import { jobsForCells } from './shard-jobs.js';
import { DEFAULT_STRATEGIES, type StrategySpec } from './strategy-spec.js';
import type { ProgramSpec } from './user-programs.js';
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
  /** Users' programs to compare (after `workloads`; alone when `workloads` is not given). */
  readonly programs?: readonly ProgramSpec[];
  /** The CPython command for the CPython column (default: found per version), or false to skip it. */
  readonly python?: string | false;
}

/** A workload as the report describes it. */
export interface WorkloadDescription extends WorkloadSummary {
  /**
   * Whether every strategy saw the same operation stream: equal fingerprints among the runs of one
   * CPython version (for a Python program, among the strategies that free: see `python-workload.ts`).
   */
  readonly identicalStreams: boolean;
  /** `python` for a workload that is a Python program (its `python` is the source that ran), else `typescript`. */
  readonly language: 'python' | 'typescript';
  /** The program's file name (a user's program: the path as given), or null for a TypeScript workload. */
  readonly filename: string | null;
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
  /** Each Python workload on real CPython, beside pymm's run of the same version, or why not. */
  readonly cpython: CPythonColumn;
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
  const programs = options.programs ?? [];
  const names = options.workloads ?? (programs.length > 0 ? [] : WORKLOADS.map((w) => w.name));
  const jobSpecs = [
    ...names.map((name) => ({ workload: name })),
    ...programs.map((program) => ({ workload: program.name, program })),
  ];
  const workloads = jobSpecs.map((spec) => jobWorkload(spec));
  const strategies = options.strategies ?? DEFAULT_STRATEGIES;
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 1;
  const cwd = options.cwd ?? process.cwd();
  const swept = options.heapSizes ? await sweptStrategies(strategies, cwd) : [];
  const multiples = options.heapSizes ?? [];
  const matrix = comparisonMatrix({
    workloads: jobSpecs.map((spec) => spec.workload),
    labels: strategies.map((s) => s.label),
    swept: swept.map((s) => s.label),
    multiples,
    seed,
    scale,
  });
  const cells = options.shard ? shardSlice(matrix, options.shard) : matrix;
  const programByName = new Map(programs.map((program) => [program.name, program]));
  const queue = jobsForCells(cells, { strategies, swept, scale, seed, cwd }).map((job) => {
    const program = programByName.get(job.workload);
    return program ? { ...job, program } : job;
  });
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
  const measured = queue.filter((job): job is ComparisonJob => !isSweepJob(job));
  const cpython = await runCPythonColumn(cpythonTasks(measured, strategies), runs, options.python);
  return assembleComparison({
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    options: { scale, seed, jobs },
    strategies,
    workloads: workloads.map((w) => {
      const program = queue.find((job) => job.workload === w.name)?.program;
      return {
        ...summarizeWorkload(w),
        language: isPythonWorkload(w) ? ('python' as const) : ('typescript' as const),
        filename: program ? program.path : isPythonWorkload(w) ? w.filename : null,
      };
    }),
    runs,
    cpython,
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
  readonly workloads: readonly (WorkloadSummary & Pick<WorkloadDescription, 'language' | 'filename'>)[];
  readonly runs: readonly RunResult[];
  readonly cpython: CPythonColumn;
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
      const byVersion = new Map<string, Set<string>>();
      for (const r of own) {
        // nogc never frees, so it never runs a finalizer or closes a suspended generator: a
        // Python program whose finalizers allocate makes fewer objects under it.
        if (summary.language === 'python' && r.strategy === 'nogc') continue;
        byVersion.set(r.version, (byVersion.get(r.version) ?? new Set()).add(r.fingerprint));
      }
      const { identicalStreams: _streams, verdict: _verdict, ...rest } = summary as WorkloadDescription;
      return {
        ...rest,
        identicalStreams: [...byVersion.values()].every((fingerprints) => fingerprints.size <= 1),
        verdict: verdictFor(own),
      };
    }),
    runs,
    rankings: rankStrategies(runs),
    cpython: parts.cpython,
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
 * The CPython column's tasks: every Python workload at each version that a generational profile
 * of the comparison models (3.11 when none does), with the `sys.argv` its pymm runs got.
 */
function cpythonTasks(queue: readonly ComparisonJob[], strategies: readonly StrategySpec[]): CPythonTask[] {
  const generational = strategies.filter((s) => s.name === 'generational').map(pythonVersionOf);
  const versions = generational.length > 0 ? [...new Set(generational)] : [DEFAULT_PYTHON_VERSION];
  const tasks: CPythonTask[] = [];
  for (const job of queue) {
    const workload = jobWorkload(job);
    if (!isPythonWorkload(workload)) continue;
    const context = createContext({ scale: job.scale, seed: job.seed, workload, params: job.params });
    for (const version of versions) {
      tasks.push({
        workload: workload.name,
        path: job.program?.filename ?? null,
        source: workload.python,
        argv: workload.argumentsFor(context),
        version,
        cwd: job.program ? job.cwd : null,
      });
    }
  }
  return tasks;
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
