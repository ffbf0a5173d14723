/**
 * Boehm's GCBench: binary trees built and dropped beside a long-lived tree.
 *
 * @module
 */

import type { Handle, PyClass, Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';

const STRETCH_DEPTH: WorkloadParameter = {
  name: 'stretchDepth',
  description:
    'Depth of the tree built once to stretch the heap; it also sets the work per depth (GCBench: 18).',
  default: 12,
};
const LONG_LIVED_DEPTH: WorkloadParameter = {
  name: 'longLivedDepth',
  description: 'Depth of the tree alive for the whole run (GCBench: 16).',
  default: 10,
};
const MIN_DEPTH: WorkloadParameter = {
  name: 'minDepth',
  description: 'Smallest depth of the short-lived trees (GCBench: 4).',
  default: 4,
};
const MAX_DEPTH: WorkloadParameter = {
  name: 'maxDepth',
  description: 'Largest depth of the short-lived trees, in steps of 2 (GCBench: 16).',
  default: 10,
};
const ARRAY_SIZE: WorkloadParameter = {
  name: 'arraySize',
  description: 'Length of the long-lived list of floats (GCBench: 500,000 doubles).',
  default: 500_000,
};

/** Nodes in a complete binary tree of depth `depth` (GCBench's `TreeSize`). */
function treeSize(depth: number): number {
  return 2 ** (depth + 1) - 1;
}

/**
 * `binary-trees`: Hans Boehm's GCBench, scaled down. A stretch tree is built
 * and dropped; a long-lived tree and a long list of floats stay alive; then
 * for each depth from `minDepth` to `maxDepth` (step 2) the same number of
 * nodes is allocated as many small trees, built top-down (`populate`) and
 * bottom-up (`make_tree`) and dropped at once. The trees are acyclic, so
 * reference counting frees each one the moment it is dropped; a collector
 * spends its effort on the live data: mark-sweep traces the long-lived tree
 * and the list at every collection, the generational collector only at its
 * rare full collections. `context.scale` scales the iterations per depth.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { binaryTrees, runWorkload } from '@pymm/workloads';
 * const py = createRuntime();
 * const run = runWorkload(binaryTrees, py, { scale: 0.01, params: { arraySize: 1000 } });
 * run.phases.map((phase) => phase.name); // ['stretch', 'long-lived', 'depth-4', 'depth-6', 'depth-8', 'depth-10', 'drop']
 * ```
 */
export const binaryTrees: Workload = {
  name: 'binary-trees',
  title: 'GCBench binary trees',
  lesson:
    'Most objects die young: here every small tree is garbage as soon as it is built, while one long-lived tree and a big list stay alive for the whole run. ' +
    'A collector that traces all live data at every collection keeps paying for the long-lived objects; generations — or reference counting, for acyclic data like these trees — do not.',
  python: `# after Hans Boehm's GCBench
class Node:
    __slots__ = ("left", "right")
    def __init__(self, left=None, right=None):
        self.left = left
        self.right = right

def tree_size(depth): return (1 << (depth + 1)) - 1
def num_iters(depth): return 2 * tree_size(stretch_depth) // tree_size(depth)

def populate(depth, node):                  # top-down
    if depth > 0:
        node.left = Node(); node.right = Node()
        populate(depth - 1, node.left); populate(depth - 1, node.right)

def make_tree(depth):                       # bottom-up
    return Node() if depth <= 0 else Node(make_tree(depth - 1), make_tree(depth - 1))

temp_tree = make_tree(stretch_depth)        # phase: stretch
del temp_tree
long_lived_tree = Node()                    # phase: long-lived
populate(long_lived_depth, long_lived_tree)
array = [0.0] * array_size
for depth in range(min_depth, max_depth + 1, 2):   # phases: depth-4, depth-6, ...
    for _ in range(num_iters(depth)):
        temp_tree = Node(); populate(depth, temp_tree); del temp_tree
        temp_tree = make_tree(depth); del temp_tree
del long_lived_tree, array                  # phase: drop`,
  kind: 'collector-benchmark',
  parameters: [STRETCH_DEPTH, LONG_LIVED_DEPTH, MIN_DEPTH, MAX_DEPTH, ARRAY_SIZE],
  run(py: Runtime, context: WorkloadContext): void {
    const stretchDepth = Math.max(0, parameterValue(context, STRETCH_DEPTH));
    const longLivedDepth = Math.max(0, parameterValue(context, LONG_LIVED_DEPTH));
    const minDepth = Math.max(0, parameterValue(context, MIN_DEPTH));
    const maxDepth = Math.max(minDepth, parameterValue(context, MAX_DEPTH));
    const arraySize = Math.max(0, parameterValue(context, ARRAY_SIZE));
    const Node: PyClass = py.class('Node', { slots: ['left', 'right'] });
    const v = py.locals;

    const populate = (depth: number, node: Handle): void => {
      if (depth <= 0) return;
      py.setattr(node, 'left', Node.new());
      py.setattr(node, 'right', Node.new());
      populate(depth - 1, py.getattr(node, 'left'));
      populate(depth - 1, py.getattr(node, 'right'));
    };
    const makeTree = (depth: number): Handle =>
      depth <= 0 ? Node.new() : Node.new({ left: makeTree(depth - 1), right: makeTree(depth - 1) });

    context.phase('stretch');
    v.temp_tree = py.at('make_tree', () => makeTree(stretchDepth));
    py.del('temp_tree');

    context.phase('long-lived');
    v.long_lived_tree = Node.new();
    py.at('long-lived tree', () => populate(longLivedDepth, v.long_lived_tree));
    v.array = py.list(new Array<number>(arraySize).fill(py.float(0)));

    for (let depth = minDepth; depth <= maxDepth; depth += 2) {
      context.phase(`depth-${depth}`);
      const iterations = Math.max(
        1,
        Math.round((context.scale * 2 * treeSize(stretchDepth)) / treeSize(depth)),
      );
      for (let i = 0; i < iterations; i++) {
        v.temp_tree = Node.new();
        py.at('populate', () => populate(depth, v.temp_tree));
        py.del('temp_tree');
        v.temp_tree = py.at('make_tree', () => makeTree(depth));
        py.del('temp_tree');
      }
    }

    context.phase('drop');
    py.del('long_lived_tree', 'array');
  },
};
