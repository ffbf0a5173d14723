/**
 * The object store: every simulated object's state in flat typed arrays
 * (struct of arrays), addressed by a slot index. A {@link Handle} given to users
 * combines the slot index with the slot's reuse serial, so that a handle which
 * outlives its object is detected instead of silently naming a newer object.
 *
 * @module
 */

import { type TypeId, typeName } from '../objects/type-id.js';
import { ReferenceStore } from './reference-store.js';

/**
 * A reference to a simulated object, as users hold it: the slot index in the
 * low 24 bits and the slot's reuse serial in the 7 bits above. Handles are
 * plain (small-integer) numbers.
 *
 * @example
 * ```ts
 * import { type Handle, createRuntime } from '@pymm/core';
 * import { MAX_SLOTS, SLOT_BITS } from '@pymm/core/heap';
 * const py = createRuntime();
 * const xs: Handle = py.list();
 * const slot = xs & (MAX_SLOTS - 1);
 * py.heap.store.slotOf(xs, 'example') === slot; // true
 * xs >>> SLOT_BITS; // 0: the slot's first use
 * ```
 */
export type Handle = number;

/**
 * Bits of a handle that hold the slot index; the bits above hold the slot's reuse serial.
 *
 * @example
 * ```ts
 * import { TypeId } from '@pymm/core';
 * import { ObjectStore, SLOT_BITS } from '@pymm/core/heap';
 * const store = new ObjectStore();
 * const first = store.allocateSlot(TypeId.List);
 * const stale = store.handleOf(first);
 * store.freeSlot(first);
 * const again = store.allocateSlot(TypeId.Dict); // the same slot, reused
 * again === first; // true
 * store.handleOf(again) - stale === 1 << SLOT_BITS; // true: the serial went up by one
 * store.isAlive(stale); // false
 * ```
 */
export const SLOT_BITS = 24;
/**
 * Most slots a heap can have (16,777,216).
 *
 * @example
 * ```ts
 * import { MAX_SLOTS, SLOT_BITS } from '@pymm/core/heap';
 * MAX_SLOTS; // 16777216
 * MAX_SLOTS === 2 ** SLOT_BITS; // true
 * ```
 */
export const MAX_SLOTS = 1 << SLOT_BITS;
const SLOT_MASK = MAX_SLOTS - 1;
/**
 * A slot is reused at most this many times, then retired, so that every stale handle is detected.
 *
 * @example
 * ```ts
 * import { TypeId } from '@pymm/core';
 * import { ObjectStore, SERIALS_PER_SLOT } from '@pymm/core/heap';
 * const store = new ObjectStore();
 * for (let use = 0; use < SERIALS_PER_SLOT; use++) store.freeSlot(store.allocateSlot(TypeId.Float));
 * store.retiredSlots; // 1: slot 0 served 128 objects and is never reused
 * store.allocateSlot(TypeId.Float); // 1
 * ```
 */
export const SERIALS_PER_SLOT = 128;

/**
 * Object flag bits (the `flags` column).
 *
 * @example
 * ```ts
 * import { ObjectFlag, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const { heap } = py;
 * (heap.store.flags[heap.none] & ObjectFlag.Static) !== 0; // true: None is never freed
 * py.locals.f = py.open('data.txt');
 * const file = heap.store.slotOf(py.locals.f, 'flags');
 * (heap.store.flags[file] & ObjectFlag.Open) !== 0; // true
 * py.close(py.locals.f);
 * (heap.store.flags[file] & ObjectFlag.Open) !== 0; // false
 * ```
 */
