/**
 * The analysis of one snapshot, as plain data (what `pymm snapshot analyze --json` prints): the
 * cyclic garbage, generation occupancy, the objects and types that retain the most memory, and the
 * allocation sites behind them.
 *
 * @module
 */

import { type CyclicGarbage, findCyclicGarbage, type GarbageCluster } from './cyclic-garbage.js';
import { type DominatorTree, dominatorTree } from './dominator-tree.js';
import { type HeapSnapshot, UNTRACKED } from './heap-snapshot.js';
import { snapshotRoots } from './snapshot-roots.js';

/** One object as the analysis shows it.
 *
 * @example
 * ```ts
 * import { analyzeSnapshot, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * const { analysis } = analyzeSnapshot(snapshot);
 * analysis.garbage.clusters[0].sample[0].id; // '0x1000'
 * ```
 */
export interface ObjectSummary {
  /** `id(o)` in the process, in hexadecimal (`0x7f3a...`): what `--why` takes. */
  readonly id: string;
  readonly type: string;
  readonly repr: string;
  /** `sys.getsizeof(o)`. */
  readonly size: number;
  /** What freeing it alone would free. */
  readonly retained: number;
  /** Generation 0–2, or -1 when untracked. */
  readonly generation: number;
  /** Innermost frame of the allocation traceback, when tracemalloc traced. */
  readonly site: string | null;
  /** `module NAME` for a module's globals, `frame FUNCTION FILE:LINE` for a local variable's value. */
  readonly root: string | null;
}

/** Memory retained per type or per allocation site.
 *
 * @example
 * ```ts
 * import { analyzeSnapshot, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * const { analysis } = analyzeSnapshot(snapshot);
 * analysis.retainersByType; // [{ name: 'builtins.list', count: 2, size: 128, retained: 128 }]
 * ```
 */
export interface RetainerGroup {
  /** Type name, or the allocation site's innermost frame. */
  readonly name: string;
  /** Objects of the group. */
  readonly count: number;
  /** Sum of their `sys.getsizeof`. */
  readonly size: number;
  /** Sum of the retained sizes of its objects that no other object of the group dominates. */
  readonly retained: number;
}

/**
 * Clusters of garbage of one shape (the same types in the same numbers), as the analysis shows them:
 * a leak repeated per request appears once, with how many times.
 *
 * @example
 * ```ts
 * import { analyzeSnapshot, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * const [shape] = analyzeSnapshot(snapshot).analysis.garbage.clusters;
 * [shape.clusters, shape.objects, shape.size]; // [1, 2, 128]
 * shape.sample.map((o) => o.id); // ['0x1000', '0x2000']
 * ```
 */
export interface GarbageClusterSummary {
  /** How many clusters have this shape. */
  readonly clusters: number;
  /** Objects in all of them. */
  readonly objects: number;
  readonly size: number;
  readonly finalizers: number;
  /** Types and counts summed over the clusters. */
  readonly types: readonly { type: string; count: number; size: number; finalizer: boolean }[];
  /** The first objects of the first such cluster (at most 10). */
  readonly sample: readonly ObjectSummary[];
}

/** The whole analysis.
 *
 * @example
 * ```ts
 * import { analyzeSnapshot, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * const { analysis } = analyzeSnapshot(snapshot);
 * [analysis.tracked, analysis.untracked, analysis.roots]; // [2, 0, 0]
 * ```
 */
export interface SnapshotAnalysis {
  readonly python: string;
  readonly objects: number;
  readonly tracked: number;
  readonly untracked: number;
  readonly references: number;
  readonly totalSize: number;
  readonly roots: number;
  /** Objects and bytes per generation 0, 1, 2; `gc.get_count()` and thresholds when dumped. */
  readonly generations: readonly {
    generation: number;
    objects: number;
    size: number;
    count: number;
    threshold: number;
  }[];
  readonly garbage: {
    readonly count: number;
    readonly size: number;
    /** Number of clusters (objects joined by references). */
    readonly clusterCount: number;
    /** The clusters grouped by shape, the largest total size first (as many as `groups`). */
    readonly clusters: readonly GarbageClusterSummary[];
  };
  /**
   * The objects with the largest retained sizes, leaving out each object whose immediate dominator
   * and that dominator's are of its own type (a chain is listed by its first two links).
   */
  readonly topObjects: readonly ObjectSummary[];
  readonly retainersByType: readonly RetainerGroup[];
  /** Empty unless tracemalloc traced. */
  readonly retainersBySite: readonly RetainerGroup[];
}

/** How much the analysis lists.
 *
 * @example
 * ```ts
 * import { analyzeSnapshot, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * analyzeSnapshot(snapshot, { top: 1 }).analysis.topObjects.length; // 1
 * ```
 */
export interface AnalyzeOptions {
  /** Entries of each top list (default 20). */
  readonly top?: number;
  /** Entries of the lists by type and by site, when not `top` (a diff takes them all). */
  readonly groups?: number;
}

