/**
 * The one typed event stream of a simulated heap: allocations, deallocations,
 * collections and their phases, write-barrier shades, finalizers, weak-reference callbacks and closed resources. The
 * comparison app, snapshots and tests all read it; nothing measures by reaching
 * into a strategy's private state.
 *
 * @module
 */

import type { Handle } from '../heap/object-store.js';
import type { CollectionPhaseEvent } from './collection-phase-event.js';
import type { WriteBarrierEvent } from './write-barrier-event.js';

/**
 * Why a collection ran: asked for (`gc.collect()`), a threshold or budget
 * crossed, the heap limit reached, or the program ending.
 *
 * @example
 * ```ts
 * import { type CollectionReason, type StrategyFactory, createRuntime } from '@pymm/core';
 * const reasons: CollectionReason[] = [];
 * const recorder: StrategyFactory = {
 *   name: 'recorder',
 *   requirements: { referenceCounting: false, writeBarrier: false },
 *   guarantees: { reclaimsCycles: false, prompt: false },
 *   create: () => ({
 *     name: 'recorder',
 *     allocating() {},
 *     released() {},
 *     track() {},
 *     untrack() {},
 *     collect(_generation, reason) {
 *       reasons.push(reason);
 *       return 0;
 *     },
 *     stats: () => ({ collections: [0], collected: [0], uncollectable: [0] }),
 *   }),
 * };
 * const py = createRuntime({ strategy: recorder });
 * py.collect();                 // gc.collect()
 * py.collect(0, 'heap-limit');
 * reasons; // ['explicit', 'heap-limit']
 * ```
 */
export type CollectionReason = 'explicit' | 'threshold' | 'budget' | 'heap-limit' | 'shutdown';

/**
 * An object came into existence.
 *
 * @example
 * ```ts
 * import { type AllocateEvent, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const allocated: AllocateEvent[] = [];
 * py.on('allocate', (event) => allocated.push(event));
 * py.at('load', () => {
 *   py.locals.xs = py.list();
 * });
 * const [list] = allocated;
 * [list.type, list.bytes, list.fromFreeList, list.site]; // ['list', 56, false, 'load']
 * ```
 */
export interface AllocateEvent {
  readonly kind: 'allocate';
  readonly handle: Handle;
  /** Python type name. */
  readonly type: string;
  /** `sys.getsizeof` of the new object. */
  readonly bytes: number;
  /** Bytes requested from the allocator for its own block (what tracemalloc reports; may differ from `bytes`). */
  readonly requested: number;
  /** Its memory came from a free list rather than the allocator. */
  readonly fromFreeList: boolean;
  /** Operation counter at the time (see `Heap.operation`). */
  readonly operation: number;
  /** Allocation site label, when the runtime call carried one. */
  readonly site: string | undefined;
}

/**
 * An object was deallocated.
 *
 * @example
 * ```ts
 * import { type FreeEvent, type StrategyFactory, createRuntime } from '@pymm/core';
 * // Core keeps reference counts for a strategy that asks for them, and frees at zero.
 * const refcounting: StrategyFactory = {
 *   name: 'refcounting',
 *   requirements: { referenceCounting: true, writeBarrier: false },
 *   guarantees: { reclaimsCycles: false, prompt: true },
 *   create: () => ({
 *     name: 'refcounting',
 *     allocating() {},
 *     released() {},
 *     track() {},
 *     untrack() {},
 *     collect: () => 0,
 *     stats: () => ({ collections: [0], collected: [0], uncollectable: [0] }),
 *   }),
 * };
 * const py = createRuntime({ strategy: refcounting });
 * const freed: FreeEvent[] = [];
 * py.on('free', (event) => freed.push(event));
 * py.locals.xs = py.list([py.int(1000)]);
 * py.del('xs'); // the list dies, and with it the int it held
 * freed.map((e) => [e.type, e.bytes, e.toFreeList, e.by]); // [['int', 28, false, 'refcount'], ['list', 64, true, 'refcount']]
 * ```
 */
export interface FreeEvent {
  readonly kind: 'free';
  readonly handle: Handle;
  readonly type: string;
  readonly bytes: number;
  /** Its memory went to a free list rather than back to the allocator. */
  readonly toFreeList: boolean;
  readonly operation: number;
  /** Who freed it: reference counting, or a collector. */
  readonly by: 'refcount' | 'collector';
}

