/**
 * The shortest chain of references from a root to an object: the back-reference chain objgraph's
 * `find_backref_chain` draws, by breadth-first search from every root at once over typed arrays.
 *
 * @module
 */

import type { HeapSnapshot } from './heap-snapshot.js';
import { snapshotRoots } from './snapshot-roots.js';

/** One step of a root path: an object, and the reference that leads to the next step.
 *
 * @example
 * ```ts
 * import type { RootPathStep } from '@pymm/snapshot';
 * const step: RootPathStep = { object: 3, label: "['cache']" };
 * step.label; // "['cache']"
 * ```
 */
export interface RootPathStep {
  /** Object number. */
  readonly object: number;
  /** The label of the reference from this object to the next (`['cache']`, `[3]`), or `null`. */
  readonly label: string | null;
}

/**
 * The objects from a root to `target`, root first, or `null` when no root reaches it (garbage).
 *
 * @example
 * ```ts
 * import { readSnapshot, rootPath } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.dict",false]',
 *     '["t",1,"builtins.list",false]',
 *     '["o",1,0,0,184,1,"<dict of 1>",[2],["[\'cache\']"],-1]',
 *     '["o",2,0,1,64,1,"<list of 0>",[],null,-1]',
 *     '["end",2,1]',
 *   ].join('\n') + '\n',
 * );
 * rootPath(snapshot, 1); // [{ object: 0, label: "['cache']" }, { object: 1, label: null }]
 * ```
 */
export function rootPath(
  snapshot: HeapSnapshot,
  target: number,
  roots: Int32Array = snapshotRoots(snapshot),
): RootPathStep[] | null {
  const { count: n, edgeStart, edgeTarget } = snapshot;
  const parentEdge = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-2);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (const r of roots) {
    parent[r] = -1;
    queue[tail++] = r;
  }
  while (head < tail && parent[target] === -2) {
    const v = queue[head++];
    for (let e = edgeStart[v]; e < edgeStart[v + 1]; e++) {
      const w = edgeTarget[e];
      if (parent[w] !== -2) continue;
      parent[w] = v;
      parentEdge[w] = e;
      queue[tail++] = w;
    }
  }
  if (parent[target] === -2) return null;
  const steps: RootPathStep[] = [{ object: target, label: null }];
  for (let v = target; parent[v] >= 0; v = parent[v])
    steps.push({ object: parent[v], label: snapshot.edgeLabel.get(parentEdge[v]) ?? null });
  return steps.reverse();
}
