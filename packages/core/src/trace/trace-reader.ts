/**
 * Reading pymm-trace v1 files (`docs/specs/pymm-trace-v1.md`): a streaming line
 * reader that never holds a whole file in memory, and a parser that checks
 * each operation's shape (name, argument count and types, slot ranges).
 * Whether an operation makes sense for what a slot holds is checked while the
 * trace runs (see `replayTrace`).
 *
 * @module
 */

import type { TraceLines } from './trace-lines.js';

/**
 * The header line of a trace.
 *
 * @example
 * ```ts
 * import { type TraceHeader, parseTraceHeader } from '@pymm/core/trace';
 * const header: TraceHeader = parseTraceHeader(
 *   '{"format": "pymm-trace", "version": 1, "slots": 3, "name": "cycle", "description": "a two-node cycle"}',
 *   1,
 * );
 * [header.slots, header.name, header.description]; // [3, 'cycle', 'a two-node cycle']
 * ```
 */
export interface TraceHeader {
  readonly format: 'pymm-trace';
  readonly version: 1;
  /** Number of variables `v[0] .. v[slots-1]`. */
  readonly slots: number;
  readonly name: string;
  readonly description?: string;
}

/**
 * One operation of a trace, as parsed: a union discriminated by `op`.
 *
 * @example
 * ```ts
 * import { type TraceOperation, parseTraceOperation } from '@pymm/core/trace';
 * function python(operation: TraceOperation): string {
 *   switch (operation.op) {
 *     case 'append':
 *       return `v${operation.d}.append(v${operation.s})`;
 *     case 'collect':
 *       return `gc.collect(${operation.generation})`;
 *     default:
 *       return operation.op;
 *   }
 * }
 * python(parseTraceOperation('["append", 0, 1]', 2, 2)); // 'v0.append(v1)'
 * python(parseTraceOperation('["collect", 2]', 3, 2));   // 'gc.collect(2)'
 * ```
 */
export type TraceOperation =
  | { readonly op: 'list' | 'flist' | 'rlist' | 'dict' | 'none' | 'pop' | 'clear'; readonly d: number }
  | { readonly op: 'tuple'; readonly d: number; readonly items: readonly number[] }
  | { readonly op: 'int'; readonly d: number; readonly n: number }
  | { readonly op: 'str'; readonly d: number; readonly text: string }
  | { readonly op: 'move' | 'append'; readonly d: number; readonly s: number }
  | { readonly op: 'setitem'; readonly d: number; readonly k: number; readonly s: number }
  | { readonly op: 'getitem'; readonly d: number; readonly s: number; readonly k: number }
  | { readonly op: 'delitem'; readonly d: number; readonly k: number }
  | { readonly op: 'collect'; readonly generation: number }
  | { readonly op: 'gc'; readonly action: 'enable' | 'disable' | 'freeze' | 'unfreeze' }
  | { readonly op: 'threshold'; readonly thresholds: readonly [number, number, number] };

/**
 * The operation names of pymm-trace v1.
 *
 * @example
 * ```ts
 * import { TRACE_OPERATIONS } from '@pymm/core/trace';
 * TRACE_OPERATIONS.length; // 18
 * TRACE_OPERATIONS.includes('threshold'); // true
 * ```
 */
export const TRACE_OPERATIONS = [
  'list',
  'flist',
  'rlist',
  'tuple',
  'dict',
  'int',
  'str',
  'none',
  'move',
  'append',
  'setitem',
  'getitem',
  'delitem',
  'pop',
  'clear',
  'collect',
  'gc',
  'threshold',
] as const;

/**
 * Largest slot count a trace may declare.
 *
 * @example
 * ```ts
 * import { MAX_TRACE_SLOTS, parseTraceHeader } from '@pymm/core/trace';
 * MAX_TRACE_SLOTS; // 1000000
 * let message = '';
 * try {
 *   parseTraceHeader(`{"format":"pymm-trace","version":1,"slots":${MAX_TRACE_SLOTS + 1},"name":"big"}`, 1);
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message; // 'line 1: header: slots must be an integer from 1 to 1000000, got 1000001'
 * ```
 */
