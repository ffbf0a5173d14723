/**
 * What the next full collection of the process would free: CPython's `gc_collect_main` over the
 * snapshot. `update_refs` copies each tracked object's reference count into `gc_refs`;
 * `subtract_refs` takes away one for each reference from a tracked object; `move_unreachable` marks
 * what is reachable from the objects left with `gc_refs > 0`, through tracked objects only. The
 * tracked objects left unmarked are the garbage `gc.collect()` counts.
 *
 * @module
 */

import { type HeapSnapshot, UNTRACKED } from './heap-snapshot.js';

/** Objects of one type within a cluster of garbage.
 *
 * @example
 * ```ts
 * import { findCyclicGarbage, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * findCyclicGarbage(snapshot).clusters[0].types[0].count; // 2
 * ```
 */
export interface GarbageByType {
  readonly type: string;
  readonly count: number;
  readonly size: number;
  /** Whether the type has a finalizer (`__del__`), which the collection runs first (PEP 442). */
  readonly finalizer: boolean;
}

/** Garbage objects that refer to one another: one cycle or more, with what hangs off them.
 *
 * @example
 * ```ts
 * import { findCyclicGarbage, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * findCyclicGarbage(snapshot).clusters[0].objects; // [0, 1]
 * ```
 */
export interface GarbageCluster {
  /** Object numbers, ascending. */
  readonly objects: readonly number[];
  /** Sum of `sys.getsizeof` of the objects. */
  readonly size: number;
  /** Objects with finalizers among them. */
  readonly finalizers: number;
  /** Counts by type, the largest first. */
  readonly types: readonly GarbageByType[];
}

/** The cyclic garbage of a snapshot.
 *
 * @example
 * ```ts
 * import { findCyclicGarbage, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * [...findCyclicGarbage(snapshot).isGarbage]; // [1, 1]
 * ```
 */
export interface CyclicGarbage {
  /** Whether each object is garbage (1) or not (0). */
  readonly isGarbage: Uint8Array;
  /** Number of garbage objects: what `gc.collect()` returns in the process. */
  readonly count: number;
  /** Sum of their sizes. */
  readonly size: number;
  /** The garbage grouped by connection, the largest first. */
  readonly clusters: readonly GarbageCluster[];
}

/**
 * Finds the tracked objects a full collection would find unreachable, grouped into clusters.
 *
 * @example
 * ```ts
 * import { findCyclicGarbage, readSnapshot } from '@pymm/snapshot';
 * // Two lists that hold each other and nothing else: reference counts 1, both from the other.
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",100,0,0,64,1,"<list of 1>",[200],null,-1]',
 *     '["o",200,0,0,64,1,"<list of 1>",[100],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * const garbage = findCyclicGarbage(snapshot);
 * garbage.count; // 2
 * garbage.clusters[0].types; // [{ type: 'builtins.list', count: 2, size: 128, finalizer: false }]
 * ```
 */
export function findCyclicGarbage(snapshot: HeapSnapshot): CyclicGarbage {
  const { count: n, generation, refcount, edgeStart, edgeTarget } = snapshot;
  const gcRefs = new Float64Array(n);
  for (let i = 0; i < n; i++) if (generation[i] !== UNTRACKED) gcRefs[i] = refcount[i];
  for (let i = 0; i < n; i++) {
    if (generation[i] === UNTRACKED) continue;
    for (let e = edgeStart[i]; e < edgeStart[i + 1]; e++) {
      const j = edgeTarget[e];
      if (generation[j] !== UNTRACKED) gcRefs[j]--;
    }
  }
  const reachable = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (let i = 0; i < n; i++) {
    if (generation[i] !== UNTRACKED && gcRefs[i] > 0) {
      reachable[i] = 1;
      stack[top++] = i;
    }
  }
  while (top > 0) {
    const i = stack[--top];
    for (let e = edgeStart[i]; e < edgeStart[i + 1]; e++) {
      const j = edgeTarget[e];
      if (generation[j] !== UNTRACKED && reachable[j] === 0) {
        reachable[j] = 1;
        stack[top++] = j;
      }
    }
  }
  const isGarbage = new Uint8Array(n);
  let count = 0;
  let size = 0;
  for (let i = 0; i < n; i++) {
    if (generation[i] !== UNTRACKED && reachable[i] === 0) {
      isGarbage[i] = 1;
      count++;
      size += snapshot.size[i];
    }
  }
  return { isGarbage, count, size, clusters: clustersOf(snapshot, isGarbage) };
}

/** Groups garbage objects joined by a reference (either way) with union–find over typed arrays. */
function clustersOf(snapshot: HeapSnapshot, isGarbage: Uint8Array): GarbageCluster[] {
  const n = snapshot.count;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    while (parent[x] !== r) {
      const next = parent[x];
      parent[x] = r;
      x = next;
    }
    return r;
  };
  for (let i = 0; i < n; i++) {
    if (!isGarbage[i]) continue;
    for (let e = snapshot.edgeStart[i]; e < snapshot.edgeStart[i + 1]; e++) {
      const j = snapshot.edgeTarget[e];
      if (isGarbage[j]) parent[find(i)] = find(j);
    }
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (!isGarbage[i]) continue;
    const root = find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  const clusters = [...members.values()].map((objects) => {
    const byType = new Map<number, { count: number; size: number }>();
    let size = 0;
    let finalizers = 0;
    for (const i of objects) {
      const t = snapshot.type[i];
      const entry = byType.get(t) ?? { count: 0, size: 0 };
      entry.count++;
      entry.size += snapshot.size[i];
      byType.set(t, entry);
      size += snapshot.size[i];
      if (snapshot.typeHasFinalizer[t]) finalizers++;
    }
    const types = [...byType.entries()]
      .map(([t, e]) => ({
        type: snapshot.typeNames[t],
        count: e.count,
        size: e.size,
        finalizer: snapshot.typeHasFinalizer[t],
      }))
      .sort((a, b) => b.size - a.size || a.type.localeCompare(b.type));
    return { objects, size, finalizers, types };
  });
  return clusters.sort((a, b) => b.size - a.size || a.objects[0] - b.objects[0]);
}
