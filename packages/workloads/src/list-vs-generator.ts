/**
 * Building all results in a list versus streaming them through a generator.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const ROWS: WorkloadParameter = {
  name: 'rows',
  description: 'Rows produced and consumed in each phase (scaled).',
  default: 30_000,
};

/**
 * `list-vs-generator`: the same rows (`(i, i * 0.5, f"row-{i}")`) are summed
 * twice: first from a list that holds all of them, then from a generator that
 * makes one at a time. Under reference counting the list phase's peak is all
 * the rows and the generator phase's peak is about one row; a tracing
 * collector's peak in the generator phase is its garbage budget instead, and
 * without a collector both phases keep every row.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { listVsGenerator, runWorkload } from '@pymm/workloads';
 * const py = createRuntime({ strategy: refcount() });
 * runWorkload(listVsGenerator, py, { scale: 0.01 }).phases.map((phase) => phase.name); // ['list', 'generator']
 * py.memory().liveBytes; // 0
 * ```
 */
export const listVsGenerator: Workload = {
  name: 'list-vs-generator',
  title: 'A list of results versus a generator',
  lesson:
    'A function that returns a list holds every result in memory at once, so peak memory grows with the number of results. ' +
    'A generator hands them out one at a time and each is freed once the loop moves on, so the peak is about one result — when the runtime frees garbage promptly.',
  python: `def rows_list(n):
    return [(i, i * 0.5, f"row-{i}") for i in range(n)]

def rows_generator(n):
    for i in range(n):
        yield (i, i * 0.5, f"row-{i}")

total = 0
rows = rows_list(n)                    # phase: list (every row alive at once)
for row in rows:
    total += row[1]
del rows, row

gen = rows_generator(n)                # phase: generator (one row at a time)
for row in gen:
    total += row[1]
del gen, row`,
  kind: 'lesson',
  parameters: [ROWS],
  run(py: Runtime, context: WorkloadContext): void {
    const rows = scaledCount(context, parameterValue(context, ROWS));
    const v = py.locals;
    const makeRow = (i: number) => py.tuple([py.int(i), py.float(i * 0.5), py.str(`row-${i}`)]);

    context.phase('list');
    v.rows = py.call('rows_list', (f) => {
      f.result = py.list();
      py.at('rows_list', () => {
        for (let i = 0; i < rows; i++) py.append(f.result, makeRow(i));
      });
      return f.result;
    });
    for (let i = 0; i < rows; i++) v.row = py.getitem(v.rows, i);
    py.del('rows', 'row');

    context.phase('generator');
    v.gen = py.generator([py.int(rows)]);
    py.at('rows_generator', () => {
      for (let i = 0; i < rows; i++) v.row = makeRow(i);
    });
    py.del('gen', 'row');
  },
};
