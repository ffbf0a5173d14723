/**
 * `@pymm/snapshot`: heap snapshots of real CPython processes. `python/pymm_snapshot.py` (one file,
 * no dependencies) dumps every GC-tracked object of a running program with the untracked objects
 * they refer to; this package reads the dump and finds what the next full collection would free,
 * what keeps memory alive (retained sizes from a dominator tree), the chain of references from a
 * root to any object, and what grew between two snapshots. The format: docs/guides/snapshot-format.md.
 *
 * @example
 * ```ts
 * import { analyzeSnapshot, readSnapshot } from '@pymm/snapshot';
 * const text = [
 *   '{"format":"pymm-snapshot","version":1,"python":"3.11.7","thresholds":[700,10,10],"counts":[2,0,0],"tracemalloc":false}',
 *   '["t",0,"__main__.Node",true]',
 *   '["o",1,0,0,56,1,"<Node object>",[2],null,-1]',
 *   '["o",2,0,0,56,1,"<Node object>",[1],null,-1]',
 *   '["end",2,2]',
 * ].join('\n') + '\n';
 * const { analysis } = analyzeSnapshot(readSnapshot(text));
 * analysis.garbage.clusters[0].finalizers; // 2
 * ```
 *
 * @packageDocumentation
 */

export {
  type AnalyzedSnapshot,
  type AnalyzeOptions,
  analyzeSnapshot,
  findObject,
  type GarbageClusterSummary,
  type ObjectSummary,
  objectId,
  type RetainerGroup,
  type SnapshotAnalysis,
  summarizeObject,
} from './analyze-snapshot.js';
export {
  type CyclicGarbage,
  findCyclicGarbage,
  type GarbageByType,
  type GarbageCluster,
} from './cyclic-garbage.js';
export { diffSnapshots, type GroupDifference, type SnapshotDifference } from './diff-snapshots.js';
export { type DominatorTree, dominatorTree } from './dominator-tree.js';
export { type HeapSnapshot, type NamedRoot, type SnapshotHeader, UNTRACKED } from './heap-snapshot.js';
export { readSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './read-snapshot.js';
export { type RootPathStep, rootPath } from './root-path.js';
export {
  loadSimulatedHeap,
  profileFor,
  type StrategyOutcome,
  strategyOutcomes,
} from './simulated-heap.js';
export { SnapshotFormatError } from './snapshot-error.js';
export { snapshotRoots } from './snapshot-roots.js';
