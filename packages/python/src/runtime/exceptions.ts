/**
 * Exceptions: the built-in hierarchy (`Objects/exceptions.c`), exception objects as native heap
 * objects holding their `__dict__`, `args`, `__traceback__`, `__cause__` and `__context__` (in
 * `BaseException_traverse`'s order), tracebacks that hold frame objects, and raising.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { Frame, Interp, PyType } from './interp.js';
import { nativeKind } from './native-sizes.js';
import type { PyRaise } from './signals.js';
import { caretLine, type Instruction } from './traceback-carets.js';
import { asType, builtinType, defineBuiltinType, isSubtype, typeOf } from './types.js';

/** Cells of an exception object. */
export const E_DICT = 0;
export const E_ARGS = 1;
export const E_TRACEBACK = 2;
export const E_CAUSE = 3;
export const E_CONTEXT = 4;

/** Side data of an exception object. */
export interface ExceptionData {
  readonly kind: 'exception';
  suppressContext: boolean;
}

/** Side data of a traceback object. */
export interface TracebackData {
  readonly kind: 'traceback';
  readonly lineno: number;
  readonly filename: string;
  readonly name: string;
  /** The instruction that was running (on line `lineno`), for the position markers, or null. */
  readonly node: Instruction | null;
}

const HIERARCHY: [string, string | null][] = [
  ['BaseException', null],
  ['SystemExit', 'BaseException'],
  ['KeyboardInterrupt', 'BaseException'],
  ['GeneratorExit', 'BaseException'],
  ['Exception', 'BaseException'],
  ['StopIteration', 'Exception'],
  ['ArithmeticError', 'Exception'],
  ['FloatingPointError', 'ArithmeticError'],
  ['OverflowError', 'ArithmeticError'],
  ['ZeroDivisionError', 'ArithmeticError'],
  ['AssertionError', 'Exception'],
  ['AttributeError', 'Exception'],
  ['BufferError', 'Exception'],
  ['EOFError', 'Exception'],
  ['ImportError', 'Exception'],
  ['ModuleNotFoundError', 'ImportError'],
  ['LookupError', 'Exception'],
  ['IndexError', 'LookupError'],
  ['KeyError', 'LookupError'],
  ['MemoryError', 'Exception'],
  ['NameError', 'Exception'],
  ['UnboundLocalError', 'NameError'],
  ['OSError', 'Exception'],
  ['FileNotFoundError', 'OSError'],
  ['FileExistsError', 'OSError'],
  ['IsADirectoryError', 'OSError'],
  ['NotADirectoryError', 'OSError'],
  ['PermissionError', 'OSError'],
  ['ReferenceError', 'Exception'],
  ['RuntimeError', 'Exception'],
  ['NotImplementedError', 'RuntimeError'],
  ['RecursionError', 'RuntimeError'],
  ['SyntaxError', 'Exception'],
  ['SystemError', 'Exception'],
  ['TypeError', 'Exception'],
  ['ValueError', 'Exception'],
  ['UnicodeError', 'ValueError'],
  ['Warning', 'Exception'],
  ['UserWarning', 'Warning'],
  ['DeprecationWarning', 'Warning'],
  ['RuntimeWarning', 'Warning'],
  ['ResourceWarning', 'Warning'],
];

/** Creates the built-in exception classes. */
export function defineExceptions(ip: Interp): void {
  for (const [name, base] of HIERARCHY) {
    const type = defineBuiltinType(ip, name, base ? builtinType(ip, base) : builtinType(ip, 'object'), true);
    type.info = ip.nativeClass(name, true);
    ip.typeByClass[type.info.id] = type;
  }
  // `BaseException.__init__(self, *args)` (`BaseException_init`): the arguments become `args`;
  // a class's own `__init__` reaches it through `super().__init__(...)`.
  builtinType(ip, 'BaseException').methods.set('__init__', (ip2, all, kw) => {
    const self = all[0];
    if (kw !== null && kw.names.length > 0)
      ip2.raise('TypeError', `${typeOf(ip2, self).name}() takes no keyword arguments`);
    const args = ip2.own(ip2.heap.newTuple(all.slice(1)));
    ip2.heap.setCell(self, E_ARGS, args);
    ip2.drop(args);
    return ip2.own(ip2.none);
  });
  ip.types.set('IOError', builtinType(ip, 'OSError'));
  ip.types.set('EnvironmentError', builtinType(ip, 'OSError'));
}

