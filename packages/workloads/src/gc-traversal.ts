/**
 * pyperformance's `gc_traversal` benchmark, plus young garbage made while
 * the traversed structure is alive.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const LEVELS: WorkloadParameter = {
  name: 'levels',
  description: 'Nested lists: level n holds n references to level n − 1 (pyperformance: N_LEVELS = 1000).',
  default: 1_000,
};
const COLLECTIONS: WorkloadParameter = {
  name: 'collections',
  description: 'gc.collect() calls on the live structure (scaled).',
  default: 20,
};
const YOUNG_LISTS: WorkloadParameter = {
  name: 'youngLists',
  description: '64-slot lists allocated while the structure is alive, one in four kept (scaled).',
  default: 40_000,
};

/**
 * `gc-traversal`: pyperformance's `bm_gc_traversal`: 1,000 nested lists (level
 * n is a list of n references to level n − 1: 1,000 containers, 499,500
 * references) stay alive while `gc.collect()` runs over and over and finds
 * nothing (phase `collect`): the pure cost of traversing live data. Then
 * many short-lived lists are allocated (phase `young-garbage`): the
 * generational collector's automatic collections examine only young
 * objects, while every mark-sweep collection traces the whole structure
 * again. Phase `drop` deletes it.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { generational } from '@pymm/generational';
 * import { gcTraversal, runWorkload } from '@pymm/workloads';
 * const py = createRuntime({ strategy: generational() });
 * const found: number[] = [];
 * py.on('collection-stop', (event) => {
 *   if (event.reason === 'explicit') found.push(event.collected);
 * });
 * runWorkload(gcTraversal, py, { params: { levels: 100, collections: 3, youngLists: 10 } });
 * // nested lists are acyclic: reference counting frees them at the del, before the last collect
 * found; // [0, 0, 0, 0]
 * ```
 */
export const gcTraversal: Workload = {
  name: 'gc-traversal',
  title: 'pyperformance gc_traversal',
  lesson:
    'A full collection has to traverse every live container even when there is no garbage at all, so its cost grows with the live data, not with the garbage. ' +
    'Generations avoid most of that cost: collections of the young generation leave long-lived objects alone, while a non-generational mark-sweep traces them every time.',
  python: `# after pyperformance/benchmarks/bm_gc_traversal/run_benchmark.py (which times the second of two collects per loop)
def create_recursive_containers(n_levels):
    current_list = []
    for n in range(n_levels):
        new_list = [None] * n
        for index in range(n):
            new_list[index] = current_list
        current_list = new_list
    return current_list

all_cycles = create_recursive_containers(levels)   # phase: build
for _ in range(collections):                       # phase: collect
    n_collected = gc.collect()
    assert n_collected == 0

kept = []
for i in range(young_lists):                       # phase: young-garbage
    scratch = [i] * 64                             # most die at the next iteration,
    if i % 4 == 0:
        kept.append(scratch)                       # some survive: the young generation fills up

del all_cycles, scratch, kept                      # phase: drop
gc.collect()`,
  kind: 'collector-benchmark',
  parameters: [LEVELS, COLLECTIONS, YOUNG_LISTS],
  run(py: Runtime, context: WorkloadContext): void {
    const levels = Math.max(1, parameterValue(context, LEVELS));
    const collections = scaledCount(context, parameterValue(context, COLLECTIONS));
    const youngLists = scaledCount(context, parameterValue(context, YOUNG_LISTS));
    const v = py.locals;

    context.phase('build');
    v.all_cycles = py.call('create_recursive_containers', (f) => {
      f.current_list = py.list();
      for (let n = 0; n < levels; n++) {
        f.new_list = py.list(new Array<number>(n).fill(f.current_list));
        f.current_list = f.new_list;
      }
      return f.current_list;
    });

    context.phase('collect');
    for (let c = 0; c < collections; c++) py.collect();

    context.phase('young-garbage');
    v.kept = py.list();
    for (let i = 0; i < youngLists; i++) {
      v.scratch = py.list(new Array<number>(64).fill(py.int(i % 256)));
      if (i % 4 === 0) py.append(v.kept, v.scratch);
    }

    context.phase('drop');
    py.del('all_cycles', 'scratch', 'kept');
    py.collect();
  },
};
