/**
 * A long singly linked list built, traced and dropped.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const NODES: WorkloadParameter = {
  name: 'nodes',
  description: 'Nodes in the list (scaled).',
  default: 100_000,
};

/**
 * `deep-linked-list`: a 100,000-node singly linked list (`__slots__` nodes
 * holding an int and the next node) is built, `gc.collect()` runs while it
 * is alive (the collector must follow a chain 100,000 deep), then `del head`
 * drops it and `gc.collect()` runs again. Under reference counting that one
 * `del` frees all 200,000 objects in a single cascade (CPython's "trashcan"
 * keeps the C stack from overflowing); a tracing collector frees them at its
 * next collection instead.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { deepLinkedList, runWorkload } from '@pymm/workloads';
 * const py = createRuntime({ strategy: refcount() });
 * const freedAt = new Map<number, number>();
 * py.on('free', (event) => freedAt.set(event.operation, (freedAt.get(event.operation) ?? 0) + 1));
 * runWorkload(deepLinkedList, py, { scale: 0.01 });
 * // one del freed the 1,000 nodes and their 743 ints above 256:
 * Math.max(...freedAt.values()); // 1743
 * ```
 */
export const deepLinkedList: Workload = {
  name: 'deep-linked-list',
  title: 'A deep linked list',
  lesson:
    'Dropping the head of a long linked list frees the whole chain in one go under reference counting — a pause as long as the list, made safe in CPython by the "trashcan" that stops deallocation from recursing 100,000 calls deep. ' +
    'A tracing collector has the same depth problem when marking and solves it with an explicit stack; it frees the chain at its next collection rather than at the del.',
  python: `class Node:
    __slots__ = ("value", "next")
    def __init__(self, value, next):
        self.value = value
        self.next = next

head = None
for i in range(nodes):                 # phase: build
    head = Node(i, head)
gc.collect()                           # phase: collect-live: follow the whole chain
del head                               # phase: drop: one del frees everything (refcount)
gc.collect()                           # phase: collect-garbage`,
  kind: 'collector-benchmark',
  parameters: [NODES],
  run(py: Runtime, context: WorkloadContext): void {
    const nodes = scaledCount(context, parameterValue(context, NODES));
    const Node = py.class('Node', { slots: ['value', 'next'] });
    const v = py.locals;

    context.phase('build');
    v.head = py.None;
    py.at('Node', () => {
      for (let i = 0; i < nodes; i++) v.head = Node.new({ value: py.int(i), next: v.head });
    });

    context.phase('collect-live');
    py.collect();

    context.phase('drop');
    py.del('head');

    context.phase('collect-garbage');
    py.collect();
  },
};
