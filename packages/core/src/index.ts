/**
 * `@pymm/core`: Python's memory manager, simulated. The object model (CPython's
 * built-in types with their real sizes), the heap (objects in typed arrays,
 * addressed by handles), pymalloc and system allocator models, CPython's free
 * lists and caches, roots, reference counting with CPython's deallocation
 * order, the strategy contract, a Python-flavoured runtime, and the event
 * stream that reports and tests read.
 *
 * The root export holds what a user of the runtime and a strategy author need
 * first. The rest is in subpath exports: `@pymm/core/gc` (the gc kit that
 * strategies arrange), `@pymm/core/heap` (the object store and the heap's
 * internals, for tools), `@pymm/core/memory` (the allocator models),
 * `@pymm/core/trace` (reading and replaying traces) and `@pymm/core/tracing`
 * (tracemalloc).
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

export {
  COLOUR_BLACK,
  COLOUR_GREY,
  COLOUR_WHITE,
  type CollectionPhase,
  type CollectionPhaseEvent,
  PHASE_CALLED_BACK,
  PHASE_FREED,
  PHASE_REACHABLE,
  PHASE_SURVIVED,
  PHASE_UNREACHABLE,
} from './events/collection-phase-event.js';
export type {
  AllocateEvent,
  CollectionReason,
  CollectionStartEvent,
  CollectionStopEvent,
  EventOf,
  FinalizerEvent,
  FreeEvent,
  HeapEvent,
  HeapEventKind,
  HeapEventListener,
  ResizeEvent,
  ResourceClosedEvent,
  WeakrefCallbackEvent,
} from './events/events.js';
export type { WriteBarrierEvent } from './events/write-barrier-event.js';
export { PythonError } from './heap/containers/python-error.js';
export { Heap } from './heap/heap.js';
export { SimulatedMemoryError } from './heap/heap-limit.js';
export type { NativeOptions } from './heap/object-factory.js';
export { type Handle, ObjectFlag, UseAfterFreeError } from './heap/object-store.js';
export { verifyHeap } from './heap/verifier.js';
export type { CPythonVersion } from './objects/size-model.js';
export { TypeId } from './objects/type-id.js';
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
