/**
 * The heap: objects (in an {@link ObjectStore}), their memory (an
 * {@link Allocator} plus CPython's free lists and caches), roots, reference
 * counting with CPython's deallocation order, finalizers, weak references,
 * resources and the event stream. A {@link Strategy} plugs into it.
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
import { type FreeListKind, FreeLists } from '../objects/free-lists.js';
import { type CPythonVersion, SizeModel, strKindOf, strLength } from '../objects/size-model.js';
import { isGcType, releasesItemsBackwards, TypeId, typeName } from '../objects/type-id.js';
import type { CollectionCounts, CollectorHeap } from '../strategy/collector-heap.js';
import type {
  Strategy,
  StrategyFactory,
  StrategyGuarantees,
  StrategyRequirements,
} from '../strategy/strategy.js';
import { type Handle, NO_ADDRESS, NULL_REF, ObjectFlag, ObjectStore } from './object-store.js';
import { Roots } from './roots.js';

/**
 * CPython 3.11's trashcan depth (`_PyTrash_UNWIND_LEVEL`): deeper deallocations are deferred
 * (3.12 keeps the same rule; 3.13 counts a C recursion budget instead, see
 * {@link TRASHCAN_313_BUDGET}).
 *
 * @example
 * ```ts
 * import { TRASHCAN_UNWIND_LEVEL, trashcanRule } from '@pymm/core';
 * TRASHCAN_UNWIND_LEVEL; // 50
 * trashcanRule('3.12').depositAt === TRASHCAN_UNWIND_LEVEL; // true
 * ```
 */
export const TRASHCAN_UNWIND_LEVEL = 50;

/**
 * CPython 3.13 defers a deallocation when the C recursion budget left is at
 * most 50 (`Py_TRASHCAN_HEADROOM`) and destroys the deferred ones as soon as
 * more than 100 is left. The budget starts at `Py_C_RECURSION_LIMIT` (10,000)
 * less what the interpreter already uses; this models that start.
 *
 * @example
 * ```ts
 * import { TRASHCAN_313_BUDGET, trashcanRule } from '@pymm/core';
 * TRASHCAN_313_BUDGET; // 9950
 * trashcanRule('3.13'); // { depositAt: 9900, destroyBelow: 9850 }
 * ```
 */
export const TRASHCAN_313_BUDGET = 9_950;

/**
 * When the trashcan defers deallocations and when it destroys the deferred ones.
 *
 * @example
 * ```ts
 * import { type TrashcanRule, trashcanRule } from '@pymm/core';
 * const rule: TrashcanRule = trashcanRule('3.11');
 * // A chain of objects freed one inside the other: the 50th nested deallocation is deferred,
 * // and the deferred ones are destroyed once the outermost deallocation has finished.
 * [rule.depositAt, rule.destroyBelow]; // [50, 1]
 * ```
 */
export interface TrashcanRule {
  /** Defer a deallocation that would run at this nesting or deeper. */
  readonly depositAt: number;
  /** Destroy the deferred ones when a deallocation ends below this nesting. */
  readonly destroyBelow: number;
}

/**
 * The trashcan of a CPython version.
 *
 * @example
 * ```ts
 * import { trashcanRule } from '@pymm/core';
 * trashcanRule('3.11'); // { depositAt: 50, destroyBelow: 1 }
 * ```
 */
export function trashcanRule(version: CPythonVersion): TrashcanRule {
  if (version === '3.13')
    return { depositAt: TRASHCAN_313_BUDGET - 50, destroyBelow: TRASHCAN_313_BUDGET - 100 };
  return { depositAt: TRASHCAN_UNWIND_LEVEL, destroyBelow: 1 };
}

/**
 * A user-defined class: its name, layout and finalizer.
 *
 * @example
 * ```ts
 * import { type ClassInfo, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const plain: ClassInfo = py.class('Node').info;
 * const slotted: ClassInfo = py.class('Point', { slots: ['x', 'y'] }).info;
 * [plain.slots, plain.weakrefable]; // [null, true]
 * [slotted.slots, slotted.weakrefable]; // [['x', 'y'], false]
 * py.locals.n = py.new(plain, { value: py.int(1) });
 * plain.attributeNames; // ['value']
 * ```
 */
export interface ClassInfo {
  /** Class id (stored in the heap's `klass` column); 0 is reserved for "no class". */
  readonly id: number;
  readonly name: string;
  /** What instances are built on: a plain object, or a `list` subclass. */
  readonly base: 'object' | 'list';
  /** `__slots__` names, or `null` for a class whose instances have a `__dict__`. */
  readonly slots: readonly string[] | null;
  /** `__del__`, called with the dying instance's handle. */
  readonly finalizer: ((self: Handle) => void) | null;
  /** Whether instances can be weakly referenced (classes with a `__dict__` can). */
  readonly weakrefable: boolean;
  /** Attribute names seen on instances (the class's shared keys), in first-set order. */
  readonly attributeNames: string[];
  /** Index of each attribute name in {@link ClassInfo.attributeNames}. */
  readonly attributeIndex: Map<string, number>;
}

/**
 * An open or closed resource (file object), as {@link Heap.resourceLog} records it.
 *
 * @example
 * ```ts
 * import { type ResourceRecord, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * py.locals.log = py.open('log.txt');
 * py.with(py.open('data.txt'), () => {});
 * const records: readonly ResourceRecord[] = py.heap.resourceLog;
 * records.map((r) => [r.name, r.how]); // [['log.txt', null], ['data.txt', 'with']]
 * records[0].closedAt; // null: still open
 * ```
 */
export interface ResourceRecord {
  readonly handle: Handle;
  readonly name: string;
  readonly openedAt: number;
  closedAt: number | null;
  how: 'close' | 'with' | 'dealloc' | null;
}

