/**
 * The leak report: what pure reference counting can never free. Objects that
 * are alive but unreachable from every root are kept only by each other, in
 * reference cycles; the report finds them and groups them as objgraph shows a
 * cycle: each cycle with what hangs off it, its objects and sizes, and the
 * labelled references between them.
 *
 * It reads like the algorithm runs:
 *
 * 1. mark everything reachable from roots (frames, globals, temporaries,
 *    external references) with core's `markReachable`;
 * 2. number the unreachable live objects and build their reference graph;
 * 3. find its strongly connected components (iterative Tarjan);
 * 4. make each cycle a group and attach what hangs off it (see
 *    `leak-groups.ts` for the rule on objects several groups reach);
 * 5. order the groups (largest first) and list each one's objects and edges.
 *
 * Everything works on typed arrays with explicit stacks, so a report over a
 * million-object ring needs no JavaScript recursion. The heap is only read.
 *
 * Unlike a collector, the report walks reference cells in storage order, not
 * tp_traverse order (`forEachReference`): an edge's label is its cell's index
 * (`[3]`, the attribute at that position), and the objects of a group are
 * listed in the order their cells hold them, as objgraph lists them.
 *
 * @module
 */

import { type Handle, type Heap, ObjectFlag, type Runtime } from '@pymm/core';
import { markReachable } from '@pymm/core/gc';
import { NULL_REF } from '@pymm/core/heap';
import { groupUnreachable, type LeakGrouping, LeakRoleCode } from './leak-groups.js';
import { referenceLabel } from './reference-labels.js';
import { type SparseGraph, stronglyConnectedComponents } from './strongly-connected-components.js';

/**
 * An object's part in its group: a member of the group's `cycle`, the `root`
 * of an acyclic group (an unreferenced object, possible only when reference
 * counts are not kept), `hanging` off the group only, or `shared` with other
 * groups that also reach it.
 *
 * @example
 * ```ts
 * import type { LeakRole } from '@pymm/refcount';
 * const role: LeakRole = 'cycle';
 * ```
 */
export type LeakRole = 'cycle' | 'root' | 'hanging' | 'shared';

/**
 * One leaked object.
 *
 * @example
 * ```ts
 * import type { LeakObject } from '@pymm/refcount';
 * const node: LeakObject = { handle: 300, type: 'Node', sizeof: 56, role: 'cycle' };
 * ```
 */
export interface LeakObject {
  /** The object's handle (still valid: the object is alive). */
  readonly handle: Handle;
  /** Python type name; the class name for instances (`Node`). */
  readonly type: string;
  /** `sys.getsizeof` of the object. */
  readonly sizeof: number;
  /** Its part in the group. */
  readonly role: LeakRole;
}

/**
 * A reference between two objects of a group, labelled as objgraph labels
 * edges: an attribute name (`ref`), a sequence index (`[3]`), a dict key
 * (`['a']`, `[3]`; `key` for the reference to the key itself), `member` of a
 * set, `cell_contents`, `captured[0]` of a function, `gi_frame[0]` of a
 * generator.
 *
 * @example
 * ```ts
 * import type { LeakEdge } from '@pymm/refcount';
 * const edge: LeakEdge = { from: 300, to: 301, label: 'ref' };
 * ```
 */
export interface LeakEdge {
  readonly from: Handle;
  readonly to: Handle;
  readonly label: string;
}

/**
 * A group of leaked objects: a reference cycle (or, without reference counts,
 * an unreferenced object) and everything that hangs off it.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { leakReport, refcount } from '@pymm/refcount';
 * const py = createRuntime({ strategy: refcount() });
 * py.locals.xs = py.list();
 * py.append(py.locals.xs, py.locals.xs); // xs.append(xs)
 * py.del('xs');
 * const group = leakReport(py).groups[0];
 * group.kind;              // 'cycle'
 * group.edges[0].label;    // '[0]'
 * ```
 */
