/**
 * The runtime: the Python-flavoured API that users and workloads write
 * against. It reads like the Python it models:
 *
 * ```python
 * node1 = Node(1); node2 = Node(2)
 * node1.ref = node2; node2.ref = node1
 * del node1, node2
 * ```
 *
 * ```ts
 * const v = py.locals;
 * v.node1 = Node.new({ value: py.int(1) }); v.node2 = Node.new({ value: py.int(2) });
 * py.setattr(v.node1, 'ref', v.node2); py.setattr(v.node2, 'ref', v.node1);
 * py.del('node1', 'node2');
 * ```
 *
 * Handles returned by creating operations (`py.list()`, `Node.new()`, ...) are
 * *temporaries*, like values on CPython's value stack: the runtime holds them
 * until they are stored somewhere (a variable, a container, an attribute), and
 * releases a temporary that nothing took at the end of the next statement (a
 * binding, a mutation such as `append`, `del`, `collect`, a scope exit), or at
 * {@link Runtime.flushTemporaries}.
 * Reading operations (`getitem`, `getattr`) return borrowed handles: bind them
 * to a variable to keep them.
 *
 * @module
 */

import type { CollectionReason, EventOf, HeapEventKind, HeapEventListener } from '../events/events.js';
import {
  containerLength,
  deleteAttribute,
  dictClear,
  dictDelete,
  dictGet,
  dictHas,
  dictSet,
  getAttribute,
  hasAttribute,
  isList,
  listAppend,
  listClear,
  listDelete,
  listPop,
  listSet,
  PythonError,
  sequenceGet,
  setAdd,
  setAttribute,
  setDiscard,
  setHas,
} from '../heap/containers.js';
import { type ClassInfo, Heap } from '../heap/heap.js';
import { type Handle, NULL_REF, ObjectFlag } from '../heap/object-store.js';
import type { Namespace } from '../heap/roots.js';
import type { Allocator, AllocatorStats } from '../memory/allocator.js';
import { createPymalloc, createSystemAllocator } from '../memory/index.js';
import type { CPythonVersion } from '../objects/size-model.js';
import { TypeId } from '../objects/type-id.js';
import { noGC } from '../strategy/no-gc.js';
import type { Strategy, StrategyFactory } from '../strategy/strategy.js';

/**
 * Options for {@link createRuntime}.
 *
 * @example
 * ```ts
 * import { type RuntimeOptions, createRuntime } from '@pymm/core';
 * const options: RuntimeOptions = { version: '3.13', allocator: 'system', heapLimit: 1_000_000 };
 * const py = createRuntime(options);
 * py.heap.allocator.name; // 'system'
 * let error = '';
 * try {
 *   py.locals.blob = py.bytes(2_000_000);
 * } catch (e) {
 *   error = (e as Error).name;
 * }
 * error; // 'MemoryError'
 * ```
 */
export interface RuntimeOptions<S extends Strategy = Strategy> {
  /** The memory-management strategy (default: `noGC()`); the runtime creates its own instance. */
  readonly strategy?: StrategyFactory<S>;
  /** CPython version whose object sizes are modelled (default `3.11`). */
  readonly version?: CPythonVersion;
  /** Allocator model: `pymalloc` (default), `system`, or your own. */
  readonly allocator?: 'pymalloc' | 'system' | Allocator;
  /** Live bytes the program may hold before a simulated `MemoryError` (default: unlimited). */
  readonly heapLimit?: number;
}

/**
 * A scope's variables: read a name to get its handle, assign to bind, `delete` to unbind (`del`).
 *
 * @example
 * ```ts
 * import { type Variables, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const v: Variables = py.locals;
 * v.x = py.int(1);
 * v.y = py.str('two');
 * Object.keys(v); // ['x', 'y']
 * delete v.x; // del x
 * 'x' in v; // false
 * let error = '';
 * try {
 *   v.x;
 * } catch (e) {
 *   error = (e as Error).message;
 * }
 * error; // "NameError: name 'x' is not defined"
 * ```
 */
export type Variables = Record<string, Handle>;

/**
 * A value a creating operation accepts in place of a handle: converted like a Python literal.
 *
 * @example
 * ```ts
 * import { type PyValue, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const items: PyValue[] = [py.float(0.5), { int: 1 }, { str: 'two' }, null, true];
 * py.locals.xs = py.list(items);
 * [0, 1, 2, 3, 4].map((i) => py.type(py.getitem(py.locals.xs, i))); // ['float', 'int', 'str', 'NoneType', 'bool']
 * ```
 */
export type PyValue = Handle | PyLiteral;