/** A new exception of `type` with the given args (borrowed), owned. */
export function newExceptionOf(ip: Interp, type: PyType, args: number[]): number {
  const tuple = ip.own(ip.heap.newTuple(args));
  ip.push(tuple);
  const kind = nativeKind(ip.heap.sizes.version, 'BaseException');
  const info = type.info ?? ip.nativeClass(type.name, true);
  const slot = ip.own(ip.heap.newNative(info, kind.size, [NULL_REF, tuple, NULL_REF, NULL_REF, NULL_REF]));
  ip.drop(ip.pop());
  const data: ExceptionData = { kind: 'exception', suppressContext: false };
  ip.setPayload(slot, data);
  return slot;
}

/** A new exception of the built-in class `name` with a message (or one arg slot), owned. */
export function newException(ip: Interp, name: string, message?: string, arg: number = NULL_REF): number {
  const type = builtinType(ip, name);
  if (arg !== NULL_REF) {
    ip.push(ip.own(arg));
    const exc = newExceptionOf(ip, type, [arg]);
    ip.drop(ip.pop());
    return exc;
  }
  if (message === undefined) return newExceptionOf(ip, type, []);
  const text = ip.str(message);
  ip.push(text);
  const exc = newExceptionOf(ip, type, [text]);
  ip.drop(ip.pop());
  return exc;
}

/** Whether a slot is an exception object. */
export function isException(ip: Interp, slot: number): boolean {
  return (ip.payload(slot) as ExceptionData | undefined)?.kind === 'exception';
}

/** A cell of an exception object (borrowed; NULL_REF when unset). */
export function exceptionCell(ip: Interp, exc: number, index: number): number {
  return ip.store.refs.cells[ip.store.refStart[exc] + index];
}

/** `raise X`: the instance to raise for `X` (a class is called with no arguments), owned. */
export function exceptionInstance(ip: Interp, value: number): number {
  const type = asType(ip, value);
  if (type) {
    if (!type.exception) ip.raise('TypeError', 'exceptions must derive from BaseException');
    return ip.call(value, [], null);
  }
  if (!isException(ip, value)) ip.raise('TypeError', 'exceptions must derive from BaseException');
  return ip.own(value);
}

/** `exc.__cause__ = cause` (owned cause; `None` clears it) and `__suppress_context__ = True`. */
export function setCause(ip: Interp, exc: number, cause: number): void {
  let value = cause;
  if (cause !== ip.none) {
    const type = asType(ip, cause);
    if (type) value = ip.call(cause, [], null);
    else ip.own(cause);
    ip.drop(cause);
    if (!isException(ip, value)) {
      ip.drop(value);
      ip.raise('TypeError', 'exception causes must derive from BaseException');
    }
  }
  ip.heap.setCell(exc, E_CAUSE, value === ip.none ? NULL_REF : value);
  ip.drop(value);
  (ip.payload(exc) as ExceptionData).suppressContext = true;
}

/** Sets `exc.__context__` to the exception being handled, unless it is that one or already chained. */
export function setContext(ip: Interp, exc: number, context: number): void {
  if (exc === context || !isException(ip, exc)) return;
  if (exceptionCell(ip, exc, E_CONTEXT) !== NULL_REF) return;
  // Avoid a cycle in the chain (as `_PyErr_SetObject` does).
  for (let c = context; c !== NULL_REF; c = exceptionCell(ip, c, E_CONTEXT)) if (c === exc) return;
  ip.heap.setCell(exc, E_CONTEXT, context);
}

/** Raises an exception object (owned): sets its context from the exception being handled. */
export function raiseObject(ip: Interp, exc: number): never {
  if (ip.handling !== NULL_REF) setContext(ip, exc, ip.handling);
  throw ip.raised(exc);
}

/** Adds this frame's traceback entry to a propagating exception (once per frame and pass). */
export function addTraceback(ip: Interp, raised: PyRaise, f: Frame): void {
  if (raised.tbFrame === f) return;
  raised.tbFrame = f;
  const exc = raised.exc;
  const frameObj = ip.frameObject(f);
  const old = exceptionCell(ip, exc, E_TRACEBACK);
  const data: TracebackData = {
    kind: 'traceback',
    lineno: f.lineno,
    filename: f.code.filename,
    name: f.code.name,
    node: f.loc !== null && f.loc.lineno === f.lineno ? f.loc : null,
  };
  const tb = ip.native('traceback', [old, frameObj], data);
  ip.heap.setCell(exc, E_TRACEBACK, tb);
  ip.drop(tb);
}