/**
 * Options for {@link Heap}.
 *
 * @example
 * ```ts
 * import { Heap, type HeapOptions, createSystemAllocator, noGC } from '@pymm/core';
 * const options: HeapOptions = { version: '3.12', allocator: createSystemAllocator(), heapLimit: 1 << 20 };
 * const heap = new Heap(noGC(), options);
 * heap.sizes.version; // '3.12'
 * heap.heapLimit; // 1048576
 * ```
 */
export interface HeapOptions {
  /** CPython version whose sizes the object model uses (default `3.11`). */
  readonly version?: CPythonVersion;
  /** The allocator model that objects' memory comes from. */
  readonly allocator: Allocator;
  /** Bytes the simulated program may hold in live objects before `MemoryError` (default: unlimited). */
  readonly heapLimit?: number;
  /** Object slots to reserve up front, when the program's size is known (the heap grows as needed anyway). */
  readonly initialCapacity?: number;
}

/**
 * Thrown into the simulated program when an allocation would exceed the heap
 * limit: Python's `MemoryError`. The program may catch it and go on.
 *
 * @example
 * ```ts
 * import { SimulatedMemoryError } from '@pymm/core';
 * new SimulatedMemoryError(100, 64, 128).message;
 * // 'MemoryError: allocating 100 bytes would exceed the heap limit (64 of 128 bytes in use)'
 * ```
 */
export class SimulatedMemoryError extends Error {
  override readonly name = 'MemoryError';
  constructor(
    readonly requested: number,
    readonly inUse: number,
    readonly limit: number,
  ) {
    super(
      `MemoryError: allocating ${requested} bytes would exceed the heap limit (${inUse} of ${limit} bytes in use)`,
    );
  }
}

const PHASE_BEGIN = 0;
const PHASE_RELEASE = 1;
const PHASE_FINISH = 2;
const PHASE_CHAIN = 3;

/**
 * A simulated Python heap with a pluggable strategy.
 *
 * @example
 * ```ts
 * import { Heap, createPymalloc, noGC, TypeId } from '@pymm/core';
 * const heap = new Heap(noGC(), { allocator: createPymalloc() });
 * const list = heap.newList(0);
 * heap.store.type[list] === TypeId.List; // true
 * ```
 */
export class Heap implements CollectorHeap {
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
  /** The active strategy. */
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

  /**
   * Errors raised by finalizers and weak-reference callbacks, which Python
   * reports as "Exception ignored in ..." and otherwise ignores (the most
   * recent 100). The program goes on; the heap stays consistent.
   */
  readonly unraisable: { readonly where: string; readonly error: unknown; readonly operation: number }[] = [];

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

  private readonly smallInts = new Int32Array(262);
  private readonly latin1Chars = new Int32Array(256).fill(NULL_REF);
  private readonly interned = new Map<string, number>();
  private readonly classes: ClassInfo[] = [];
  private readonly weakrefLists = new Map<number, number[]>();
  private readonly weakrefCallbacks = new Map<number, (ref: Handle) => void>();
  private readonly generatorClosers = new Map<number, () => void>();
  /** Resource records by slot while the object lives. */
  private readonly openResources = new Map<number, ResourceRecord>();
  /** Every resource ever opened, in opening order. */
  readonly resourceLog: ResourceRecord[] = [];
  private readonly dictIndex = new Map<number, Map<string | number, number>>();

  private collectorDepth = 0;
  private trashNesting = 0;
  private readonly trashcan: TrashcanRule;
  private trash = new Int32Array(64);
  private trashCount = 0;
  private dSlot = new Int32Array(256);
  private dPhase = new Uint8Array(256);
  private dPos = new Int32Array(256);
  private dTrash = new Uint8Array(256);
  private dTop = 0;

  constructor(factory: StrategyFactory, options: HeapOptions) {
    this.requirements = factory.requirements;
    this.guarantees = factory.guarantees;
    this.refcounting = factory.requirements.referenceCounting;
    this.writeBarrier = factory.requirements.writeBarrier;
    this.sizes = new SizeModel(options.version ?? '3.11');
    this.trashcan = trashcanRule(options.version ?? '3.11');
    this.freeLists = new FreeLists(options.version === '3.13');
    this.allocator = options.allocator;
    this.heapLimit = options.heapLimit ?? Number.POSITIVE_INFINITY;
    if (options.initialCapacity) this.store.reserve(options.initialCapacity);
    this.classes.push(null as unknown as ClassInfo); // class id 0 = none

    this.none = this.newStatic(TypeId.None, this.sizes.noneBytes());
    this.false = this.newStatic(TypeId.Bool, this.sizes.boolBytes());
    this.true = this.newStatic(TypeId.Bool, this.sizes.boolBytes());
    this.store.scalar[this.true] = 1;
    for (let v = -5; v <= 256; v++) {
      const slot = this.newStatic(TypeId.Int, this.sizes.intBytes(v));
      this.store.scalar[slot] = v;
      this.smallInts[v + 5] = slot;
    }
    this.emptyTuple = this.newStatic(TypeId.Tuple, this.sizes.tupleBytes(0));
    this.emptyStr = this.newStatic(TypeId.Str, this.sizes.strBytes(0, 'ascii'));
    this.store.text.set(this.emptyStr, '');
    this.emptyBytes = this.newStatic(TypeId.Bytes, this.sizes.bytesBytes(0));
    this.strategy = factory.create(this);
  }

  // ---------------------------------------------------------------------------
  // Classes

  /** Registers a user class and returns its description. */
  defineClass(spec: {
    name: string;
    base?: 'object' | 'list';
    slots?: readonly string[] | null;
    finalizer?: ((self: Handle) => void) | null;
  }): ClassInfo {
    const slots = spec.slots ?? null;
    const info: ClassInfo = {
      id: this.classes.length,
      name: spec.name,
      base: spec.base ?? 'object',
      slots,
      finalizer: spec.finalizer ?? null,
      weakrefable: slots === null,
      attributeNames: slots ? [...slots] : [],
      attributeIndex: new Map((slots ?? []).map((n, i) => [n, i])),
    };
    if (info.id > 0xffff) throw new RangeError('too many classes (at most 65535)');
    this.classes.push(info);
    return info;
  }

