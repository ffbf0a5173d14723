/**
 * The heap: objects (in an {@link ObjectStore}), their memory (an
 * {@link Allocator} plus CPython's free lists and caches), roots, reference
 * counting with CPython's deallocation order, finalizers, weak references,
 * resources and the event stream. A {@link Strategy} plugs into it.
 *
 * `Heap` is the composition root: it owns the shared state (the store, the
 * size model, the allocator, the counters) and reference counting, and hands
 * the rest to one-concept modules, wired here in dependency order: the class
 * registry, resources, the object factory, weak references, finalization, the
 * deallocator with its trashcan stack, and collection bracketing.
 *
 * Reference counting lives here, not in a strategy, because two strategies
 * (`refcount` and `generational`) share it; a strategy turns it on through
 * `requirements.referenceCounting`, and a tracing strategy pays nothing for it.
 *
 * Everything in this class works on slot indices. Handles (what users hold) are
 * the runtime's business; see `Runtime`.
 *
 * @module
 */

import { type CollectionReason, EventBus } from '../events/events.js';
import type { Allocator } from '../memory/allocator.js';
import { FreeLists } from '../objects/free-lists.js';
import { SizeModel } from '../objects/size-model.js';
import { type TypeId, typeName } from '../objects/type-id.js';
import type { CollectionCounts, CollectorHeap } from '../strategy/collector-heap.js';
import type {
  Strategy,
  StrategyFactory,
  StrategyGuarantees,
  StrategyRequirements,
} from '../strategy/strategy.js';
import { type ClassInfo, ClassRegistry, type ClassSpec } from './class-registry.js';
import { clearReferences, resetDictKeys } from './clear-references.js';
import { CollectionBracket } from './collection-bracket.js';
import type { CustomKeys } from './containers/keys.js';
import { Deallocator } from './deallocator.js';
import { Finalization } from './finalization.js';
import { clearFreeLists } from './free-list-memory.js';
import type { HeapCore } from './heap-core.js';
import { fitsAfterCollecting, SimulatedMemoryError } from './heap-limit.js';
import type { HeapOptions } from './heap-options.js';
import { type NativeOptions, ObjectFactory } from './object-factory.js';
import { type Handle, NO_ADDRESS, NULL_REF, ObjectFlag, ObjectStore } from './object-store.js';
import { type ResourceRecord, Resources } from './resources.js';
import { Roots } from './roots.js';
import { TrashcanStack, trashcanRule } from './trashcan.js';
import { mayBeTracked, maybeUntrackDict, maybeUntrackTuple } from './untracking.js';
import { WeakReferences } from './weak-references.js';

/**
 * A simulated Python heap with a pluggable strategy.
 *
 * @example
 * ```ts
 * import { Heap, noGC, TypeId } from '@pymm/core';
 * import { createPymalloc } from '@pymm/core/memory';
 * const heap = new Heap(noGC(), { allocator: createPymalloc() });
 * const list = heap.newList(0);
 * heap.store.type[list] === TypeId.List; // true
 * ```
 */
export class Heap implements HeapCore, CollectorHeap {
  /** Object state. */
  readonly store = new ObjectStore();
  /** Object sizes of the modelled CPython version. */
  readonly sizes: SizeModel;
  /** Where objects' memory comes from. */
  readonly allocator: Allocator;
  /** CPython's free lists. */
  readonly freeLists: FreeLists;
  /** The event stream. */
  readonly events = new EventBus();
  /** Frames, globals, temporaries and external references. */
  readonly roots = new Roots();
  /** The strategy instance serving this heap (created by its factory when the heap is). */
  readonly strategy: Strategy;
  /** What the strategy asked the heap to maintain. */
  readonly requirements: StrategyRequirements;
  /** What the strategy guarantees (from its factory). */
  readonly guarantees: StrategyGuarantees;
  /** Whether reference counts are kept (the strategy asked for them). */
  readonly refcounting: boolean;
  /** Whether stores into heap objects call the strategy's write barrier. */
  readonly writeBarrier: boolean;
  /** Operation counter: the runtime advances it once per top-level operation. */
  operation = 0;
  /** Allocation-site label that new objects are attributed to (tracemalloc-style). */
  site: string | undefined = undefined;
  /** Bytes in live objects (sum of `sys.getsizeof`). */
  liveBytes = 0;
  /** Highest `liveBytes` seen. */
  peakLiveBytes = 0;
  /** Maximum `liveBytes`, or `Infinity`. */
  heapLimit: number;
  /** Set by a mutator (an interpreter) whose host variables hold references no root shows until its next safepoint. */
  untracedMutatorReferences = false;
  /** Reference-count updates performed so far (increments and decrements), a measure of counting's cost. */
  refcountUpdates = 0;