/**
 * A collection began.
 *
 * @example
 * ```ts
 * import { type CollectionReason, type CollectionStartEvent, type CollectorHeap, type Strategy, type StrategyFactory, createRuntime } from '@pymm/core';
 * // A collector that finds nothing, but reports its collections as every collector must.
 * class Reporter implements Strategy {
 *   readonly name = 'reporter';
 *   constructor(private readonly heap: CollectorHeap) {}
 *   allocating(): void {}
 *   released(): void {}
 *   track(): void {}
 *   untrack(): void {}
 *   collect(generation: number, reason: CollectionReason): number {
 *     const counts = this.heap.collection(generation, reason, () => ({ examined: 0, collected: 0, uncollectable: 0 }));
 *     return counts.collected;
 *   }
 *   stats() {
 *     return { collections: [0], collected: [0], uncollectable: [0] };
 *   }
 * }
 * const reporter: StrategyFactory = {
 *   name: 'reporter',
 *   requirements: { referenceCounting: false, writeBarrier: false },
 *   guarantees: { reclaimsCycles: false, prompt: false },
 *   create: (heap) => new Reporter(heap),
 * };
 * const py = createRuntime({ strategy: reporter });
 * const started: CollectionStartEvent[] = [];
 * py.on('collection-start', (event) => started.push(event));
 * py.collect(1);
 * [started[0].generation, started[0].reason]; // [1, 'explicit']
 * ```
 */
export interface CollectionStartEvent {
  readonly kind: 'collection-start';
  /** Generation collected (0..2), or 0 for strategies without generations. */
  readonly generation: number;
  readonly reason: CollectionReason;
  readonly operation: number;
}

/**
 * A collection, or one bounded step of an incremental collection, ended.
 *
 * @example
 * ```ts
 * import { type CollectionReason, type CollectionStopEvent, type CollectorHeap, type Strategy, type StrategyFactory, createRuntime } from '@pymm/core';
 * // A collector that finds nothing, but reports its collections as every collector must.
 * class Reporter implements Strategy {
 *   readonly name = 'reporter';
 *   constructor(private readonly heap: CollectorHeap) {}
 *   allocating(): void {}
 *   released(): void {}
 *   track(): void {}
 *   untrack(): void {}
 *   collect(generation: number, reason: CollectionReason): number {
 *     const counts = this.heap.collection(generation, reason, () => ({ examined: 0, collected: 0, uncollectable: 0 }));
 *     return counts.collected;
 *   }
 *   stats() {
 *     return { collections: [0], collected: [0], uncollectable: [0] };
 *   }
 * }
 * const reporter: StrategyFactory = {
 *   name: 'reporter',
 *   requirements: { referenceCounting: false, writeBarrier: false },
 *   guarantees: { reclaimsCycles: false, prompt: false },
 *   create: (heap) => new Reporter(heap),
 * };
 * const py = createRuntime({ strategy: reporter });
 * const stopped: CollectionStopEvent[] = [];
 * py.on('collection-stop', (event) => stopped.push(event));
 * py.collect();
 * const [stop] = stopped;
 * [stop.generation, stop.collected, stop.complete]; // [2, 0, true]
 * stop.durationMs >= 0; // true
 * ```
 */
export interface CollectionStopEvent {
  readonly kind: 'collection-stop';
  readonly generation: number;
  readonly reason: CollectionReason;
  /** Objects the collector looked at. */
  readonly examined: number;
  /** Unreachable objects it reclaimed. */
  readonly collected: number;
  /** Unreachable objects it could not reclaim. */
  readonly uncollectable: number;
  /** Wall time of the pause, in milliseconds (host time). */
  readonly durationMs: number;
  readonly operation: number;
  /** For incremental collectors: whether this stop ends a whole cycle (true for stop-the-world). */
  readonly complete: boolean;
}

/**
 * A live object grew or shrank (a list's item array, a dict's key table, ...).
 *
 * @example
 * ```ts
 * import { type ResizeEvent, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const resized: ResizeEvent[] = [];
 * py.on('resize', (event) => resized.push(event));
 * py.locals.xs = py.list();
 * py.append(py.locals.xs, py.int(1)); // list_resize: room for 4 items
 * resized.map((e) => e.delta); // [32]
 * py.sizeof(py.locals.xs); // 88
 * ```
 */
export interface ResizeEvent {
  readonly kind: 'resize';
  readonly handle: Handle;
  /** Change of its `sys.getsizeof`, in bytes (its separately allocated part was reallocated). */
  readonly delta: number;
  readonly operation: number;
  /** Allocation site active when it was resized (a realloc belongs to the code that did it). */
  readonly site: string | undefined;
}