  /** A class by id. */
  classInfo(id: number): ClassInfo {
    const info = this.classes[id];
    if (!info) throw new RangeError(`no class with id ${id}`);
    return info;
  }

  /** Python type name of an object (the class name for instances). */
  typeNameOf(slot: number): string {
    const klass = this.store.klass[slot];
    return klass > 0 ? this.classes[klass].name : typeName(this.store.type[slot] as TypeId);
  }

  // ---------------------------------------------------------------------------
  // Reference counting

  /** Reference-count updates performed so far (increments and decrements), a measure of counting's cost. */
  refcountUpdates = 0;

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
    if (rc === 0) this.deallocate(slot);
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

  // ---------------------------------------------------------------------------
  // Creating objects

  private newStatic(type: TypeId, bytes: number): number {
    const slot = this.store.allocateSlot(type);
    this.store.flags[slot] |= ObjectFlag.Static;
    this.store.sizeof[slot] = bytes;
    this.store.refcount[slot] = 1;
    return slot;
  }

  /**
   * Creates an object: obtains its memory (from `reusedAddress` when a free list
   * supplied it, else from the allocator), tells the strategy, and takes a slot.
   * The object is neither tracked nor referenced yet.
   */
  private createObject(type: TypeId, bytes: number, reusedAddress: number, requested = bytes): number {
    if (this.liveBytes + bytes > this.heapLimit) {
      this.strategy.collect(2, 'heap-limit');
      if (this.liveBytes + bytes > this.heapLimit) {
        if (reusedAddress >= 0) this.pushFreeList(type, reusedAddress, bytes);
        throw new SimulatedMemoryError(bytes, this.liveBytes, this.heapLimit);
      }
    }
    const fresh = reusedAddress < 0;
    const address = fresh ? this.allocator.allocate(requested) : reusedAddress;
    this.strategy.allocating(type, bytes, fresh);
    const slot = this.store.allocateSlot(type);
    this.store.address[slot] = address;
    this.store.sizeof[slot] = bytes;
    this.liveBytes += bytes;
    if (this.liveBytes > this.peakLiveBytes) this.peakLiveBytes = this.liveBytes;
    this.strategy.allocated?.(slot);
    if (this.events.wants('allocate')) {
      this.events.emit({
        kind: 'allocate',
        handle: this.store.handleOf(slot),
        type: typeName(type),
        bytes,
        requested,
        fromFreeList: !fresh,
        operation: this.operation,
        site: this.site,
      });
    }
    return slot;
  }