  /**
   * Errors raised by finalizers and weak-reference callbacks, which Python
   * reports as "Exception ignored in ..." and otherwise ignores (the most
   * recent 100). The program goes on; the heap stays consistent.
   */
  readonly unraisable: { readonly where: string; readonly error: unknown; readonly operation: number }[] = [];

  /** The `None` singleton (a slot). */
  readonly none: number;
  /** `True`. */
  readonly true: number;
  /** `False`. */
  readonly false: number;
  /** The empty tuple singleton. */
  readonly emptyTuple: number;
  /** The empty string singleton. */
  readonly emptyStr: number;
  /** The empty bytes singleton. */
  readonly emptyBytes: number;
  /** Every resource ever opened, in opening order. */
  readonly resourceLog: ResourceRecord[];

  private readonly classes = new ClassRegistry();
  private readonly resources: Resources;
  private readonly factory: ObjectFactory;
  private readonly weakrefs: WeakReferences;
  private readonly finalization: Finalization;
  private readonly deallocator: Deallocator;
  private readonly collections: CollectionBracket;
  /** Key-position caches of large dicts and sets, by slot (key token → cell index; see `findKey`). */
  readonly keyIndexes = new Map<number, Map<string | number, number>>();
  /** Key identities a front end defines (`__hash__`/`__eq__`, values core does not hold), or null. */
  customKeys: CustomKeys | null = null;
  /** The last token computed for each object with a front-end hash (the hash a dict entry keeps). */
  readonly customKeyTokens = new Map<number, string>();

  constructor(factory: StrategyFactory, options: HeapOptions) {
    this.requirements = factory.requirements;
    this.guarantees = factory.guarantees;
    this.refcounting = factory.requirements.referenceCounting;
    this.writeBarrier = factory.requirements.writeBarrier;
    this.sizes = new SizeModel(options.version ?? '3.11');
    this.freeLists = new FreeLists(options.version === '3.13');
    this.allocator = options.allocator;
    this.heapLimit = options.heapLimit ?? Number.POSITIVE_INFINITY;
    if (options.initialCapacity) this.store.reserve(options.initialCapacity);

    this.resources = new Resources(this);
    this.resourceLog = this.resources.log;
    this.factory = new ObjectFactory(this, this.resources);
    const singletons = this.factory.createSingletons();
    this.none = singletons.none;
    this.false = singletons.false;
    this.true = singletons.true;
    this.emptyTuple = singletons.emptyTuple;
    this.emptyStr = singletons.emptyStr;
    this.emptyBytes = singletons.emptyBytes;
    this.weakrefs = new WeakReferences(this, this.factory, this.classes);
    this.finalization = new Finalization(this, this.classes, this.resources);
    this.collections = new CollectionBracket(this);
    this.deallocator = new Deallocator(
      this,
      new TrashcanStack(trashcanRule(options.version ?? '3.11')),
      this.factory,
      this.weakrefs,
      this.finalization,
      this.resources,
      this.collections,
    );
    this.strategy = factory.create(this);
  }

