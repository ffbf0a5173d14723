/**
 * Creating objects: their memory (a free list's block or the allocator's),
 * the strategy told before and after, a slot in the store, and CPython's
 * singletons and caches (`None`, `True`, `False`, the small ints -5..256,
 * one-character Latin-1 strings, the empty tuple, str and bytes, interned
 * strings).
 *
 * @module
 */

import { strKindOf, strLength } from '../objects/size-model.js';
import { TypeId, typeName } from '../objects/type-id.js';
import type { ClassInfo } from './class-registry.js';
import { pushFreeList } from './free-list-memory.js';
import type { HeapCore, Singletons } from './heap-core.js';
import { fitsAfterCollecting, SimulatedMemoryError } from './heap-limit.js';
import { NO_ADDRESS, NULL_REF, ObjectFlag } from './object-store.js';
import type { Resources } from './resources.js';

/**
 * How `heap.newNative` makes an object: a GC container or not, static, and what runs when it is
 * freed (a front end forgets its own record of a class object there).
 *
 * @example
 * ```ts
 * import { createRuntime, type NativeOptions } from '@pymm/core';
 * const py = createRuntime();
 * const forget: string[] = [];
 * const options: NativeOptions = { gc: false, released: () => forget.push('thing') };
 * const thing = py.heap.newNative(py.heap.defineClass({ name: 'thing' }), 32, [], options);
 * py.heap.classInfo(py.heap.store.klass[thing]).name; // 'thing'
 * ```
 */
export interface NativeOptions {
  /** A GC container, tracked at creation (the default). */
  gc?: boolean;
  /** Statically allocated: never freed, its reference count not kept. */
  isStatic?: boolean;
  /** Runs when the object's memory is freed (after its references were released). */
  released?: () => void;
}

/** The heap's object constructors and caches. */
export class ObjectFactory {
  private readonly smallInts = new Int32Array(262);
  private readonly latin1Chars = new Int32Array(256).fill(NULL_REF);
  private readonly byteChars = new Int32Array(256).fill(NULL_REF);
  private readonly interned = new Map<string, number>();

  constructor(
    private readonly heap: HeapCore,
    private readonly resources: Resources,
  ) {}

  /**
   * Creates the singletons, in CPython's start-up order (once, before any
   * other object): the heap holds them, and this factory reads the empty
   * ones back from it.
   */
  createSingletons(): Singletons {
    const sizes = this.heap.sizes;
    const store = this.heap.store;
    const none = this.newStatic(TypeId.None, sizes.noneBytes());
    const false_ = this.newStatic(TypeId.Bool, sizes.boolBytes());
    const true_ = this.newStatic(TypeId.Bool, sizes.boolBytes());
    store.scalar[true_] = 1;
    for (let v = -5; v <= 256; v++) {
      const slot = this.newStatic(TypeId.Int, sizes.intBytes(v));
      store.scalar[slot] = v;
      this.smallInts[v + 5] = slot;
    }
    const emptyTuple = this.newStatic(TypeId.Tuple, sizes.tupleBytes(0));
    const emptyStr = this.newStatic(TypeId.Str, sizes.strBytes(0, 'ascii'));
    store.text.set(emptyStr, '');
    const emptyBytes = this.newStatic(TypeId.Bytes, sizes.bytesBytes(0));
    return { none, false: false_, true: true_, emptyTuple, emptyStr, emptyBytes };
  }

  private newStatic(type: TypeId, bytes: number): number {
    const store = this.heap.store;
    const slot = store.allocateSlot(type);
    store.flags[slot] |= ObjectFlag.Static;
    store.sizeof[slot] = bytes;
    store.refcount[slot] = 1;
    return slot;
  }