export const ObjectFlag = {
  /** The slot holds a live object. */
  Alive: 1 << 0,
  /** A statically allocated object (None, small ints, ...): never freed, reference count not kept. */
  Static: 1 << 1,
  /** Tracked by the cycle collector (CPython's `_PyObject_GC_IS_TRACKED`). */
  Tracked: 1 << 2,
  /** Its finalizer has run (PEP 442's FINALIZED bit): `__del__` never runs twice. */
  Finalized: 1 << 3,
  /** The object's type defines a finalizer (`__del__`). */
  HasFinalizer: 1 << 4,
  /** A resource (file) that is still open. */
  Open: 1 << 5,
  /** An interned string. */
  Interned: 1 << 6,
  /** The object has, or had, weak references to it. */
  WeaklyReferenced: 1 << 7,
  /**
   * The object's first reference cell holds its heap type (an instance of a class holds a reference
   * to its class, as CPython's `ob_type` of a heap type): `subtype_traverse` visits it last,
   * `subtype_clear` keeps it and `subtype_dealloc` releases it last.
   */
  HoldsType: 1 << 8,
  /** A front end asked to be told when the object is freed (its side data is forgotten then). */
  ReleaseHook: 1 << 9,
  /**
   * CPython 3.13's embedded values: on an instance, its materialised `__dict__` shares its inline
   * values (the instance's traverse visits them, not the dict); on that dict, it visits nothing
   * while the instance owns it (`@pymm/core/gc`'s `embeddedValuesOf`, `dictSharesValues`).
   */
  EmbeddedValues: 1 << 10,
  /** First of four bits reserved for the active strategy (marks, colours). */
  Strategy0: 1 << 12,
  /** Second bit reserved for the active strategy. */
  Strategy1: 1 << 13,
  /** Third bit reserved for the active strategy. */
  Strategy2: 1 << 14,
  /** Fourth bit reserved for the active strategy. */
  Strategy3: 1 << 15,
} as const;

/**
 * The value that marks an empty reference cell (C's `NULL`).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { NULL_REF, deleteAttribute, setAttribute } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const node = heap.newInstance(heap.defineClass({ name: 'Node' }));
 * setAttribute(heap, node, 'value', heap.newInt(1));
 * deleteAttribute(heap, node, 'value'); // del node.value
 * heap.store.refs.cells[heap.store.refStart[node]] === NULL_REF; // true
 * ```
 */
export const NULL_REF = -1;
/**
 * `address` value of an object with no memory block of its own (static objects), and
 * `extraAddress` value of an object with no separately allocated part.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { NO_ADDRESS } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * heap.store.address[heap.none] === NO_ADDRESS; // true: None is statically allocated
 * const xs = heap.newList();
 * heap.store.address[xs] === NO_ADDRESS;      // false
 * heap.store.extraAddress[xs] === NO_ADDRESS; // true: no item array yet
 * ```
 */
export const NO_ADDRESS = -1;

/**
 * Thrown when a handle names an object that has been freed (or a slot that was
 * reused since the handle was issued).
 *
 * @example
 * ```ts
 * import { UseAfterFreeError } from '@pymm/core';
 * const error = new UseAfterFreeError(5, 'list', 'append');
 * error.message; // 'append: handle 5 refers to a list that has been freed'
 * ```
 */
export class UseAfterFreeError extends Error {
  override readonly name = 'UseAfterFreeError';
  constructor(
    /** The stale handle. */
    readonly handle: Handle,
    /** Python type name the object had, when known. */
    readonly typeName: string,
    /** The operation that used the handle. */
    readonly operation: string,
  ) {
    super(
      `${operation}: handle ${handle} refers to ${/^[aeiou]/i.test(typeName) ? 'an' : 'a'} ${typeName} that has been freed`,
    );
  }
}

/**
 * Thrown when the heap cannot take another object: every slot is in use or retired.
 *
 * @example
 * ```ts
 * import { HeapCapacityError } from '@pymm/core/heap';
 * new HeapCapacityError(16777216).message.startsWith('the heap is full'); // true
 * ```
 */
export class HeapCapacityError extends Error {
  override readonly name = 'HeapCapacityError';
  constructor(readonly slots: number) {
    super(`the heap is full: all ${slots} object slots are in use or retired`);
  }
}

/**
 * Struct-of-arrays storage of all objects. Columns are public for strategies
 * and verifiers that scan the heap; they are replaced when the store grows, so
 * read them through the store (`store.type[i]`), never keep a column across an
 * allocation.
 *
 * @example
 * ```ts
 * import { TypeId } from '@pymm/core';
 * import { ObjectStore } from '@pymm/core/heap';
 * const store = new ObjectStore();
 * const slot = store.allocateSlot(TypeId.List);
 * store.type[slot] === TypeId.List; // true
 * store.isAlive(store.handleOf(slot)); // true
 * ```
 */