export interface LeakGroup {
  /** Position in the report, from 1. */
  readonly id: number;
  /** `cycle`, or `acyclic` for a group headed by an unreferenced object. */
  readonly kind: 'cycle' | 'acyclic';
  /** Objects in the group (all of them, even when {@link LeakGroup.truncated}). */
  readonly objectCount: number;
  /** Objects in the cycle itself (0 for an acyclic group). */
  readonly cycleObjects: number;
  /** Total `sys.getsizeof` of the group's objects. */
  readonly bytes: number;
  /**
   * The objects, in the order a breadth-first walk from the cycle's first
   * object (lowest slot) meets them along references, cells in order.
   */
  readonly objects: readonly LeakObject[];
  /** References between the group's objects, in the order of {@link LeakGroup.objects} and then cell order. */
  readonly edges: readonly LeakEdge[];
  /** References between the group's objects (all of them, even when truncated). */
  readonly edgeCount: number;
  /**
   * Ids of the other groups whose objects hold references to this group's
   * objects: to its cycle (which they keep alive too), or to a shared object.
   */
  readonly referencedFrom: readonly number[];
  /** Whether `objects` and `edges` stop at the report's `limit`. */
  readonly truncated: boolean;
}

/**
 * Totals of a {@link LeakReport}.
 *
 * @example
 * ```ts
 * import type { LeakSummary } from '@pymm/refcount';
 * const nothingLeaked: LeakSummary = {
 *   liveObjects: 3, reachableObjects: 3, groups: 0, cycles: 0, objects: 0, bytes: 0,
 * };
 * ```
 */
export interface LeakSummary {
  /** Live objects, not counting statically allocated ones (None, small ints, ...). */
  readonly liveObjects: number;
  /** Of those, the ones reachable from roots. */
  readonly reachableObjects: number;
  /** Groups of leaked objects. */
  readonly groups: number;
  /** Groups that are reference cycles. */
  readonly cycles: number;
  /** Leaked objects: alive but unreachable from roots. */
  readonly objects: number;
  /** Their total `sys.getsizeof`. */
  readonly bytes: number;
}

/**
 * What {@link leakReport} returns.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type LeakReport, leakReport, refcount } from '@pymm/refcount';
 * const py = createRuntime({ strategy: refcount() });
 * const report: LeakReport = leakReport(py);
 * report.summary.objects; // 0
 * ```
 */
export interface LeakReport {
  /** The heap's strategy. */
  readonly strategy: string;
  /** The heap's operation counter when the report was taken. */
  readonly operation: number;
  readonly summary: LeakSummary;
  /** Largest first (bytes, then objects, then the lowest slot of the cycle). */
  readonly groups: readonly LeakGroup[];
}

/**
 * Options for {@link leakReport}.
 *
 * @example
 * ```ts
 * import type { LeakReportOptions } from '@pymm/refcount';
 * const options: LeakReportOptions = { limit: 100 };
 * ```
 */
export interface LeakReportOptions {
  /**
   * Most objects, and most edges, listed per group (default: all). Counts and
   * bytes always cover the whole group.
   */
  readonly limit?: number;
}

/**
 * Lists the groups of objects that are alive but unreachable from every root:
 * under reference counting, the reference cycles that will never be freed and
 * what they keep alive. The heap is only read; temporaries count as roots
 * (call `py.flushTemporaries()` first to release them).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { leakReport, refcount } from '@pymm/refcount';
 * const py = createRuntime({ strategy: refcount() });
 * const Node = py.class('Node');
 * const v = py.locals;
 * v.node1 = Node.new({ value: py.int(1) });
 * v.node2 = Node.new({ value: py.int(2) });
 * py.setattr(v.node1, 'ref', v.node2);
 * py.setattr(v.node2, 'ref', v.node1);
 * py.del('node1', 'node2');
 * const report = leakReport(py);
 * report.summary.objects;                          // 2
 * report.groups[0].objects.map((o) => o.type);     // ['Node', 'Node']
 * report.groups[0].edges.map((e) => e.label);      // ['ref', 'ref']
 * ```
 */
