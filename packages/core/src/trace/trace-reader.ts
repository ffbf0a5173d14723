/**
 * Reading pymm-trace v1 files (`specs/pymm-trace-v1.md`): a streaming line
 * reader that never holds a whole file in memory, and a parser that checks
 * each operation's shape (name, argument count and types, slot ranges).
 * Whether an operation makes sense for what a slot holds is checked while the
 * trace runs (see `replayTrace`).
 *
 * @module
 */

import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The header line of a trace.
 *
 * @example
 * ```ts
 * import { type TraceHeader, parseTraceHeader } from '@pymm/core';
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
 * import { type TraceOperation, parseTraceOperation } from '@pymm/core';
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
 * import { TRACE_OPERATIONS } from '@pymm/core';
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
 * import { MAX_TRACE_SLOTS, parseTraceHeader } from '@pymm/core';
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
 * import { TraceError } from '@pymm/core';
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
    super(`line ${line}: ${operation}: ${reason}`);
  }
}

/**
 * A source of trace lines: yields each line's text with its 1-based number. Any iterable
 * will do: {@link linesOf} for text in memory, {@link readLines} for a file, or an array.
 *
 * @example
 * ```ts
 * import { type TraceLines, readTrace } from '@pymm/core';
 * const lines: TraceLines = [
 *   [1, '{"format": "pymm-trace", "version": 1, "slots": 1, "name": "one list"}'],
 *   [2, '["list", 0]'],
 * ];
 * const trace = readTrace(lines);
 * [...trace.operations]; // [[2, { op: 'list', d: 0 }]]
 * ```
 */
export type TraceLines = Iterable<readonly [line: number, text: string]>;

/**
 * Reads a file line by line in fixed-size chunks, never holding the whole
 * file. Lines are split on `\n` (a trailing `\r` is dropped).
 *
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readLines } from '@pymm/core';
 * const file = join(mkdtempSync(join(tmpdir(), 'pymm-')), 't.jsonl');
 * writeFileSync(file, 'a\r\nb\n');
 * [...readLines(file)]; // [[1, 'a'], [2, 'b']]
 * ```
 */
export function* readLines(path: string, chunkBytes = 1 << 20): Generator<readonly [number, string]> {
  const fd = openSync(path, 'r');
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const buffer = Buffer.allocUnsafe(chunkBytes);
  let pending = '';
  let line = 0;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkBytes, null);
      const text = pending + decoder.decode(buffer.subarray(0, read), { stream: read > 0 });
      let start = 0;
      for (;;) {
        const end = text.indexOf('\n', start);
        if (end < 0) break;
        line++;
        yield [line, stripCr(text.slice(start, end))];
        start = end + 1;
      }
      pending = text.slice(start);
      if (read === 0) break;
    }
    if (pending.length > 0) yield [line + 1, stripCr(pending)];
  } finally {
    closeSync(fd);
  }
}

/**
 * Splits trace text held in memory into numbered lines.
 *
 * @example
 * ```ts
 * import { linesOf } from '@pymm/core';
 * [...linesOf('a\nb')]; // [[1, 'a'], [2, 'b']]
 * ```
 */
export function* linesOf(text: string): Generator<readonly [number, string]> {
  let line = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    line++;
    if (end < 0) {
      if (start < text.length) yield [line, stripCr(text.slice(start))];
      return;
    }
    yield [line, stripCr(text.slice(start, end))];
    start = end + 1;
  }
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

/**
 * Whether a line is blank or a `#` comment (a trace reader skips it).
 *
 * @example
 * ```ts
 * import { isSkippableLine } from '@pymm/core';
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
 * import { parseTraceHeader } from '@pymm/core';
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
  // Large integers print exactly (JSON.stringify would round 2**62 to 4611686018427388000).
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    return BigInt(value).toString();
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * Parses and checks one operation line against a trace with `slots` variables.
 *
 * @example
 * ```ts
 * import { parseTraceOperation } from '@pymm/core';
 * parseTraceOperation('["append", 0, 1]', 2, 4); // { op: 'append', d: 0, s: 1 }
 * ```
 */
