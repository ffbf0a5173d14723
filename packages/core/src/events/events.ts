/**
 * The one typed event stream of a simulated heap: allocations, deallocations,
 * collections, finalizers, weak-reference callbacks and closed resources. The
 * comparison app, snapshots and tests all read it; nothing measures by reaching
 * into a strategy's private state.
 *
 * @module
 */

import type { Handle } from '../heap/object-store.js';

/** Why a collection ran. */
export type CollectionReason = 'explicit' | 'threshold' | 'budget' | 'heap-limit' | 'shutdown';

/** An object came into existence. */
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

/** An object was deallocated. */
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

/** A collection began. */
export interface CollectionStartEvent {
  readonly kind: 'collection-start';
  /** Generation collected (0..2), or 0 for strategies without generations. */
  readonly generation: number;
  readonly reason: CollectionReason;
  readonly operation: number;
}

/** A collection, or one bounded step of an incremental collection, ended. */
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

/** A live object grew or shrank (a list's item array, a dict's key table, ...). */
export interface ResizeEvent {
  readonly kind: 'resize';
  readonly handle: Handle;
  /** Change of its `sys.getsizeof`, in bytes (its separately allocated part was reallocated). */
  readonly delta: number;
  readonly operation: number;
  /** Allocation site active when it was resized (a realloc belongs to the code that did it). */
  readonly site: string | undefined;
}

/** A finalizer (`__del__`) ran. */
export interface FinalizerEvent {
  readonly kind: 'finalizer';
  readonly handle: Handle;
  readonly type: string;
  /** The finalizer made its object reachable again. */
  readonly resurrected: boolean;
  readonly operation: number;
}

/** A weak reference's callback was called. */
export interface WeakrefCallbackEvent {
  readonly kind: 'weakref-callback';
  /** The weak reference object. */
  readonly weakref: Handle;
  readonly operation: number;
}

/** A resource (file) was closed. */
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

/** Every event of the stream. */
export type HeapEvent =
  | AllocateEvent
  | FreeEvent
  | ResizeEvent
  | CollectionStartEvent
  | CollectionStopEvent
  | FinalizerEvent
  | WeakrefCallbackEvent
  | ResourceClosedEvent;

/** The kinds of {@link HeapEvent}. */
export type HeapEventKind = HeapEvent['kind'];

/** The event type for one kind. */
export type EventOf<K extends HeapEventKind> = Extract<HeapEvent, { kind: K }>;

/** A subscriber. */
export type HeapEventListener<K extends HeapEventKind = HeapEventKind> = (event: EventOf<K>) => void;

const KINDS: readonly HeapEventKind[] = [
  'allocate',
  'free',
  'resize',
  'collection-start',
  'collection-stop',
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
 * import { EventBus } from '@pymm/core';
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