  /**
   * Creates an object: obtains its memory (from `reusedAddress` when a free list
   * supplied it, else from the allocator), tells the strategy, and takes a slot.
   * The object is neither tracked nor referenced yet.
   */
  createObject(type: TypeId, bytes: number, reusedAddress: number, requested = bytes): number {
    const heap = this.heap;
    if (heap.liveBytes + bytes > heap.heapLimit && !fitsAfterCollecting(heap, bytes)) {
      if (reusedAddress >= 0) pushFreeList(heap, type, reusedAddress, bytes);
      throw new SimulatedMemoryError(bytes, heap.liveBytes, heap.heapLimit);
    }
    const fresh = reusedAddress < 0;
    const address = fresh ? heap.allocator.allocate(requested) : reusedAddress;
    heap.strategy.allocating(type, bytes, fresh);
    const store = heap.store;
    const slot = store.allocateSlot(type);
    store.address[slot] = address;
    store.sizeof[slot] = bytes;
    heap.liveBytes += bytes;
    if (heap.liveBytes > heap.peakLiveBytes) heap.peakLiveBytes = heap.liveBytes;
    heap.strategy.allocated?.(slot);
    if (heap.events.wants('allocate')) {
      heap.events.emit({
        kind: 'allocate',
        handle: store.handleOf(slot),
        type: typeName(type),
        bytes,
        requested,
        fromFreeList: !fresh,
        operation: heap.operation,
        site: heap.site,
      });
    }
    return slot;
  }

  /** Fills a new object's reference cells, counting the references and calling the write barrier. */
  private initRefs(slot: number, items: ArrayLike<number>): void {
    const n = items.length;
    if (n === 0) return;
    const heap = this.heap;
    const store = heap.store;
    store.reserveRefs(slot, n);
    const start = store.refStart[slot];
    const cells = store.refs.cells;
    for (let i = 0; i < n; i++) {
      const target = items[i];
      if (target !== NULL_REF) heap.incref(target);
      cells[start + i] = target;
    }
    store.refLen[slot] = n;
    if (heap.writeBarrier)
      for (let i = 0; i < n; i++) if (items[i] !== NULL_REF) heap.strategy.writeBarrier!(slot, items[i]);
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
    const sizes = this.heap.sizes;
    const bytes = sizes.intBytes(value);
    const slot = this.createObject(
      TypeId.Int,
      bytes,
      NO_ADDRESS,
      Math.max(bytes, sizes.intAllocationBytes()),
    );
    this.heap.store.scalar[slot] = Number(value);
    return slot;
  }

  /** A new float (from the float free list when possible). */
  newFloat(value: number): number {
    const heap = this.heap;
    const slot = this.createObject(TypeId.Float, heap.sizes.floatBytes(), heap.freeLists.popFloat());
    heap.store.scalar[slot] = value;
    return slot;
  }

  /**
   * A str. The empty string and one-character Latin-1 strings are cached
   * singletons; `intern` shares one object per text while it lives (CPython
   * interns identifier-like constants).
   */
  newStr(text: string, intern: boolean, cached = true): number {
    if (text.length === 0) return this.heap.emptyStr;
    const store = this.heap.store;
    const sizes = this.heap.sizes;
    const first = text.codePointAt(0)!;
    const length = strLength(text);
    if (length === 1 && first < 256 && cached) {
      let slot = this.latin1Chars[first];
      if (slot === NULL_REF) {
        slot = this.newStatic(TypeId.Str, sizes.strBytes(1, first < 128 ? 'ascii' : 'latin1'));
        store.text.set(slot, text);
        store.scalar[slot] = 1;
        this.latin1Chars[first] = slot;
      }
      return slot;
    }
    if (intern) {
      const existing = this.interned.get(text);
      if (existing !== undefined) return existing;
    }
    const slot = this.createObject(TypeId.Str, sizes.strBytes(length, strKindOf(text)), NO_ADDRESS);
    store.text.set(slot, text);
    store.scalar[slot] = length;
    if (intern) {
      this.interned.set(text, slot);
      store.flags[slot] |= ObjectFlag.Interned;
    }
    return slot;
  }

  /** Forgets a freed interned string, so that the next `newStr(text, true)` creates it again. */
  forgetInterned(text: string): void {
    this.interned.delete(text);
  }

