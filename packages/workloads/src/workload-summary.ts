/**
 * A workload as the comparison report and the documentation site describe it.
 *
 * @module
 */

import type { Workload } from './workload.js';

/**
 * What a reader is told about a workload: its name, title, lesson, Python
 * code and kind.
 *
 * @example
 * ```ts
 * import type { WorkloadSummary } from '@pymm/workloads';
 * const summary: WorkloadSummary = { name: 'cycles', title: 'Cycles', lesson: 'A list that holds itself.', python: 'xs = []\nxs.append(xs)', kind: 'lesson' };
 * summary.kind; // 'lesson'
 * ```
 */
export type WorkloadSummary = Pick<Workload, 'name' | 'title' | 'lesson' | 'python' | 'kind'>;

/**
 * The workload's {@link WorkloadSummary}, as the comparison report and the
 * documentation site describe it.
 *
 * @example
 * ```ts
 * import { summarizeWorkload, workloadByName } from '@pymm/workloads';
 * summarizeWorkload(workloadByName('reference-cycles')).name; // 'reference-cycles'
 * ```
 */
export function summarizeWorkload(w: Workload): WorkloadSummary {
  return { name: w.name, title: w.title, lesson: w.lesson, python: w.python, kind: w.kind };
}
