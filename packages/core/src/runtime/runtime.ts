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

import type { CollectionReason, HeapEventKind, HeapEventListener } from '../events/events.js';
import type { ClassInfo } from '../heap/class-registry.js';
import { Heap } from '../heap/heap.js';
import type { Handle } from '../heap/object-store.js';
import type { Allocator } from '../memory/allocator.js';
import { createPymalloc, createSystemAllocator } from '../memory/index.js';
import type { CPythonVersion } from '../objects/size-model.js';
import { noGC } from '../strategy/no-gc.js';
import type { Strategy, StrategyFactory } from '../strategy/strategy.js';
import { newFunction, newGenerator } from './callables.js';
import {
  type Attributes,
  type ClassOptions,
  defineClass,
  delattr,
  getattr,
  hasattr,
  newInstance,
  type PyClass,
  setattr,
} from './classes.js';
import * as containers from './container-operations.js';
import * as gc from './gc-facade.js';
import type { MemoryReport } from './introspection.js';
import * as introspection from './introspection.js';
import { OperationContext } from './operation-context.js';
import * as resources from './resources.js';
import { Scopes, type Variables } from './scopes.js';
import type { PyValue } from './values.js';
import * as values from './values.js';
import { deref, weakref } from './weakrefs.js';

export type { Attributes, ClassOptions, PyClass } from './classes.js';
export type { MemoryReport } from './introspection.js';
export type { Variables } from './scopes.js';
export type { PyLiteral, PyValue } from './values.js';

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
export interface RuntimeOptions<F extends StrategyFactory = StrategyFactory> {
  /** The memory-management strategy (default: `noGC()`); the runtime creates its own instance. */
  readonly strategy?: F;
  /** CPython version whose object sizes are modelled (default `3.11`). */
  readonly version?: CPythonVersion;
  /** Allocator model: `pymalloc` (default), `system`, or your own. */
  readonly allocator?: 'pymalloc' | 'system' | Allocator;
  /** Live bytes the program may hold before a simulated `MemoryError` (default: unlimited). */
  readonly heapLimit?: number;
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
export function createRuntime<F extends StrategyFactory = StrategyFactory>(
  options: RuntimeOptions<F> = {},
): Runtime<ReturnType<F['create']>> {
  return new Runtime(options) as Runtime<ReturnType<F['create']>>;
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
/** The allocator a runtime's options ask for: the model given, or a new one by name. */
function allocatorFor(choice: RuntimeOptions['allocator']): Allocator {
  if (typeof choice === 'object') return choice;
  return choice === 'system' ? createSystemAllocator() : createPymalloc();
}

/**
 * A simulated Python program's runtime: objects, variables, scopes, context
 * managers, weak references, finalizers and `gc.collect()`. Each member
 * delegates to the module of its concept (values, containers, classes and
 * attributes, callables, weak references, resources, scopes, introspection,
 * the `gc` facade), all working through one `OperationContext`.
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
  /** The strategy instance serving this runtime's heap, created from the factory in the options. */
  readonly strategy: S;
  /** `None`. */
  readonly None: Handle;
  /** `True`. */
  readonly True: Handle;
  /** `False`. */
  readonly False: Handle;
  /** Module globals: `py.globals.cache = ...`. */
  readonly globals: Variables;

  private readonly cx: OperationContext;
  private readonly scopes: Scopes;

  constructor(options: RuntimeOptions<StrategyFactory<S>> = {}) {
    this.heap = new Heap((options.strategy ?? noGC()) as StrategyFactory, {
      allocator: allocatorFor(options.allocator),
      version: options.version ?? '3.11',
      heapLimit: options.heapLimit,
    });
    this.strategy = this.heap.strategy as S;
    const store = this.heap.store;
    this.None = store.handleOf(this.heap.none);
    this.True = store.handleOf(this.heap.true);
    this.False = store.handleOf(this.heap.false);
    this.cx = new OperationContext(this.heap);
    this.scopes = new Scopes(this.cx);
    this.globals = this.scopes.globals;
  }

  /** The innermost frame's variables (the module frame when no function is running). */
  get locals(): Variables {
    return this.scopes.locals;
  }

  /** The active strategy's name. */
  get strategyName(): string {
    return this.heap.strategy.name;
  }

  /** Operations run so far (each top-level runtime call is one). */
  get operation(): number {
    return this.heap.operation;
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
    return this.cx.fingerprint.hex;
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
    this.cx.flushTemporaries();
  }

  // ---------------------------------------------------------------------------
  // Variables and scopes

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
    this.scopes.del(names);
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
    return this.scopes.call(label, body);
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
    return resources.withResource(this.cx, resource, body);
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
    return resources.keep(this.cx, handle);
  }

