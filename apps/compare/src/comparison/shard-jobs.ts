/**
 * Turns matrix cells (all of them, or one shard's) into jobs for the worker
 * threads: a workload's runs become one job (they share the unreachability
 * oracle's run), a workload's sweep points another (they share the
 * minimum-heap bisection). The jobs keep the cells' order.
 *
 * @module
 */

import type { ComparisonJob } from './comparison-job.js';
import type { SweepJob } from './heap-sweep-job.js';
import type { MatrixCell } from './shard.js';
import type { StrategySpec } from './strategy-spec.js';

/** What the jobs share: the strategies by label, and where external strategies are resolved from. */
export interface JobSettings {
  readonly strategies: readonly StrategySpec[];
  readonly swept: readonly StrategySpec[];
  readonly scale: number;
  readonly seed: number;
  readonly cwd: string;
}

/**
 * Groups consecutive cells of one workload and one kind into a job.
 *
 * @example
 * ```ts
 * import { jobsForCells } from './shard-jobs.js';
 * const spec = { name: 'mark-sweep', profile: null, label: 'mark-sweep' };
 * const cell = (multiple: number | null) => ({ workload: 'w', seed: 1, scale: 1, label: 'mark-sweep', multiple });
 * const settings = { strategies: [spec], swept: [spec], scale: 1, seed: 1, cwd: '.' };
 * jobsForCells([cell(null), cell(2), cell(4)], settings).map((j) => ('kind' in j ? j.points.length : j.strategies.length)); // [1, 2]
 * ```
 */
export function jobsForCells(
  cells: readonly MatrixCell[],
  settings: JobSettings,
): (ComparisonJob | SweepJob)[] {
  const { scale, seed, cwd } = settings;
  const jobs: (ComparisonJob | SweepJob)[] = [];
  const byLabel = (label: string) => {
    const spec = settings.strategies.find((s) => s.label === label);
    if (!spec) throw new Error(`no strategy labelled '${label}'`);
    return spec;
  };
  for (const cell of cells) {
    const last = jobs.at(-1);
    const sweep = cell.multiple !== null;
    if (last && last.workload === cell.workload && 'kind' in last === sweep) {
      if ('kind' in last)
        (last.points as SweepJob['points'][number][]).push({ multiple: cell.multiple!, label: cell.label });
      else (last.strategies as StrategySpec[]).push(byLabel(cell.label));
    } else if (sweep) {
      const points = [{ multiple: cell.multiple!, label: cell.label }];
      jobs.push({ kind: 'sweep', workload: cell.workload, swept: settings.swept, points, scale, seed, cwd });
    } else {
      jobs.push({ workload: cell.workload, strategies: [byLabel(cell.label)], scale, seed, cwd });
    }
  }
  return jobs;
}