  /** Records an error that cannot be raised to the program (`PyErr_WriteUnraisable`). */
  reportUnraisable(
    where: string,
    error: unknown,
    kind: 'finalizer' | 'weakref-callback' = 'finalizer',
  ): void {
    this.unraisable.push({ where, error, operation: this.operation });
    if (this.unraisable.length > 100) this.unraisable.shift();
    this.strategy.reportUnraisable?.(kind, error);
  }

  // ---------------------------------------------------------------------------
  // Classes

  /** Registers a user class and returns its description. */
  defineClass(spec: ClassSpec): ClassInfo {
    return this.classes.define(spec);
  }

  /** A class by id. */
  classInfo(id: number): ClassInfo {
    return this.classes.info(id);
  }

  /** Python type name of an object (the class name for instances). */
  typeNameOf(slot: number): string {
    const klass = this.store.klass[slot];
    return klass > 0 ? this.classes.at(klass)!.name : typeName(this.store.type[slot] as TypeId);
  }

  /** A short description of an object for error messages, e.g. `list#12`. */
  describe(slot: number): string {
    return `${this.typeNameOf(slot)}#${slot}`;
  }

  // ---------------------------------------------------------------------------
  // Reference counting

  /** Adds a reference (when counting). */
  incref(slot: number): void {
    if (this.refcounting && (this.store.flags[slot] & ObjectFlag.Static) === 0) {
      this.store.refcount[slot]++;
      this.refcountUpdates++;
    }
  }

  /** Drops a reference; deallocates the object when its count reaches zero (when counting). */
  decref(slot: number): void {
    if (!this.refcounting) return;
    const store = this.store;
    if ((store.flags[slot] & ObjectFlag.Static) !== 0) return;
    this.refcountUpdates++;
    const rc = --store.refcount[slot];
    if (rc === 0) this.deallocator.deallocate(slot);
    else if (rc < 0)
      throw new Error(`internal error: reference count of ${this.describe(slot)} fell below zero`);
  }

  /** Stores `target` into cell `index` of `holder`'s references, with counting and the write barrier. */
  setCell(holder: number, index: number, target: number): void {
    const store = this.store;
    const cell = store.refStart[holder] + index;
    const old = store.refs.cells[cell];
    if (target !== NULL_REF) this.incref(target);
    store.refs.cells[cell] = target;
    if (this.writeBarrier && target !== NULL_REF) this.strategy.writeBarrier!(holder, target);
    if (old !== NULL_REF) this.decref(old);
  }

  /** Binds root variable `index` of `ns` to `target` (or unbinds it with {@link NULL_REF}). */
  setRoot(values: { values: Int32Array }, index: number, target: number): void {
    const old = values.values[index];
    if (target !== NULL_REF) this.incref(target);
    values.values[index] = target;
    if (old !== NULL_REF) this.decref(old);
  }

  /** Tracks an object for the cycle collector (`_PyObject_GC_TRACK`). */
  track(slot: number): void {
    const flags = this.store.flags[slot];
    if ((flags & ObjectFlag.Tracked) !== 0) return;
    this.store.flags[slot] = flags | ObjectFlag.Tracked;
    this.strategy.track(slot);
  }

  /** Stops tracking an object (`_PyObject_GC_UNTRACK`). */
  untrack(slot: number): void {
    const flags = this.store.flags[slot];
    if ((flags & ObjectFlag.Tracked) === 0) return;
    this.store.flags[slot] = flags & ~ObjectFlag.Tracked;
    this.strategy.untrack(slot);
  }

  // ---------------------------------------------------------------------------
  // Creating objects (see ObjectFactory)

  /** A cached small int (-5..256), or a new int object. */
  newInt(value: number | bigint): number {
    return this.factory.newInt(value);
  }

  /** A new float (from the float free list when possible). */
  newFloat(value: number): number {
    return this.factory.newFloat(value);
  }

  /** `True` or `False`. */
  newBool(value: boolean): number {
    return value ? this.true : this.false;
  }

