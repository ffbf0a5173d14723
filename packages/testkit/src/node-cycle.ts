/**
 * The Node example of `@pymm/core`'s runtime module doc, for the packages'
 * tests: two `Node` objects that refer to each other, then lose their names.
 *
 * @module
 */

import type { Handle, Runtime } from '@pymm/core';

/**
 * The example in Python, up to the `del`: the class and the two-node cycle.
 * Tests that ask CPython for their expected figures run it.
 */
export const NODE_CYCLE_PYTHON = `class Node:
    def __init__(self, value): self.value = value
node1 = Node(1); node2 = Node(2)
node1.ref = node2; node2.ref = node1`;

/**
 * Runs the example on `py`:
 *
 * ```python
 * node1 = Node(1); node2 = Node(2)
 * node1.ref = node2; node2.ref = node1
 * del node1, node2
 * ```
 *
 * `beforeDel` runs just before the `del`, with both nodes still named (to
 * hang more on them). Returns the two nodes' handles.
 */
export function nodeExample(
  py: Runtime,
  beforeDel?: (node1: Handle, node2: Handle) => void,
): [Handle, Handle] {
  const Node = py.class('Node');
  const v = py.locals;
  v.node1 = Node.new({ value: py.int(1) });
  v.node2 = Node.new({ value: py.int(2) });
  py.setattr(v.node1, 'ref', v.node2);
  py.setattr(v.node2, 'ref', v.node1);
  const handles: [Handle, Handle] = [v.node1, v.node2];
  beforeDel?.(v.node1, v.node2);
  py.del('node1', 'node2');
  return handles;
}
