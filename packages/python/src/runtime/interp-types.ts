/**
 * The shapes the interpreter works with: types, frames, code objects, namespaces, keyword
 * arguments and built-in functions.
 *
 * @module
 */

import type { ClassInfo, Namespace } from '@pymm/core/heap';
import type { Interp } from './interp.js';
import type { Instruction } from './traceback-carets.js';

/** Keyword arguments of a call: names and owned-by-caller (borrowed here) values, in order. */
export interface KwArgs {
  readonly names: string[];
  readonly values: number[];
}

/** A built-in function or method in JavaScript: arguments are borrowed, the result is owned. */
export type NativeFn = (ip: Interp, args: number[], kw: KwArgs | null) => number;

/** A Python type (built-in or a user class): its type object's slot, bases, class dict and built-in methods. */
export interface PyType {
  readonly name: string;
  /** The type object (a static native object for built-ins, a heap object for classes). */
  slot: number;
  readonly base: PyType | null;
  /** The method resolution order, this type first. */
  mro: PyType[];
  /** The class namespace: name → slot, borrowed (the class dict `dict` holds the references). */
  readonly attrs: Map<string, number>;
  /** The class dict (a heap dict) of a user class, or {@link NULL_REF} for a built-in type. */
  dict: number;
  /** The layout of instances (user classes and exception classes). */
  info: ClassInfo | null;
  /** Built-in methods in JavaScript (looked up after `attrs` along the MRO). */
  readonly methods: Map<string, NativeFn>;
  /** Whether this type is `BaseException` or derives from it. */
  exception: boolean;
  /** Whether this is a class defined by the program. */
  readonly user: boolean;
  /** Qualified name (`__qualname__`). */
  qualname: string;
  /** Module name (`__module__`): `builtins` or `__main__`. */
  module: string;
  /** What calling a built-in type does (`int(x)`, `list(it)`), or null for classes. */
  ctor: NativeFn | null;
  /** Whether operators call its built-in special methods as they call a class's (a weakref proxy's slots). */
  nativeSlots?: boolean;
}

/** A frame: the code running, its fast locals (a root namespace), its globals, where it is. */
export interface Frame {
  readonly code: CodeInfo;
  readonly ns: Namespace;
  /** `ns.values`, re-read after growth (never grows: sized by the code's local count). */
  readonly locals: Int32Array;
  readonly globals: ModuleScope;
  /** The function object running (NULL_REF for module code). */
  readonly func: number;
  /** The calling frame (a generator's changes at each resumption). */
  back: Frame | null;
  /** The line being executed. */
  lineno: number;
  /** The instruction being executed, for a traceback's position markers: its AST node, or null. */
  loc: Instruction | null;
  /** The value a `return` set (owned) until the call takes it. */
  retval: number;
  /** The class namespace being built (class bodies), else null. */
  classNs: ModuleScope | null;
  /** Height of the value stack when the frame started (a generator's, when it last resumed). */
  stackBase: number;
  /** The frame object (`sys._getframe()`, a traceback's `tb_frame`), owned by the frame, or NULL_REF. */
  frameObj: number;
}

/** A code object's compiled form (see the compiler). */
export interface CodeInfo {
  readonly name: string;
  readonly qualname: string;
  readonly filename: string;
  readonly firstLine: number;
  /** Local variable names (fast locals), cell variables and free variables, in CPython's order. */
  readonly varnames: string[];
  readonly nlocals: number;
  /** Executes the body: returns a completion (see compile-stmt). */
  run: (f: Frame) => number;
  /** Argument layout. */
  readonly argcount: number;
  readonly posonly: number;
  readonly kwonly: number;
  readonly varargs: boolean;
  readonly varkw: boolean;
  /** Indices of locals that are cells (created at frame start), and of free variables (copied from the closure). */
  readonly cellIndices: number[];
  /** For each cell variable that is also an argument, the argument's index (else -1). */
  readonly cellArgs: number[];
  readonly freeIndices: number[];
  /** Whether the body is a generator. */
  readonly generator: boolean;
  /** CPython's frame size for this code, `co_nlocalsplus + co_stacksize` (a generator's `sys.getsizeof`). */
  readonly frameSlots: number;
  /** A generator's body, which suspends at each `yield` (null for other code). */
  readonly runGen: ((f: Frame) => Generator<number, number, number>) | null;
  /** The code object on the heap (holds the constants). */
  slot: number;
}

/** A namespace with a heap dict (module globals, a class body): the dict owns the references, `map` mirrors it. */
export interface ModuleScope {
  readonly dict: number;
  readonly map: Map<string, number>;
}