  /** Drops one external reference taken by {@link Runtime.keep}. */
  release(handle: Handle): void {
    resources.release(this.cx, handle);
  }

  // ---------------------------------------------------------------------------
  // Creating objects

  /** `n` (a cached small int for -5..256). */
  int(value: number | bigint): Handle {
    return values.int(this.cx, value);
  }

  /** A float. */
  float(value: number): Handle {
    return values.float(this.cx, value);
  }

  /** A str built at run time (`intern: true` shares one object per text, like identifier constants). */
  str(text: string, options: { intern?: boolean } = {}): Handle {
    return values.str(this.cx, text, options.intern ?? false);
  }

  /** `bytes` of `length` bytes. */
  bytes(length: number): Handle {
    return values.bytes(this.cx, length);
  }

  /** `bytearray(length)`. */
  bytearray(length: number): Handle {
    return values.bytearray(this.cx, length);
  }

  /** `memoryview(obj)`: a view that shares `obj`'s memory (no copy) and keeps it alive. */
  memoryview(target: Handle): Handle {
    return values.memoryview(this.cx, target);
  }

  /** A tuple of the given items. */
  tuple(items: readonly PyValue[] = []): Handle {
    return values.tuple(this.cx, items);
  }

  /** A list of the given items (`[a, b, c]`). */
  list(items: readonly PyValue[] = []): Handle {
    return containers.list(this.cx, items);
  }

  /** A dict of the given `[key, value]` entries. */
  dict(entries: readonly (readonly [PyValue, PyValue])[] = []): Handle {
    return containers.dict(this.cx, entries);
  }

  /** A set of the given members. */
  set(members: readonly PyValue[] = []): Handle {
    return containers.set(this.cx, members, false);
  }

  /** A frozenset of the given members. */
  frozenset(members: readonly PyValue[] = []): Handle {
    return containers.set(this.cx, members, true);
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
    return defineClass(this.cx, name, options);
  }

  /** Creates an instance of a class (a temporary) with the given attributes. */
  new(klass: ClassInfo | PyClass, attributes: Attributes = {}): Handle {
    return newInstance(this.cx, klass, attributes);
  }

  /** A function object that captures the given objects (closure cells, defaults). */
  function(captured: readonly Handle[] = []): Handle {
    return newFunction(this.cx, captured);
  }

  /**
   * A generator object holding the given objects in its suspended frame.
   * `onClose` runs when it is closed by finalization (its `finally` blocks and
   * `with` exits), for example closing a file it had open.
   */
  generator(captured: readonly Handle[] = [], onClose?: () => void): Handle {
    return newGenerator(this.cx, captured, onClose);
  }

  /**
   * `open(name)`: a file object, open until `close`, the end of a `with` block,
   * or its deallocation. `buffer` is the size of its I/O buffer in bytes.
   */
  open(name: string, options: { buffer?: number } = {}): Handle {
    return resources.open(this.cx, name, options.buffer ?? 0);
  }

  /** `f.close()`. */
  close(file: Handle): void {
    resources.close(this.cx, file);
  }

  /** Whether a file is still open. */
  isOpen(file: Handle): boolean {
    return resources.isOpen(this.cx, file);
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
    return weakref(this.cx, target, callback);
  }

  /** Calls a weak reference: its referent, or `None` once it died. */
  deref(ref: Handle): Handle {
    return deref(this.cx, ref);
  }

  // ---------------------------------------------------------------------------
  // Operations on objects

