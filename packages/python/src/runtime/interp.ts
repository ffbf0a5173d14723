/**
 * The interpreter's state: the heap it runs on, the type objects, the value stack (core's
 * temporaries, so that every value an expression holds is a root), side data of native objects,
 * and the reference discipline (`own` = `Py_INCREF` of a new reference, `drop` = `Py_DECREF`).
 *
 * Every Python value is a heap slot. An evaluator returns an *owned* slot (one reference that the
 * caller must drop or hand on), as CPython's value stack holds owned references.
 *
 * @module
 */

import type { Heap, Runtime } from '@pymm/core';
import { PythonError, TypeId } from '@pymm/core';
import { type ClassInfo, NULL_REF } from '@pymm/core/heap';
import { callMethodByName, getAttr } from './attributes.js';
import { call } from './calls.js';
import * as classes from './classes.js';
import * as containers from './containers.js';
import * as exceptions from './exceptions.js';
import * as frames from './frames.js';
import type { CodeInfo, Frame, KwArgs, ModuleScope, PyType } from './interp-types.js';
import { getItem, setItem } from './items.js';
import { nativeKind } from './native-sizes.js';
import { binaryOp } from './numbers.js';
import { repr, str } from './repr.js';
import { isHostAllocationFailure, isHostStackOverflow, PyRaise, StepLimitExceeded } from './signals.js';
import { lookupType, typeOf } from './types.js';

export type { CodeInfo, Frame, KwArgs, ModuleScope, NativeFn, PyType } from './interp-types.js';

/** Native types whose objects can be weakly referenced (`tp_weaklistoffset` set). */
const WEAKREFABLE = new Set(['type', 'method', 'builtin_function_or_method', 'frame', 'code']);

/** Options of an interpreter. */
export interface InterpOptions {
  readonly filename: string;
  readonly source: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly argv: readonly string[];
  readonly maxSteps: number;
  /** Called each time a statement of the main program's file that starts on the line runs (see `RunPythonOptions.lineMarks`). */
  readonly lineMarks?: ReadonlyMap<number, () => void>;
}

/** The interpreter state shared by the compiled code, the built-ins and the modules. */
export class Interp {
  readonly heap: Heap;
  readonly store: Heap['store'];
  readonly refcounting: boolean;
  /** Steps (statements) executed. */
  steps = 0;
  /** Items taken from built-in iterators (`sum(range(10**12))` runs no statement): they count against `maxSteps` too. */
  iterations = 0;
  /** Python call depth, and its limit (`sys.setrecursionlimit`). */
  depth = 0;
  recursionLimit = 1000;
  /** The innermost running frame. */
  frame: Frame | null = null;
  /** The exception being handled (`sys.exc_info()`), owned, or NULL_REF. */
  handling = NULL_REF;
  /** Built-in types by name, and by the class id of their instances. */
  readonly types = new Map<string, PyType>();
  readonly typeByClass: (PyType | undefined)[] = [];
  /** Native classes (the `klass` of native objects) by CPython type name. */
  private readonly nativeClasses = new Map<string, ClassInfo>();
  /** Side data of native objects, by slot, with the handle it belongs to. */
  private readonly payloads: unknown[] = [];
  private readonly payloadHandles: number[] = [];
  /** The `builtins` namespace. */
  builtins!: ModuleScope;
  /** Functions to run at exit before the modules are finalized (`atexit`), in registration order. */
  readonly exitFunctions: (() => void)[] = [];
  /** Modules imported so far. */
  readonly modules = new Map<string, number>();
  readonly lines: string[];

  constructor(
    readonly runtime: Runtime,
    readonly options: InterpOptions,
  ) {
    this.heap = runtime.heap;
    // Values between being computed and stored live in host variables until the next step: a
    // tracing strategy must not collect inside an allocation (core's `fitsAfterCollecting`).
    this.heap.untracedMutatorReferences = true;
    this.store = this.heap.store;
    this.refcounting = this.heap.refcounting;
    this.lines = options.source.split('\n');
  }

  // ---------------------------------------------------------------------------
  // References