export const MAX_TRACE_SLOTS = 1_000_000;
const INT_LIMIT = 2 ** 62;

/**
 * An invalid trace: names the line, the operation and the reason, e.g.
 * `line 17: append: v[3] holds a tuple, not a list`.
 *
 * @example
 * ```ts
 * import { TraceError } from '@pymm/core/trace';
 * const error = new TraceError(17, 'append', 'v[3] holds a tuple, not a list');
 * error.message; // 'line 17: append: v[3] holds a tuple, not a list'
 * ```
 */
export class TraceError extends Error {
  override readonly name = 'TraceError';
  constructor(
    /** 1-based line number in the file. */
    readonly line: number,
    /** The operation (or `header`), as written. */
    readonly operation: string,
    /** What is wrong. */
    readonly reason: string,
  ) {
    // The message goes to a terminal: what the file wrote is shown escaped and cut short, and an
    // operation name that is empty or starts or ends with blanks is quoted (`line 2: "list ": ...`).
    const name = /^\S(.*\S)?$/s.test(operation) ? operation : JSON.stringify(operation);
    super(`line ${line}: ${printable(name, 40)}: ${printable(reason, 400)}`);
  }
}

/**
 * Text from a file made safe to print on one line: control characters
 * (a NUL, an escape sequence, a carriage return, a line separator) written
 * as `\uXXXX`, and at most `max` characters.
 */
function printable(text: string, max: number): string {
  const cut = text.length > max ? `${text.slice(0, max - 3)}...` : text;
  return cut.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export { linesOf, readLines, type TraceLines } from './trace-lines.js';

/**
 * Whether a line is blank or a `#` comment (a trace reader skips it).
 *
 * @example
 * ```ts
 * import { isSkippableLine } from '@pymm/core/trace';
 * isSkippableLine('   '); // true
 * isSkippableLine('  # build the cycle'); // true
 * isSkippableLine('["list", 0]'); // false
 * ```
 */
export function isSkippableLine(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) continue;
    return c === 35; // '#'
  }
  return true;
}

