/**
 * One job of a comparison: a workload's oracle run, then the workload on each
 * strategy. Jobs run in worker threads, or inline with `--jobs 1`.
 *
 * @module
 */

import { workloadByName } from '@pymm/workloads';
import type { RunResult } from '../measure/run-result.js';
import { findUnreachability, measureRun } from '../measure/run-workload.js';
import { instantiateStrategy, type StrategySpec } from './strategy-spec.js';

/** A job: one workload on every strategy. */
export interface ComparisonJob {
  readonly workload: string;
  readonly strategies: readonly StrategySpec[];
  readonly scale: number;
  readonly seed: number;
  readonly params?: Readonly<Record<string, number>>;
  /** Directory that relative external strategy paths are resolved from. */
  readonly cwd: string;
}

/** Runs a job; calls `onRun` after each strategy's run. */
export async function runJob(
  job: ComparisonJob,
  onRun: (result: RunResult) => void = () => {},
): Promise<RunResult[]> {
  const workload = workloadByName(job.workload);
  const options = { scale: job.scale, seed: job.seed, params: job.params };
  const unreachability = findUnreachability(workload, options);
  const results: RunResult[] = [];
  for (const spec of job.strategies) {
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