  private pushFreeList(type: TypeId, address: number, length: number): boolean {
    switch (type) {
      case TypeId.List:
        return this.freeLists.pushList(address);
      case TypeId.Dict:
        return this.freeLists.pushDict(address);
      case TypeId.Float:
        return this.freeLists.pushFloat(address);
      case TypeId.Tuple:
        return this.freeLists.pushTuple(length, address);
      default:
        return false;
    }
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

  /** A cached small int (-5..256), or a new int object. */
  newInt(value: number | bigint): number {
    if (typeof value === 'number' && !Number.isInteger(value)) {
      throw new TypeError(`int(): ${value} is not an integer`);
    }
    const n = typeof value === 'bigint' ? value : value;
    if (n >= -5 && n <= 256) return this.smallInts[Number(n) + 5];
    // One-digit ints are allocated as a whole PyLongObject (32 bytes, `_PyLong_FromMedium`),
    // though sys.getsizeof counts only the digit in use (28).
    const bytes = this.sizes.intBytes(value);
    const slot = this.createObject(
      TypeId.Int,
      bytes,
      NO_ADDRESS,
      Math.max(bytes, this.sizes.intAllocationBytes()),
    );
    this.store.scalar[slot] = Number(value);
    return slot;
  }

  /** A new float (from the float free list when possible). */
  newFloat(value: number): number {
    const slot = this.createObject(TypeId.Float, this.sizes.floatBytes(), this.freeLists.popFloat());
    this.store.scalar[slot] = value;
    return slot;
  }

  /** `True` or `False`. */
  newBool(value: boolean): number {
    return value ? this.true : this.false;
  }

  /**
   * A str. The empty string and one-character Latin-1 strings are cached
   * singletons; `intern` shares one object per text while it lives (CPython
   * interns identifier-like constants).
   */
  newStr(text: string, intern = false): number {
    if (text.length === 0) return this.emptyStr;
    const first = text.codePointAt(0)!;
    const length = strLength(text);
    if (length === 1 && first < 256) {
      let slot = this.latin1Chars[first];
      if (slot === NULL_REF) {
        slot = this.newStatic(TypeId.Str, this.sizes.strBytes(1, first < 128 ? 'ascii' : 'latin1'));
        this.store.text.set(slot, text);
        this.store.scalar[slot] = 1;
        this.latin1Chars[first] = slot;
      }
      return slot;
    }
    if (intern) {
      const existing = this.interned.get(text);
      if (existing !== undefined) return existing;
    }
    const slot = this.createObject(TypeId.Str, this.sizes.strBytes(length, strKindOf(text)), NO_ADDRESS);
    this.store.text.set(slot, text);
    this.store.scalar[slot] = length;
    if (intern) {
      this.interned.set(text, slot);
      this.store.flags[slot] |= ObjectFlag.Interned;
    }
    return slot;
  }

  /** A bytes object of `length` bytes (content is not modelled). */
  newBytes(length: number): number {
    if (length === 0) return this.emptyBytes;
    const slot = this.createObject(TypeId.Bytes, this.sizes.bytesBytes(length), NO_ADDRESS);
    this.store.scalar[slot] = length;
    return slot;
  }

  /** A bytearray of `length` bytes; its buffer is a separate block. */
  newByteArray(length: number): number {
    this.reserveBytes(this.sizes.bytearrayBytes() + this.sizes.bytearrayExtraBytes(length));
    const slot = this.createObject(TypeId.ByteArray, this.sizes.bytearrayBytes(), NO_ADDRESS);
    this.store.scalar[slot] = length;
    const extra = this.sizes.bytearrayExtraBytes(length);
    if (extra > 0) this.store.extraAddress[slot] = this.allocator.allocate(extra);
    this.resize(slot, extra);
    return slot;
  }

  /** A memoryview over `target` (a view: it shares the target's memory and keeps it alive). */
  newMemoryView(target: number): number {
    const slot = this.createObject(TypeId.MemoryView, this.sizes.memoryviewBytes(), NO_ADDRESS);
    this.initRefs(slot, [target]);
    this.store.scalar[slot] = this.store.scalar[target];
    this.track(slot);
    return slot;
  }

  /** A tuple of the given items (the empty-tuple singleton for none). */
  newTuple(items: ArrayLike<number>): number {
    const n = items.length;
    if (n === 0) return this.emptyTuple;
    const slot = this.createObject(TypeId.Tuple, this.sizes.tupleBytes(n), this.freeLists.popTuple(n));
    this.initRefs(slot, items);
    this.track(slot);
    return slot;
  }

  /** A new empty list, with room for `capacity` items (as `PyList_New`). */
  newList(capacity = 0): number {
    // The item array is checked with the object, so a MemoryError leaves no half-made list.
    if (capacity > 0) this.reserveBytes(this.sizes.listObjectBytes() + this.sizes.listItemsBytes(capacity));
    const slot = this.createObject(TypeId.List, this.sizes.listObjectBytes(), this.freeLists.popList());
    this.setListCapacity(slot, capacity);
    this.track(slot);
    return slot;
  }

  /** A new empty instance of a `list` subclass (tracked at creation, like `PyType_GenericAlloc`). */
  newListSubclass(klass: ClassInfo, tag = 0): number {
    const slot = this.createObject(
      TypeId.ListSubclass,
      this.sizes.listSubclassObjectBytes(klass.slots?.length ?? 0),
      NO_ADDRESS,
    );
    this.store.klass[slot] = klass.id;
    this.store.scalar[slot] = tag;
    if (klass.finalizer) this.store.flags[slot] |= ObjectFlag.HasFinalizer;
    this.track(slot);
    if (klass.finalizer) this.strategy.finalizerRegistered?.(slot);
    return slot;
  }

  /** A new empty dict (untracked until it holds something that may be tracked). */
  newDict(): number {
    const slot = this.createObject(TypeId.Dict, this.sizes.dictObjectBytes(), this.freeLists.popDict());
    this.store.aux[slot] = 0; // shared empty keys
    return slot;
  }

  /** A new empty set, or frozenset of the given members. */
  newSet(frozen = false): number {
    const slot = this.createObject(
      frozen ? TypeId.FrozenSet : TypeId.Set,
      this.sizes.setObjectBytes(),
      NO_ADDRESS,
    );
    this.store.aux[slot] = 8; // table size (small table)
    this.track(slot);
    return slot;
  }

  /** A new instance of a user class (plain or with `__slots__`). */
  newInstance(klass: ClassInfo): number {
    if (klass.base === 'list') return this.newListSubclass(klass);
    const slots = klass.slots;
    let slot: number;
    if (slots) {
      slot = this.createObject(TypeId.SlotsInstance, this.sizes.slotsInstanceBytes(slots.length), NO_ADDRESS);
      this.initRefs(slot, new Int32Array(slots.length).fill(NULL_REF));
    } else {
      slot = this.createObject(TypeId.Instance, this.sizes.instanceBytes(), NO_ADDRESS);
      const usable = Math.max(5, klass.attributeNames.length);
      this.store.extraAddress[slot] = this.allocator.allocate(this.sizes.instanceValuesBytes(usable));
      this.store.aux[slot] = usable;
      this.initRefs(slot, new Int32Array(klass.attributeNames.length).fill(NULL_REF));
    }
    this.store.klass[slot] = klass.id;
    if (klass.finalizer) this.store.flags[slot] |= ObjectFlag.HasFinalizer;
    this.track(slot);
    if (klass.finalizer) this.strategy.finalizerRegistered?.(slot);
    return slot;
  }

  /** A function object holding references to `captured` (its closure, defaults, globals). */
  newFunction(captured: ArrayLike<number> = []): number {
    const slot = this.createObject(TypeId.Function, this.sizes.functionBytes(), NO_ADDRESS);
    this.initRefs(slot, captured);
    this.track(slot);
    return slot;
  }

  /**
   * A generator object holding references to `captured` (its frame's locals).
   * `onClose` runs when the generator is finalized (closed while suspended):
   * its `finally` blocks and `with` exits.
   */
  newGenerator(captured: ArrayLike<number> = [], onClose?: () => void): number {
    const slot = this.createObject(TypeId.Generator, this.sizes.generatorBytes(), NO_ADDRESS);
    this.initRefs(slot, captured);
    if (onClose) {
      this.generatorClosers.set(slot, onClose);
      this.store.flags[slot] |= ObjectFlag.HasFinalizer;
    }
    this.track(slot);
    if (onClose) this.strategy.finalizerRegistered?.(slot);
    return slot;
  }

  /** A closure cell holding `content` (or nothing). */
  newCell(content: number = NULL_REF): number {
    const slot = this.createObject(TypeId.Cell, this.sizes.cellBytes(), NO_ADDRESS);
    this.initRefs(slot, [content]);
    this.track(slot);
    return slot;
  }

  /** Opens a (simulated) file: an open resource until closed or deallocated. */
  newFile(name: string, bufferBytes = 0): number {
    const slot = this.createObject(TypeId.File, this.sizes.fileBytes() + bufferBytes, NO_ADDRESS);
    this.store.flags[slot] |= ObjectFlag.Open | ObjectFlag.HasFinalizer;
    this.store.scalar[slot] = bufferBytes;
    const record: ResourceRecord = {
      handle: this.store.handleOf(slot),
      name,
      openedAt: this.operation,
      closedAt: null,
      how: null,
    };
    this.openResources.set(slot, record);
    this.resourceLog.push(record);
    this.openFileCount++;
    this.track(slot);
    this.strategy.finalizerRegistered?.(slot);
    return slot;
  }

  /** Number of files currently open. */
  openFileCount = 0;

  /**
   * Resets the peak of live bytes to the current value (`tracemalloc.reset_peak()`),
   * so the next peak measures one phase of a program.
   */
  resetPeak(): void {
    this.peakLiveBytes = this.liveBytes;
  }

  /** Closes a file if it is open (`f.close()`, a `with` exit, or deallocation). */
  closeFile(slot: number, how: 'close' | 'with' | 'dealloc'): void {
    const flags = this.store.flags[slot];
    if ((flags & ObjectFlag.Open) === 0) return;
    this.store.flags[slot] = flags & ~ObjectFlag.Open;
    this.openFileCount--;
    const record = this.openResources.get(slot)!;
    record.closedAt = this.operation;
    record.how = how;
    if (this.events.wants('resource-closed')) {
      this.events.emit({
        kind: 'resource-closed',
        handle: record.handle,
        name: record.name,
        how,
        operation: this.operation,
        openedAt: record.openedAt,
      });
    }
  }

  /**
   * A weak reference to `referent`. Without a callback an existing plain weak
   * reference is returned (CPython shares them). References with callbacks
   * are kept newest first, so callbacks run newest first.
   */
  newWeakref(referent: number, callback?: (ref: Handle) => void): number {
    const type = this.store.type[referent];
    const klass = this.store.klass[referent];
    const weakrefable =
      (type === TypeId.Instance && this.classes[klass].weakrefable) ||
      type === TypeId.Function ||
      type === TypeId.Generator ||
      type === TypeId.Set ||
      type === TypeId.FrozenSet ||
      type === TypeId.File;
    if (!weakrefable)
      throw new TypeError(`cannot create weak reference to '${this.typeNameOf(referent)}' object`);
    const existing = this.weakrefLists.get(referent);
    if (
      !callback &&
      existing !== undefined &&
      existing.length > 0 &&
      !this.weakrefCallbacks.has(existing[0])
    ) {
      return existing[0];
    }
    const slot = this.createObject(TypeId.WeakRef, this.sizes.weakrefBytes(), NO_ADDRESS);
    this.store.scalar[slot] = referent;
    // The allocation may have run a collection that changed the referent's list: read it again.
    let list = this.weakrefLists.get(referent);
    const hasBasic = list !== undefined && list.length > 0 && !this.weakrefCallbacks.has(list[0]);
    if (!list) {
      list = [];
      this.weakrefLists.set(referent, list);
    }
    this.store.flags[referent] |= ObjectFlag.WeaklyReferenced;
    if (callback) {
      this.weakrefCallbacks.set(slot, callback);
      list.splice(hasBasic ? 1 : 0, 0, slot);
    } else {
      list.unshift(slot);
    }
    this.track(slot);
    return slot;
  }

  /** The referent of a weak reference, or `None`'s slot once it was cleared. */
  weakrefTarget(slot: number): number {
    const target = this.store.scalar[slot];
    return target < 0 ? this.none : target;
  }

  /** Weak references to an object, in CPython's list order (plain reference first, then newest callback first). */
  weakrefsTo(slot: number): readonly number[] {
    return this.weakrefLists.get(slot) ?? [];
  }

  /** Whether a weak reference has a callback that has not run. */
  weakrefHasCallback(slot: number): boolean {
    return this.weakrefCallbacks.has(slot);
  }

  /** Clears one weak reference (its referent becomes `None`) without calling its callback. */
  clearWeakref(slot: number): void {
    const referent = this.store.scalar[slot];
    if (referent < 0) return;
    this.store.scalar[slot] = -1;
    const list = this.weakrefLists.get(referent);
    if (list) {
      const i = list.indexOf(slot);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.weakrefLists.delete(referent);
    }
  }

  /** Calls a cleared weak reference's callback once (with the weak reference). */
  callWeakrefCallback(slot: number): void {
    const callback = this.weakrefCallbacks.get(slot);
    if (!callback) return;
    this.weakrefCallbacks.delete(slot);
    if (this.events.wants('weakref-callback')) {
      this.events.emit({
        kind: 'weakref-callback',
        weakref: this.store.handleOf(slot),
        operation: this.operation,
      });
    }
    try {
      callback(this.store.handleOf(slot));
    } catch (error) {
      this.reportUnraisable('weak reference callback', error, 'weakref-callback');
    }
  }

  /**
   * Clears every weak reference to a dying object and calls their callbacks
   * (`PyObject_ClearWeakRefs`): all are cleared first, then callbacks run in
   * list order. Weak references that are themselves dying get no callback.
   */
  clearWeakrefsTo(slot: number): void {
    const list = this.weakrefLists.get(slot);
    if (!list) return;
    const refs = list.slice();
    for (const wr of refs) this.clearWeakref(wr);
    for (const wr of refs) {
      if (!this.weakrefCallbacks.has(wr)) continue;
      if (this.refcounting && this.store.refcount[wr] === 0) {
        this.weakrefCallbacks.delete(wr);
        continue;
      }
      this.incref(wr);
      this.callWeakrefCallback(wr);
      this.decref(wr);
    }
  }

  // ---------------------------------------------------------------------------
  // Reference blocks

  private initRefs(slot: number, items: ArrayLike<number>): void {
    const n = items.length;
    if (n === 0) return;
    const store = this.store;
    store.reserveRefs(slot, n);
    const start = store.refStart[slot];
    const cells = store.refs.cells;
    for (let i = 0; i < n; i++) {
      const target = items[i];
      if (target !== NULL_REF) this.incref(target);
      cells[start + i] = target;
    }
    store.refLen[slot] = n;
    if (this.writeBarrier)
      for (let i = 0; i < n; i++) if (items[i] !== NULL_REF) this.strategy.writeBarrier!(slot, items[i]);
  }

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

  /**
   * Checks, before anything changes, that `delta` more live bytes fit under the
   * heap limit; if not, runs a full collection and checks again, then raises
   * the simulated `MemoryError`.
   */
  reserveBytes(delta: number): void {
    if (delta <= 0 || this.liveBytes + delta <= this.heapLimit) return;
    this.strategy.collect(2, 'heap-limit');
    if (this.liveBytes + delta > this.heapLimit)
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

  /** Cache of key positions of a large dict or set (invalidated by `dropKeyIndex`). */
  keyIndex(slot: number): Map<string | number, number> | undefined {
    return this.dictIndex.get(slot);
  }

  /** Installs a key-position cache for a large dict or set. */
  setKeyIndex(slot: number, index: Map<string | number, number>): void {
    this.dictIndex.set(slot, index);
  }

  /** Drops a dict's or set's key-position cache. */
  dropKeyIndex(slot: number): void {
    this.dictIndex.delete(slot);
  }

  // ---------------------------------------------------------------------------
  // GC support: untracking rules, clearing, finalizing (used by collectors)

  /** `_PyObject_GC_MAY_BE_TRACKED`: a GC object that is not an untracked exact tuple. */
  mayBeTracked(slot: number): boolean {
    const type = this.store.type[slot];
    if (!isGcType(type)) return false;
    if (type === TypeId.Tuple) return (this.store.flags[slot] & ObjectFlag.Tracked) !== 0;
    return true;
  }

  /** `_PyTuple_MaybeUntrack`: untracks a tracked tuple whose items can never be part of a cycle. */
  maybeUntrackTuple(slot: number): boolean {
    const store = this.store;
    if (store.type[slot] !== TypeId.Tuple || (store.flags[slot] & ObjectFlag.Tracked) === 0) return false;
    const start = store.refStart[slot];
    const n = store.refLen[slot];
    for (let i = 0; i < n; i++) {
      const item = store.refs.cells[start + i];
      if (item === NULL_REF || this.mayBeTracked(item)) return false;
    }
    this.untrack(slot);
    return true;
  }

  /** `_PyDict_MaybeUntrack`: untracks a tracked dict whose keys and values can never be part of a cycle. */
  maybeUntrackDict(slot: number): boolean {
    const store = this.store;
    if (store.type[slot] !== TypeId.Dict || (store.flags[slot] & ObjectFlag.Tracked) === 0) return false;
    const start = store.refStart[slot];
    const n = store.refLen[slot];
    for (let i = 0; i < n; i++) {
      const item = store.refs.cells[start + i];
      if (item !== NULL_REF && this.mayBeTracked(item)) return false;
    }
    this.untrack(slot);
    return true;
  }

  /** Whether an object has a finalizer that has not run yet (PEP 442). */
  needsFinalizing(slot: number): boolean {
    const flags = this.store.flags[slot];
    return (flags & ObjectFlag.HasFinalizer) !== 0 && (flags & ObjectFlag.Finalized) === 0;
  }

  /**
   * Runs an object's finalizer once (a collector's `finalize_garbage`): sets the
   * FINALIZED bit first, holds a reference while the finalizer runs.
   */
  finalize(slot: number): void {
    if (!this.needsFinalizing(slot)) return;
    this.store.flags[slot] |= ObjectFlag.Finalized;
    const before = this.store.refcount[slot];
    this.incref(slot);
    this.callFinalizer(slot);
    // Resurrected: the finalizer stored a new reference to its object somewhere.
    this.emitFinalized(slot, this.refcounting && this.store.refcount[slot] > before + 1);
    this.decref(slot);
  }

  private emitFinalized(slot: number, resurrected: boolean): void {
    if (!this.events.wants('finalizer') || this.store.type[slot] === TypeId.File) return;
    this.events.emit({
      kind: 'finalizer',
      handle: this.store.handleOf(slot),
      type: this.typeNameOf(slot),
      resurrected,
      operation: this.operation,
    });
  }

  private callFinalizer(slot: number): void {
    const store = this.store;
    const type = store.type[slot];
    if (type === TypeId.File) {
      this.closeFile(slot, 'dealloc');
      return;
    }
    try {
      if (type === TypeId.Generator) {
        const close = this.generatorClosers.get(slot);
        this.generatorClosers.delete(slot);
        close?.();
      } else {
        const klass = this.classes[store.klass[slot]];
        klass?.finalizer?.(store.handleOf(slot));
      }
    } catch (error) {
      this.reportUnraisable(`${this.typeNameOf(slot)}.__del__`, error);
    }
  }

  /**
   * `tp_clear`: drops the references an object holds, to break a cycle. Lists
   * release their items last to first, dicts, sets and instances first to last;
   * tuples have no `tp_clear` and keep theirs.
   */
  clearReferences(slot: number): void {
    const store = this.store;
    const type = store.type[slot];
    if (type === TypeId.Tuple || store.refLen[slot] === 0) return;
    if (type === TypeId.WeakRef) {
      this.clearWeakref(slot);
      this.weakrefCallbacks.delete(slot);
      return;
    }
    const n = store.refLen[slot];
    const held = store.refs.cells.slice(store.refStart[slot], store.refStart[slot] + n);
    if (type === TypeId.List || type === TypeId.ListSubclass) {
      store.refLen[slot] = 0;
      this.setListCapacity(slot, 0);
      for (let i = n - 1; i >= 0; i--) if (held[i] !== NULL_REF) this.decref(held[i]);
      return;
    }
    if (type === TypeId.Dict || type === TypeId.Set || type === TypeId.FrozenSet) {
      store.refLen[slot] = 0;
      this.dropKeyIndex(slot);
      if (type === TypeId.Dict) this.resetDictKeys(slot);
    } else {
      store.refs.cells.fill(NULL_REF, store.refStart[slot], store.refStart[slot] + n);
    }
    for (let i = 0; i < n; i++) if (held[i] !== NULL_REF) this.decref(held[i]);
  }

  /** Returns a dict to the shared empty key table (as `dict.clear()` does). */
  resetDictKeys(slot: number): void {
    const store = this.store;
    if (store.aux[slot] === 0) return;
    const before = store.sizeof[slot];
    this.replaceExtraBlock(slot, 0);
    store.aux[slot] = 0;
    this.resize(slot, this.sizes.dictObjectBytes() - before);
  }

  /** Empties the free lists (a full collection's `clear_freelists`), returning their memory to the allocator. */
  clearFreeLists(): void {
    this.freeLists.clear((kind: FreeListKind, address: number, length: number) => {
      this.allocator.free(address);
      const type = FREE_LIST_TYPES[kind];
      const bytes =
        kind === 'tuple'
          ? this.sizes.tupleBytes(length)
          : kind === 'list'
            ? this.sizes.listObjectBytes()
            : kind === 'dict'
              ? this.sizes.dictObjectBytes()
              : this.sizes.floatBytes();
      this.strategy.released(type, bytes, true, -1);
    });
  }

  /** Visits every reference held by a root. */
  forEachRoot(visit: (slot: number) => void): void {
    this.roots.forEach(visit);
  }

  /**
   * The collection bracket: emits `collection-start`, runs `body`, and emits
   * `collection-stop` with the counts it returns and the time it took. Frees
   * inside are attributed to the collector. The bracket is closed even if
   * `body` throws (with the counts `partial` gives, or zeros); the error propagates.
   */
  collection(
    generation: number,
    reason: CollectionReason,
    body: () => CollectionCounts,
    partial?: () => CollectionCounts,
  ): CollectionCounts {
    this.collectorDepth++;
    if (this.events.wants('collection-start')) {
      this.events.emit({ kind: 'collection-start', generation, reason, operation: this.operation });
    }
    const startedAt = performance.now();
    let counts: CollectionCounts | null = null;
    try {
      counts = body();
      return counts;
    } finally {
      this.collectorDepth--;
      const reported = counts ?? partial?.() ?? { examined: 0, collected: 0, uncollectable: 0 };
      if (this.events.wants('collection-stop')) {
        this.events.emit({
          kind: 'collection-stop',
          generation,
          reason,
          examined: reported.examined,
          collected: reported.collected,
          uncollectable: reported.uncollectable,
          durationMs: performance.now() - startedAt,
          operation: this.operation,
          complete: reported.complete ?? true,
        });
      }
    }
  }

  // ---------------------------------------------------------------------------
  // Deallocation

  /**
   * Destroys an object whose references a collector has already dealt with:
   * closes it if it is a resource, clears weak references to it (no callbacks),
   * and releases its memory, without touching what it referenced. For tracing
   * strategies that keep no reference counts.
   */
  destroy(slot: number): void {
    this.untrack(slot);
    if ((this.store.flags[slot] & ObjectFlag.Open) !== 0) this.closeFile(slot, 'dealloc');
    if (this.weakrefLists.has(slot)) for (const wr of this.weakrefsTo(slot).slice()) this.clearWeakref(wr);
    if (this.store.type[slot] === TypeId.WeakRef) {
      this.clearWeakref(slot);
      this.weakrefCallbacks.delete(slot);
    }
    this.releaseMemory(slot);
  }

  /**
   * Deallocates an object whose reference count reached zero, in CPython's
   * order: untrack; the trashcan (deeper than 50 nested deallocations, the
   * object is deferred until the outermost one finishes); the finalizer, which
   * may resurrect; weak references cleared and their callbacks called; the
   * references it held released (last to first for lists and tuples); its
   * memory freed. Iterative: a million-long chain needs no JavaScript stack.
   */
  private deallocate(slot: number): void {
    const base = this.dTop;
    this.pushFrame(slot, PHASE_BEGIN);
    const store = this.store;
    while (this.dTop > base) {
      const top = this.dTop - 1;
      const current = this.dSlot[top];
      switch (this.dPhase[top]) {
        case PHASE_BEGIN: {
          const type = store.type[current];
          if (type !== TypeId.File) this.untrack(current);
          if (usesTrashcan(type)) {
            if (this.trashNesting >= this.trashcan.depositAt) {
              this.depositTrash(current);
              this.dTop--;
              break;
            }
            this.trashNesting++;
            this.dTrash[top] = 1;
          }
          if (this.needsFinalizing(current)) {
            const gc = isGcType(type);
            if (gc && type !== TypeId.File) this.track(current);
            store.refcount[current] = 1;
            this.callFinalizer(current);
            if (gc) store.flags[current] |= ObjectFlag.Finalized;
            store.refcount[current]--;
            this.emitFinalized(current, store.refcount[current] > 0);
            if (store.refcount[current] > 0) {
              this.endFrame(top);
              break;
            }
            this.untrack(current);
          } else if (type === TypeId.File) {
            this.untrack(current);
          }
          if ((store.flags[current] & ObjectFlag.WeaklyReferenced) !== 0) this.clearWeakrefsTo(current);
          if (type === TypeId.WeakRef) {
            this.clearWeakref(current);
            this.weakrefCallbacks.delete(current);
          }
          this.dPhase[top] = PHASE_RELEASE;
          this.dPos[top] = releasesItemsBackwards(type) ? store.refLen[current] - 1 : 0;
          break;
        }
        case PHASE_RELEASE: {
          const start = store.refStart[current];
          const child = this.nextDyingChild(top, current, start);
          if (child === NULL_REF) this.dPhase[top] = PHASE_FINISH;
          else this.pushFrame(child, PHASE_BEGIN);
          break;
        }
        case PHASE_FINISH: {
          this.releaseMemory(current);
          this.endFrame(top);
          break;
        }
        case PHASE_CHAIN: {
          if (this.trashCount > 0) {
            this.pushFrame(this.trash[--this.trashCount], PHASE_BEGIN);
          } else {
            this.trashNesting--;
            this.dTop--;
          }
          break;
        }
      }
    }
  }

  /** Finds the next referenced object of a dying object whose count drops to zero; releases the rest. */
  private nextDyingChild(top: number, current: number, start: number): number {
    const store = this.store;
    const backwards = releasesItemsBackwards(store.type[current]);
    let pos = this.dPos[top];
    const len = store.refLen[current];
    while (backwards ? pos >= 0 : pos < len) {
      const target = store.refs.cells[start + pos];
      pos += backwards ? -1 : 1;
      if (target === NULL_REF || (store.flags[target] & ObjectFlag.Static) !== 0) continue;
      this.refcountUpdates++;
      const rc = --store.refcount[target];
      if (rc === 0) {
        this.dPos[top] = pos;
        return target;
      }
      if (rc < 0)
        throw new Error(`internal error: reference count of ${this.describe(target)} fell below zero`);
    }
    this.dPos[top] = pos;
    return NULL_REF;
  }

  private endFrame(top: number): void {
    const trashFrame = this.dTrash[top] === 1;
    this.dTop = top;
    if (!trashFrame) return;
    this.trashNesting--;
    if (this.trashCount > 0 && this.trashNesting < this.trashcan.destroyBelow) {
      this.trashNesting++;
      this.pushFrame(-1, PHASE_CHAIN);
    }
  }

  private pushFrame(slot: number, phase: number): void {
    if (this.dTop === this.dSlot.length) {
      const size = this.dSlot.length * 2;
      const grow32 = (a: Int32Array) => {
        const b = new Int32Array(size);
        b.set(a);
        return b;
      };
      const grow8 = (a: Uint8Array) => {
        const b = new Uint8Array(size);
        b.set(a);
        return b;
      };
      this.dSlot = grow32(this.dSlot);
      this.dPos = grow32(this.dPos);
      this.dPhase = grow8(this.dPhase);
      this.dTrash = grow8(this.dTrash);
    }
    const top = this.dTop++;
    this.dSlot[top] = slot;
    this.dPhase[top] = phase;
    this.dPos[top] = 0;
    this.dTrash[top] = 0;
  }

  private depositTrash(slot: number): void {
    if (this.trashCount === this.trash.length) {
      const bigger = new Int32Array(this.trash.length * 2);
      bigger.set(this.trash);
      this.trash = bigger;
    }
    this.trash[this.trashCount++] = slot;
  }

  /** Frees an object's memory (free list or allocator), tells the strategy, emits `free`, frees the slot. */
  private releaseMemory(slot: number): void {
    const store = this.store;
    const type = store.type[slot] as TypeId;
    const bytes = store.sizeof[slot];
    const extra = store.extraAddress[slot];
    if (extra !== NO_ADDRESS) this.allocator.free(extra);
    let objectBytes = bytes;
    if (type === TypeId.List) objectBytes = this.sizes.listObjectBytes();
    else if (type === TypeId.ListSubclass) objectBytes = bytes - this.sizes.listItemsBytes(store.aux[slot]);
    else if (type === TypeId.Dict) objectBytes = this.sizes.dictObjectBytes();
    const length = type === TypeId.Tuple ? store.refLen[slot] : 0;
    const kept = this.pushFreeList(type, store.address[slot], length);
    if (!kept) this.allocator.free(store.address[slot]);
    this.strategy.released(type, objectBytes, !kept, slot);
    this.liveBytes -= bytes;
    if (this.events.wants('free')) {
      this.events.emit({
        kind: 'free',
        handle: store.handleOf(slot),
        type: this.typeNameOf(slot),
        bytes,
        toFreeList: kept,
        operation: this.operation,
        by: this.collectorDepth > 0 ? 'collector' : 'refcount',
      });
    }
    const flags = store.flags[slot];
    if ((flags & ObjectFlag.Interned) !== 0) this.interned.delete(store.text.get(slot)!);
    if (type === TypeId.File) this.openResources.delete(slot);
    if ((flags & ObjectFlag.WeaklyReferenced) !== 0) this.weakrefLists.delete(slot);
    if (type === TypeId.Generator) this.generatorClosers.delete(slot);
    if (type === TypeId.Dict || type === TypeId.Set || type === TypeId.FrozenSet) this.dictIndex.delete(slot);
    store.freeSlot(slot);
  }

  /** A short description of an object for error messages, e.g. `list#12`. */
  describe(slot: number): string {
    return `${this.typeNameOf(slot)}#${slot}`;
  }
}

const FREE_LIST_TYPES: Record<FreeListKind, TypeId> = {
  list: TypeId.List,
  dict: TypeId.Dict,
  float: TypeId.Float,
  tuple: TypeId.Tuple,
};

/** Types whose deallocator uses CPython's trashcan (`Py_TRASHCAN_BEGIN`). */
function usesTrashcan(type: number): boolean {
  return (
    type === TypeId.List ||
    type === TypeId.Tuple ||
    type === TypeId.Dict ||
    type === TypeId.Set ||
    type === TypeId.FrozenSet ||
    type === TypeId.Instance ||
    type === TypeId.SlotsInstance ||
    type === TypeId.ListSubclass
  );
}