  /**
   * A str. The empty string and one-character Latin-1 strings are cached singletons unless `cached`
   * is false (what `str.lower` or `str(int)` build skips the cache); `intern` shares one object per
   * text while it lives (CPython interns identifier-like constants).
   */
  newStr(text: string, intern = false, cached = true): number {
    return this.factory.newStr(text, intern, cached);
  }

  /** `length` bytes (content not modelled); one byte of value `byte` is CPython's cached object. */
  newBytes(length: number, byte = -1): number {
    return this.factory.newBytes(length, byte);
  }

  /** A bytearray of `length` bytes; its buffer is a separate block. */
  newByteArray(length: number): number {
    return this.factory.newByteArray(length);
  }

  /** A memoryview over `target` (a view: it shares the target's memory and keeps it alive). */
  newMemoryView(target: number): number {
    return this.factory.newMemoryView(target);
  }

  /** A tuple of the given items (the empty-tuple singleton for none). */
  newTuple(items: ArrayLike<number>): number {
    return this.factory.newTuple(items);
  }

  /** A new empty list, with room for `capacity` items (as `PyList_New`). */
  newList(capacity = 0): number {
    return this.factory.newList(capacity);
  }

  /** A new empty instance of a `list` subclass (tracked at creation, like `PyType_GenericAlloc`). */
  newListSubclass(klass: ClassInfo, tag = 0): number {
    return this.factory.newListSubclass(klass, tag);
  }

  /** A new empty dict (untracked until it holds something that may be tracked). */
  newDict(): number {
    return this.factory.newDict();
  }

  /** A new empty set, or frozenset of the given members. */
  newSet(frozen = false): number {
    return this.factory.newSet(frozen);
  }

  /** A new instance of a user class (plain or with `__slots__`). */
  newInstance(klass: ClassInfo): number {
    return this.factory.newInstance(klass);
  }

  /** A function object holding references to `captured` (its closure, defaults, globals). */
  newFunction(captured: ArrayLike<number> = []): number {
    return this.factory.newFunction(captured);
  }

  /**
   * A generator object holding references to `captured` (its frame's locals). `onClose` runs when it
   * is finalized while suspended (`finally` blocks, `with` exits); `frameSlots` sizes its frame.
   */
  newGenerator(captured: ArrayLike<number> = [], onClose?: () => void, frameSlots?: number): number {
    return this.factory.newGenerator(captured, onClose, frameSlots);
  }

  /** A closure cell holding `content` (or nothing). */
  newCell(content: number = NULL_REF): number {
    return this.factory.newCell(content);
  }

  /**
   * An object of a native type that a front end describes (`klass` gives its type name and
   * finalizer): `bytes` as `sys.getsizeof` reports it, holding references to `refs` (its cells, in
   * `tp_traverse` order), a GC container when `gc`. A static object (`isStatic`, like CPython's
   * statically allocated types) is never freed and its reference count is not kept. `released`
   * runs when the object's memory is freed (the front end forgets its side data then).
   */
  newNative(
    klass: ClassInfo,
    bytes: number,
    refs: ArrayLike<number> = [],
    options: NativeOptions = {},
  ): number {
    return this.factory.newNative(klass, bytes, refs, options);
  }

  /** Opens a (simulated) file: an open resource until closed or deallocated. */
  newFile(name: string, bufferBytes = 0): number {
    return this.factory.newFile(name, bufferBytes);
  }

  // ---------------------------------------------------------------------------
  // Resources and weak references

  /** Number of files currently open. */
  get openFileCount(): number {
    return this.resources.openFileCount;
  }

  /** Closes a file if it is open (`f.close()`, a `with` exit, or deallocation). */
  closeFile(slot: number, how: 'close' | 'with' | 'dealloc'): void {
    this.resources.closeFile(slot, how);
  }