function parseJson(text: string, line: number, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TraceError(line, what, `not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Parses and checks a header line.
 *
 * @example
 * ```ts
 * import { parseTraceHeader } from '@pymm/core/trace';
 * parseTraceHeader('{"format":"pymm-trace","version":1,"slots":4,"name":"t"}', 1).slots; // 4
 * ```
 */
export function parseTraceHeader(text: string, line: number): TraceHeader {
  const value = parseJson(text, line, 'header');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TraceError(line, 'header', 'the first line must be a JSON object');
  }
  const h = value as Record<string, unknown>;
  if (h.format !== 'pymm-trace')
    throw new TraceError(line, 'header', `format must be "pymm-trace", got ${show(h.format)}`);
  if (h.version !== 1)
    throw new TraceError(line, 'header', `version ${show(h.version)} is not supported (only 1)`);
  if (!Number.isInteger(h.slots) || (h.slots as number) < 1 || (h.slots as number) > MAX_TRACE_SLOTS) {
    throw new TraceError(
      line,
      'header',
      `slots must be an integer from 1 to ${MAX_TRACE_SLOTS}, got ${show(h.slots)}`,
    );
  }
  if (typeof h.name !== 'string' || h.name.length === 0) {
    throw new TraceError(line, 'header', 'name must be a non-empty string');
  }
  if (h.description !== undefined && typeof h.description !== 'string') {
    throw new TraceError(line, 'header', 'description must be a string');
  }
  return {
    format: 'pymm-trace',
    version: 1,
    slots: h.slots as number,
    name: h.name,
    ...(typeof h.description === 'string' ? { description: h.description } : {}),
  };
}

function show(value: unknown): string {
  if (typeof value === 'number') {
    // Large integers print exactly (JSON.stringify would round 2**62 to 4611686018427388000),
    // and 1e999 (Infinity once parsed) does not print as null.
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return BigInt(value).toString();
    return String(value);
  }
  const s = preview(value, 0);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * JSON text of a parsed value, as `JSON.stringify` writes it, but cut short:
 * at most a few levels deep and a little over 40 characters, so that a value
 * nested 100,000 levels deep (or a million items long) is shown without
 * recursing through all of it.
 */
function preview(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return JSON.stringify(value) ?? String(value);
  }
  if (depth >= 8) return Array.isArray(value) ? '[...]' : '{...}';
  const parts: string[] = [];
  let length = 0;
  const add = (part: string) => {
    parts.push(part);
    length += part.length + 1;
    return length <= 41;
  };
  if (Array.isArray(value)) {
    for (const item of value) if (!add(preview(item, depth + 1))) break;
    return `[${parts.join(',')}]`;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!add(`${JSON.stringify(key)}:${preview(item, depth + 1)}`)) break;
  }
  return `{${parts.join(',')}}`;
}

/**
 * Parses and checks one operation line against a trace with `slots` variables.
 *
 * @example
 * ```ts
 * import { parseTraceOperation } from '@pymm/core/trace';
 * parseTraceOperation('["append", 0, 1]', 2, 4); // { op: 'append', d: 0, s: 1 }
 * ```
 */
export function parseTraceOperation(text: string, line: number, slots: number): TraceOperation {
  const value = parseJson(text, line, 'operation');
  if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== 'string') {
    throw new TraceError(line, 'operation', 'an operation must be a JSON array starting with its name');
  }
  const name = value[0] as string;
  const n = value.length - 1; // arguments
  switch (name) {
    case 'tuple': {
      arity(line, name, n, 2, 'd, [s0, s1, ...]');
      const d = slotArgument(line, name, value[1], 'd', slots);
      const raw = value[2] as unknown;
      if (!Array.isArray(raw))
        throw new TraceError(line, name, `the items must be a list of slot numbers, got ${show(raw)}`);
      const items: number[] = new Array(raw.length);
      for (let i = 0; i < raw.length; i++) items[i] = slotArgument(line, name, raw[i], `item ${i}`, slots);
      return { op: 'tuple', d, items };
    }
    case 'str':
      arity(line, name, n, 2, 'd, "text"');
      if (typeof value[2] !== 'string')
        throw new TraceError(line, name, `the text must be a string, got ${show(value[2])}`);
      return { op: 'str', d: slotArgument(line, name, value[1], 'd', slots), text: value[2] };
    case 'collect': {
      arity(line, name, n, 1, 'g');
      const g = value[1];
      if (g !== 0 && g !== 1 && g !== 2)
        throw new TraceError(line, name, `generation must be 0, 1 or 2, got ${show(g)}`);
      return { op: 'collect', generation: g };
    }
    case 'gc': {
      arity(line, name, n, 1, '"enable" | "disable" | "freeze" | "unfreeze"');
      const action = value[1];
      if (action !== 'enable' && action !== 'disable' && action !== 'freeze' && action !== 'unfreeze') {
        throw new TraceError(
          line,
          name,
          `unknown gc action ${show(action)} (enable, disable, freeze, unfreeze)`,
        );
      }
      return { op: 'gc', action };
    }
    case 'threshold': {
      arity(line, name, n, 3, 't0, t1, t2');
      const t: number[] = [];
      for (let i = 0; i < 3; i++) {
        const v = integerArgument(line, name, value[i + 1], `t${i}`);
        if (Math.abs(v) > 2 ** 31 - 1) throw new TraceError(line, name, `t${i} ${v} does not fit a C int`);
        t.push(v);
      }
      return { op: 'threshold', thresholds: [t[0], t[1], t[2]] };
    }
    case 'list':
    case 'flist':
    case 'rlist':
    case 'dict':
    case 'none':
    case 'pop':
    case 'clear':
      arity(line, name, n, 1, 'd');
      return { op: name, d: slotArgument(line, name, value[1], 'd', slots) };
    case 'int':
      arity(line, name, n, 2, 'd, n');
      return {
        op: name,
        d: slotArgument(line, name, value[1], 'd', slots),
        n: integerArgument(line, name, value[2], 'n'),
      };
    case 'move':
    case 'append':
      arity(line, name, n, 2, 'd, s');
      return {
        op: name,
        d: slotArgument(line, name, value[1], 'd', slots),
        s: slotArgument(line, name, value[2], 's', slots),
      };
    case 'setitem':
      arity(line, name, n, 3, 'd, k, s');
      return {
        op: name,
        d: slotArgument(line, name, value[1], 'd', slots),
        k: integerArgument(line, name, value[2], 'k'),
        s: slotArgument(line, name, value[3], 's', slots),
      };
    case 'getitem':
      arity(line, name, n, 3, 'd, s, k');
      return {
        op: name,
        d: slotArgument(line, name, value[1], 'd', slots),
        s: slotArgument(line, name, value[2], 's', slots),
        k: integerArgument(line, name, value[3], 'k'),
      };
    case 'delitem':
      arity(line, name, n, 2, 'd, k');
      return {
        op: name,
        d: slotArgument(line, name, value[1], 'd', slots),
        k: integerArgument(line, name, value[2], 'k'),
      };
    default:
      throw new TraceError(line, name, 'unknown operation');
  }
}

/** Checks the argument count; `form` names the arguments. */
function arity(line: number, name: string, got: number, expected: number, form: string): void {
  if (got !== expected) {
    throw new TraceError(
      line,
      name,
      `expects ${expected} argument${expected === 1 ? '' : 's'} (${form}), got ${got}`,
    );
  }
}

function slotArgument(line: number, name: string, v: unknown, role: string, slots: number): number {
  if (!Number.isInteger(v)) throw new TraceError(line, name, `${role} must be a slot number, got ${show(v)}`);
  if ((v as number) < 0 || (v as number) >= slots) {
    throw new TraceError(line, name, `slot ${v} is out of range (the trace has ${slots} slots)`);
  }
  return v as number;
}

function integerArgument(line: number, name: string, v: unknown, role: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new TraceError(line, name, `${role} must be an integer, got ${show(v)}`);
  if (Math.abs(v) >= INT_LIMIT)
    throw new TraceError(line, name, `${role} ${show(v)} is too large (|n| must be below 2**62)`);
  return v;
}

/**
 * Reads a whole trace lazily: the header first, then each operation with its
 * line number. Errors (`TraceError`) are thrown when the bad line is reached.
 *
 * @example
 * ```ts
 * import { linesOf, readTrace } from '@pymm/core/trace';
 * const trace = readTrace(linesOf('{"format":"pymm-trace","version":1,"slots":2,"name":"t"}\n["list", 0]'));
 * trace.header.name;                          // 't'
 * [...trace.operations].map(([, op]) => op.op); // ['list']
 * ```
 */
export function readTrace(lines: TraceLines): {
  header: TraceHeader;
  operations: Iterable<readonly [number, TraceOperation]>;
} {
  const iterator = lines[Symbol.iterator]();
  let header: TraceHeader | null = null;
  let lastLine = 0;
  for (;;) {
    const next = iterator.next();
    if (next.done) break;
    const [line, text] = next.value;
    lastLine = line;
    if (isSkippableLine(text)) continue;
    header = parseTraceHeader(text, line);
    break;
  }
  if (!header) throw new TraceError(lastLine + 1, 'header', 'the trace is empty: it needs a header line');
  const slots = header.slots;
  const operations: Iterable<readonly [number, TraceOperation]> = {
    *[Symbol.iterator]() {
      for (;;) {
        const next = iterator.next();
        if (next.done) return;
        const [line, text] = next.value;
        if (isSkippableLine(text)) continue;
        yield [line, parseTraceOperation(text, line, slots)] as const;
      }
    },
  };
  return { header, operations };
}
