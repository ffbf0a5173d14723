/**
 * What grew between two snapshots of one process, the way tracemalloc's `Snapshot.compare_to`
 * compares allocation sites, but on objects: per type and per allocation site, the change in object
 * count, in size and in retained size (as {@link analyzeSnapshot} groups it).
 *
 * @module
 */

import { type AnalyzedSnapshot, analyzeSnapshot, type RetainerGroup } from './analyze-snapshot.js';
import type { HeapSnapshot } from './heap-snapshot.js';

/**
 * The change of one type or site between two snapshots.
 *
 * @example
 * ```ts
 * import { diffSnapshots, readSnapshot } from '@pymm/snapshot';
 * const header =
 *   '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}';
 * const before = readSnapshot(`${header}\n["end",0,0]\n`);
 * const after = readSnapshot(`${header}\n["t",0,"builtins.dict",false]\n["o",1,0,0,64,1,"<dict of 0>",[],null,-1]\n["end",1,0]\n`);
 * const difference = diffSnapshots(before, after);
 * difference.byType[0]; // { name: 'builtins.dict', countBefore: 0, countAfter: 1, sizeBefore: 0, sizeAfter: 64, retainedBefore: 0, retainedAfter: 64 }
 * ```
 */
export interface GroupDifference {
  /** Type name, or the allocation site's innermost frame. */
  readonly name: string;
  readonly countBefore: number;
  readonly countAfter: number;
  readonly sizeBefore: number;
  readonly sizeAfter: number;
  readonly retainedBefore: number;
  readonly retainedAfter: number;
}

/**
 * What grew, by type and by site, the largest growth in size first.
 *
 * @example
 * ```ts
 * import { diffSnapshots, readSnapshot } from '@pymm/snapshot';
 * const header =
 *   '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}';
 * const before = readSnapshot(`${header}\n["end",0,0]\n`);
 * const after = readSnapshot(`${header}\n["t",0,"builtins.dict",false]\n["o",1,0,0,64,1,"<dict of 0>",[],null,-1]\n["end",1,0]\n`);
 * const difference = diffSnapshots(before, after);
 * [difference.objectsBefore, difference.objectsAfter, difference.bySite.length]; // [0, 1, 0]
 * ```
 */
export interface SnapshotDifference {
  readonly objectsBefore: number;
  readonly objectsAfter: number;
  readonly sizeBefore: number;
  readonly sizeAfter: number;
  readonly garbageBefore: number;
  readonly garbageAfter: number;
  readonly byType: readonly GroupDifference[];
  /** Empty unless tracemalloc traced in both. */
  readonly bySite: readonly GroupDifference[];
}

/**
 * Compares two snapshots (or their analyses, when already computed).
 *
 * @example
 * ```ts
 * import { diffSnapshots, readSnapshot } from '@pymm/snapshot';
 * const header =
 *   '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}';
 * const before = readSnapshot(`${header}\n["t",0,"builtins.list",false]\n["o",1,0,0,56,1,"<list of 0>",[],null,-1]\n["end",1,0]\n`);
 * const after = readSnapshot(
 *   `${header}\n["t",0,"builtins.list",false]\n["o",1,0,0,56,1,"<list of 0>",[],null,-1]\n["o",2,0,0,56,1,"<list of 0>",[],null,-1]\n["end",2,0]\n`,
 * );
 * const grew = diffSnapshots(before, after).byType[0];
 * [grew.name, grew.countBefore, grew.countAfter, grew.sizeAfter - grew.sizeBefore]; // ['builtins.list', 1, 2, 56]
 * ```
 */
export function diffSnapshots(
  before: HeapSnapshot | AnalyzedSnapshot,
  after: HeapSnapshot | AnalyzedSnapshot,
): SnapshotDifference {
  const a =
    'analysis' in before ? before : analyzeSnapshot(before, { top: 0, groups: Number.POSITIVE_INFINITY });
  const b =
    'analysis' in after ? after : analyzeSnapshot(after, { top: 0, groups: Number.POSITIVE_INFINITY });
  return {
    objectsBefore: a.analysis.objects,
    objectsAfter: b.analysis.objects,
    sizeBefore: a.analysis.totalSize,
    sizeAfter: b.analysis.totalSize,
    garbageBefore: a.analysis.garbage.count,
    garbageAfter: b.analysis.garbage.count,
    byType: compare(a.analysis.retainersByType, b.analysis.retainersByType),
    bySite: compare(a.analysis.retainersBySite, b.analysis.retainersBySite),
  };
}

function compare(before: readonly RetainerGroup[], after: readonly RetainerGroup[]): GroupDifference[] {
  const names = new Set([...before.map((g) => g.name), ...after.map((g) => g.name)]);
  const byName = (groups: readonly RetainerGroup[]) => new Map(groups.map((g) => [g.name, g]));
  const a = byName(before);
  const b = byName(after);
  return [...names]
    .map((name) => {
      const x = a.get(name);
      const y = b.get(name);
      return {
        name,
        countBefore: x?.count ?? 0,
        countAfter: y?.count ?? 0,
        sizeBefore: x?.size ?? 0,
        sizeAfter: y?.size ?? 0,
        retainedBefore: x?.retained ?? 0,
        retainedAfter: y?.retained ?? 0,
      };
    })
    .filter(
      (d) =>
        d.countBefore !== d.countAfter ||
        d.sizeBefore !== d.sizeAfter ||
        d.retainedBefore !== d.retainedAfter,
    )
    .sort(
      (p, q) =>
        q.sizeAfter - q.sizeBefore - (p.sizeAfter - p.sizeBefore) ||
        q.retainedAfter - q.retainedBefore - (p.retainedAfter - p.retainedBefore) ||
        p.name.localeCompare(q.name),
    );
}