  /** Takes a new reference (`Py_INCREF`) and returns the slot. */
  own(slot: number): number {
    this.heap.incref(slot);
    return slot;
  }

  /** Drops a reference (`Py_DECREF`). */
  drop(slot: number): void {
    if (slot !== NULL_REF) this.heap.decref(slot);
  }

  /** Pushes an owned slot on the value stack (a root while an expression holds it). */
  push(slot: number): void {
    this.heap.roots.pushTemporary(slot, 0);
  }

  /** Pops the top of the value stack (the caller now owns it). */
  pop(): number {
    return this.heap.roots.popTemporary();
  }

  /** Height of the value stack. */
  get stackHeight(): number {
    return this.heap.roots.temporaryCount;
  }

  /** Drops every value above `height` (an exception unwinding a block), newest first. */
  unwindTo(height: number): void {
    const roots = this.heap.roots;
    while (roots.temporaryCount > height) {
      const slot = roots.popTemporary();
      if (slot !== NULL_REF) this.heap.decref(slot);
    }
  }

  /** Counts a step (a safepoint for the strategy); stops the program past `maxSteps`. */
  step(): void {
    if (++this.steps > this.options.maxSteps) throw new StepLimitExceeded(this.options.maxSteps);
    this.heap.operation++;
    this.heap.strategy.safepoint?.();
  }

  // ---------------------------------------------------------------------------
  // Values

  /** `None`, owned. */
  get none(): number {
    return this.heap.none;
  }

  /** `True`/`False` (static: no reference to take). */
  bool(value: boolean): number {
    return value ? this.heap.true : this.heap.false;
  }

  /** A new (or cached) int, owned. */
  int(value: number | bigint): number {
    if (typeof value === 'bigint') {
      if (value >= -9007199254740991n && value <= 9007199254740991n) return this.int(Number(value));
      const slot = this.own(this.heap.newInt(value));
      this.setPayload(slot, value);
      return slot;
    }
    if (Object.is(value, -0)) value = 0;
    if (!Number.isSafeInteger(value)) return this.int(BigInt(value));
    return this.own(this.heap.newInt(value));
  }

  /** A new float, owned. */
  float(value: number): number {
    return this.own(this.heap.newFloat(value));
  }

  /** A new (or cached, or interned) str, owned. */
  str(text: string, intern = false): number {
    return this.own(this.heap.newStr(text, intern));
  }

  /** The text of a str. */
  text(slot: number): string {
    return this.store.text.get(slot) ?? '';
  }

  /** The value of an int or bool as a number or (beyond 2**53) a bigint. */
  intValue(slot: number): number | bigint {
    const big = this.payload(slot);
    if (typeof big === 'bigint') return big;
    return this.store.scalar[slot];
  }

  /** Whether the slot is an int (or bool). */
  isInt(slot: number): boolean {
    const t = this.store.type[slot];
    return t === TypeId.Int || t === TypeId.Bool;
  }

  /** A native object of kind `key` (a key of the measured sizes) holding `refs`, owned. */
  native(key: string, refs: ArrayLike<number> = [], data?: unknown): number {
    const kind = nativeKind(this.heap.sizes.version, key);
    const slot = this.own(this.heap.newNative(this.nativeClass(kind.name), kind.size, refs, { gc: kind.gc }));
    if (data !== undefined) this.setPayload(slot, data);
    return slot;
  }

  /** The class (type name holder) of native objects named `name`. */
  nativeClass(name: string, weakrefable = false): ClassInfo {
    let info = this.nativeClasses.get(name);
    if (!info) {
      info = this.heap.defineClass({ name });
      (info as { weakrefable: boolean }).weakrefable = weakrefable || WEAKREFABLE.has(name);
      this.nativeClasses.set(name, info);
    } else if (weakrefable) {
      (info as { weakrefable: boolean }).weakrefable = true;
    }
    return info;
  }

  /** Attaches JavaScript side data to a native object. */
  setPayload(slot: number, data: unknown): void {
    this.payloads[slot] = data;
    this.payloadHandles[slot] = this.store.handleOf(slot);
  }