  /** A bytes object of `length` bytes (content is not modelled); the cached one when `byte` is given for one byte. */
  newBytes(length: number, byte = -1): number {
    if (length === 0) return this.heap.emptyBytes;
    if (length === 1 && byte >= 0 && byte < 256) {
      let slot = this.byteChars[byte];
      if (slot === NULL_REF) {
        slot = this.newStatic(TypeId.Bytes, this.heap.sizes.bytesBytes(1));
        this.heap.store.scalar[slot] = 1;
        this.byteChars[byte] = slot;
      }
      return slot;
    }
    const slot = this.createObject(TypeId.Bytes, this.heap.sizes.bytesBytes(length), NO_ADDRESS);
    this.heap.store.scalar[slot] = length;
    return slot;
  }

  /** A bytearray of `length` bytes; its buffer is a separate block. */
  newByteArray(length: number): number {
    const heap = this.heap;
    heap.reserveBytes(heap.sizes.bytearrayBytes() + heap.sizes.bytearrayExtraBytes(length));
    const slot = this.createObject(TypeId.ByteArray, heap.sizes.bytearrayBytes(), NO_ADDRESS);
    heap.store.scalar[slot] = length;
    const extra = heap.sizes.bytearrayExtraBytes(length);
    if (extra > 0) heap.store.extraAddress[slot] = heap.allocator.allocate(extra);
    heap.resize(slot, extra);
    return slot;
  }

  /** A memoryview over `target` (a view: it shares the target's memory and keeps it alive). */
  newMemoryView(target: number): number {
    const heap = this.heap;
    const slot = this.createObject(TypeId.MemoryView, heap.sizes.memoryviewBytes(), NO_ADDRESS);
    this.initRefs(slot, [target]);
    heap.store.scalar[slot] = heap.store.scalar[target];
    heap.track(slot);
    return slot;
  }

  /** A tuple of the given items (the empty-tuple singleton for none). */
  newTuple(items: ArrayLike<number>): number {
    const n = items.length;
    if (n === 0) return this.heap.emptyTuple;
    const heap = this.heap;
    const slot = this.createObject(TypeId.Tuple, heap.sizes.tupleBytes(n), heap.freeLists.popTuple(n));
    this.initRefs(slot, items);
    heap.track(slot);
    return slot;
  }

  /** A new empty list, with room for `capacity` items (as `PyList_New`). */
  newList(capacity: number): number {
    const heap = this.heap;
    const sizes = heap.sizes;
    // The item array is checked with the object, so a MemoryError leaves no half-made list.
    if (capacity > 0) heap.reserveBytes(sizes.listObjectBytes() + sizes.listItemsBytes(capacity));
    const slot = this.createObject(TypeId.List, sizes.listObjectBytes(), heap.freeLists.popList());
    heap.setListCapacity(slot, capacity);
    heap.track(slot);
    return slot;
  }

  /** A new empty instance of a `list` subclass (tracked at creation, like `PyType_GenericAlloc`). */
  newListSubclass(klass: ClassInfo, tag: number): number {
    const heap = this.heap;
    const slot = this.createObject(
      TypeId.ListSubclass,
      heap.sizes.listSubclassObjectBytes(klass.slots?.length ?? 0),
      NO_ADDRESS,
    );
    heap.store.klass[slot] = klass.id;
    heap.store.scalar[slot] = tag;
    if (klass.finalizer) heap.store.flags[slot] |= ObjectFlag.HasFinalizer;
    heap.track(slot);
    if (klass.finalizer) heap.strategy.finalizerRegistered?.(slot);
    return slot;
  }

  /** A new empty dict (untracked until it holds something that may be tracked). */
  newDict(): number {
    const heap = this.heap;
    const slot = this.createObject(TypeId.Dict, heap.sizes.dictObjectBytes(), heap.freeLists.popDict());
    heap.store.aux[slot] = 0; // shared empty keys
    return slot;
  }

  /** A new empty set, or frozenset of the given members. */
  newSet(frozen: boolean): number {
    const heap = this.heap;
    const slot = this.createObject(
      frozen ? TypeId.FrozenSet : TypeId.Set,
      heap.sizes.setObjectBytes(),
      NO_ADDRESS,
    );
    heap.store.aux[slot] = 8; // table size (small table)
    heap.track(slot);
    return slot;
  }