export function leakReport(target: Heap | Runtime, options: LeakReportOptions = {}): LeakReport {
  const heap = 'heap' in target ? target.heap : target;
  const limit = Math.floor(options.limit ?? Number.POSITIVE_INFINITY);
  if (!(limit >= 0)) throw new RangeError(`leakReport: limit must be 0 or more, got ${options.limit}`);

  const unreachable = numberUnreachable(heap, markReachable(heap));
  const graph = unreachableGraph(heap, unreachable);
  const components = stronglyConnectedComponents(graph);
  const grouping = groupUnreachable(graph, components, unreachable.slotOf);
  const groups = listGroups(heap, unreachable, graph, grouping, limit);

  let bytes = 0;
  let cycles = 0;
  for (const group of groups) {
    bytes += group.bytes;
    if (group.kind === 'cycle') cycles++;
  }
  return {
    strategy: heap.strategy.name,
    operation: heap.operation,
    summary: {
      liveObjects: unreachable.liveObjects,
      reachableObjects: unreachable.liveObjects - unreachable.count,
      groups: groups.length,
      cycles,
      objects: unreachable.count,
      bytes,
    },
    groups,
  };
}

/** The unreachable live objects, numbered `0 .. count - 1` in slot order. */
interface UnreachableObjects {
  readonly count: number;
  readonly liveObjects: number;
  /** Heap slot of each node. */
  readonly slotOf: Int32Array;
  /** Node of each heap slot, or -1 (reachable, static or free). */
  readonly nodeOf: Int32Array;
}

/** Phase 2a: numbers the live, non-static objects that marking did not reach. */
function numberUnreachable(heap: Heap, reachable: Uint8Array): UnreachableObjects {
  const store = heap.store;
  const slots = store.slotLimit;
  const nodeOf = new Int32Array(slots).fill(-1);
  let count = 0;
  let liveObjects = 0;
  for (let slot = 0; slot < slots; slot++) {
    const flags = store.flags[slot];
    if ((flags & ObjectFlag.Alive) === 0 || (flags & ObjectFlag.Static) !== 0) continue;
    liveObjects++;
    if (reachable[slot] === 0) nodeOf[slot] = count++;
  }
  const slotOf = new Int32Array(count);
  for (let slot = 0; slot < slots; slot++) if (nodeOf[slot] >= 0) slotOf[nodeOf[slot]] = slot;
  return { count, liveObjects, slotOf, nodeOf };
}

/** Phase 2b: the references among unreachable objects, in cell order, as a sparse graph (duplicates kept). */
function unreachableGraph(heap: Heap, unreachable: UnreachableObjects): SparseGraph {
  const store = heap.store;
  const cells = store.refs.cells;
  const { count, slotOf, nodeOf } = unreachable;
  const offsets = new Int32Array(count + 1);
  for (let u = 0; u < count; u++) {
    const slot = slotOf[u];
    const start = store.refStart[slot];
    let degree = 0;
    for (let cell = start, end = start + store.refLen[slot]; cell < end; cell++) {
      const target = cells[cell];
      if (target !== NULL_REF && nodeOf[target] >= 0) degree++;
    }
    offsets[u + 1] = offsets[u] + degree;
  }
  const targets = new Int32Array(offsets[count]);
  for (let u = 0; u < count; u++) {
    const slot = slotOf[u];
    const start = store.refStart[slot];
    let e = offsets[u];
    for (let cell = start, end = start + store.refLen[slot]; cell < end; cell++) {
      const target = cells[cell];
      if (target !== NULL_REF && nodeOf[target] >= 0) targets[e++] = nodeOf[target];
    }
  }
  return { nodeCount: count, offsets, targets };
}

const ROLE_NAMES: Readonly<Record<number, LeakRole>> = {
  [LeakRoleCode.Cycle]: 'cycle',
  [LeakRoleCode.Root]: 'root',
  [LeakRoleCode.Hanging]: 'hanging',
  [LeakRoleCode.Shared]: 'shared',
};