export class ObjectStore {
  /** Type id per slot ({@link TypeId}). */
  type: Uint8Array;
  /** {@link ObjectFlag} bits per slot. */
  flags: Uint16Array;
  /** Reuse serial per slot (part of the handle). */
  serial: Uint8Array;
  /** Reference count per slot (kept only when the strategy asks for reference counting). */
  refcount: Int32Array;
  /** Type-specific word: list capacity, dict/set table shape, ... */
  aux: Int32Array;
  /** User class id for instances and list subclasses (0 = none). */
  klass: Uint16Array;
  /** `sys.getsizeof` of the object, in simulated bytes. */
  sizeof: Uint32Array;
  /** Allocator address of the object's own block. */
  address: Float64Array;
  /** Allocator address of its separately allocated part (list items, dict keys), or {@link NO_ADDRESS}. */
  extraAddress: Float64Array;
  /** Start of the object's reference block in {@link ObjectStore.refs}, or -1. */
  refStart: Int32Array;
  /** Number of reference cells in use. */
  refLen: Int32Array;
  /** Capacity class of the reference block (log2 of its size). */
  refClass: Uint8Array;
  /** Scalar payload: an int's or float's value, a str's length, a weakref's referent slot, ... */
  scalar: Float64Array;
  /** The reference blocks of all containers. */
  readonly refs: ReferenceStore;
  /** Text of str objects, and the contents (as Latin-1 text) of bytes objects a front end records, by slot. */
  readonly text = new Map<number, string>();