  /** The side data of a native object (undefined if it has none). */
  payload(slot: number): unknown {
    if (this.payloadHandles[slot] !== this.store.handleOf(slot)) return undefined;
    return this.payloads[slot];
  }

  // ---------------------------------------------------------------------------
  // Exceptions

  /** Raises a new exception of built-in class `typeName` with `message` (never returns). */
  raise(typeName: string, message?: string): never {
    exceptions.raiseObject(this, this.newException(typeName, message));
  }

  /** Raises a new exception of built-in class `typeName` whose one argument is `arg` (borrowed). */
  raiseWith(typeName: string, arg: number): never {
    exceptions.raiseObject(this, exceptions.newException(this, typeName, undefined, arg));
  }

  /** A new exception of built-in class `typeName`, owned (one argument: `message`, or the owned `arg`). */
  newException(typeName: string, message?: string, arg: number = NULL_REF): number {
    if (arg === NULL_REF) return exceptions.newException(this, typeName, message);
    const exc = exceptions.newException(this, typeName, undefined, arg);
    this.drop(arg);
    return exc;
  }

  /** Raises an exception object (owned) from frame `f`. */
  raiseObject(exc: number, _f?: Frame): never {
    exceptions.raiseObject(this, exc);
  }

  /** Bare `raise`: re-raises the exception being handled. */
  reraise(f: Frame): never {
    if (this.handling === NULL_REF) this.raise('RuntimeError', 'No active exception to reraise');
    const raised = this.raised(this.own(this.handling));
    raised.tbFrame = f;
    throw raised;
  }

  /** The instance `raise X` raises, owned. */
  exceptionInstance(value: number): number {
    return exceptions.exceptionInstance(this, value);
  }

  /** `raise ... from cause` (cause owned). */
  setCause(exc: number, cause: number): void {
    exceptions.setCause(this, exc, cause);
  }

  /** Chains `context` as `exc.__context__`. */
  setContext(exc: number, context: number): void {
    exceptions.setContext(this, exc, context);
  }

  /** Whether `exc` matches an `except` clause. */
  exceptionMatches(exc: number, clause: number): boolean {
    return exceptions.exceptionMatches(this, exc, clause);
  }

  /** Adds frame `f`'s traceback entry to a propagating exception. */
  addTraceback(raised: PyRaise, f: Frame): void {
    exceptions.addTraceback(this, raised, f);
  }

  /** The frame object of a running frame (created on first use), borrowed. */
  frameObject(f: Frame): number {
    return frames.frameObject(this, f);
  }

  /** Releases a frame's locals (or hands them to its frame object). */
  releaseLocals(f: Frame): void {
    frames.releaseLocals(this, f);
  }

  /** The type object of a value (borrowed). */
  typeObjectOf(slot: number): number {
    return typeOf(this, slot).slot;
  }

  /** The traceback of an exception, owned (`None` when it has none). */
  tracebackOf(exc: number): number {
    return classes.tracebackOf(this, exc);
  }

  // ---------------------------------------------------------------------------
  // Operations shared by the compiled code, the built-ins and the modules

  /** Calls any callable (arguments borrowed); the result owned. */
  call(callable: number, args: number[], kw: KwArgs | null): number {
    return call(this, callable, args, kw);
  }

  /** Calls a method found on `self`'s type (a class-dict function or a built-in method). */
  callMethod(
    self: number,
    found: NonNullable<ReturnType<typeof lookupType>>,
    args: number[],
    kw: KwArgs | null = null,
  ): number {
    if (found.native) return found.native(this, [self, ...args], kw);
    const data = this.payload(found.slot) as { kind?: string; func?: number } | undefined;
    if (data?.kind === 'staticmethod') return call(this, data.func!, args, kw);
    if (data?.kind === 'classmethod') return call(this, data.func!, [typeOf(this, self).slot, ...args], kw);
    return call(this, found.slot, [self, ...args], kw);
  }

  /** Calls `obj.name(*args)`. */
  callMethodByName(obj: number, name: string, args: number[], kw: KwArgs | null = null): number {
    return callMethodByName(this, obj, name, args, kw);
  }

