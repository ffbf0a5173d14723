/**
 * The same records as tuples and as lists: sizes, the tuple free list and
 * the collector untracking tuples.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const RECORDS: WorkloadParameter = {
  name: 'records',
  description: 'Records built in the tuples phase and again in the lists phase (scaled).',
  default: 20_000,
};
const CHURN: WorkloadParameter = {
  name: 'churn',
  description: 'Short-lived 2-tuples created one after another in the churn phase (scaled).',
  default: 40_000,
};

/**
 * `tuples-vs-lists`: 20,000 records `(i, f"user{i}", i * 1.5)` are kept as
 * tuples, then the same records as lists, with two `gc.collect()` calls
 * after each build; then short-lived pairs are made one after another. A
 * 3-tuple is 64 bytes and a 3-item list 80; CPython's collector untracks
 * tuples that hold only atoms, so the second collection of the tuples phase
 * examines a fraction of what the lists phase's does; and the tuple free
 * list recycles a freed pair's memory at once under reference counting.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { generational } from '@pymm/generational';
 * import { runWorkload, tuplesVsLists } from '@pymm/workloads';
 * const py = createRuntime({ strategy: generational() });
 * const examined: number[] = [];
 * py.on('collection-stop', (event) => {
 *   if (event.reason === 'explicit') examined.push(event.examined);
 * });
 * runWorkload(tuplesVsLists, py, { scale: 0.05 });
 * // the second collection of each phase: the tuples were untracked, the lists were not
 * examined[1] < examined[3]; // true
 * ```
 */
export const tuplesVsLists: Workload = {
  name: 'tuples-vs-lists',
  title: 'Tuples versus lists',
  lesson:
    'A tuple is smaller than a list with the same items (no over-allocation, no separate item array), and freed small tuples go to a free list that the next tuple of that length reuses. ' +
    'CPython’s collector also stops tracking tuples that hold only atoms such as ints and strs, so large tables of tuples cost the collector less than the same data in lists.',
  python: `records = [(i, f"user{i}", i * 1.5) for i in range(n)]    # phase: tuples
gc.collect()           # the collector untracks tuples of atoms ...
gc.collect()           # ... so this one examines only the outer list
del records

records = [[i, f"user{i}", i * 1.5] for i in range(n)]    # phase: lists
gc.collect()
gc.collect()           # every list is still tracked
del records

for i in range(churn):                                    # phase: churn
    pair = (i % 200, (i + 1) % 200)    # the freed pair's memory is reused at once
del pair`,
  kind: 'lesson',
  parameters: [RECORDS, CHURN],
  run(py: Runtime, context: WorkloadContext): void {
    const records = scaledCount(context, parameterValue(context, RECORDS));
    const churn = scaledCount(context, parameterValue(context, CHURN));
    const v = py.locals;
    const fields = (i: number) => [py.int(i), py.str(`user${i}`), py.float(i * 1.5)];

    context.phase('tuples');
    v.records = py.list();
    py.at('tuple records', () => {
      for (let i = 0; i < records; i++) py.append(v.records, py.tuple(fields(i)));
    });
    py.collect();
    py.collect();
    py.del('records');

    context.phase('lists');
    v.records = py.list();
    py.at('list records', () => {
      for (let i = 0; i < records; i++) py.append(v.records, py.list(fields(i)));
    });
    py.collect();
    py.collect();
    py.del('records');

    context.phase('churn');
    py.at('pairs', () => {
      for (let i = 0; i < churn; i++) v.pair = py.tuple([py.int(i % 200), py.int((i + 1) % 200)]);
    });
    py.del('pair');
  },
};