/** Whether `exc` matches an `except` clause's type (a class or a tuple of classes). */
export function exceptionMatches(ip: Interp, exc: number, clause: number): boolean {
  const type = asType(ip, clause);
  if (type) {
    if (!type.exception)
      ip.raise('TypeError', 'catching classes that do not inherit from BaseException is not allowed');
    return isSubtype(typeOf(ip, exc), type);
  }
  if (ip.store.type[clause] === ip.store.type[ip.heap.emptyTuple]) {
    return ip.items(clause).some((c) => exceptionMatches(ip, exc, c));
  }
  return ip.raise('TypeError', 'catching classes that do not inherit from BaseException is not allowed');
}

/** `str(exc)`: the single argument's str, '' for none, else the args tuple's repr. */
export function exceptionStr(ip: Interp, exc: number): string {
  const args = exceptionCell(ip, exc, E_ARGS);
  const items = ip.items(args);
  if (items.length === 0) return '';
  if (items.length === 1) {
    if (isSubtype(typeOf(ip, exc), builtinType(ip, 'KeyError'))) return ip.repr(items[0]);
    return ip.toStr(items[0]);
  }
  return ip.repr(args);
}

/** The traceback lines of an uncaught exception, with its chain, as CPython prints them to stderr. */
export function formatException(ip: Interp, exc: number): string {
  const chain: { exc: number; note: string }[] = [];
  const seen = new Set<number>();
  let current = exc;
  let note = '';
  while (current !== NULL_REF && !seen.has(current)) {
    seen.add(current);
    chain.unshift({ exc: current, note });
    const cause = exceptionCell(ip, current, E_CAUSE);
    const context = exceptionCell(ip, current, E_CONTEXT);
    const data = ip.payload(current) as ExceptionData;
    if (cause !== NULL_REF) {
      current = cause;
      note = '\nThe above exception was the direct cause of the following exception:\n\n';
    } else if (context !== NULL_REF && !data.suppressContext) {
      current = context;
      note = '\nDuring handling of the above exception, another exception occurred:\n\n';
    } else {
      break;
    }
  }
  let out = '';
  for (let i = 0; i < chain.length; i++) {
    out += formatOne(ip, chain[i].exc);
    if (i + 1 < chain.length) out += chain[i].note;
  }
  return out;
}

/** How many identical traceback entries in a row are printed before the rest are counted. */
const TB_RECURSIVE_CUTOFF = 3;

/** `tb_print_line_repeated`: the line that stands for the entries past the cutoff, if any. */
function repeatedLines(count: number): string {
  if (count <= TB_RECURSIVE_CUTOFF) return '';
  const more = count - TB_RECURSIVE_CUTOFF;
  return `  [Previous line repeated ${more} more time${more > 1 ? 's' : ''}]\n`;
}

/** One exception's traceback and line, without its chain (what `PyErr_WriteUnraisable` prints). */
export function formatOne(ip: Interp, exc: number): string {
  let out = '';
  let tb = exceptionCell(ip, exc, E_TRACEBACK);
  if (tb !== NULL_REF) out += 'Traceback (most recent call last):\n';
  // tb_print_internal: after TB_RECURSIVE_CUTOFF entries of the same file, line and function in a
  // row, the rest are counted, not printed.
  let last: TracebackData | null = null;
  let repeated = 0;
  while (tb !== NULL_REF) {
    const data = ip.payload(tb) as TracebackData;
    if (
      last === null ||
      data.filename !== last.filename ||
      data.lineno !== last.lineno ||
      data.name !== last.name
    ) {
      out += repeatedLines(repeated);
      last = data;
      repeated = 0;
    }
    repeated++;
    if (repeated <= TB_RECURSIVE_CUTOFF) {
      out += `  File "${data.filename}", line ${data.lineno}, in ${data.name}\n`;
      const raw = data.filename === ip.options.filename ? ip.lines[data.lineno - 1] : undefined;
      const line = ip.heap.sizes.version === '3.13' ? raw?.trim() : raw?.trimStart();
      if (line) {
        out += `    ${line}\n`;
        if (data.node) out += caretLine(ip.heap.sizes.version, raw!, data.node);
      }
    }
    tb = ip.store.refs.cells[ip.store.refStart[tb]];
  }
  out += repeatedLines(repeated);
  const type = typeOf(ip, exc);
  // print_exception names the module unless it is builtins or __main__.
  const name =
    type.module === 'builtins' || type.module === '__main__'
      ? type.qualname
      : `${type.module}.${type.qualname}`;
  let message: string;
  try {
    message = ip.toStr(exc);
  } catch {
    message = '<exception str() failed>';
  }
  return `${out}${message ? `${name}: ${message}` : name}\n`;
}