/**
 * JavaScript values with a Python literal meaning: `{ int: n }`, `{ str: s }`, `null` (`None`),
 * `true` and `false`.
 *
 * @example
 * ```ts
 * import { type PyLiteral, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const key: PyLiteral = { str: 'answer' };
 * py.locals.d = py.dict([[key, { int: 42 }]]);
 * py.value(py.getitem(py.locals.d, key)); // 42
 * py.is(py.getitem(py.locals.d, key), py.int(42)); // true: small ints are cached
 * ```
 */
export type PyLiteral = { readonly int: number | bigint } | { readonly str: string } | null | boolean;

/**
 * Attributes to set on a new instance.
 *
 * @example
 * ```ts
 * import { type Attributes, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const Person = py.class('Person');
 * const attributes: Attributes = { name: py.str('Ada'), born: py.int(1815) };
 * py.locals.ada = Person.new(attributes);
 * py.value(py.getattr(py.locals.ada, 'name')); // 'Ada'
 * ```
 */
export type Attributes = Record<string, Handle>;

/**
 * A user class, as returned by {@link Runtime.class}.
 *
 * @example
 * ```ts
 * import { type PyClass, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const Node: PyClass = py.class('Node');
 * py.locals.n = Node.new({ value: py.int(1) });
 * py.type(py.locals.n); // 'Node'
 * Node.info.attributeNames; // ['value']
 * ```
 */
export interface PyClass {
  /** The class's name. */
  readonly name: string;
  /** The heap's description of the class. */
  readonly info: ClassInfo;
  /** Creates an instance (a temporary), setting the given attributes, like `Node(...)`. */
  new: (attributes?: Attributes) => Handle;
}

/**
 * Options for {@link Runtime.class}.
 *
 * @example
 * ```ts
 * import { type ClassOptions, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const point: ClassOptions = { slots: ['x', 'y'] };
 * py.locals.p = py.class('Point', point).new({ x: py.int(1), y: py.int(2) });
 * py.sizeof(py.locals.p); // 48, without a __dict__
 * const stack: ClassOptions = { base: 'list' };
 * py.locals.s = py.class('Stack', stack).new();
 * py.isList(py.locals.s); // true
 * const closing: ClassOptions = { del: (self) => py.close(py.getattr(self, 'file')) };
 * py.class('Handle', closing).info.finalizer !== null; // true
 * ```
 */
export interface ClassOptions {
  /** `__slots__`: instances have exactly these attributes and no `__dict__` (and no weak references). */
  readonly slots?: readonly string[];
  /** `__del__`: called once when the instance is about to be freed; it may resurrect it. */
  readonly del?: (self: Handle) => void;
  /** Build on `list` instead of `object` (a list subclass). */
  readonly base?: 'object' | 'list';
}

/**
 * What {@link Runtime.memory} reports.
 *
 * @example
 * ```ts
 * import { type MemoryReport, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const before: MemoryReport = py.memory();
 * py.locals.xs = py.list();
 * py.locals.f = py.open('data.txt');
 * const after: MemoryReport = py.memory();
 * after.liveBytes - before.liveBytes; // 120: the list (56) and the file object (64)
 * after.openFiles; // 1
 * after.allocator.heldBytes > 0; // true: pymalloc took an arena
 * ```
 */
export interface MemoryReport {
  /** Live objects. */
  readonly objects: number;
  /** Bytes in live objects (sum of `sys.getsizeof`). */
  readonly liveBytes: number;
  /** Highest `liveBytes` so far. */
  readonly peakLiveBytes: number;
  /** The allocator's view: held bytes, arenas, fragmentation. */
  readonly allocator: AllocatorStats;
  /** Files open now. */
  readonly openFiles: number;
}

/**
 * Creates a simulated Python runtime.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * py.locals.xs = py.list([py.int(1), py.int(2)]);
 * py.len(py.locals.xs); // 2
 * ```
 */
export function createRuntime<S extends Strategy = Strategy>(options: RuntimeOptions<S> = {}): Runtime<S> {
  return new Runtime(options);
}

/**
 * A simulated Python program's runtime: objects, variables, scopes, context
 * managers, weak references, finalizers and `gc.collect()`.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const Node = py.class('Node');
 * const v = py.locals;
 * v.node1 = Node.new({ value: py.int(1) });
 * v.node2 = Node.new({ value: py.int(2) });
 * py.setattr(v.node1, 'ref', v.node2);
 * py.setattr(v.node2, 'ref', v.node1);
 * py.del('node1', 'node2');
 * ```
 */
