/**
 * pyperformance's `gc_collect` benchmark.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const CYCLES: WorkloadParameter = {
  name: 'cycles',
  description: 'Rings created per iteration (pyperformance: CYCLES = 100).',
  default: 100,
};
const LINKS: WorkloadParameter = {
  name: 'links',
  description: 'Links per ring; each ring has links + 1 nodes (pyperformance: LINKS = 20).',
  default: 20,
};
const ITERATIONS: WorkloadParameter = {
  name: 'iterations',
  description: 'Times the rings are created, dropped and collected (scaled).',
  default: 60,
};

/**
 * `gc-collect`: pyperformance's `bm_gc_collect`: 100 doubly linked rings of
 * 21 `Node`s each (2,100 objects) are created, dropped with `del`, and
 * `gc.collect()` runs, which must find at least 2,100 unreachable objects;
 * repeated `iterations` times, each after a clean-slate `gc.collect()` as in
 * pyperformance. Phases alternate `create-cycles` and `collect` (the part
 * pyperformance times).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { generational } from '@pymm/generational';
 * import { gcCollect, runWorkload } from '@pymm/workloads';
 * const py = createRuntime({ strategy: generational() });
 * const found: number[] = [];
 * let phase = '';
 * py.on('collection-stop', (event) => {
 *   if (phase === 'collect') found.push(event.collected);
 * });
 * runWorkload(gcCollect, py, { params: { iterations: 2 }, onPhase: (name) => (phase = name) });
 * found; // [2100, 2100]
 * ```
 */
export const gcCollect: Workload = {
  name: 'gc-collect',
  title: 'pyperformance gc_collect',
  lesson:
    'Each iteration leaves 2,100 objects in reference cycles behind, which only a cycle collector can reclaim: gc.collect() must visit and free all of them. ' +
    'The cost of a collection here is the cost of finding garbage, and pure reference counting leaks every ring.',
  python: `# pyperformance/benchmarks/bm_gc_collect/run_benchmark.py
class Node:
    def __init__(self):
        self.next = None
        self.prev = None

    def link_next(self, next):
        self.next = next
        self.next.prev = self

def create_cycle(node, n_links):
    """Create a cycle of n_links nodes, starting with node."""
    if n_links == 0:
        return
    current = node
    for i in range(n_links):
        next_node = Node()
        current.link_next(next_node)
        current = next_node
    current.link_next(node)

def create_gc_cycles(n_cycles, n_links):
    """Create n_cycles cycles n_links+1 nodes each."""
    cycles = []
    for _ in range(n_cycles):
        node = Node()
        cycles.append(node)
        create_cycle(node, n_links)
    return cycles

for _ in range(iterations):
    gc.collect()                                        # phase: create-cycles
    all_cycles = create_gc_cycles(cycles, links)
    del all_cycles
    collected = gc.collect()                            # phase: collect (the timed part)
    assert collected is None or collected >= cycles * (links + 1)`,
  kind: 'collector-benchmark',
  parameters: [CYCLES, LINKS, ITERATIONS],
  run(py: Runtime, context: WorkloadContext): void {
    const cycles = Math.max(1, parameterValue(context, CYCLES));
    const links = Math.max(0, parameterValue(context, LINKS));
    const iterations = scaledCount(context, parameterValue(context, ITERATIONS));
    const Node = py.class('Node');
    const linkNext = (node: number, next: number) => {
      py.setattr(node, 'next', next);
      py.setattr(py.getattr(node, 'next'), 'prev', node);
    };
    const newNode = () => Node.new({ next: py.None, prev: py.None });
    const createCycle = (node: number) =>
      py.call('create_cycle', (f) => {
        if (links === 0) return;
        f.current = node;
        for (let i = 0; i < links; i++) {
          f.next_node = newNode();
          linkNext(f.current, f.next_node);
          f.current = f.next_node;
        }
        linkNext(f.current, node);
      });
    const createGcCycles = () =>
      py.call('create_gc_cycles', (f) => {
        f.cycles = py.list();
        for (let c = 0; c < cycles; c++) {
          f.node = newNode();
          py.append(f.cycles, f.node);
          createCycle(f.node);
        }
        return f.cycles;
      });
    const v = py.locals;

    for (let iteration = 0; iteration < iterations; iteration++) {
      context.phase('create-cycles');
      py.collect();
      v.all_cycles = createGcCycles();
      py.del('all_cycles');
      context.phase('collect');
      py.collect();
    }
  },
};
