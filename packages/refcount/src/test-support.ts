/**
 * Helpers for this package's tests (not exported): build the Node example
 * from the core module doc, and sparse graphs.
 */
import type { Handle, Runtime } from '@pymm/core';
import type { SparseGraph } from './strongly-connected-components.js';

/**
 * The Node example of the runtime's module doc:
 *
 * ```python
 * node1 = Node(1); node2 = Node(2)
 * node1.ref = node2; node2.ref = node1
 * del node1, node2
 * ```
 *
 * Returns the two nodes' handles.
 */
export function nodeExample(py: Runtime): [Handle, Handle] {
  const Node = py.class('Node');
  const v = py.locals;
  v.node1 = Node.new({ value: py.int(1) });
  v.node2 = Node.new({ value: py.int(2) });
  py.setattr(v.node1, 'ref', v.node2);
  py.setattr(v.node2, 'ref', v.node1);
  const handles: [Handle, Handle] = [v.node1, v.node2];
  py.del('node1', 'node2');
  return handles;
}

/** The slot of a handle (the low 24 bits). */
export function slotOf(py: Runtime, handle: Handle): number {
  return py.heap.store.slotOf(handle, 'test');
}

/** Builds a sparse graph from an edge list. */
export function sparseGraph(nodeCount: number, edges: readonly (readonly [number, number])[]): SparseGraph {
  const offsets = new Int32Array(nodeCount + 1);
  for (const [u] of edges) offsets[u + 1]++;
  for (let u = 0; u < nodeCount; u++) offsets[u + 1] += offsets[u];
  const fill = offsets.slice(0, nodeCount);
  const targets = new Int32Array(edges.length);
  for (const [u, v] of edges) targets[fill[u]++] = v;
  return { nodeCount, offsets, targets };
}