export class Runtime<S extends Strategy = Strategy> {
  /** The simulated heap (for strategies, verifiers and reports). */
  readonly heap: Heap;
  /** The strategy instance serving this runtime's heap (created from the factory in the options). */
  readonly strategy: S;
  /** `None`. */
  readonly None: Handle;
  /** `True`. */
  readonly True: Handle;
  /** `False`. */
  readonly False: Handle;
  /** Module globals: `py.globals.cache = ...`. */
  readonly globals: Variables;

  private readonly frameProxies: Variables[] = [];
  private depth = 0;
  private tempOp = new Int32Array(64);

  constructor(options: RuntimeOptions<S> = {}) {
    const allocator =
      typeof options.allocator === 'object'
        ? options.allocator
        : options.allocator === 'system'
          ? createSystemAllocator()
          : createPymalloc();
    this.heap = new Heap((options.strategy ?? noGC()) as StrategyFactory, {
      allocator,
      version: options.version ?? '3.11',
      heapLimit: options.heapLimit,
    });
    this.strategy = this.heap.strategy as S;
    const store = this.heap.store;
    this.None = store.handleOf(this.heap.none);
    this.True = store.handleOf(this.heap.true);
    this.False = store.handleOf(this.heap.false);
    this.globals = this.variables(this.heap.roots.globals);
    this.frameProxies.push(this.variables(this.heap.roots.pushFrame('<module>')));
  }

  /** The innermost frame's variables (the module frame when no function is running). */
  get locals(): Variables {
    return this.frameProxies[this.frameProxies.length - 1];
  }

  /** The active strategy's name. */
  get strategyName(): string {
    return this.heap.strategy.name;
  }

  /** Operations run so far (each top-level runtime call is one). */
  get operation(): number {
    return this.heap.operation;
  }

  // ---------------------------------------------------------------------------
  // Operations and temporaries

  /**
   * Runs one runtime operation and counts it. A *statement* (a binding, a
   * mutation, `del`, `collect`, a scope exit) ends by releasing the temporaries
   * that earlier operations created and nothing took; creating operations never
   * do, because they are the arguments of the statement still being built.
   */
  private op<T>(name: string, body: () => T, statement = false): T {
    if (this.depth > 0) return body();
    this.depth++;
    this.heap.operation++;
    this.mix(name);
    try {
      return body();
    } finally {
      // Still inside the operation: whatever the safepoint runs (a collection's
      // finalizers and callbacks) is nested work, not an operation of the program.
      try {
        this.heap.strategy.safepoint?.();
        // Also still inside: finalizers that releasing a temporary runs are nested work.
        if (statement) this.releaseTemporaries(this.heap.operation);
      } finally {
        this.depth--;
      }
    }
  }

  private statement<T>(name: string, body: () => T): T {
    return this.op(name, body, true);
  }

  /** FNV-1a over the names of top-level operations and the types of the objects they create. */
  private fingerprintHash = 0x811c9dc5;

  /** Literal values count too, but only at the top level (not inside finalizers). */
  private mixLiteral(text: string): void {
    if (this.depth === 0) this.mix(text);
  }

  private mix(text: string): void {
    let h = this.fingerprintHash;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    this.fingerprintHash = h >>> 0;
  }

  /**
   * A fingerprint of the operation stream so far: the sequence of top-level
   * operations and the types of the objects they created. It does not depend
   * on the strategy, so identical workloads give identical fingerprints under
   * every strategy (operations run by finalizers are not counted).
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * const a = createRuntime();
   * const b = createRuntime();
   * a.locals.x = a.list();
   * b.locals.x = b.list();
   * a.fingerprint === b.fingerprint; // true
   * ```
   */
  get fingerprint(): string {
    return this.fingerprintHash.toString(16).padStart(8, '0');
  }

  /** Makes a new object's creation reference a temporary and returns its handle. */
  private temporary(slot: number): Handle {
    const roots = this.heap.roots;
    if (roots.temporaryCount === roots.temporaries.length) {
      const size = roots.temporaries.length * 2;
      const t = new Int32Array(size);
      t.set(roots.temporaries);
      roots.temporaries = t;
      const o = new Int32Array(size);
      o.set(this.tempOp);
      this.tempOp = o;
    }
    if (this.depth <= 1) this.mix(this.heap.typeNameOf(slot));
    this.heap.incref(slot);
    roots.temporaries[roots.temporaryCount] = slot;
    this.tempOp[roots.temporaryCount] = this.heap.operation;
    roots.temporaryCount++;
    return this.heap.store.handleOf(slot);
  }