/**
 * A finalizer (`__del__`) ran.
 *
 * @example
 * ```ts
 * import { type FinalizerEvent, type StrategyFactory, createRuntime } from '@pymm/core';
 * // Core keeps reference counts for a strategy that asks for them, and frees at zero.
 * const refcounting: StrategyFactory = {
 *   name: 'refcounting',
 *   requirements: { referenceCounting: true, writeBarrier: false },
 *   guarantees: { reclaimsCycles: false, prompt: true },
 *   create: () => ({
 *     name: 'refcounting',
 *     allocating() {},
 *     released() {},
 *     track() {},
 *     untrack() {},
 *     collect: () => 0,
 *     stats: () => ({ collections: [0], collected: [0], uncollectable: [0] }),
 *   }),
 * };
 * const py = createRuntime({ strategy: refcounting });
 * const finalized: FinalizerEvent[] = [];
 * py.on('finalizer', (event) => finalized.push(event));
 * const Connection = py.class('Connection', { del: () => {} });
 * py.locals.c = Connection.new();
 * py.del('c');
 * finalized.map((e) => [e.type, e.resurrected]); // [['Connection', false]]
 * ```
 */
export interface FinalizerEvent {
  readonly kind: 'finalizer';
  readonly handle: Handle;
  readonly type: string;
  /** The finalizer made its object reachable again. */
  readonly resurrected: boolean;
  readonly operation: number;
}

/**
 * A weak reference's callback was called.
 *
 * @example
 * ```ts
 * import { type StrategyFactory, type WeakrefCallbackEvent, createRuntime } from '@pymm/core';
 * // Core keeps reference counts for a strategy that asks for them, and frees at zero.
 * const refcounting: StrategyFactory = {
 *   name: 'refcounting',
 *   requirements: { referenceCounting: true, writeBarrier: false },
 *   guarantees: { reclaimsCycles: false, prompt: true },
 *   create: () => ({
 *     name: 'refcounting',
 *     allocating() {},
 *     released() {},
 *     track() {},
 *     untrack() {},
 *     collect: () => 0,
 *     stats: () => ({ collections: [0], collected: [0], uncollectable: [0] }),
 *   }),
 * };
 * const py = createRuntime({ strategy: refcounting });
 * const called: WeakrefCallbackEvent[] = [];
 * py.on('weakref-callback', (event) => called.push(event));
 * const Thing = py.class('Thing');
 * py.locals.t = Thing.new();
 * py.locals.r = py.weakref(py.locals.t, () => {});
 * py.del('t');
 * called[0].weakref === py.locals.r; // true
 * ```
 */
export interface WeakrefCallbackEvent {
  readonly kind: 'weakref-callback';
  /** The weak reference object. */
  readonly weakref: Handle;
  readonly operation: number;
}

/**
 * A resource (file) was closed.
 *
 * @example
 * ```ts
 * import { type ResourceClosedEvent, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const closed: ResourceClosedEvent[] = [];
 * py.on('resource-closed', (event) => closed.push(event));
 * py.with(py.open('data.txt'), () => {});
 * closed.map((e) => [e.name, e.how]); // [['data.txt', 'with']]
 * ```
 */
export interface ResourceClosedEvent {
  readonly kind: 'resource-closed';
  readonly handle: Handle;
  /** The resource's name, e.g. a file path. */
  readonly name: string;
  /** How it was closed: explicitly, at the end of a `with` block, or by deallocation. */
  readonly how: 'close' | 'with' | 'dealloc';
  readonly operation: number;
  /** Operation at which it was opened. */
  readonly openedAt: number;
}

/**
 * Every event of the stream: a union discriminated by `kind`.
 *
 * @example
 * ```ts
 * import { type HeapEvent, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const seen: string[] = [];
 * py.heap.events.onAny((event: HeapEvent) => {
 *   if (event.kind === 'allocate') seen.push(`allocate ${event.type}`);
 *   else if (event.kind === 'resize') seen.push(`resize ${event.delta}`);
 *   else seen.push(event.kind);
 * });
 * py.locals.xs = py.list([py.int(1000)]);
 * seen; // ['allocate int', 'allocate list', 'resize 8']
 * ```
 */
export type HeapEvent =
  | AllocateEvent
  | FreeEvent
  | ResizeEvent
  | CollectionStartEvent
  | CollectionStopEvent
  | CollectionPhaseEvent
  | WriteBarrierEvent
  | FinalizerEvent
  | WeakrefCallbackEvent
  | ResourceClosedEvent;