  /** Calls a class. */
  construct(type: PyType, args: number[], kw: KwArgs | null): number {
    return classes.construct(this, type, args, kw);
  }

  /** Creates a class; owned. */
  createClass(name: string, qualname: string, bases: number[], ns: ModuleScope): number {
    return classes.createClass(this, name, qualname, bases, ns);
  }

  /** `obj.name`, owned. */
  getAttr(obj: number, name: string): number {
    return getAttr(this, obj, name);
  }

  /** `obj[key]`, owned. */
  getItem(obj: number, key: number): number {
    return getItem(this, obj, key);
  }

  /** `obj[key] = value`. */
  setItem(obj: number, key: number, value: number): void {
    setItem(this, obj, key, value);
  }

  /** `a op b`, owned. */
  binaryOp(op: string, a: number, b: number): number {
    return binaryOp(this, op, a, b);
  }

  /** `repr(x)`. */
  repr(slot: number): string {
    return repr(this, slot);
  }

  /** `str(x)`. */
  toStr(slot: number): string {
    return str(this, slot);
  }

  /** The name of a value's type. */
  typeName(slot: number): string {
    return typeOf(this, slot).name;
  }

  /** `bool(x)`. */
  truthy(slot: number): boolean {
    if (slot === this.heap.true) return true;
    if (slot === this.heap.false || slot === this.heap.none) return false;
    return containers.truthy(this, slot);
  }

  /** The items of a list, tuple or set (borrowed), or a dict's keys. */
  items(seq: number): number[] {
    return containers.items(this, seq);
  }

  /** A new list of `values` (borrowed), owned. */
  newList(values: number[]): number {
    return containers.newList(this, values);
  }

  /** A new set or frozenset of `values` (borrowed), owned. */
  newSet(values: number[], frozen: boolean): number {
    return containers.newSet(this, values, frozen);
  }

  /** `list.append(v)`. */
  listAppend(list: number, v: number): void {
    containers.append(this, list, v);
  }

  /** `set.add(v)`. */
  setAdd(set: number, v: number): void {
    containers.add(this, set, v);
  }

  /** `d[key]` without raising: borrowed, or NULL_REF. */
  dictLookup(dict: number, key: number): number {
    return containers.dictLookup(this, dict, key);
  }

  /** `d.update(other)`. */
  dictUpdate(dict: number, other: number): void {
    containers.dictUpdate(this, dict, other);
  }

  /** `item in container`. */
  contains(container: number, item: number): boolean {
    return containers.contains(this, container, item);
  }

  /** Raises `TypeError` for an unhashable key. */
  hashCheck(key: number): void {
    containers.hashCheck(this, key);
  }

  /** `lst[slice] = iterable`. */
  setSlice(list: number, slice: number, value: number): void {
    containers.setSlice(this, list, slice, value);
  }

  /** Binds a name (a str slot) in a namespace. */
  scopeSet(scope: ModuleScope, key: number, value: number): void {
    containers.scopeSet(this, scope, key, value);
  }

  /** Binds a name given as text to an owned value in a namespace. */
  scopeSetText(scope: ModuleScope, name: string, value: number): void {
    this.push(value);
    const key = this.str(name, true);
    containers.scopeSet(this, scope, key, value);
    this.drop(key);
    this.drop(this.pop());
  }

  /** Unbinds a name in a namespace. */
  scopeDelete(scope: ModuleScope, key: number): void {
    containers.scopeDelete(this, scope, key);
  }

  /** `super()` with no arguments, in frame `f`. */
  zeroArgSuper(f: Frame): number {
    return classes.zeroArgSuper(this, f);
  }

  /** The bound `__enter__`/`__exit__` of a context manager, owned. */
  boundSpecial(obj: number, name: string, message: string): number {
    return classes.boundSpecial(this, obj, name, message);
  }

  /** `len(x)`. */
  len(obj: number): number {
    return this.lenOf(obj);
  }