  /** A stored value that was a temporary is no longer one: its temporary reference is dropped. */
  private consumed(slot: number): void {
    const roots = this.heap.roots;
    for (let i = roots.temporaryCount - 1; i >= 0; i--) {
      if (roots.temporaries[i] === slot) {
        roots.temporaries[i] = NULL_REF;
        this.heap.decref(slot);
        return;
      }
    }
  }

  /** Releases temporaries created before operation `current`. */
  private releaseTemporaries(current: number): void {
    const roots = this.heap.roots;
    let stale = 0;
    while (stale < roots.temporaryCount && this.tempOp[stale] < current) stale++;
    if (stale === 0) return;
    // Take the stale temporaries out first, then drop their references as nested work: a
    // finalizer that runs may bind variables or create temporaries (even flush), and must
    // see the list already without them.
    const released = roots.temporaries.slice(0, stale);
    const count = roots.temporaryCount;
    roots.temporaries.copyWithin(0, stale, count);
    this.tempOp.copyWithin(0, stale, count);
    roots.temporaryCount = count - stale;
    this.depth++;
    try {
      for (let i = 0; i < stale; i++) if (released[i] !== NULL_REF) this.heap.decref(released[i]);
    } finally {
      this.depth--;
    }
  }

  /**
   * Releases every temporary now: values that nothing took are freed at once
   * (reference counting) instead of by the end of the next operation.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * const py = createRuntime();
   * py.list();              // a temporary nobody keeps
   * py.flushTemporaries();  // released now
   * ```
   */
  flushTemporaries(): void {
    // Finalizers run by the release may create temporaries of their own: release those too.
    for (let pass = 0; pass < 1000 && this.heap.roots.temporaryCount > 0; pass++) {
      this.releaseTemporaries(Number.MAX_SAFE_INTEGER);
    }
  }

  private slot(handle: Handle, operation: string): number {
    return this.heap.store.slotOf(handle, operation);
  }

  private slotOfValue(value: PyValue, operation: string): number {
    if (typeof value === 'number') return this.slot(value, operation);
    if (value === null) return this.heap.none;
    if (value === true) return this.heap.true;
    if (value === false) return this.heap.false;
    if ('int' in value) return this.slot(this.int(value.int), operation);
    return this.slot(this.str(value.str), operation);
  }

  // ---------------------------------------------------------------------------
  // Variables and scopes

  private variables(ns: Namespace): Variables {
    return new Proxy({} as Variables, {
      get: (_target, name) => {
        if (typeof name !== 'string' || name === 'then') return undefined;
        const index = ns.indexOf(name, false);
        const slot = index < 0 ? NULL_REF : ns.values[index];
        if (slot === NULL_REF) throw new PythonError('NameError', `name '${name}' is not defined`);
        return this.heap.store.handleOf(slot);
      },
      set: (_target, name, handle) => {
        if (typeof name !== 'string') return false;
        this.statement('bind', () => {
          const slot = this.slot(handle as Handle, `${name} = ...`);
          this.heap.setRoot(ns, ns.indexOf(name, true), slot);
          this.consumed(slot);
        });
        return true;
      },
      deleteProperty: (_target, name) => {
        if (typeof name !== 'string') return false;
        this.statement('unbind', () => {
          const index = ns.indexOf(name, false);
          if (index < 0 || ns.values[index] === NULL_REF) {
            throw new PythonError('NameError', `name '${name}' is not defined`);
          }
          this.heap.setRoot(ns, index, NULL_REF);
        });
        return true;
      },
      has: (_target, name) => {
        if (typeof name !== 'string') return false;
        const index = ns.indexOf(name, false);
        return index >= 0 && ns.values[index] !== NULL_REF;
      },
      ownKeys: () => ns.boundNames(),
      getOwnPropertyDescriptor: (_target, name) => {
        if (typeof name !== 'string') return undefined;
        const index = ns.indexOf(name, false);
        if (index < 0 || ns.values[index] === NULL_REF) return undefined;
        return {
          configurable: true,
          enumerable: true,
          writable: true,
          value: this.heap.store.handleOf(ns.values[index]),
        };
      },
    });
  }

  /**
   * `del a, b`: unbinds local variables, in order.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * const py = createRuntime();
   * py.locals.a = py.list();
   * py.del('a');
   * 'a' in py.locals; // false
   * ```
   */
  del(...names: string[]): void {
    for (const name of names) delete this.locals[name];
  }