  /**
   * A weak reference to `referent`. Without a callback an existing plain weak reference is returned
   * (CPython shares them); references with callbacks are kept newest first, so callbacks run newest
   * first. A nonzero `proxyClass` makes a proxy of that class (`weakref.proxy`).
   */
  newWeakref(referent: number, callback?: (ref: Handle) => void, proxyClass = 0): number {
    return this.weakrefs.newWeakref(referent, callback, proxyClass);
  }

  /** The referent of a weak reference, or `None`'s slot once it was cleared. */
  weakrefTarget(slot: number): number {
    return this.weakrefs.target(slot);
  }

  /** Weak references to an object, in CPython's list order (plain reference first, then newest callback first). */
  weakrefsTo(slot: number): readonly number[] {
    return this.weakrefs.to(slot);
  }

  /** Whether a weak reference has a callback that has not run. */
  weakrefHasCallback(slot: number): boolean {
    return this.weakrefs.hasCallback(slot);
  }

  /** Clears one weak reference (its referent becomes `None`) without calling its callback. */
  clearWeakref(slot: number): void {
    this.weakrefs.clear(slot);
  }

  /** Calls a cleared weak reference's callback once (with the weak reference). */
  callWeakrefCallback(slot: number): void {
    this.weakrefs.callCallback(slot);
  }

  /**
   * Clears every weak reference to a dying object and calls their callbacks
   * (`PyObject_ClearWeakRefs`): all are cleared first, then callbacks run in
   * list order. Weak references that are themselves dying get no callback.
   */
  clearWeakrefsTo(slot: number): void {
    this.weakrefs.clearAndCallBack(slot);
  }

  // ---------------------------------------------------------------------------
  // Memory of existing objects: reference cells, extra blocks, sizes, the heap limit

  /** Appends a reference cell to `holder` (no size-model bookkeeping). */
  appendCell(holder: number, target: number): void {
    const store = this.store;
    const n = store.refLen[holder];
    store.reserveRefs(holder, n + 1);
    store.refs.cells[store.refStart[holder] + n] = NULL_REF;
    store.refLen[holder] = n + 1;
    this.setCell(holder, n, target);
  }

  /** Removes cell `index` from `holder` (shifting later cells down) and returns what it held, still counted. */
  removeCell(holder: number, index: number): number {
    const store = this.store;
    const start = store.refStart[holder];
    const n = store.refLen[holder];
    const cells = store.refs.cells;
    const removed = cells[start + index];
    cells.copyWithin(start + index, start + index + 1, start + n);
    store.refLen[holder] = n - 1;
    return removed;
  }

  /** Checks, before anything changes, that `delta` more live bytes fit under the heap limit (see `heap-limit.ts`). */
  reserveBytes(delta: number): void {
    if (delta <= 0 || this.liveBytes + delta <= this.heapLimit) return;
    if (!fitsAfterCollecting(this, delta))
      throw new SimulatedMemoryError(delta, this.liveBytes, this.heapLimit);
  }

  /** Sets a list's capacity, reallocating its item array as `list_resize` does. */
  setListCapacity(slot: number, capacity: number): void {
    const store = this.store;
    const old = store.aux[slot];
    if (old === capacity && (capacity > 0 || store.extraAddress[slot] === NO_ADDRESS)) return;
    const oldBytes = this.sizes.listItemsBytes(old);
    const bytes = this.sizes.listItemsBytes(capacity);
    this.reserveBytes(bytes - oldBytes);
    const address = store.extraAddress[slot];
    if (capacity === 0) {
      if (address !== NO_ADDRESS) this.allocator.free(address);
      store.extraAddress[slot] = NO_ADDRESS;
    } else if (address === NO_ADDRESS) {
      store.extraAddress[slot] = this.allocator.allocate(bytes);
    } else {
      store.extraAddress[slot] = this.allocator.reallocate(address, bytes);
    }
    store.aux[slot] = capacity;
    this.resize(slot, bytes - oldBytes);
  }