/** The snapshot with its computed structures, for the report and `--why`.
 *
 * @example
 * ```ts
 * import { analyzeSnapshot, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * const analyzed = analyzeSnapshot(snapshot);
 * analyzed.garbage.count; // 2
 * analyzed.tree.retained[0]; // 128
 * ```
 */
export interface AnalyzedSnapshot {
  readonly snapshot: HeapSnapshot;
  readonly roots: Int32Array;
  readonly garbage: CyclicGarbage;
  readonly tree: DominatorTree;
  readonly analysis: SnapshotAnalysis;
}

/** Hexadecimal id of object `i`, as the analysis prints it.
 *
 * @example
 * ```ts
 * import { objectId, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * objectId(snapshot, 1); // '0x2000'
 * ```
 */
export function objectId(snapshot: HeapSnapshot, i: number): string {
  return `0x${snapshot.address[i].toString(16)}`;
}

/** Object number of an id written in decimal or `0x` hexadecimal, or -1 when there is none.
 *
 * @example
 * ```ts
 * import { findObject, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * findObject(snapshot, '0x2000'); // 1
 * findObject(snapshot, '4096'); // 0
 * findObject(snapshot, '0x3000'); // -1
 * ```
 */
export function findObject(snapshot: HeapSnapshot, id: string): number {
  const address = /^0x[0-9a-f]+$/i.test(id)
    ? Number.parseInt(id.slice(2), 16)
    : /^\d+$/.test(id)
      ? Number(id)
      : Number.NaN;
  if (!Number.isFinite(address)) return -1;
  for (let i = 0; i < snapshot.count; i++) if (snapshot.address[i] === address) return i;
  return -1;
}

/** Object `i` as the analysis shows it.
 *
 * @example
 * ```ts
 * import { dominatorTree, readSnapshot, summarizeObject } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * summarizeObject(snapshot, dominatorTree(snapshot), 0).repr; // '<list of 1>'
 * ```
 */
export function summarizeObject(snapshot: HeapSnapshot, tree: DominatorTree, i: number): ObjectSummary {
  const site = snapshot.site[i];
  return {
    id: objectId(snapshot, i),
    type: snapshot.typeNames[snapshot.type[i]],
    repr: snapshot.repr[i],
    size: snapshot.size[i],
    retained: tree.retained[i],
    generation: snapshot.generation[i],
    site: site < 0 ? null : (snapshot.sites[site].at(-1) ?? null),
    root: namedRoot(snapshot, i),
  };
}

/** How the dump named object `i` as a root (the first name), or null. */
function namedRoot(snapshot: HeapSnapshot, i: number): string | null {
  const named = snapshot.namedRoots.find((r) => r.object === i);
  return named ? `${named.kind} ${named.label}` : null;
}

/**
 * Analyzes a snapshot.
 *
 * @example
 * ```ts
 * import { analyzeSnapshot, readSnapshot } from '@pymm/snapshot';
 * const { analysis } = analyzeSnapshot(
 *   readSnapshot(
 *     [
 *       '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[3,0,0],"tracemalloc":false}',
 *       '["t",0,"builtins.list",false]',
 *       '["o",1,0,0,64,1,"<list of 1>",[2],null,-1]',
 *       '["o",2,0,0,64,1,"<list of 1>",[1],null,-1]',
 *       '["o",3,2,0,56,1,"<list of 0>",[],null,-1]',
 *       '["end",3,2]',
 *     ].join('\n') + '\n',
 *   ),
 * );
 * analysis.garbage.count; // 2
 * analysis.generations.map((g) => g.objects); // [2, 0, 1]
 * ```
 */