  /**
   * Calls a function: runs `body` in a new frame whose variables die when it
   * returns (in CPython's order: first to last). A handle that `body` returns
   * survives as a temporary of the caller.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * const py = createRuntime();
   * py.locals.result = py.call('make', (v) => {
   *   v.tmp = py.list();           // dies at return
   *   return py.tuple([py.int(7)]); // survives
   * });
   * ```
   */
  call<T>(label: string, body: (locals: Variables) => T): T {
    const frame = this.heap.roots.pushFrame(label);
    const proxy = this.variables(frame);
    this.frameProxies.push(proxy);
    let result: T | undefined;
    let returned: number = NULL_REF;
    try {
      result = body(proxy);
      if (typeof result === 'number' && this.heap.store.isAlive(result)) {
        returned = this.slot(result, 'return');
      }
    } finally {
      this.statement('call', () => {
        if (returned !== NULL_REF) this.temporary(returned);
        this.frameProxies.pop();
        const roots = this.heap.roots;
        roots.frames.pop();
        for (let i = 0; i < frame.length; i++) {
          if (frame.values[i] !== NULL_REF) this.heap.setRoot(frame, i, NULL_REF);
        }
      });
    }
    return result as T;
  }

  /**
   * A `with` block: runs `body` with the resource, then closes it on exit, even
   * when `body` throws (the context manager's `__exit__`).
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * const py = createRuntime();
   * py.with(py.open('data.txt'), (f) => {
   *   py.isOpen(f); // true
   * });
   * py.heap.openFileCount; // 0
   * ```
   */
  with<T>(resource: Handle, body: (resource: Handle) => T): T {
    const slot = this.slot(resource, 'with');
    this.op('with', () => {
      this.heap.roots.external.set(slot, (this.heap.roots.external.get(slot) ?? 0) + 1);
      this.heap.incref(slot);
      this.consumed(slot);
    });
    try {
      return body(resource);
    } finally {
      this.statement('with', () => {
        this.heap.closeFile(slot, 'with');
        this.dropExternal(slot);
      });
    }
  }

  /**
   * Keeps an object alive from outside the program (an external root), until
   * {@link Runtime.release}.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * const py = createRuntime();
   * const xs = py.keep(py.list());
   * py.release(xs);
   * ```
   */
  keep(handle: Handle): Handle {
    return this.statement('keep', () => {
      const slot = this.slot(handle, 'keep');
      this.heap.roots.external.set(slot, (this.heap.roots.external.get(slot) ?? 0) + 1);
      this.heap.incref(slot);
      this.consumed(slot);
      return handle;
    });
  }

  /** Drops one external reference taken by {@link Runtime.keep}. */
  release(handle: Handle): void {
    this.statement('release', () => this.dropExternal(this.slot(handle, 'release')));
  }

  private dropExternal(slot: number): void {
    const count = this.heap.roots.external.get(slot) ?? 0;
    if (count === 0) throw new Error(`release: ${this.heap.describe(slot)} was not kept`);
    if (count === 1) this.heap.roots.external.delete(slot);
    else this.heap.roots.external.set(slot, count - 1);
    this.heap.decref(slot);
  }

  // ---------------------------------------------------------------------------
  // Creating objects

  /** `n` (a cached small int for -5..256). */
  int(value: number | bigint): Handle {
    this.mixLiteral(String(value));
    return this.op('int', () => this.temporary(this.heap.newInt(value)));
  }

  /** A float. */
  float(value: number): Handle {
    this.mixLiteral(String(value));
    return this.op('float', () => this.temporary(this.heap.newFloat(value)));
  }

  /** A str built at run time (`intern: true` shares one object per text, like identifier constants). */
  str(text: string, options: { intern?: boolean } = {}): Handle {
    this.mixLiteral(text);
    return this.op('str', () => this.temporary(this.heap.newStr(text, options.intern ?? false)));
  }

  /** `bytes` of `length` bytes. */
  bytes(length: number): Handle {
    this.mixLiteral(String(length));
    return this.op('bytes', () => this.temporary(this.heap.newBytes(length)));
  }

  /** `bytearray(length)`. */
  bytearray(length: number): Handle {
    this.mixLiteral(String(length));
    return this.op('bytearray', () => this.temporary(this.heap.newByteArray(length)));
  }

  /** `memoryview(obj)`: a view that shares `obj`'s memory (no copy) and keeps it alive. */
  memoryview(target: Handle): Handle {
    return this.op('memoryview', () => {
      const slot = this.slot(target, 'memoryview');
      const view = this.heap.newMemoryView(slot);
      this.consumed(slot);
      return this.temporary(view);
    });
  }

  /** A tuple of the given items. */
  tuple(items: readonly PyValue[] = []): Handle {
    return this.op('tuple', () => {
      const slots = items.map((item) => this.slotOfValue(item, 'tuple'));
      const tuple = this.heap.newTuple(slots);
      for (const s of slots) this.consumed(s);
      return this.temporary(tuple);
    });
  }

