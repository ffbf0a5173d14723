/**
 * What the heap's modules (object factory, deallocator, weak references,
 * finalization, resources, ...) share: the heap's state and its
 * reference-counting primitives. `Heap`, the composition root, implements it
 * and hands itself to each module, so that no module imports `Heap`.
 *
 * @module
 */

import type { EventBus } from '../events/events.js';
import type { Allocator } from '../memory/allocator.js';
import type { FreeLists } from '../objects/free-lists.js';
import type { SizeModel } from '../objects/size-model.js';
import type { Strategy } from '../strategy/strategy.js';
import type { ObjectStore } from './object-store.js';

/** The heap's shared state and primitives, as its modules see them. */
export interface HeapCore {
  readonly store: ObjectStore;
  readonly sizes: SizeModel;
  readonly allocator: Allocator;
  readonly freeLists: FreeLists;
  readonly events: EventBus;
  readonly strategy: Strategy;
  readonly refcounting: boolean;
  readonly writeBarrier: boolean;
  readonly operation: number;
  readonly site: string | undefined;
  liveBytes: number;
  peakLiveBytes: number;
  readonly heapLimit: number;
  /** Whether the mutator holds references no root shows between safepoints (see `heap-limit.ts`). */
  readonly untracedMutatorReferences: boolean;
  refcountUpdates: number;
  /** The `None` singleton (a slot). */
  readonly none: number;
  /** The empty tuple, str and bytes singletons. */
  readonly emptyTuple: number;
  readonly emptyStr: number;
  readonly emptyBytes: number;
  incref(slot: number): void;
  decref(slot: number): void;
  track(slot: number): void;
  untrack(slot: number): void;
  typeNameOf(slot: number): string;
  describe(slot: number): string;
  reportUnraisable(where: string, error: unknown, kind?: 'finalizer' | 'weakref-callback'): void;
  reserveBytes(delta: number): void;
  resize(slot: number, delta: number): void;
  setListCapacity(slot: number, capacity: number): void;
  replaceExtraBlock(slot: number, bytes: number): void;
  readonly keyIndexes: Map<number, Map<string | number, number>>;
  /** The last front-end hash token of each object that has one (see `CustomKeys`). */
  readonly customKeyTokens: Map<number, string>;
}

/** CPython's singletons (slots), as the heap holds them: created once at start-up and never freed. */
export type Singletons = Pick<HeapCore, 'none' | 'emptyTuple' | 'emptyStr' | 'emptyBytes'> & {
  readonly true: number;
  readonly false: number;
};