  /** Keeps a slot alive for the whole run (an external root): code objects and their constants. */
  keepForever(slot: number): number {
    const external = this.heap.roots.external;
    external.set(slot, (external.get(slot) ?? 0) + 1);
    this.heap.incref(slot);
    return slot;
  }

  /** A special method looked up on a value's type (for the built-ins). */
  lookupSpecial(slot: number, name: string): ReturnType<typeof lookupType> {
    return lookupType(typeOf(this, slot), name);
  }

  // Installed by the built-ins and the generator support (they need the whole interpreter).
  lenOf!: (obj: number) => number;
  importModule!: (name: string) => number;
  inplaceOp!: (op: string, method: string, a: number, b: number) => number;
  formatValue!: (value: number, conversion: number, spec: string) => string;
  percentFormat!: (format: number, args: number) => number;
  strFormat!: (template: number, args: number[], kw: KwArgs | null) => string;
  nativeRepr!: (slot: number) => string | null;
  nativeStr!: (slot: number) => string | null;
  sysStdout!: () => number;
  sysStderr!: () => number;
  dictMerge!: (a: number, b: number) => number;
  newSlice!: (parts: number[]) => number;
  bytesValue!: (bytes: Uint8Array) => number;
  specialAttribute!: (obj: number, name: string) => number;
  setSpecialAttribute!: (obj: number, name: string, value: number) => boolean;
  /** `del obj.name` for native objects that forward it (a weakref proxy); false when not handled. */
  delSpecialAttribute: (obj: number, name: string) => boolean = () => false;
  setClassAttr!: (type: PyType, name: string, value: number) => void;
  delClassAttr!: (type: PyType, name: string) => void;
  moduleName!: (module: number) => string;
  functionName!: (fn: number) => string;
  newGenerator!: (f: Frame) => number;
  resumeGenerator!: (gen: number, value: number, forLoop: boolean) => number;
  isGenerator!: (slot: number) => boolean;
  bytesOp!: (op: string, a: number, b: number) => number;
  bytesItem!: (obj: number, key: number) => number;
  bytesRepr!: (slot: number) => string;
  bytesEqual!: (a: number, b: number) => boolean;
  takeReturnValue!: (gen: number) => number;
  runCode!: (code: CodeInfo, globals: ModuleScope, args: number[], closure: number[]) => number;
  // biome-ignore lint/suspicious/noExplicitAny: the compiler's context type lives in the compiler.
  compileYield!: (cx: any, node: any) => (f: Frame) => number;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  compileGeneratorExpression!: (cx: any, node: any) => (f: Frame) => number;
  refuse!: (construct: string, lineno: number) => Error;
  notImplemented = NULL_REF;
  ellipsis = NULL_REF;

  /**
   * A signal for raising `exc` (owned by the signal). While it travels the exception is a root, so
   * that a tracing collector running in a `finally` block or a handler's match does not free it.
   */
  raised(exc: number): PyRaise {
    const external = this.heap.roots.external;
    external.set(exc, (external.get(exc) ?? 0) + 1);
    return new PyRaise(exc);
  }

  /** Drops the reference a caught exception's signal owned, and its root. */
  dropRaised(exc: number): void {
    const external = this.heap.roots.external;
    const kept = external.get(exc) ?? 0;
    if (kept > 1) external.set(exc, kept - 1);
    else external.delete(exc);
    this.drop(exc);
  }

  /** Turns anything the host threw into a Python exception signal (core's errors become Python ones). */
  toPyRaise(error: unknown): PyRaise {
    if (error instanceof PyRaise) return error;
    if (error instanceof StepLimitExceeded) throw error;
    if (isHostStackOverflow(error))
      return this.raised(this.newException('RecursionError', 'maximum recursion depth exceeded'));
    if (error instanceof PythonError) return this.raised(this.newException(error.pythonType, error.detail));
    if (error instanceof Error && error.name === 'MemoryError')
      return this.raised(this.newException('MemoryError'));
    // The host refusing a value too large to build (`'x'.center(10**10)`) is CPython's failed malloc.
    if (isHostAllocationFailure(error)) return this.raised(this.newException('MemoryError'));
    throw error;
  }
}