  /** A list of the given items (`[a, b, c]`). */
  list(items: readonly PyValue[] = []): Handle {
    return this.op('list', () => {
      const slots = items.map((item) => this.slotOfValue(item, 'list'));
      const list = this.heap.newList(slots.length);
      const temp = this.temporary(list);
      for (const s of slots) {
        listAppend(this.heap, list, s);
        this.consumed(s);
      }
      return temp;
    });
  }

  /** A dict of the given `[key, value]` entries. */
  dict(entries: readonly (readonly [PyValue, PyValue])[] = []): Handle {
    return this.op('dict', () => {
      const dict = this.heap.newDict();
      const temp = this.temporary(dict);
      for (const [k, v] of entries) {
        const key = this.slotOfValue(k, 'dict');
        const value = this.slotOfValue(v, 'dict');
        dictSet(this.heap, dict, key, value);
        this.consumed(key);
        this.consumed(value);
      }
      return temp;
    });
  }

  /** A set of the given members. */
  set(members: readonly PyValue[] = []): Handle {
    return this.op('set', () => this.buildSet(members, false));
  }

  /** A frozenset of the given members. */
  frozenset(members: readonly PyValue[] = []): Handle {
    return this.op('frozenset', () => this.buildSet(members, true));
  }

  private buildSet(members: readonly PyValue[], frozen: boolean): Handle {
    const set = this.heap.newSet(frozen);
    const temp = this.temporary(set);
    for (const m of members) {
      const key = this.slotOfValue(m, 'set');
      setAdd(this.heap, set, key);
      this.consumed(key);
    }
    return temp;
  }

  /**
   * Defines a class. Instances have a `__dict__` unless `slots` is given; `del`
   * is the class's `__del__`.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * const py = createRuntime();
   * const Point = py.class('Point', { slots: ['x', 'y'] });
   * py.locals.p = Point.new({ x: py.int(1), y: py.int(2) });
   * py.sizeof(py.locals.p); // 48
   * ```
   */
  class(name: string, options: ClassOptions = {}): PyClass {
    const info = this.heap.defineClass({
      name,
      base: options.base,
      slots: options.slots ?? (options.base === 'list' ? [] : null),
      finalizer: options.del ?? null,
    });
    return { name, info, new: (attributes) => this.new(info, attributes) };
  }

  /** Creates an instance of a class (a temporary) with the given attributes. */
  new(klass: ClassInfo | PyClass, attributes: Attributes = {}): Handle {
    const info = 'info' in klass ? klass.info : klass;
    return this.op('new', () => {
      const obj = this.heap.newInstance(info);
      const temp = this.temporary(obj);
      for (const [name, value] of Object.entries(attributes)) {
        const slot = this.slot(value, `${info.name}.${name}`);
        setAttribute(this.heap, obj, name, slot);
        this.consumed(slot);
      }
      return temp;
    });
  }

  /** A function object that captures the given objects (closure cells, defaults). */
  function(captured: readonly Handle[] = []): Handle {
    return this.op('function', () => {
      const slots = captured.map((h) => this.slot(h, 'function'));
      const fn = this.heap.newFunction(slots);
      for (const s of slots) this.consumed(s);
      return this.temporary(fn);
    });
  }

  /**
   * A generator object holding the given objects in its suspended frame.
   * `onClose` runs when it is closed by finalization (its `finally` blocks and
   * `with` exits), for example closing a file it had open.
   */
  generator(captured: readonly Handle[] = [], onClose?: () => void): Handle {
    return this.op('generator', () => {
      const slots = captured.map((h) => this.slot(h, 'generator'));
      const gen = this.heap.newGenerator(slots, onClose);
      for (const s of slots) this.consumed(s);
      return this.temporary(gen);
    });
  }

  /**
   * `open(name)`: a file object, open until `close`, the end of a `with` block,
   * or its deallocation. `buffer` is the size of its I/O buffer in bytes.
   */
  open(name: string, options: { buffer?: number } = {}): Handle {
    this.mixLiteral(name);
    return this.op('open', () => this.temporary(this.heap.newFile(name, options.buffer ?? 0)));
  }

  /** `f.close()`. */
  close(file: Handle): void {
    this.statement('close', () => {
      const slot = this.slot(file, 'close');
      if (this.heap.store.type[slot] !== TypeId.File) {
        throw new PythonError(
          'AttributeError',
          `'${this.heap.typeNameOf(slot)}' object has no attribute 'close'`,
        );
      }
      this.heap.closeFile(slot, 'close');
    });
  }