  private capacity: number;
  private top = 0;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private live = 0;
  private retired = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.type = new Uint8Array(initialCapacity);
    this.flags = new Uint16Array(initialCapacity);
    this.serial = new Uint8Array(initialCapacity);
    this.refcount = new Int32Array(initialCapacity);
    this.aux = new Int32Array(initialCapacity);
    this.klass = new Uint16Array(initialCapacity);
    this.sizeof = new Uint32Array(initialCapacity);
    this.address = new Float64Array(initialCapacity);
    this.extraAddress = new Float64Array(initialCapacity);
    this.refStart = new Int32Array(initialCapacity);
    this.refLen = new Int32Array(initialCapacity);
    this.refClass = new Uint8Array(initialCapacity);
    this.scalar = new Float64Array(initialCapacity);
    this.address.fill(NO_ADDRESS);
    this.extraAddress.fill(NO_ADDRESS);
    this.refStart.fill(-1);
    this.freeSlots = new Int32Array(256);
    this.refs = new ReferenceStore();
  }

  /** Number of live objects. */
  get liveCount(): number {
    return this.live;
  }

  /** One past the highest slot ever used: scan `0 .. slotLimit - 1` to visit every object. */
  get slotLimit(): number {
    return this.top;
  }

  /** Slots retired after {@link SERIALS_PER_SLOT} reuses. */
  get retiredSlots(): number {
    return this.retired;
  }

  /** Host bytes held by the columns and the reference store. */
  get hostBytes(): number {
    return this.capacity * BYTES_PER_SLOT + this.refs.hostBytes + this.freeSlots.byteLength;
  }

  /**
   * Takes a free slot for a new object of `type` and marks it alive. Every
   * other column holds its empty value (0, or -1 for addresses and the
   * reference block): fresh slots are initialised in bulk when the columns
   * grow, and freed slots are reset by {@link ObjectStore.freeSlot}.
   */
  allocateSlot(type: TypeId): number {
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount];
    } else {
      if (this.top === this.capacity) this.grow();
      slot = this.top++;
    }
    this.type[slot] = type;
    this.flags[slot] = ObjectFlag.Alive;
    this.live++;
    return slot;
  }

  /** Frees a slot: releases its reference block and text, resets its columns, bumps its serial (or retires it). */
  freeSlot(slot: number): void {
    if (this.refStart[slot] >= 0) {
      this.refs.release(this.refStart[slot], this.refClass[slot]);
      this.refStart[slot] = -1;
    }
    if (this.type[slot] === 4 /* Str */ || this.type[slot] === 5 /* Bytes */) this.text.delete(slot);
    this.flags[slot] = 0;
    this.refcount[slot] = 0;
    this.aux[slot] = 0;
    this.klass[slot] = 0;
    this.sizeof[slot] = 0;
    this.address[slot] = NO_ADDRESS;
    this.extraAddress[slot] = NO_ADDRESS;
    this.refLen[slot] = 0;
    this.scalar[slot] = 0;
    this.live--;
    const next = this.serial[slot] + 1;
    if (next >= SERIALS_PER_SLOT) {
      this.retired++;
      return;
    }
    this.serial[slot] = next;
    if (this.freeCount === this.freeSlots.length) {
      const bigger = new Int32Array(this.freeSlots.length * 2);
      bigger.set(this.freeSlots);
      this.freeSlots = bigger;
    }
    this.freeSlots[this.freeCount++] = slot;
  }

  /** The handle users hold for a live slot. */
  handleOf(slot: number): Handle {
    return slot | (this.serial[slot] << SLOT_BITS);
  }

  /** Whether a handle still names a live object. */
  isAlive(handle: Handle): boolean {
    const slot = handle & SLOT_MASK;
    return (
      handle >= 0 &&
      slot < this.top &&
      (this.flags[slot] & ObjectFlag.Alive) !== 0 &&
      this.serial[slot] === handle >>> SLOT_BITS
    );
  }

  /**
   * The slot of a live object; throws {@link UseAfterFreeError} for a stale
   * handle and a `TypeError` for something that is not a handle at all.
   */
  slotOf(handle: Handle, operation: string): number {
    if (this.isAlive(handle)) return handle & SLOT_MASK;
    if (!Number.isInteger(handle) || handle < 0 || (handle & SLOT_MASK) >= this.top) {
      throw new TypeError(`${operation}: ${String(handle)} is not a handle of this heap`);
    }
    const slot = handle & SLOT_MASK;
    // A free slot still records the type of the object that died there; once reused, the type
    // the stale handle referred to is no longer known, so say so rather than guess.
    const reused = (this.flags[slot] & ObjectFlag.Alive) !== 0;
    throw new UseAfterFreeError(handle, reused ? 'object' : typeName(this.type[slot] as TypeId), operation);
  }

  /** Ensures an object has a reference block with room for `count` cells, keeping its contents. */
  reserveRefs(slot: number, count: number): void {
    const start = this.refStart[slot];
    if (start >= 0 && count <= 1 << this.refClass[slot]) return;
    const log2 = ReferenceStore.classFor(count);
    if (start < 0) {
      this.refStart[slot] = this.refs.allocate(log2);
    } else {
      this.refStart[slot] = this.refs.grow(start, this.refClass[slot], log2, this.refLen[slot]);
    }
    this.refClass[slot] = log2;
  }

  /** Makes room for at least `slots` objects in total without further growth. */
  reserve(slots: number): void {
    if (slots > this.capacity) this.grow(Math.min(slots, MAX_SLOTS));
  }

  private grow(minimum = 0): void {
    // Double while small; grow by half once large, so a big heap wastes less host memory.
    const step = this.capacity < 1 << 20 ? this.capacity * 2 : Math.ceil(this.capacity * 1.5);
    const capacity = Math.min(Math.max(step, minimum), MAX_SLOTS);
    if (capacity === this.capacity) throw new HeapCapacityError(MAX_SLOTS);
    const grow8 = (a: Uint8Array) => {
      const b = new Uint8Array(capacity);
      b.set(a);
      return b;
    };
    const grow16 = (a: Uint16Array) => {
      const b = new Uint16Array(capacity);
      b.set(a);
      return b;
    };
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    const growU32 = (a: Uint32Array) => {
      const b = new Uint32Array(capacity);
      b.set(a);
      return b;
    };
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.type = grow8(this.type);
    this.flags = grow16(this.flags);
    this.serial = grow8(this.serial);
    this.refcount = grow32(this.refcount);
    this.aux = grow32(this.aux);
    this.klass = grow16(this.klass);
    this.sizeof = growU32(this.sizeof);
    this.address = grow64(this.address);
    this.extraAddress = grow64(this.extraAddress);
    this.refStart = grow32(this.refStart);
    this.refLen = grow32(this.refLen);
    this.refClass = grow8(this.refClass);
    this.scalar = grow64(this.scalar);
    this.address.fill(NO_ADDRESS, this.capacity);
    this.extraAddress.fill(NO_ADDRESS, this.capacity);
    this.refStart.fill(-1, this.capacity);
    this.capacity = capacity;
  }
}

/** Host bytes per slot across all columns. */
const BYTES_PER_SLOT = 1 + 2 + 1 + 4 + 4 + 2 + 4 + 8 + 8 + 4 + 4 + 1 + 8;
