/**
 * `@pymm/core`: Python's memory manager, simulated. The object model (CPython's
 * built-in types with their real sizes), the heap (objects in typed arrays,
 * addressed by handles), pymalloc and system allocator models, CPython's free
 * lists and caches, roots, reference counting with CPython's deallocation
 * order, the strategy contract, a Python-flavoured runtime, and the event
 * stream that reports and tests read.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * py.locals.xs = py.list([py.int(1), py.int(2), py.int(3)]);
 * py.sizeof(py.locals.xs); // 80, as sys.getsizeof([a, b, c]) on CPython 3.11
 * // (a display of constants, [1, 2, 3], is 88: CPython builds it from a constant tuple)
 * ```
 *
 * @packageDocumentation
 */

export * from './events/events.js';
export { finalizeGarbage } from './gc/finalize-garbage.js';
export { forEachReference } from './gc/for-each-reference.js';
export { WeakrefClearing, type WeakrefRound } from './gc/handle-weakrefs.js';
export { markReachable, type UnreachableSummary, unreachableSummary } from './gc/mark-reachable.js';
export { MarkStack } from './gc/mark-stack.js';
export { slotOfHandle } from './gc/slot-of-handle.js';
export type { ClassInfo } from './heap/class-registry.js';
export { deleteAttribute, getAttribute, hasAttribute, setAttribute } from './heap/containers/attributes.js';
export { containerLength } from './heap/containers/container-length.js';
export { dictClear, dictDelete, dictGet, dictHas, dictSet } from './heap/containers/dict.js';
export { keyToken } from './heap/containers/keys.js';
export {
  isList,
  listAppend,
  listClear,
  listDelete,
  listPop,
  listSet,
  normaliseIndex,
  sequenceGet,
} from './heap/containers/list.js';
export { expectType, PythonError } from './heap/containers/python-error.js';
export { setAdd, setDiscard, setHas } from './heap/containers/set.js';
export { Heap } from './heap/heap.js';
export { SimulatedMemoryError } from './heap/heap-limit.js';
export type { HeapOptions } from './heap/heap-options.js';
export {
  type Handle,
  HeapCapacityError,
  MAX_SLOTS,
  NO_ADDRESS,
  NULL_REF,
  ObjectFlag,
  ObjectStore,
  SERIALS_PER_SLOT,
  SLOT_BITS,
  UseAfterFreeError,
} from './heap/object-store.js';
export { ReferenceStore } from './heap/reference-store.js';
export type { ResourceRecord } from './heap/resources.js';
export { Namespace, Roots } from './heap/roots.js';
export {
  TRASHCAN_313_BUDGET,
  TRASHCAN_UNWIND_LEVEL,
  type TrashcanRule,
  trashcanRule,
} from './heap/trashcan.js';
export { assertHeap, HeapCorruptionError, type HeapVerification, verifyHeap } from './heap/verifier.js';
export * from './memory/index.js';
export { FREE_LIST_LIMITS, type FreeListCounts, type FreeListKind, FreeLists } from './objects/free-lists.js';
export {
  type CPythonVersion,
  DICT_LOG_MINSIZE,
  type DictKeysShape,
  dictGrowLog2Size,
  dictKeysBytes,
  dictUsable,
  GC_HEADER_BYTES,
  intDigits,
  listResizeCapacity,
  SizeModel,
  type StrKind,
  setTableSizeAfterAdd,
  strKindOf,
  strLength,
} from './objects/size-model.js';
export { isGcType, releasesItemsBackwards, TYPE_COUNT, TypeId, typeName } from './objects/type-id.js';
export {
  type Attributes,
  type ClassOptions,
  createRuntime,
  type MemoryReport,
  type PyClass,
  type PyLiteral,
  type PyValue,
  Runtime,
  type RuntimeOptions,
  type Variables,
} from './runtime/runtime.js';
export type { CollectionCounts, CollectorHeap } from './strategy/collector-heap.js';
export type { GcControl, GenerationStats } from './strategy/gc-control.js';
export { NoGCStrategy, noGC } from './strategy/no-gc.js';
export type {
  Strategy,
  StrategyFactory,
  StrategyGuarantees,
  StrategyRequirements,
  StrategyStats,
} from './strategy/strategy.js';
export {
  isSkippableLine,
  linesOf,
  MAX_TRACE_SLOTS,
  parseTraceHeader,
  parseTraceOperation,
  readLines,
  readTrace,
  TRACE_OPERATIONS,
  TraceError,
  type TraceHeader,
  type TraceLines,
  type TraceOperation,
} from './trace/trace-reader.js';
export {
  diffTraceResults,
  type ReplayOptions,
  type ReplayOutcome,
  replayTrace,
  SPEC_START_THRESHOLDS,
  type TraceResults,
} from './trace/trace-replayer.js';
export {
  Snapshot,
  type Statistic,
  type StatisticDiff,
  type StatisticKey,
  type Trace,
  TraceFilter,
  Tracemalloc,
  UNKNOWN_SITE,
} from './tracing/tracemalloc.js';