  /** Whether a file is still open. */
  isOpen(file: Handle): boolean {
    return (this.heap.store.flags[this.slot(file, 'isOpen')] & ObjectFlag.Open) !== 0;
  }

  /**
   * `weakref.ref(obj, callback)`: a weak reference that does not keep `obj`
   * alive; `callback(ref)` runs when `obj` dies.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * // With noGC nothing is freed; with a reference-counting strategy the referent dies at del.
   * const py = createRuntime();
   * const Thing = py.class('Thing');
   * py.locals.t = Thing.new();
   * py.locals.r = py.weakref(py.locals.t);
   * py.deref(py.locals.r) === py.locals.t; // true
   * ```
   */
  weakref(target: Handle, callback?: (ref: Handle) => void): Handle {
    return this.op('weakref', () => {
      const slot = this.slot(target, 'weakref');
      return this.temporary(this.heap.newWeakref(slot, callback));
    });
  }

  /** Calls a weak reference: its referent, or `None` once it died. */
  deref(ref: Handle): Handle {
    const slot = this.slot(ref, 'deref');
    return this.heap.store.handleOf(this.heap.weakrefTarget(slot));
  }

  // ---------------------------------------------------------------------------
  // Operations on objects

  /** `xs.append(x)`. */
  append(list: Handle, item: PyValue): void {
    this.statement('append', () => {
      const l = this.slot(list, 'append');
      const x = this.slotOfValue(item, 'append');
      listAppend(this.heap, l, x);
      this.consumed(x);
    });
  }

  /** `c[key]` for lists and tuples (integer index) and dicts (any key): a borrowed handle. */
  getitem(container: Handle, key: PyValue | number): Handle {
    return this.op('getitem', () => {
      const c = this.slot(container, 'getitem');
      let found: number;
      if (this.heap.store.type[c] === TypeId.Dict) {
        found = dictGet(this.heap, c, this.keySlot(key));
      } else {
        found = sequenceGet(this.heap, c, this.indexOf(key));
      }
      return this.heap.store.handleOf(found);
    });
  }

  /** `c[key] = value`. */
  setitem(container: Handle, key: PyValue | number, value: PyValue): void {
    this.statement('setitem', () => {
      const c = this.slot(container, 'setitem');
      const v = this.slotOfValue(value, 'setitem');
      if (this.heap.store.type[c] === TypeId.Dict) {
        const k = this.keySlot(key);
        dictSet(this.heap, c, k, v);
        this.consumed(k);
      } else {
        listSet(this.heap, c, this.indexOf(key), v);
      }
      this.consumed(v);
    });
  }

  /** `del c[key]`. */
  delitem(container: Handle, key: PyValue | number): void {
    this.statement('delitem', () => {
      const c = this.slot(container, 'delitem');
      if (this.heap.store.type[c] === TypeId.Dict) dictDelete(this.heap, c, this.keySlot(key));
      else listDelete(this.heap, c, this.indexOf(key));
    });
  }

  /** `key in c` for dicts and sets. */
  contains(container: Handle, key: PyValue | number): boolean {
    const c = this.slot(container, 'contains');
    const type = this.heap.store.type[c];
    if (type === TypeId.Dict) return dictHas(this.heap, c, this.keySlot(key));
    return setHas(this.heap, c, this.keySlot(key));
  }

  private keySlot(key: PyValue | number): number {
    if (typeof key === 'number' && !this.heap.store.isAlive(key)) {
      throw new TypeError('a dict key must be a handle or a literal ({ int: n } / { str: s })');
    }
    return this.slotOfValue(key, 'key');
  }

  private indexOf(key: PyValue | number): number {
    if (typeof key === 'number') return key;
    if (key !== null && typeof key === 'object' && 'int' in key) return Number(key.int);
    throw new PythonError('TypeError', 'list indices must be integers');
  }

  /** `xs.pop(index)`: removes the item and returns it as a temporary. */
  pop(list: Handle, index = -1): Handle {
    return this.op('pop', () => {
      const removed = listPop(this.heap, this.slot(list, 'pop'), index);
      const temp = this.temporary(removed);
      this.heap.decref(removed);
      return temp;
    });
  }

  /** `c.clear()` for lists and dicts. */
  clear(container: Handle): void {
    this.statement('clear', () => {
      const c = this.slot(container, 'clear');
      if (this.heap.store.type[c] === TypeId.Dict) dictClear(this.heap, c);
      else listClear(this.heap, c);
    });
  }

