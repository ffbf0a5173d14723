/**
 * Grouping unreachable objects into leaks: every cyclic strongly connected
 * component is a group, and so is every unreferenced object (possible only
 * when reference counts are not kept); each other unreachable object is
 * attached to the group it hangs off.
 *
 * The rule, on the graph of unreachable objects:
 *
 * - An object *hangs off* group `g` when every chain of references that
 *   reaches it from another group passes through `g` (`g` dominates it): it
 *   would be freed if `g`'s cycle were broken.
 * - An object reachable from several groups along independent chains is
 *   *shared*. It is listed once, in the group, among those whose objects refer
 *   to it directly, whose first object has the lowest slot; so the choice
 *   depends only on the heap, never on the order of the report. The other
 *   groups show up in that group's `referencedFrom`.
 *
 * Both are decided in one pass over the components in topological order
 * (referrers first), pushing each component's group to what it refers to.
 *
 * @module
 * @internal
 */

import type { Components, SparseGraph } from './strongly-connected-components.js';

/** Role of an unreachable object within its group. */
export const LeakRoleCode = {
  /** Member of the group's cycle (its strongly connected component). */
  Cycle: 0,
  /** The unreferenced object at the head of an acyclic group. */
  Root: 1,
  /** Hangs off the group only. */
  Hanging: 2,
  /** Reachable from several groups; listed in this one. */
  Shared: 3,
} as const;

/** What {@link groupUnreachable} decided. */
export interface LeakGrouping {
  readonly groupCount: number;
  /** Group of each node. */
  readonly groupOf: Int32Array;
  /** {@link LeakRoleCode} of each node. */
  readonly role: Uint8Array;
  /** Per group: the node to list first (the lowest slot of its cycle, or its root). */
  readonly entry: Int32Array;
  /** Per group: 1 when its root component is a cycle. */
  readonly cyclic: Uint8Array;
  /** Per group: size of its root component (the cycle's members; 1 for an acyclic group). */
  readonly rootSize: Int32Array;
}

/**
 * Groups the nodes of the unreachable-object graph (`slotOf[node]` is each
 * node's heap slot, used for the deterministic choices).
 *
 * @example
 * ```ts
 * import { groupUnreachable } from './leak-groups.js';
 * import { stronglyConnectedComponents } from './strongly-connected-components.js';
 * // a cycle 0 ⇄ 1 with 2 hanging off it
 * const graph = { nodeCount: 3, offsets: Int32Array.of(0, 2, 3, 3), targets: Int32Array.of(1, 2, 0) };
 * const grouping = groupUnreachable(graph, stronglyConnectedComponents(graph), Int32Array.of(10, 11, 12));
 * grouping.groupCount;        // 1
 * Array.from(grouping.role);  // [0, 0, 2]
 * ```
 */
export function groupUnreachable(
  graph: SparseGraph,
  components: Components,
  slotOf: Int32Array,
): LeakGrouping {
  const { nodeCount: n, offsets, targets } = graph;
  const { count, component, cyclic } = components;

  // Which components something else refers to, and each component's lowest slot.
  const referenced = new Uint8Array(count);
  const lowestNode = new Int32Array(count).fill(-1);
  for (let u = 0; u < n; u++) {
    const cu = component[u];
    if (lowestNode[cu] < 0 || slotOf[u] < slotOf[lowestNode[cu]]) lowestNode[cu] = u;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const cv = component[targets[e]];
      if (cv !== cu) referenced[cv] = 1;
    }
  }

  // Members of each component, contiguous (a counting sort by component).
  const memberStart = new Int32Array(count + 1);
  for (let u = 0; u < n; u++) memberStart[component[u] + 1]++;
  for (let c = 0; c < count; c++) memberStart[c + 1] += memberStart[c];
  const members = new Int32Array(n);
  const fill = memberStart.slice(0, count);
  for (let u = 0; u < n; u++) members[fill[component[u]]++] = u;

  // Components in topological order (decreasing number): a group root starts
  // a group; any other component has been given one by its referrers.
  const owner = new Int32Array(count).fill(-1);
  const shared = new Uint8Array(count);
  const entry = new Int32Array(count);
  const groupCyclic = new Uint8Array(count);
  const rootSize = new Int32Array(count);
  let groupCount = 0;
  const isRoot = (c: number) => cyclic[c] === 1 || referenced[c] === 0;
  for (let c = count - 1; c >= 0; c--) {
    if (isRoot(c)) {
      const g = groupCount++;
      owner[c] = g;
      entry[g] = lowestNode[c];
      groupCyclic[g] = cyclic[c];
      rootSize[g] = memberStart[c + 1] - memberStart[c];
    }
    const g = owner[c];
    const viaShared = shared[c];
    for (let m = memberStart[c]; m < memberStart[c + 1]; m++) {
      const u = members[m];
      for (let e = offsets[u]; e < offsets[u + 1]; e++) {
        const d = component[targets[e]];
        if (d === c || isRoot(d)) continue;
        const current = owner[d];
        if (current < 0) {
          owner[d] = g;
          shared[d] = viaShared;
        } else if (current !== g || viaShared === 1) {
          shared[d] = 1;
          if (slotOf[entry[g]] < slotOf[entry[current]]) owner[d] = g;
        }
      }
    }
  }

  const groupOf = new Int32Array(n);
  const role = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    const c = component[u];
    groupOf[u] = owner[c];
    role[u] = isRoot(c)
      ? cyclic[c] === 1
        ? LeakRoleCode.Cycle
        : LeakRoleCode.Root
      : shared[c] === 1
        ? LeakRoleCode.Shared
        : LeakRoleCode.Hanging;
  }
  return {
    groupCount,
    groupOf,
    role,
    entry: entry.subarray(0, groupCount),
    cyclic: groupCyclic.subarray(0, groupCount),
    rootSize: rootSize.subarray(0, groupCount),
  };
}
