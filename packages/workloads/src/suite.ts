/**
 * The default suite: every workload, in the order reports show them.
 *
 * @module
 */

import { binaryTrees } from './binary-trees.js';
import { bufferedReading } from './buffered-reading.js';
import { deepLinkedList } from './deep-linked-list.js';
import { delIntermediate } from './del-intermediate.js';
import { filesContextManager } from './files-context-manager.js';
import { gcCollect } from './gc-collect.js';
import { gcTraversal } from './gc-traversal.js';
import { globalCache } from './global-cache.js';
import { listVsGenerator } from './list-vs-generator.js';
import { randomGraphChurn } from './random-graph-churn.js';
import { referenceCycles } from './reference-cycles.js';
import { slicesCopyVsView } from './slices-copy-vs-view.js';
import { smallIntAndStringCaches } from './small-int-and-string-caches.js';
import { tuplesVsLists } from './tuples-vs-lists.js';
import { weakValueCache } from './weak-value-cache.js';
import { webRequests } from './web-requests.js';
import type { Workload } from './workload.js';

/**
 * Every workload, in the default suite's order: the lessons first, then the
 * collector benchmarks.
 *
 * @example
 * ```ts
 * import { WORKLOADS } from '@pymm/workloads';
 * WORKLOADS.length; // 16
 * WORKLOADS[0].name; // 'reference-cycles'
 * WORKLOADS.filter((w) => w.kind === 'collector-benchmark').map((w) => w.name);
 * // ['gc-collect', 'gc-traversal', 'binary-trees', 'deep-linked-list', 'random-graph-churn']
 * ```
 */
export const WORKLOADS: readonly Workload[] = Object.freeze([
  referenceCycles,
  listVsGenerator,
  filesContextManager,
  bufferedReading,
  slicesCopyVsView,
  tuplesVsLists,
  smallIntAndStringCaches,
  delIntermediate,
  globalCache,
  weakValueCache,
  webRequests,
  gcCollect,
  gcTraversal,
  binaryTrees,
  deepLinkedList,
  randomGraphChurn,
]);

/**
 * The workload called `name`. Throws a `RangeError` listing the workload
 * names when there is none.
 *
 * @example
 * ```ts
 * import { workloadByName } from '@pymm/workloads';
 * workloadByName('gc-collect').title; // 'pyperformance gc_collect'
 * ```
 */
export function workloadByName(name: string): Workload {
  const found = WORKLOADS.find((workload) => workload.name === name);
  if (!found) {
    throw new RangeError(
      `unknown workload '${name}' (expected one of: ${WORKLOADS.map((w) => w.name).join(', ')})`,
    );
  }
  return found;
}
