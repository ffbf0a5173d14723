/**
 * The Node example: pairs and rings of objects that refer to each other,
 * created and dropped.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import { randomBelow } from './seeded-random.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const PAIRS: WorkloadParameter = {
  name: 'pairs',
  description: 'Node pairs that refer to each other, created and dropped (scaled).',
  default: 20_000,
};
const RINGS: WorkloadParameter = {
  name: 'rings',
  description: 'Rings of nodes created and dropped (scaled).',
  default: 2_000,
};
const RING_SIZE: WorkloadParameter = {
  name: 'ringSize',
  description: 'Mean ring length: each ring has a random length from 2 to 2 × ringSize − 2.',
  default: 8,
};
const FINALIZER_RINGS: WorkloadParameter = {
  name: 'finalizerRings',
  description: 'Rings whose nodes define __del__ (scaled).',
  default: 500,
};

/**
 * `reference-cycles`: many two-node cycles and random-length rings are
 * created and dropped, some with `__del__`, then `gc.collect()` runs. Pure
 * reference counting leaks every one of them; the generational collector
 * finds them at its automatic and explicit collections; mark-sweep frees them
 * at its collections.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { generational } from '@pymm/generational';
 * import { refcount } from '@pymm/refcount';
 * import { referenceCycles, runWorkload } from '@pymm/workloads';
 * const counted = createRuntime({ strategy: refcount() });
 * const collected = createRuntime({ strategy: generational() });
 * runWorkload(referenceCycles, counted, { scale: 0.01 });
 * runWorkload(referenceCycles, collected, { scale: 0.01 });
 * counted.memory().objects > collected.memory().objects; // true
 * collected.memory().liveBytes; // 0
 * ```
 */
export const referenceCycles: Workload = {
  name: 'reference-cycles',
  title: 'Reference cycles',
  lesson:
    'Objects that refer to each other keep each other’s reference counts above zero after the program drops them, so reference counting alone never frees them. ' +
    'A cycle collector — CPython’s generational gc or a tracing mark-sweep — finds such unreachable groups and frees them, running their __del__ methods too.',
  python: `class Node:
    def __init__(self, value):
        self.value = value
        self.ref = None

for i in range(pairs):                       # phase: pairs
    node1 = Node(i); node2 = Node(i + 1)
    node1.ref = node2; node2.ref = node1
    del node1, node2                         # unreachable, yet each count is still 1

def make_ring(cls, length):
    first = node = cls(0)
    for i in range(1, length):
        node.ref = cls(i)
        node = node.ref
    node.ref = first                         # the ring outlives the frame

for _ in range(rings):                       # phase: rings
    make_ring(Node, random.randint(2, 2 * ring_size - 2))

class NodeWithDel(Node):
    def __del__(self): pass                  # collectable since Python 3.4 (PEP 442)

for _ in range(finalizer_rings):             # phase: rings-with-finalizers
    make_ring(NodeWithDel, random.randint(2, 2 * ring_size - 2))

gc.collect()                                 # phase: collect`,
  kind: 'lesson',
  parameters: [PAIRS, RINGS, RING_SIZE, FINALIZER_RINGS],
  run(py: Runtime, context: WorkloadContext): void {
    const pairs = scaledCount(context, parameterValue(context, PAIRS));
    const rings = scaledCount(context, parameterValue(context, RINGS));
    const finalizerRings = scaledCount(context, parameterValue(context, FINALIZER_RINGS));
    const longest = Math.max(2, 2 * parameterValue(context, RING_SIZE) - 2);
    const Node = py.class('Node');
    const NodeWithDel = py.class('NodeWithDel', { del: () => {} });
    const v = py.locals;

    context.phase('pairs');
    py.at('pairs', () => {
      for (let i = 0; i < pairs; i++) {
        v.node1 = Node.new({ value: py.int(i), ref: py.None });
        v.node2 = Node.new({ value: py.int(i + 1), ref: py.None });
        py.setattr(v.node1, 'ref', v.node2);
        py.setattr(v.node2, 'ref', v.node1);
        py.del('node1', 'node2');
      }
    });

    const makeRing = (cls: typeof Node, length: number) =>
      py.call('make_ring', (f) => {
        f.first = cls.new({ value: py.int(0), ref: py.None });
        f.node = f.first;
        for (let i = 1; i < length; i++) {
          py.setattr(f.node, 'ref', cls.new({ value: py.int(i), ref: py.None }));
          f.node = py.getattr(f.node, 'ref');
        }
        py.setattr(f.node, 'ref', f.first);
      });
    const ringLength = () => 2 + randomBelow(context.random, longest - 1);

    context.phase('rings');
    py.at('rings', () => {
      for (let r = 0; r < rings; r++) makeRing(Node, ringLength());
    });

    context.phase('rings-with-finalizers');
    py.at('rings-with-finalizers', () => {
      for (let r = 0; r < finalizerRings; r++) makeRing(NodeWithDel, ringLength());
    });

    context.phase('collect');
    py.collect();
  },
};
