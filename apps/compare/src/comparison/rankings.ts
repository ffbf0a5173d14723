/**
 * The summary page's rankings: strategies ordered per metric, over all workloads.
 *
 * @module
 */

import type { RunResult } from '../measure/run-result.js';

/** Strategies ordered by one metric. */
export interface Ranking {
  readonly metric: string;
  readonly title: string;
  readonly unit: string;
  /** Best first. */
  readonly order: readonly { readonly label: string; readonly value: number }[];
}

interface MetricDefinition {
  readonly metric: string;
  readonly title: string;
  readonly unit: string;
  /** A run's value; lower is better. */
  readonly value: (run: RunResult) => number;
  /** How to combine a strategy's runs. */
  readonly combine: 'sum' | 'max' | 'geomean';
}

const METRICS: readonly MetricDefinition[] = [
  { metric: 'wallMs', title: 'Total wall time', unit: 'ms', value: (r) => r.wallMs, combine: 'sum' },
  {
    metric: 'collectorMs',
    title: 'Time in the collector',
    unit: 'ms',
    value: (r) => r.collectorMs,
    combine: 'sum',
  },
  {
    metric: 'peakHeldBytes',
    title: 'Peak memory held (geometric mean over workloads)',
    unit: 'bytes',
    value: (r) => r.peakHeldBytes,
    combine: 'geomean',
  },
  {
    metric: 'leakedBytes',
    title: 'Garbage never reclaimed',
    unit: 'bytes',
    value: (r) => r.leakedBytes,
    combine: 'sum',
  },
  { metric: 'maxPauseMs', title: 'Longest pause', unit: 'ms', value: (r) => r.pauses.maxMs, combine: 'max' },
  {
    metric: 'promptnessP95',
    title: 'Promptness (p95 delay, worst workload)',
    unit: 'allocations',
    value: (r) => (r.promptness.measured ? r.promptness.p95 : 0),
    combine: 'max',
  },
  {
    metric: 'maxOpenFiles',
    title: 'Most files open at once (worst workload)',
    unit: 'files',
    value: (r) => r.files.maxOpen,
    combine: 'max',
  },
];

/**
 * Ranks strategies per metric (lower is better for every metric here).
 *
 * @example
 * ```ts
 * import { rankStrategies } from './rankings.js';
 * rankStrategies([]).length; // 7 metrics, each with an empty order
 * ```
 */
export function rankStrategies(runs: readonly RunResult[]): Ranking[] {
  const labels = [...new Set(runs.map((r) => r.label))];
  return METRICS.map((m) => {
    const order = labels
      .map((label) => {
        const values = runs.filter((r) => r.label === label).map(m.value);
        let value = 0;
        if (m.combine === 'sum') value = values.reduce((a, b) => a + b, 0);
        else if (m.combine === 'max') value = values.reduce((a, b) => Math.max(a, b), 0);
        else
          value = Math.exp(
            values.reduce((a, b) => a + Math.log(Math.max(1, b)), 0) / Math.max(1, values.length),
          );
        return { label, value };
      })
      .sort((a, b) => a.value - b.value);
    return { metric: m.metric, title: m.title, unit: m.unit, order };
  });
}
