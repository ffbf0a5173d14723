/**
 * Random mutations of a graph of nodes: edges added and removed, nodes
 * replaced, cycles made and broken.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import { randomBelow } from './seeded-random.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const OPERATIONS: WorkloadParameter = {
  name: 'operations',
  description: 'Random graph operations (scaled), as in the dumpster benchmark.',
  default: 1_000_000,
};
const POOL: WorkloadParameter = {
  name: 'pool',
  description: 'Nodes in the pool the program holds.',
  default: 1_000,
};

/** Probability of each operation, cumulative: add an edge, remove one, replace a node, clear a node's edges. */
const ADD_EDGE = 0.4;
const REMOVE_EDGE = 0.78;
const REPLACE_NODE = 0.94;

/**
 * `random-graph-churn`: a pool of 1,000 nodes, each with a list of edges to
 * other nodes, is mutated at random (after the dumpster crate's benchmark):
 * add an edge (40 %), remove a random edge (38 %), replace a pool slot by a
 * new node (16 %), clear a node's edges (6 %). Replaced nodes that other
 * dropped nodes still point at, or that point back at each other, become
 * cyclic garbage of every shape. Reference counting leaks it; mark-sweep
 * frees it at each collection; the generational collector's young
 * collections find little of it, because a node usually becomes garbage
 * long after it was promoted, so it waits for the rare older collections.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { randomGraphChurn, runWorkload } from '@pymm/workloads';
 * const a = createRuntime();
 * const b = createRuntime();
 * runWorkload(randomGraphChurn, a, { scale: 0.01, seed: 1 });
 * runWorkload(randomGraphChurn, b, { scale: 0.01, seed: 2 });
 * // the seed decides which operations run
 * a.fingerprint === b.fingerprint; // false
 * ```
 */
export const randomGraphChurn: Workload = {
  name: 'random-graph-churn',
  title: 'Random graph churn',
  lesson:
    'Real programs make and break references in no tidy order, so garbage comes in every shape: single objects, chains, and cycles of any length hanging off each other. ' +
    'Reference counting frees what is acyclic the moment it is dropped but leaks every cycle, while a tracing collector reclaims all of it only at its collections.',
  python: `class Node:
    __slots__ = ("edges",)
    def __init__(self):
        self.edges = []

pool = [Node() for _ in range(pool_size)]        # phase: build
for _ in range(operations):                      # phase: churn
    node = pool[random.randrange(pool_size)]
    r = random.random()
    if r < 0.40:
        node.edges.append(pool[random.randrange(pool_size)])     # may close a cycle
    elif r < 0.78:
        if node.edges:
            node.edges.pop(random.randrange(len(node.edges)))    # may break one
    elif r < 0.94:
        pool[random.randrange(pool_size)] = Node()               # the old node may become garbage
    else:
        node.edges.clear()
del node
gc.collect()                                     # phase: collect`,
  kind: 'collector-benchmark',
  parameters: [OPERATIONS, POOL],
  run(py: Runtime, context: WorkloadContext): void {
    const operations = scaledCount(context, parameterValue(context, OPERATIONS));
    const poolSize = Math.max(1, parameterValue(context, POOL));
    const Node = py.class('Node', { slots: ['edges'] });
    const random = context.random;
    const v = py.locals;

    context.phase('build');
    v.pool = py.list();
    for (let i = 0; i < poolSize; i++) py.append(v.pool, Node.new({ edges: py.list() }));

    context.phase('churn');
    for (let i = 0; i < operations; i++) {
      const edges = py.getattr(py.getitem(v.pool, randomBelow(random, poolSize)), 'edges');
      const r = random();
      if (r < ADD_EDGE) {
        py.append(edges, py.getitem(v.pool, randomBelow(random, poolSize)));
      } else if (r < REMOVE_EDGE) {
        const length = py.len(edges);
        if (length > 0) py.pop(edges, randomBelow(random, length));
      } else if (r < REPLACE_NODE) {
        py.setitem(v.pool, randomBelow(random, poolSize), Node.new({ edges: py.list() }));
      } else {
        py.clear(edges);
      }
    }

    context.phase('collect');
    py.collect();
  },
};