  /** `s.add(x)`. */
  add(set: Handle, member: PyValue): void {
    this.statement('add', () => {
      const m = this.slotOfValue(member, 'add');
      setAdd(this.heap, this.slot(set, 'add'), m);
      this.consumed(m);
    });
  }

  /** `s.discard(x)`. */
  discard(set: Handle, member: PyValue): void {
    this.statement('discard', () => {
      const m = this.slotOfValue(member, 'discard');
      setDiscard(this.heap, this.slot(set, 'discard'), m);
    });
  }

  /** `len(c)`. */
  len(container: Handle): number {
    return containerLength(this.heap, this.slot(container, 'len'));
  }

  /** `obj.name = value`. */
  setattr(obj: Handle, name: string, value: PyValue): void {
    this.statement('setattr', () => {
      const v = this.slotOfValue(value, 'setattr');
      setAttribute(this.heap, this.slot(obj, 'setattr'), name, v);
      this.consumed(v);
    });
  }

  /** `obj.name`: a borrowed handle. */
  getattr(obj: Handle, name: string): Handle {
    return this.heap.store.handleOf(getAttribute(this.heap, this.slot(obj, 'getattr'), name));
  }

  /** `hasattr(obj, name)`. */
  hasattr(obj: Handle, name: string): boolean {
    return hasAttribute(this.heap, this.slot(obj, 'hasattr'), name);
  }

  /** `del obj.name`. */
  delattr(obj: Handle, name: string): void {
    this.statement('delattr', () => deleteAttribute(this.heap, this.slot(obj, 'delattr'), name));
  }

  // ---------------------------------------------------------------------------
  // Introspection

  /** `sys.getsizeof(obj)`. */
  sizeof(obj: Handle): number {
    return this.heap.store.sizeof[this.slot(obj, 'sizeof')];
  }

  /** The object's reference count (`sys.getrefcount(obj) - 1`), or 0 when counts are not kept. */
  refcount(obj: Handle): number {
    return this.heap.store.refcount[this.slot(obj, 'refcount')];
  }

  /** `type(obj).__name__`. */
  type(obj: Handle): string {
    return this.heap.typeNameOf(this.slot(obj, 'type'));
  }

  /** `a is b`. */
  is(a: Handle, b: Handle): boolean {
    return this.slot(a, 'is') === this.slot(b, 'is');
  }

  /** Whether a handle still names a live object. */
  isAlive(obj: Handle): boolean {
    return this.heap.store.isAlive(obj);
  }

  /** Whether the object is a list (or a list subclass). */
  isList(obj: Handle): boolean {
    return isList(this.heap, this.slot(obj, 'isList'));
  }

  /** The JavaScript value of an int, float, bool, str or None. */
  value(obj: Handle): number | string | boolean | null {
    const slot = this.slot(obj, 'value');
    const store = this.heap.store;
    switch (store.type[slot]) {
      case TypeId.None:
        return null;
      case TypeId.Bool:
        return store.scalar[slot] === 1;
      case TypeId.Int:
      case TypeId.Float:
        return store.scalar[slot];
      case TypeId.Str:
        return store.text.get(slot)!;
      default:
        throw new PythonError('TypeError', `value: ${this.heap.typeNameOf(slot)} has no scalar value`);
    }
  }

  /**
   * `gc.collect(generation)`: runs the strategy's collection and returns the
   * number of unreachable objects found (0 for strategies without a collector).
   */
  collect(generation = 2, reason: CollectionReason = 'explicit'): number {
    if (!Number.isInteger(generation) || generation < 0 || generation > 2) {
      throw new PythonError('ValueError', 'invalid generation');
    }
    return this.statement('collect', () => this.heap.strategy.collect(generation, reason));
  }

  /** Attributes the objects that `body` allocates to an allocation site (tracemalloc-style). */
  at<T>(site: string, body: () => T): T {
    const previous = this.heap.site;
    this.heap.site = site;
    try {
      return body();
    } finally {
      this.heap.site = previous;
    }
  }

  /** Subscribes to heap events; returns an unsubscribe function. */
  on<K extends HeapEventKind>(kind: K, listener: HeapEventListener<K>): () => void {
    return this.heap.events.on(kind, listener as (e: EventOf<K>) => void);
  }

  /** Memory in use now: objects, live and peak bytes, and the allocator's view. */
  memory(): MemoryReport {
    return {
      objects: this.heap.store.liveCount,
      liveBytes: this.heap.liveBytes,
      peakLiveBytes: this.heap.peakLiveBytes,
      allocator: this.heap.allocator.stats(),
      openFiles: this.heap.openFileCount,
    };
  }
}