export function analyzeSnapshot(snapshot: HeapSnapshot, options: AnalyzeOptions = {}): AnalyzedSnapshot {
  const top = options.top ?? 20;
  const groups = options.groups ?? top;
  const n = snapshot.count;
  const roots = snapshotRoots(snapshot);
  const garbage = findCyclicGarbage(snapshot);
  const tree = dominatorTree(snapshot, roots);
  let tracked = 0;
  let totalSize = 0;
  const generations = [0, 1, 2].map((generation) => ({
    generation,
    objects: 0,
    size: 0,
    count: snapshot.header.counts[generation],
    threshold: snapshot.header.thresholds[generation],
  }));
  for (let i = 0; i < n; i++) {
    totalSize += snapshot.size[i];
    const g = snapshot.generation[i];
    if (g === UNTRACKED) continue;
    tracked++;
    generations[g].objects++;
    generations[g].size += snapshot.size[i];
  }
  // The third and later links of a chain of one type in the dominator tree are listed through its
  // first two.
  const link = (i: number) => {
    const d = tree.idom[i];
    if (d === tree.root || snapshot.type[d] !== snapshot.type[i]) return false;
    const dd = tree.idom[d];
    return dd !== tree.root && snapshot.type[dd] === snapshot.type[i];
  };
  const byRetained = Array.from({ length: n }, (_, i) => i)
    .filter((i) => !link(i))
    .sort((a, b) => tree.retained[b] - tree.retained[a] || a - b)
    .slice(0, top);
  const analysis: SnapshotAnalysis = {
    python: snapshot.header.python,
    objects: n,
    tracked,
    untracked: n - tracked,
    references: snapshot.edgeTarget.length,
    totalSize,
    roots: roots.length,
    generations,
    garbage: {
      count: garbage.count,
      size: garbage.size,
      clusterCount: garbage.clusters.length,
      clusters: clusterShapes(garbage)
        .slice(0, groups)
        .map((shape) => ({
          ...shape,
          sample: shape.sample.slice(0, 10).map((i) => summarizeObject(snapshot, tree, i)),
        })),
    },
    topObjects: byRetained.map((i) => summarizeObject(snapshot, tree, i)),
    retainersByType: groupRetainers(
      snapshot,
      tree,
      (i) => snapshot.type[i],
      (t) => snapshot.typeNames[t],
    ).slice(0, groups),
    retainersBySite: groupRetainers(
      snapshot,
      tree,
      (i) => snapshot.site[i],
      (s) => snapshot.sites[s].at(-1) ?? '?',
    ).slice(0, groups),
  };
  return { snapshot, roots, garbage, tree, analysis };
}

/** Clusters grouped by their types and counts, the largest total first. */
function clusterShapes(garbage: CyclicGarbage) {
  const shapes = new Map<
    string,
    Omit<GarbageClusterSummary, 'sample' | 'types'> & {
      types: GarbageCluster['types'];
      sample: readonly number[];
    }
  >();
  for (const c of garbage.clusters) {
    const key = c.types.map((t) => `${t.count} ${t.type}`).join('|');
    const shape = shapes.get(key);
    if (shape === undefined) {
      shapes.set(key, {
        clusters: 1,
        objects: c.objects.length,
        size: c.size,
        finalizers: c.finalizers,
        types: c.types,
        sample: c.objects,
      });
      continue;
    }
    shapes.set(key, {
      clusters: shape.clusters + 1,
      objects: shape.objects + c.objects.length,
      size: shape.size + c.size,
      finalizers: shape.finalizers + c.finalizers,
      types: shape.types.map((t, k) => ({
        ...t,
        count: t.count + c.types[k].count,
        size: t.size + c.types[k].size,
      })),
      sample: shape.sample,
    });
  }
  return [...shapes.values()].sort((a, b) => b.size - a.size);
}

/**
 * Retained memory per group: an object's retained size counts unless an ancestor in the dominator
 * tree belongs to the same group (it is then inside that ancestor's). An iterative depth-first walk
 * of the tree keeps, per group, how many objects of the group are on the current path.
 */
function groupRetainers(
  snapshot: HeapSnapshot,
  tree: DominatorTree,
  groupOf: (i: number) => number,
  nameOf: (group: number) => string,
): RetainerGroup[] {
  const n = snapshot.count;
  const childStart = new Int32Array(n + 2);
  for (let v = 0; v < n; v++) childStart[tree.idom[v] + 1]++;
  for (let i = 0; i <= n; i++) childStart[i + 1] += childStart[i];
  const fill = childStart.slice(0, n + 1);
  const children = new Int32Array(n);
  for (let v = 0; v < n; v++) children[fill[tree.idom[v]]++] = v;
  const group = new Int32Array(n);
  let groupCount = 0;
  for (let v = 0; v < n; v++) {
    group[v] = groupOf(v);
    if (group[v] >= groupCount) groupCount = group[v] + 1;
  }
  const active = new Int32Array(groupCount);
  const count = new Float64Array(groupCount);
  const size = new Float64Array(groupCount);
  const retained = new Float64Array(groupCount);
  const stackNode = new Int32Array(n + 1);
  const stackChild = new Int32Array(n + 1);
  let top = 0;
  stackNode[0] = tree.root;
  stackChild[0] = childStart[tree.root];
  while (top >= 0) {
    const v = stackNode[top];
    const c = stackChild[top];
    if (c < childStart[v + 1]) {
      stackChild[top] = c + 1;
      const w = children[c];
      const g = group[w];
      if (g >= 0) {
        count[g]++;
        size[g] += snapshot.size[w];
        if (active[g] === 0) retained[g] += tree.retained[w];
        active[g]++;
      }
      top++;
      stackNode[top] = w;
      stackChild[top] = childStart[w];
    } else {
      if (v !== tree.root && group[v] >= 0) active[group[v]]--;
      top--;
    }
  }
  const groups: RetainerGroup[] = [];
  for (let g = 0; g < groupCount; g++)
    if (count[g] > 0) groups.push({ name: nameOf(g), count: count[g], size: size[g], retained: retained[g] });
  return groups.sort((a, b) => b.retained - a.retained || a.name.localeCompare(b.name));
}