export function parseTraceOperation(text: string, line: number, slots: number): TraceOperation {
  const value = parseJson(text, line, 'operation');
  if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== 'string') {
    throw new TraceError(line, 'operation', 'an operation must be a JSON array starting with its name');
  }
  const name = value[0] as string;
  const args = value.slice(1) as unknown[];
  const fail = (reason: string): never => {
    throw new TraceError(line, name, reason);
  };
  const arity = (n: number, form: string) => {
    if (args.length !== n) fail(`expects ${n} argument${n === 1 ? '' : 's'} (${form}), got ${args.length}`);
  };
  const slot = (i: number, role: string): number => {
    const v = args[i];
    if (!Number.isInteger(v)) fail(`${role} must be a slot number, got ${show(v)}`);
    if ((v as number) < 0 || (v as number) >= slots) {
      fail(`slot ${v} is out of range (the trace has ${slots} slots)`);
    }
    return v as number;
  };
  const integer = (i: number, role: string): number => {
    const v = args[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(`${role} must be an integer, got ${show(v)}`);
    if (Math.abs(v as number) >= INT_LIMIT) fail(`${role} ${show(v)} is too large (|n| must be below 2**62)`);
    return v as number;
  };
  switch (name) {
    case 'list':
    case 'flist':
    case 'rlist':
    case 'dict':
    case 'none':
    case 'pop':
    case 'clear':
      arity(1, 'd');
      return { op: name, d: slot(0, 'd') };
    case 'tuple': {
      arity(2, 'd, [s0, s1, ...]');
      const d = slot(0, 'd');
      if (!Array.isArray(args[1])) fail(`the items must be a list of slot numbers, got ${show(args[1])}`);
      const items = (args[1] as unknown[]).map((v, i) => {
        if (!Number.isInteger(v)) fail(`item ${i} must be a slot number, got ${show(v)}`);
        if ((v as number) < 0 || (v as number) >= slots)
          fail(`slot ${v} is out of range (the trace has ${slots} slots)`);
        return v as number;
      });
      return { op: 'tuple', d, items };
    }
    case 'int':
      arity(2, 'd, n');
      return { op: 'int', d: slot(0, 'd'), n: integer(1, 'n') };
    case 'str':
      arity(2, 'd, "text"');
      if (typeof args[1] !== 'string') fail(`the text must be a string, got ${show(args[1])}`);
      return { op: 'str', d: slot(0, 'd'), text: args[1] as string };
    case 'move':
    case 'append':
      arity(2, 'd, s');
      return { op: name, d: slot(0, 'd'), s: slot(1, 's') };
    case 'setitem':
      arity(3, 'd, k, s');
      return { op: 'setitem', d: slot(0, 'd'), k: integer(1, 'k'), s: slot(2, 's') };
    case 'getitem':
      arity(3, 'd, s, k');
      return { op: 'getitem', d: slot(0, 'd'), s: slot(1, 's'), k: integer(2, 'k') };
    case 'delitem':
      arity(2, 'd, k');
      return { op: 'delitem', d: slot(0, 'd'), k: integer(1, 'k') };
    case 'collect': {
      arity(1, 'g');
      const g = args[0];
      if (g !== 0 && g !== 1 && g !== 2) fail(`generation must be 0, 1 or 2, got ${show(g)}`);
      return { op: 'collect', generation: g as number };
    }
    case 'gc': {
      arity(1, '"enable" | "disable" | "freeze" | "unfreeze"');
      const action = args[0];
      if (action !== 'enable' && action !== 'disable' && action !== 'freeze' && action !== 'unfreeze') {
        fail(`unknown gc action ${show(action)} (enable, disable, freeze, unfreeze)`);
      }
      return { op: 'gc', action: action as 'enable' };
    }
    case 'threshold': {
      arity(3, 't0, t1, t2');
      const t = [0, 1, 2].map((i) => {
        const v = integer(i, `t${i}`);
        if (Math.abs(v) > 2 ** 31 - 1) fail(`t${i} ${v} does not fit a C int`);
        return v;
      });
      return { op: 'threshold', thresholds: [t[0], t[1], t[2]] };
    }
    default:
      return fail('unknown operation');
  }
}

/**
 * Reads a whole trace lazily: the header first, then each operation with its
 * line number. Errors (`TraceError`) are thrown when the bad line is reached.
 *
 * @example
 * ```ts
 * import { linesOf, readTrace } from '@pymm/core';
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