  /** A new instance of a user class (plain or with `__slots__`). */
  newInstance(klass: ClassInfo): number {
    if (klass.base === 'list') return this.newListSubclass(klass, 0);
    const heap = this.heap;
    const store = heap.store;
    const slots = klass.slots;
    let slot: number;
    const reserved = klass.typeObject === NULL_REF ? 0 : 1;
    const cells = new Int32Array(klass.attributeNames.length).fill(NULL_REF);
    if (reserved) cells[0] = klass.typeObject;
    if (slots) {
      slot = this.createObject(TypeId.SlotsInstance, heap.sizes.slotsInstanceBytes(slots.length), NO_ADDRESS);
    } else {
      slot = this.createObject(TypeId.Instance, heap.sizes.instanceBytes(), NO_ADDRESS);
      const usable = Math.max(5, klass.attributeNames.length - reserved);
      store.extraAddress[slot] = heap.allocator.allocate(heap.sizes.instanceValuesBytes(usable));
      store.aux[slot] = usable;
    }
    this.initRefs(slot, cells);
    if (reserved) store.flags[slot] |= ObjectFlag.HoldsType;
    store.klass[slot] = klass.id;
    if (klass.finalizer) store.flags[slot] |= ObjectFlag.HasFinalizer;
    heap.track(slot);
    if (klass.finalizer) heap.strategy.finalizerRegistered?.(slot);
    return slot;
  }

  /** A function object holding references to `captured` (its closure, defaults, globals). */
  newFunction(captured: ArrayLike<number>): number {
    const slot = this.createObject(TypeId.Function, this.heap.sizes.functionBytes(), NO_ADDRESS);
    this.initRefs(slot, captured);
    this.heap.track(slot);
    return slot;
  }

  /**
   * A generator object holding references to `captured` (its frame's locals).
   * `onClose` runs when the generator is finalized (closed while suspended):
   * its `finally` blocks and `with` exits.
   */
  newGenerator(captured: ArrayLike<number>, onClose: (() => void) | undefined, frameSlots?: number): number {
    const slot = this.createObject(TypeId.Generator, this.heap.sizes.generatorBytes(frameSlots), NO_ADDRESS);
    this.initRefs(slot, captured);
    if (onClose) this.resources.setGeneratorCloser(slot, onClose);
    this.heap.track(slot);
    if (onClose) this.heap.strategy.finalizerRegistered?.(slot);
    return slot;
  }

  /** A closure cell holding `content` (or nothing). */
  newCell(content: number): number {
    const slot = this.createObject(TypeId.Cell, this.heap.sizes.cellBytes(), NO_ADDRESS);
    this.initRefs(slot, [content]);
    this.heap.track(slot);
    return slot;
  }

  /**
   * An object of a front end's native type (`klass` names it): `bytes` as `sys.getsizeof` reports
   * it, references to `refs`, a GC container (tracked at creation) when `gc`, never freed when
   * `isStatic` (a statically allocated type object, whose count is not kept).
   */
  newNative(klass: ClassInfo, bytes: number, refs: ArrayLike<number>, options: NativeOptions): number {
    const gc = options.gc ?? true;
    const isStatic = options.isStatic ?? false;
    const type = gc ? TypeId.Native : TypeId.NativeAtom;
    const slot = isStatic ? this.newStatic(type, bytes) : this.createObject(type, bytes, NO_ADDRESS);
    const store = this.heap.store;
    store.klass[slot] = klass.id;
    this.initRefs(slot, refs);
    if (klass.finalizer) store.flags[slot] |= ObjectFlag.HasFinalizer;
    if (gc && !isStatic) this.heap.track(slot);
    if (klass.finalizer && !isStatic) this.heap.strategy.finalizerRegistered?.(slot);
    if (options.released && !isStatic) this.resources.onRelease(slot, options.released);
    return slot;
  }

  /** Opens a (simulated) file: an open resource until closed or deallocated. */
  newFile(name: string, bufferBytes: number): number {
    const slot = this.createObject(TypeId.File, this.heap.sizes.fileBytes() + bufferBytes, NO_ADDRESS);
    this.heap.store.scalar[slot] = bufferBytes;
    this.resources.open(slot, name);
    this.heap.track(slot);
    this.heap.strategy.finalizerRegistered?.(slot);
    return slot;
  }
}
