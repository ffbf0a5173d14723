/**
 * Helpers for this package's tests (not exported): handles' slots and
 * sparse graphs. (The Node example is `@pymm/testkit/node-cycle`'s.)
 */
import type { Handle, Runtime } from '@pymm/core';
import type { SparseGraph } from './strongly-connected-components.js';

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
