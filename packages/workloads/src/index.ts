/**
 * `@pymm/workloads`: Python memory lessons and classic collector benchmarks
 * as deterministic, seeded programs written against the `@pymm/core`
 * runtime. The same workload, scale and seed perform the same operations
 * under every strategy (the runtime's `fingerprint` proves it), so what
 * differs between strategies is only what they free, when, and at what cost.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { runWorkload, workloadByName } from '@pymm/workloads';
 * const py = createRuntime({ strategy: refcount() });
 * runWorkload(workloadByName('list-vs-generator'), py, { scale: 0.01, seed: 1 });
 * py.memory().liveBytes; // 0
 * ```
 *
 * @packageDocumentation
 */

export { binaryTrees } from './binary-trees.js';
export { bufferedReading, CHUNK_SIZES } from './buffered-reading.js';
export { deepLinkedList } from './deep-linked-list.js';
export { delIntermediate } from './del-intermediate.js';
export { filesContextManager } from './files-context-manager.js';
export { gcCollect } from './gc-collect.js';
export { gcTraversal } from './gc-traversal.js';
export { globalCache } from './global-cache.js';
export { listVsGenerator } from './list-vs-generator.js';
export { parameterValue, parameterValues } from './parameters.js';
export { PYTHON_WORKLOADS, pythonWorkloadByName } from './python-suite.js';
export {
  isPythonWorkload,
  type PythonRun,
  type PythonWorkload,
  type PythonWorkloadSpec,
  phaseLines,
  programArguments,
  pythonWorkload,
} from './python-workload.js';
export { randomGraphChurn } from './random-graph-churn.js';
export { referenceCycles } from './reference-cycles.js';
export { type PhaseMark, type RunWorkloadOptions, runWorkload, type WorkloadRun } from './run-workload.js';
export { randomBelow, seededRandom } from './seeded-random.js';
export { slicesCopyVsView } from './slices-copy-vs-view.js';
export { smallIntAndStringCaches } from './small-int-and-string-caches.js';
export { WORKLOADS, workloadByName } from './suite.js';
export { tuplesVsLists } from './tuples-vs-lists.js';
export { weakValueCache } from './weak-value-cache.js';
export { webRequests } from './web-requests.js';
export type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
export { type ContextOptions, createContext, DEFAULT_SEED, scaledCount } from './workload-context.js';
export { summarizeWorkload, type WorkloadSummary } from './workload-summary.js';
