/**
 * Helpers for this package's tests (not exported): ask the local CPython for
 * the truth, and build the Node example from the core module doc.
 */
import { execFileSync } from 'node:child_process';
import type { Handle, Runtime } from '@pymm/core';
import type { SparseGraph } from './strongly-connected-components.js';

/** Runs a Python 3 snippet with the local CPython and parses its last stdout line as JSON. */
export function runCPython(source: string): unknown {
  const out = execFileSync('python3', ['-c', source], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

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
