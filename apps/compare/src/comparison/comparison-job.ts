/**
 * One job of a comparison: a workload's oracle run (one per CPython version its strategies
 * model), then the workload on each strategy. Jobs run in worker threads, or inline with `--jobs 1`.
 *
 * @module
 */

import type { CPythonVersion } from '@pymm/core';
import { loadParser } from '@pymm/python';
import { pythonWorkloadByName, type Workload } from '@pymm/workloads';
import type { RunResult } from '../measure/run-result.js';
import { findUnreachability, measureRun } from '../measure/run-workload.js';
import type { Unreachability } from '../measure/unreachability-oracle.js';
import { pythonVersionOf } from './python-version.js';
import { instantiateStrategy, type StrategySpec } from './strategy-spec.js';
import { type ProgramSpec, programWorkload } from './user-programs.js';

/** A job: one workload on every strategy. */
export interface ComparisonJob {
  readonly workload: string;
  /** A user's program to run as the workload (its name is `workload`), instead of a built-in one. */
  readonly program?: ProgramSpec;
  readonly strategies: readonly StrategySpec[];
  readonly scale: number;
  readonly seed: number;
  readonly params?: Readonly<Record<string, number>>;
  /** Directory that relative external strategy paths are resolved from. */
  readonly cwd: string;
}

/** The workload a job runs: a user's program, or a suite workload as its Python program. */
export function jobWorkload(job: Pick<ComparisonJob, 'workload' | 'program'>): Workload {
  return job.program ? programWorkload(job.program) : pythonWorkloadByName(job.workload);
}

/** Runs a job (loading the Python parser first); calls `onRun` after each strategy's run. */
export async function runJob(
  job: ComparisonJob,
  onRun: (result: RunResult) => void = () => {},
): Promise<RunResult[]> {
  await loadParser();
  const workload = jobWorkload(job);
  const oracles = new Map<CPythonVersion, Unreachability>();
  const results: RunResult[] = [];
  for (const spec of job.strategies) {
    const version = pythonVersionOf(spec);
    const options = { scale: job.scale, seed: job.seed, params: job.params, version };
    let unreachability = oracles.get(version);
    if (unreachability === undefined) {
      unreachability = findUnreachability(workload, options);
      oracles.set(version, unreachability);
    }
    const strategy = await instantiateStrategy(spec, job.cwd);
    const result = measureRun(
      workload,
      strategy,
      { label: spec.label, profile: spec.profile },
      options,
      unreachability,
    );
    results.push(result);
    onRun(result);
  }
  return results;
}
