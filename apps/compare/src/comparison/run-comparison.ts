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
import { DEFAULT_PYTHON_VERSION, pythonVersionOf } from './python-version.js';
import { type Ranking, rankStrategies } from './rankings.js';
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
  const jobs = Math.max(1, Math.min(options.jobs ?? cpus().length, workloads.length));
  const cwd = options.cwd ?? process.cwd();
  const queue: ComparisonJob[] = jobSpecs.map((spec) => ({ ...spec, strategies, scale, seed, cwd }));
  const total = queue.length * strategies.length;
  let done = 0;
  const onRun = (result: RunResult) => {
    done++;
    onProgress({ done, total, last: result });
  };
  onProgress({ done: 0, total, last: null });
  const resultsByWorkload = new Map<string, RunResult[]>();
  if (jobs === 1) {
    for (const job of queue) resultsByWorkload.set(job.workload, await runJob(job, onRun));
  } else {
    await runInWorkers(queue, jobs, onRun, resultsByWorkload);
  }
  const runs = workloads.flatMap((w) => resultsByWorkload.get(w.name) ?? []);
  const cpython = await runCPythonColumn(cpythonTasks(queue, strategies), runs, options.python);
  return {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    options: { scale, seed, jobs },
    strategies,
    workloads: workloads.map((w) => {
      const own = runs.filter((r) => r.workload === w.name);
      const byVersion = new Map<string, Set<string>>();
      for (const r of own) {
        // nogc never frees, so it never runs a finalizer or closes a suspended generator: a
        // Python program whose finalizers allocate makes fewer objects under it.
        if (isPythonWorkload(w) && r.strategy === 'nogc') continue;
        byVersion.set(r.version, (byVersion.get(r.version) ?? new Set()).add(r.fingerprint));
      }
      const program = queue.find((job) => job.workload === w.name)?.program;
      return {
        ...summarizeWorkload(w),
        identicalStreams: [...byVersion.values()].every((fingerprints) => fingerprints.size <= 1),
        language: isPythonWorkload(w) ? ('python' as const) : ('typescript' as const),
        filename: program ? program.path : isPythonWorkload(w) ? w.filename : null,
        verdict: verdictFor(own),
      };
    }),
    runs,
    rankings: rankStrategies(runs),
    cpython,
    wallSeconds: (performance.now() - started) / 1000,
  };
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
  queue: ComparisonJob[],
  jobs: number,
  onRun: (result: RunResult) => void,
  results: Map<string, RunResult[]>,
): Promise<void> {
  const pending = [...queue];
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: jobs }, async () => {
        const worker = startWorker();
        workers.push(worker);
        for (let job = pending.shift(); job; job = pending.shift()) {
          const current = job;
          const runs = await new Promise<RunResult[]>((resolve, reject) => {
            const onMessage = (message: {
              kind: string;
              result?: RunResult;
              results?: RunResult[];
              message?: string;
            }) => {
              if (message.kind === 'run') onRun(message.result!);
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
          results.set(current.workload, runs);
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