  /** `xs.append(x)`. */
  append(list: Handle, item: PyValue): void {
    containers.append(this.cx, list, item);
  }

  /** `c[key]` for lists and tuples (integer index) and dicts (any key): a borrowed handle. */
  getitem(container: Handle, key: PyValue | number): Handle {
    return containers.getitem(this.cx, container, key);
  }

  /** `c[key] = value`. */
  setitem(container: Handle, key: PyValue | number, value: PyValue): void {
    containers.setitem(this.cx, container, key, value);
  }

  /** `del c[key]`. */
  delitem(container: Handle, key: PyValue | number): void {
    containers.delitem(this.cx, container, key);
  }

  /** `key in c` for dicts and sets. */
  contains(container: Handle, key: PyValue | number): boolean {
    return containers.contains(this.cx, container, key);
  }

  /** `xs.pop(index)`: removes the item and returns it as a temporary. */
  pop(list: Handle, index = -1): Handle {
    return containers.pop(this.cx, list, index);
  }

  /** `c.clear()` for lists and dicts. */
  clear(container: Handle): void {
    containers.clear(this.cx, container);
  }

  /** `s.add(x)`. */
  add(set: Handle, member: PyValue): void {
    containers.add(this.cx, set, member);
  }

  /** `s.discard(x)`. */
  discard(set: Handle, member: PyValue): void {
    containers.discard(this.cx, set, member);
  }

  /** `len(c)`. */
  len(container: Handle): number {
    return containers.len(this.cx, container);
  }

  /** `obj.name = value`. */
  setattr(obj: Handle, name: string, value: PyValue): void {
    setattr(this.cx, obj, name, value);
  }

  /** `obj.name`: a borrowed handle. */
  getattr(obj: Handle, name: string): Handle {
    return getattr(this.cx, obj, name);
  }

  /** `hasattr(obj, name)`. */
  hasattr(obj: Handle, name: string): boolean {
    return hasattr(this.cx, obj, name);
  }

  /** `del obj.name`. */
  delattr(obj: Handle, name: string): void {
    delattr(this.cx, obj, name);
  }

  // ---------------------------------------------------------------------------
  // Introspection

  /** `sys.getsizeof(obj)`. */
  sizeof(obj: Handle): number {
    return introspection.sizeof(this.cx, obj);
  }

  /** The object's reference count (`sys.getrefcount(obj) - 1`), or 0 when counts are not kept. */
  refcount(obj: Handle): number {
    return introspection.refcount(this.cx, obj);
  }

  /** `type(obj).__name__`. */
  type(obj: Handle): string {
    return introspection.typeName(this.cx, obj);
  }

  /** `a is b`. */
  is(a: Handle, b: Handle): boolean {
    return introspection.is(this.cx, a, b);
  }

  /** Whether a handle still names a live object. */
  isAlive(obj: Handle): boolean {
    return this.heap.store.isAlive(obj);
  }

  /** Whether the object is a list (or a list subclass). */
  isList(obj: Handle): boolean {
    return introspection.isList(this.cx, obj);
  }

  /** The JavaScript value of an int, float, bool, str or None. */
  value(obj: Handle): number | string | boolean | null {
    return values.value(this.cx, obj);
  }

  /**
   * `gc.collect(generation)`: runs the strategy's collection and returns the
   * number of unreachable objects found (0 for strategies without a collector).
   */
  collect(generation = 2, reason: CollectionReason = 'explicit'): number {
    return gc.collect(this.cx, generation, reason);
  }

  /** Attributes the objects that `body` allocates to an allocation site (tracemalloc-style). */
  at<T>(site: string, body: () => T): T {
    return gc.at(this.cx, site, body);
  }

  /** Subscribes to heap events; returns an unsubscribe function. */
  on<K extends HeapEventKind>(kind: K, listener: HeapEventListener<K>): () => void {
    return gc.on(this.cx, kind, listener);
  }

  /** Memory in use now: objects, live and peak bytes, and the allocator's view. */
  memory(): MemoryReport {
    return introspection.memory(this.cx);
  }
}