/** Phase 5: orders the groups and lists each one's objects (breadth-first from its entry) and edges. */
function listGroups(
  heap: Heap,
  unreachable: UnreachableObjects,
  graph: SparseGraph,
  grouping: LeakGrouping,
  limit: number,
): LeakGroup[] {
  const store = heap.store;
  const { slotOf, nodeOf } = unreachable;
  const { groupCount, groupOf, role, entry } = grouping;
  const n = unreachable.count;

  // Sizes, and which groups refer into which.
  const objectCount = new Int32Array(groupCount);
  const bytes = new Float64Array(groupCount);
  const referrers = new Map<number, Set<number>>();
  for (let u = 0; u < n; u++) {
    const g = groupOf[u];
    objectCount[g]++;
    bytes[g] += store.sizeof[slotOf[u]];
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
      const h = groupOf[graph.targets[e]];
      if (h === g) continue;
      let from = referrers.get(h);
      if (!from) referrers.set(h, (from = new Set()));
      from.add(g);
    }
  }

  // Largest first; ties by objects, then by the lowest slot of the cycle.
  const order = Array.from({ length: groupCount }, (_, g) => g).sort(
    (a, b) => bytes[b] - bytes[a] || objectCount[b] - objectCount[a] || slotOf[entry[a]] - slotOf[entry[b]],
  );
  const idOf = new Int32Array(groupCount);
  order.forEach((g, position) => {
    idOf[g] = position + 1;
  });

  const queue = new Int32Array(n);
  const listed = new Uint8Array(n);
  // Position of each listed object in its group's `objects` (unlisted: beyond any limit).
  const position = new Int32Array(n).fill(0x7fffffff);
  const cells = store.refs.cells;
  const groups: LeakGroup[] = [];
  let tail = 0;
  for (const g of order) {
    // Breadth-first from the entry, along references that stay in the group.
    const first = tail;
    let head = tail;
    queue[tail++] = entry[g];
    listed[entry[g]] = 1;
    while (head < tail) {
      const u = queue[head++];
      for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
        const v = graph.targets[e];
        if (listed[v] === 0 && groupOf[v] === g) {
          listed[v] = 1;
          queue[tail++] = v;
        }
      }
    }
    if (tail - first !== objectCount[g]) {
      throw new Error(
        `leakReport: internal error: group of ${heap.describe(slotOf[entry[g]])} has ${objectCount[g]} objects ` +
          `but ${tail - first} are reachable from its cycle; please report this with the program that produced it`,
      );
    }

    const shown = Math.min(objectCount[g], limit);
    const objects: LeakObject[] = [];
    for (let i = 0; i < shown; i++) {
      const u = queue[first + i];
      const slot = slotOf[u];
      position[u] = i;
      objects.push({
        handle: store.handleOf(slot),
        type: heap.typeNameOf(slot),
        sizeof: store.sizeof[slot],
        role: ROLE_NAMES[role[u]],
      });
    }

    const edges: LeakEdge[] = [];
    let edgeCount = 0;
    for (let i = first; i < tail; i++) {
      const u = queue[i];
      const holder = slotOf[u];
      const start = store.refStart[holder];
      const length = store.refLen[holder];
      for (let cell = 0; cell < length; cell++) {
        const target = cells[start + cell];
        if (target === NULL_REF) continue;
        const v = nodeOf[target];
        if (v < 0 || groupOf[v] !== g) continue;
        edgeCount++;
        if (edges.length < limit && i - first < shown && position[v] < shown) {
          edges.push({
            from: store.handleOf(holder),
            to: store.handleOf(target),
            label: referenceLabel(heap, holder, cell),
          });
        }
      }
    }

    groups.push({
      id: idOf[g],
      kind: grouping.cyclic[g] === 1 ? 'cycle' : 'acyclic',
      objectCount: objectCount[g],
      cycleObjects: grouping.cyclic[g] === 1 ? grouping.rootSize[g] : 0,
      bytes: bytes[g],
      objects,
      edges,
      edgeCount,
      referencedFrom: [...(referrers.get(g) ?? [])].map((h) => idOf[h]).sort((a, b) => a - b),
      truncated: shown < objectCount[g] || edges.length < edgeCount,
    });
  }
  return groups;
}
