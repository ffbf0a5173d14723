/**
 * Strongly connected components of a directed graph in compressed sparse row
 * form, by Tarjan's algorithm made iterative: the recursion becomes an
 * explicit stack of (node, next edge) pairs in typed arrays, so a ring of a
 * million objects is one component found without any JavaScript recursion.
 *
 * @module
 * @internal
 */

/**
 * A directed graph over nodes `0 .. nodeCount - 1` in compressed sparse row
 * form: node `v`'s successors are `targets[offsets[v] .. offsets[v + 1] - 1]`.
 */
export interface SparseGraph {
  readonly nodeCount: number;
  /** `nodeCount + 1` offsets into {@link SparseGraph.targets}. */
  readonly offsets: Int32Array;
  /** Successor node of each edge. */
  readonly targets: Int32Array;
}

/** What {@link stronglyConnectedComponents} found. */
export interface Components {
  /** Number of components. */
  readonly count: number;
  /**
   * Component of each node. Components are numbered in the order Tarjan's
   * algorithm completes them: for an edge `u → v` between different
   * components, `component[u] > component[v]`. Decreasing numbers are a
   * topological order (referrers before what they refer to).
   */
  readonly component: Int32Array;
  /** Nodes in each component. */
  readonly size: Int32Array;
  /** 1 for a cyclic component: two or more nodes, or one node with an edge to itself. */
  readonly cyclic: Uint8Array;
}

const UNVISITED = -1;

/**
 * Finds the strongly connected components of `graph` (Tarjan, 1972), in time
 * and space linear in its nodes and edges.
 *
 * @example
 * ```ts
 * import { stronglyConnectedComponents } from './strongly-connected-components.js';
 * // 0 → 1 → 2 → 0, and 2 → 3
 * const graph = {
 *   nodeCount: 4,
 *   offsets: Int32Array.of(0, 1, 2, 4, 4),
 *   targets: Int32Array.of(1, 2, 0, 3),
 * };
 * const found = stronglyConnectedComponents(graph);
 * found.count; // 2
 * found.component[0] === found.component[2]; // true
 * found.component[3] < found.component[0]; // true
 * ```
 */
export function stronglyConnectedComponents(graph: SparseGraph): Components {
  const { nodeCount: n, offsets, targets } = graph;
  const index = new Int32Array(n).fill(UNVISITED);
  const lowlink = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(UNVISITED);
  // Tarjan's stack of nodes whose component is not finished yet.
  const open = new Int32Array(n);
  let openTop = 0;
  // The depth-first search's call stack: node, and the next edge to follow.
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let callTop = 0;
  const sizes = new Int32Array(n);
  const cyclic = new Uint8Array(n);
  let nextIndex = 0;
  let count = 0;

  for (let start = 0; start < n; start++) {
    if (index[start] !== UNVISITED) continue;
    index[start] = lowlink[start] = nextIndex++;
    open[openTop++] = start;
    onStack[start] = 1;
    callNode[callTop] = start;
    callEdge[callTop] = offsets[start];
    callTop++;
    while (callTop > 0) {
      const top = callTop - 1;
      const v = callNode[top];
      const edge = callEdge[top];
      if (edge < offsets[v + 1]) {
        callEdge[top] = edge + 1;
        const w = targets[edge];
        if (index[w] === UNVISITED) {
          index[w] = lowlink[w] = nextIndex++;
          open[openTop++] = w;
          onStack[w] = 1;
          callNode[callTop] = w;
          callEdge[callTop] = offsets[w];
          callTop++;
        } else if (onStack[w] === 1 && index[w] < lowlink[v]) {
          lowlink[v] = index[w];
        }
        continue;
      }
      // All of v's edges are done: return from v.
      callTop--;
      if (lowlink[v] === index[v]) {
        let size = 0;
        let w: number;
        do {
          w = open[--openTop];
          onStack[w] = 0;
          component[w] = count;
          size++;
        } while (w !== v);
        sizes[count] = size;
        cyclic[count] = size > 1 || hasSelfLoop(graph, v) ? 1 : 0;
        count++;
      }
      if (callTop > 0) {
        const parent = callNode[callTop - 1];
        if (lowlink[v] < lowlink[parent]) lowlink[parent] = lowlink[v];
      }
    }
  }
  return { count, component, size: sizes.subarray(0, count), cyclic: cyclic.subarray(0, count) };
}

function hasSelfLoop(graph: SparseGraph, v: number): boolean {
  for (let e = graph.offsets[v]; e < graph.offsets[v + 1]; e++) if (graph.targets[e] === v) return true;
  return false;
}