  /** Replaces the separately allocated block of an object (dict keys, set table) with one of `bytes`. */
  replaceExtraBlock(slot: number, bytes: number): void {
    const store = this.store;
    const address = store.extraAddress[slot];
    if (address !== NO_ADDRESS) this.allocator.free(address);
    store.extraAddress[slot] = bytes > 0 ? this.allocator.allocate(bytes) : NO_ADDRESS;
  }

  /** Adjusts an object's `sys.getsizeof` by `delta` bytes (containers that grew or shrank). */
  resize(slot: number, delta: number): void {
    if (delta === 0) return;
    this.store.sizeof[slot] += delta;
    this.liveBytes += delta;
    if (this.liveBytes > this.peakLiveBytes) this.peakLiveBytes = this.liveBytes;
    if (this.events.wants('resize')) {
      this.events.emit({
        kind: 'resize',
        handle: this.store.handleOf(slot),
        delta,
        operation: this.operation,
        site: this.site,
      });
    }
  }

  /**
   * Resets the peak of live bytes to the current value (`tracemalloc.reset_peak()`),
   * so the next peak measures one phase of a program.
   */
  resetPeak(): void {
    this.peakLiveBytes = this.liveBytes;
  }

  // ---------------------------------------------------------------------------
  // GC support: untracking rules, clearing, finalizing, bracketing (used by collectors)

  /** `_PyObject_GC_MAY_BE_TRACKED`: a GC object that is not an untracked exact tuple. */
  mayBeTracked(slot: number): boolean {
    return mayBeTracked(this.store, slot);
  }

  /** `_PyTuple_MaybeUntrack`: untracks a tracked tuple whose items can never be part of a cycle. */
  maybeUntrackTuple(slot: number): boolean {
    return maybeUntrackTuple(this, slot);
  }

  /** `_PyDict_MaybeUntrack`: untracks a tracked dict whose keys and values can never be part of a cycle. */
  maybeUntrackDict(slot: number): boolean {
    return maybeUntrackDict(this, slot);
  }

  /** Whether an object has a finalizer that has not run yet (PEP 442). */
  needsFinalizing(slot: number): boolean {
    return this.finalization.needsFinalizing(slot);
  }

  /**
   * Runs an object's finalizer once (a collector's `finalize_garbage`): sets the
   * FINALIZED bit first, holds a reference while the finalizer runs.
   */
  finalize(slot: number): void {
    this.finalization.finalize(slot);
  }

  /**
   * `tp_clear`: drops the references an object holds, to break a cycle. Lists
   * release their items last to first, dicts, sets and instances first to last;
   * tuples have no `tp_clear` and keep theirs.
   */
  clearReferences(slot: number): void {
    clearReferences(this, this.weakrefs, slot);
  }

  /** Returns a dict to the shared empty key table (as `dict.clear()` does). */
  resetDictKeys(slot: number): void {
    resetDictKeys(this, slot);
  }

  /** Empties the free lists (a full collection's `clear_freelists`), returning their memory to the allocator. */
  clearFreeLists(): void {
    clearFreeLists(this);
  }

  /** Visits every reference held by a root. */
  forEachRoot(visit: (slot: number) => void): void {
    this.roots.forEach(visit);
  }

  /**
   * The collection bracket: runs `body` between `collection-start` and
   * `collection-stop` (with the counts it returns); closed even if `body` throws.
   */
  collection(
    generation: number,
    reason: CollectionReason,
    body: () => CollectionCounts,
    partial?: () => CollectionCounts,
  ): CollectionCounts {
    return this.collections.run(generation, reason, body, partial);
  }

  /**
   * Destroys an object whose references a collector has already dealt with:
   * closes it if it is a resource, clears weak references to it (no callbacks),
   * and releases its memory, without touching what it referenced. For tracing
   * strategies that keep no reference counts.
   */
  destroy(slot: number): void {
    this.deallocator.destroy(slot);
  }
}