/**
 * The kinds of {@link HeapEvent}.
 *
 * @example
 * ```ts
 * import { type HeapEventKind, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const counts = new Map<HeapEventKind, number>();
 * py.heap.events.onAny((event) => counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1));
 * py.locals.xs = py.list([py.list(), py.list()]);
 * counts.get('allocate'); // 3
 * ```
 */
export type HeapEventKind = HeapEvent['kind'];

/**
 * The event type for one kind.
 *
 * @example
 * ```ts
 * import { type EventOf, createRuntime } from '@pymm/core';
 * function totalBytes(events: readonly EventOf<'allocate'>[]): number {
 *   return events.reduce((sum, event) => sum + event.bytes, 0);
 * }
 * const py = createRuntime();
 * const allocated: EventOf<'allocate'>[] = [];
 * py.on('allocate', (event) => allocated.push(event));
 * py.locals.t = py.tuple([py.float(1.5), py.float(2.5)]);
 * totalBytes(allocated); // 104: two floats (24 each) and a 2-tuple (56)
 * ```
 */
export type EventOf<K extends HeapEventKind> = Extract<HeapEvent, { kind: K }>;

/**
 * A subscriber: a function called with each event of one kind (or of every
 * kind, by default).
 *
 * @example
 * ```ts
 * import { type HeapEventListener, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const opened: string[] = [];
 * const onAllocate: HeapEventListener<'allocate'> = (event) => {
 *   if (event.type === 'file') opened.push(`file at operation ${event.operation}`);
 * };
 * const unsubscribe = py.on('allocate', onAllocate);
 * py.locals.f = py.open('log.txt');
 * unsubscribe();
 * opened.length; // 1
 * ```
 */
export type HeapEventListener<K extends HeapEventKind = HeapEventKind> = (event: EventOf<K>) => void;

const KINDS: readonly HeapEventKind[] = [
  'allocate',
  'free',
  'resize',
  'collection-start',
  'collection-stop',
  'collection-phase',
  'write-barrier',
  'finalizer',
  'weakref-callback',
  'resource-closed',
];

/**
 * Subscription hub for heap events. Emitters ask {@link EventBus.wants} before
 * building an event object, so an unobserved heap pays nothing per object.
 *
 * @example
 * ```ts
 * import { EventBus } from '@pymm/core/heap';
 * const bus = new EventBus();
 * const seen: string[] = [];
 * const unsubscribe = bus.on('free', (e) => seen.push(e.type));
 * if (bus.wants('free')) {
 *   bus.emit({ kind: 'free', handle: 1, type: 'list', bytes: 56, toFreeList: false, operation: 0, by: 'refcount' });
 * }
 * unsubscribe();
 * seen; // ['list']
 * ```
 */
export class EventBus {
  private readonly listeners = new Map<HeapEventKind, Set<HeapEventListener<never>>>();
  private readonly anyListeners = new Set<(event: HeapEvent) => void>();
  private readonly counts = new Map<HeapEventKind, number>();

  /** Subscribes to one kind of event; returns a function that unsubscribes. */
  on<K extends HeapEventKind>(kind: K, listener: HeapEventListener<K>): () => void {
    if (!KINDS.includes(kind)) throw new TypeError(`unknown heap event kind '${kind}'`);
    let set = this.listeners.get(kind);
    if (!set) {
      set = new Set();
      this.listeners.set(kind, set);
    }
    set.add(listener as unknown as HeapEventListener<never>);
    this.recount();
    return () => {
      set.delete(listener as unknown as HeapEventListener<never>);
      this.recount();
    };
  }

  /** Subscribes to every event; returns a function that unsubscribes. */
  onAny(listener: (event: HeapEvent) => void): () => void {
    this.anyListeners.add(listener);
    this.recount();
    return () => {
      this.anyListeners.delete(listener);
      this.recount();
    };
  }

  /** Whether anyone listens to any event at all (a cheap first check on hot paths). */
  active = false;

  /** Whether anyone listens to `kind` (check before building an event). */
  wants(kind: HeapEventKind): boolean {
    return this.active && (this.counts.get(kind) ?? 0) > 0;
  }

  /** Delivers an event to its subscribers. */
  emit(event: HeapEvent): void {
    const set = this.listeners.get(event.kind);
    if (set) for (const listener of set) (listener as (e: HeapEvent) => void)(event);
    for (const listener of this.anyListeners) listener(event);
  }

  private recount(): void {
    let any = false;
    for (const kind of KINDS) {
      const n = (this.listeners.get(kind)?.size ?? 0) + this.anyListeners.size;
      this.counts.set(kind, n);
      if (n > 0) any = true;
    }
    this.active = any;
  }
}
