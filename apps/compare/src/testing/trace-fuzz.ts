/**
 * Test support for fuzzing the trace reader and the `pymm` command: random
 * valid traces (generated against a model of what each slot holds, so that
 * every operation is one CPython would run), small traces of the conformance
 * corpus, and mutations of both — truncated lines and files, wrong argument
 * types, huge numbers, unknown operations, binary garbage, invalid UTF-8,
 * deeply nested JSON arrays, enormous lines, empty files, header-only files,
 * CRLF line endings, a byte-order mark — as the bytes of a file.
 *
 * And the contract every run must keep: exit 0 with the results object, or
 * exit 1 with one line on standard error that names the line; never another
 * exit code, never a stack trace.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CommandResult } from '../commands/command-result.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;

/** Every built-in strategy configuration, as `--strategy` and `--profile`. */
export const CLI_CONFIGURATIONS: readonly { readonly strategy: string; readonly profile?: string }[] = [
  { strategy: 'nogc' },
  { strategy: 'refcount' },
  { strategy: 'generational', profile: 'cpython-3.11' },
  { strategy: 'generational', profile: 'cpython-3.12' },
  { strategy: 'generational', profile: 'cpython-3.13' },
  { strategy: 'mark-sweep', profile: 'default' },
  { strategy: 'mark-sweep', profile: 'lazy' },
  { strategy: 'mark-sweep', profile: 'incremental' },
];

/** The conformance corpus's traces of at most `maxLines` lines, as lines of text. */
export function corpusSeeds(maxLines = 120): string[][] {
  const dir = join(ROOT, 'conformance', 'traces');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) =>
      readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .filter((line) => line.length > 0),
    )
    .filter((lines) => lines.length <= maxLines);
}

// ---------------------------------------------------------------------------
// Valid traces

/** What a slot's object is, in the generator's model. */
interface ModelObject {
  readonly kind: 'none' | 'list' | 'tuple' | 'dict' | 'int' | 'str';
  /** Items of a list or tuple (object ids); values of a dict. */
  items: number[];
  /** Keys of a dict, parallel to `items`. */
  keys: number[];
}

/** One generated step: an operation choice and three parameters, decoded against the model. */
type Step = readonly [number, number, number, number];

/**
 * A valid trace: a header and operations that CPython would run without an
 * error (the generator keeps a model of every slot's object, shared between
 * slots by `move` and `getitem` as in Python).
 */
export function validTraceArbitrary(maxOperations = 40): fc.Arbitrary<string[]> {
  return fc
    .record({
      slots: fc.integer({ min: 1, max: 6 }),
      name: fc.oneof(fc.constantFrom('t', 'fuzz', 'a b'), fc.string({ minLength: 1, maxLength: 8 })),
      description: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      steps: fc.array(fc.tuple(fc.nat(19), fc.nat(63), fc.nat(63), fc.nat(63)), {
        maxLength: maxOperations,
        size: 'max',
      }),
    })
    .map(({ slots, name, description, steps }) => [
      JSON.stringify({
        format: 'pymm-trace',
        version: 1,
        slots,
        name,
        ...(description ? { description } : {}),
      }),
      ...operations(slots, steps),
    ]);
}

function operations(slots: number, steps: readonly Step[]): string[] {
  const objects: ModelObject[] = [{ kind: 'none', items: [], keys: [] }];
  const v: number[] = new Array(slots).fill(0);
  const make = (kind: ModelObject['kind'], items: number[] = []) => {
    objects.push({ kind, items, keys: [] });
    return objects.length - 1;
  };
  const slotWhere = (n: number, accept: (o: ModelObject) => boolean): number | null => {
    const fitting = v.map((id, slot) => [id, slot] as const).filter(([id]) => accept(objects[id]));
    return fitting.length === 0 ? null : fitting[n % fitting.length][1];
  };
  const lines: string[] = [];
  const emit = (...op: unknown[]) => lines.push(JSON.stringify(op));
  for (const [choice, a, b, c] of steps) {
    const d = a % slots;
    const s = b % slots;
    switch (choice) {
      case 0:
      case 1:
      case 2: {
        const op = ['list', 'flist', 'rlist'][choice];
        v[d] = make('list');
        emit(op, d);
        break;
      }
      case 3: {
        const items = Array.from({ length: c % 4 }, (_, i) => (b + i) % slots);
        v[d] =
          items.length === 0
            ? make('tuple')
            : make(
                'tuple',
                items.map((slot) => v[slot]),
              );
        emit('tuple', d, items);
        break;
      }
      case 4:
        v[d] = make('dict');
        emit('dict', d);
        break;
      case 5: {
        const n = [0, -5, 256, 257, 1_000, -1_000_000, 2 ** 53, -(2 ** 62) + 1024][c % 8] + (c % 3);
        v[d] = make('int');
        emit('int', d, n);
        break;
      }
      case 6:
        v[d] = make('str');
        emit('str', d, ['', 'x', 'id_1', 'two words', 'é', '\u{1F600}', 'tab\there'][c % 7]);
        break;
      case 7:
        v[d] = 0;
        emit('none', d);
        break;
      case 8:
        v[d] = v[s];
        emit('move', d, s);
        break;
      case 9:
      case 10: {
        const list = slotWhere(a, (o) => o.kind === 'list');
        if (list === null) break;
        objects[v[list]].items.push(v[s]);
        emit('append', list, s);
        break;
      }
      case 11: {
        const target = slotWhere(a, (o) => (o.kind === 'list' && o.items.length > 0) || o.kind === 'dict');
        if (target === null) break;
        const o = objects[v[target]];
        if (o.kind === 'list') {
          const k = (c % (2 * o.items.length)) - o.items.length;
          o.items[k < 0 ? k + o.items.length : k] = v[s];
          emit('setitem', target, k, s);
        } else {
          const k = c % 5;
          const at = o.keys.indexOf(k);
          if (at >= 0) o.items[at] = v[s];
          else {
            o.keys.push(k);
            o.items.push(v[s]);
          }
          emit('setitem', target, k, s);
        }
        break;
      }
      case 12: {
        const source = slotWhere(
          b,
          (o) => (o.kind === 'list' || o.kind === 'tuple' || o.kind === 'dict') && o.items.length > 0,
        );
        if (source === null) break;
        const o = objects[v[source]];
        if (o.kind === 'dict') {
          const at = c % o.keys.length;
          v[d] = o.items[at];
          emit('getitem', d, source, o.keys[at]);
        } else {
          const k = (c % (2 * o.items.length)) - o.items.length;
          v[d] = o.items[k < 0 ? k + o.items.length : k];
          emit('getitem', d, source, k);
        }
        break;
      }
      case 13: {
        const target = slotWhere(a, (o) => (o.kind === 'list' || o.kind === 'dict') && o.items.length > 0);
        if (target === null) break;
        const o = objects[v[target]];
        if (o.kind === 'dict') {
          const at = c % o.keys.length;
          emit('delitem', target, o.keys[at]);
          o.keys.splice(at, 1);
          o.items.splice(at, 1);
        } else {
          const k = (c % (2 * o.items.length)) - o.items.length;
          o.items.splice(k < 0 ? k + o.items.length : k, 1);
          emit('delitem', target, k);
        }
        break;
      }
      case 14: {
        const list = slotWhere(a, (o) => o.kind === 'list' && o.items.length > 0);
        if (list === null) break;
        objects[v[list]].items.pop();
        emit('pop', list);
        break;
      }
      case 15: {
        const target = slotWhere(a, (o) => o.kind === 'list' || o.kind === 'dict');
        if (target === null) break;
        objects[v[target]].items = [];
        objects[v[target]].keys = [];
        emit('clear', target);
        break;
      }
      case 16:
      case 17:
        emit('collect', c % 3);
        break;
      case 18:
        emit('gc', ['enable', 'disable', 'freeze', 'unfreeze'][c % 4]);
        break;
      default:
        emit('threshold', [0, 1, 5, 700][a % 4], b % 11, c % 11);
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------
// Mutations

/** Values of the wrong type, or numbers at and beyond every limit, as JSON text. */
const WEIRD_VALUES = [
  'null',
  'true',
  '"0"',
  '"list"',
  '[]',
  '[0]',
  '{}',
  '{"d": 0}',
  '1.5',
  '-1',
  '-0',
  '1e308',
  '1e999',
  '-1e999',
  '4611686018427387904',
  '-4611686018427387904',
  '9007199254740993',
  '123456789012345678901234567890',
  '2147483648',
  '1000000',
  '0x10',
  'NaN',
  '"\\ud800"',
  '"\\u0000"',
];

/** A mutation of a trace's lines (text) or of its bytes. */
type Mutation =
  | { readonly kind: 'truncate-line'; readonly line: number; readonly at: number }
  | {
      readonly kind: 'replace-argument';
      readonly line: number;
      readonly argument: number;
      readonly value: number;
    }
  | { readonly kind: 'drop-argument'; readonly line: number }
  | { readonly kind: 'add-argument'; readonly line: number; readonly value: number }
  | { readonly kind: 'rename-operation'; readonly line: number; readonly name: string }
  | { readonly kind: 'insert-line'; readonly line: number; readonly text: string }
  | { readonly kind: 'delete-line'; readonly line: number }
  | { readonly kind: 'swap-lines'; readonly line: number; readonly other: number }
  | { readonly kind: 'duplicate-line'; readonly line: number }
  | { readonly kind: 'nested-arrays'; readonly line: number; readonly depth: number }
  | { readonly kind: 'enormous-line'; readonly line: number; readonly length: number }
  | { readonly kind: 'header-value'; readonly key: string; readonly value: number };

/** How the lines become a file, and changes to its bytes. */
interface Encoding {
  readonly crlf: boolean;
  readonly bom: boolean;
  readonly finalNewline: boolean;
  /** Random bytes inserted at fractions of the file (binary garbage, invalid UTF-8). */
  readonly garbage: readonly { readonly at: number; readonly bytes: Uint8Array }[];
  /** Cut the file at this fraction of its length (1 = keep all). */
  readonly cut: number;
}

/** Bytes that are not valid UTF-8, or are control characters. */
const BAD_BYTES = [
  [0xff],
  [0xfe, 0xff],
  [0xc3, 0x28],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc0, 0xaf],
  [0x00],
  [0x0d],
  [0x1b, 0x5b, 0x33, 0x31, 0x6d],
  [0x7f],
].map((bytes) => Uint8Array.from(bytes));

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('truncate-line' as const), line: fc.nat(), at: fc.nat() }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('replace-argument' as const),
      line: fc.nat(),
      argument: fc.nat(3),
      value: fc.nat(WEIRD_VALUES.length - 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop-argument' as const), line: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add-argument' as const),
      line: fc.nat(),
      value: fc.nat(WEIRD_VALUES.length - 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('rename-operation' as const),
      line: fc.nat(),
      name: fc.oneof(
        fc.constantFrom(
          'List',
          'list ',
          '',
          'del',
          'collect2',
          '__proto__',
          'constructor',
          'toString',
          'append\u0000',
        ),
        fc.string({ maxLength: 6 }),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('insert-line' as const),
      line: fc.nat(),
      text: fc.oneof(
        fc.constantFrom(
          '',
          '   ',
          '# comment',
          '\t# indented',
          '{}',
          '[]',
          '[1]',
          '"list"',
          '["list"]',
          'null',
          '][',
        ),
        fc.string({ maxLength: 20 }),
        fc.json({ maxDepth: 3 }),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-line' as const), line: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('swap-lines' as const), line: fc.nat(), other: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('nested-arrays' as const),
      line: fc.nat(),
      depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constantFrom(1_000, 10_000, 100_000)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('enormous-line' as const),
      line: fc.nat(),
      length: fc.constantFrom(10_000, 100_000, 1_000_000),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('header-value' as const),
      key: fc.constantFrom('format', 'version', 'slots', 'name', 'description', 'extra'),
      value: fc.nat(WEIRD_VALUES.length - 1),
    }),
  },
);

const encodingArbitrary: fc.Arbitrary<Encoding> = fc.record({
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  garbage: fc.oneof(
    { weight: 4, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.record({
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          bytes: fc.oneof(fc.constantFrom(...BAD_BYTES), fc.uint8Array({ minLength: 1, maxLength: 16 })),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    },
  ),
  cut: fc.oneof(
    { weight: 6, arbitrary: fc.constant(1) },
    { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  ),
});

/** A fuzz case: where the lines come from, what was done to them, and the resulting file. */
export interface FuzzCase {
  readonly origin: 'generated' | 'corpus' | 'random';
  readonly mutations: readonly Mutation[];
  readonly encoding: Encoding;
  readonly bytes: Uint8Array;
}

/**
 * Fuzz cases: a generated valid trace, a small trace of the corpus, or lines
 * of random JSON, with 0-3 mutations and a random encoding.
 */
export function fuzzCaseArbitrary(seeds: readonly string[][]): fc.Arbitrary<FuzzCase> {
  const lines = fc.oneof(
    { weight: 4, arbitrary: validTraceArbitrary().map((l) => ({ origin: 'generated' as const, lines: l })) },
    { weight: 2, arbitrary: fc.constantFrom(...seeds).map((l) => ({ origin: 'corpus' as const, lines: l })) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.oneof(fc.json({ maxDepth: 2 }), fc.string({ maxLength: 30 })), { maxLength: 5 })
        .map((l) => ({ origin: 'random' as const, lines: l })),
    },
  );
  return fc
    .record({
      source: lines,
      mutations: fc.oneof(
        { weight: 1, arbitrary: fc.constant([]) },
        { weight: 3, arbitrary: fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }) },
      ),
      encoding: encodingArbitrary,
    })
    .map(({ source, mutations, encoding }) => ({
      origin: source.origin,
      mutations,
      encoding,
      bytes: encode(mutate(source.lines, mutations), encoding),
    }));
}

/** Applies mutations to a copy of the lines. */
export function mutate(original: readonly string[], mutations: readonly Mutation[]): string[] {
  const lines = [...original];
  const pick = (n: number) => (lines.length === 0 ? -1 : n % lines.length);
  for (const m of mutations) {
    const i = 'line' in m ? pick(m.line) : -1;
    switch (m.kind) {
      case 'truncate-line':
        if (i >= 0) lines[i] = lines[i].slice(0, m.at % (lines[i].length + 1));
        break;
      case 'replace-argument':
      case 'drop-argument':
      case 'add-argument': {
        if (i < 0 || lines[i].length > 10_000) break; // (not the deeply nested or enormous lines)
        let parsed: unknown;
        try {
          parsed = JSON.parse(lines[i]);
        } catch {
          break;
        }
        if (!Array.isArray(parsed)) break;
        const texts = parsed.map((x) => JSON.stringify(x) ?? 'null');
        if (m.kind === 'drop-argument') texts.pop();
        else if (m.kind === 'add-argument') texts.push(WEIRD_VALUES[m.value]);
        else
          texts[Math.min(texts.length - 1, 1 + (m.argument % Math.max(1, texts.length - 1)))] =
            WEIRD_VALUES[m.value];
        lines[i] = `[${texts.join(', ')}]`;
        break;
      }
      case 'rename-operation':
        if (i >= 0) lines[i] = lines[i].replace(/^\["[^"]*"/, JSON.stringify([m.name]).slice(0, -1));
        break;
      case 'insert-line':
        lines.splice(Math.max(i, 0), 0, m.text);
        break;
      case 'delete-line':
        if (i >= 0) lines.splice(i, 1);
        break;
      case 'swap-lines': {
        const j = pick(m.other);
        if (i >= 0) [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      }
      case 'duplicate-line':
        if (i >= 0) lines.splice(i, 0, lines[i]);
        break;
      case 'nested-arrays':
        lines.splice(Math.max(i, 0), 0, `["tuple", 0, ${'['.repeat(m.depth)}${']'.repeat(m.depth)}]`);
        break;
      case 'enormous-line':
        lines.splice(Math.max(i, 0), 0, `["str", 0, "${'x'.repeat(m.length)}"]`);
        break;
      case 'header-value': {
        const header = lines.findIndex((l) => l.trimStart().startsWith('{'));
        if (header < 0) break;
        const key = JSON.stringify(m.key);
        const pattern = new RegExp(
          `${key.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')}\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|[^,}]*)`,
        );
        const value = WEIRD_VALUES[m.value];
        lines[header] = pattern.test(lines[header])
          ? lines[header].replace(pattern, `${key}: ${value}`)
          : lines[header].replace(/}\s*$/, `, ${key}: ${value}}`);
        break;
      }
    }
  }
  return lines;
}

/** The lines as the bytes of a file. */
export function encode(lines: readonly string[], encoding: Encoding): Uint8Array {
  const newline = encoding.crlf ? '\r\n' : '\n';
  const text = lines.join(newline) + (encoding.finalNewline && lines.length > 0 ? newline : '');
  let bytes: Uint8Array = Buffer.from(text, 'utf8');
  if (encoding.bom) bytes = Buffer.concat([Uint8Array.from([0xef, 0xbb, 0xbf]), bytes]);
  const cuts = [...encoding.garbage].sort((x, y) => x.at - y.at);
  if (cuts.length > 0) {
    const parts: Uint8Array[] = [];
    let from = 0;
    for (const g of cuts) {
      const at = Math.floor(g.at * bytes.length);
      parts.push(bytes.subarray(from, at), g.bytes);
      from = at;
    }
    parts.push(bytes.subarray(from));
    bytes = Buffer.concat(parts);
  }
  if (encoding.cut < 1) bytes = bytes.subarray(0, Math.floor(encoding.cut * bytes.length));
  return bytes;
}

/** A short description of a case, for failure messages. */
export function describeCase(c: FuzzCase): string {
  const head = Buffer.from(c.bytes.subarray(0, 300)).toString('utf8');
  return `${c.origin} trace, mutations ${JSON.stringify(c.mutations)}, encoding ${JSON.stringify({ ...c.encoding, garbage: c.encoding.garbage.length })}, ${c.bytes.length} bytes starting ${JSON.stringify(head)}`;
}

// ---------------------------------------------------------------------------
// The contract

/** What a `pymm replay` run must look like; returns what is wrong (empty when all is well). */
export function replayContractProblems(result: CommandResult, file: string, json: boolean): string[] {
  const problems: string[] = [];
  if (result.exitCode === 0) {
    if (result.stderr !== '')
      problems.push(`exit 0 with standard error ${JSON.stringify(result.stderr.slice(0, 200))}`);
    if (json) {
      try {
        const results = JSON.parse(result.stdout) as Record<string, unknown>;
        const keys = ['collect_results', 'stats', 'count', 'finalized', 'resurrected', 'alive'];
        if (JSON.stringify(Object.keys(results)) !== JSON.stringify(keys))
          problems.push('the results object has other keys');
      } catch {
        problems.push(
          `exit 0, but standard output is not JSON: ${JSON.stringify(result.stdout.slice(0, 200))}`,
        );
      }
    } else if (!result.stdout.startsWith('trace ')) {
      problems.push(`exit 0, but standard output is ${JSON.stringify(result.stdout.slice(0, 200))}`);
    }
  } else if (result.exitCode === 1) {
    if (result.stdout !== '')
      problems.push(`exit 1 with standard output ${JSON.stringify(result.stdout.slice(0, 200))}`);
    problems.push(...errorLineProblems(result.stderr, file));
  } else {
    problems.push(`exit ${result.exitCode}: ${JSON.stringify(result.stderr.slice(0, 500))}`);
  }
  return problems;
}

/**
 * The error of an invalid trace: one line, `pymm: FILE: line N: what: why`,
 * with no stack trace and no control characters.
 */
export function errorLineProblems(stderr: string, file: string): string[] {
  const problems: string[] = [];
  const prefix = `pymm: ${file}: line `;
  if (!stderr.startsWith(prefix))
    problems.push(`the error does not name the line: ${JSON.stringify(stderr.slice(0, 300))}`);
  else if (!/^\d+: \S/.test(stderr.slice(prefix.length))) {
    problems.push(`the error has no line number: ${JSON.stringify(stderr.slice(0, 300))}`);
  }
  if (!stderr.endsWith('\n') || stderr.indexOf('\n') !== stderr.length - 1) {
    problems.push(`the error is not one line: ${JSON.stringify(stderr.slice(0, 300))}`);
  }
  if (/\n\s+at /.test(stderr) || /internal error/.test(stderr))
    problems.push(`a stack trace: ${JSON.stringify(stderr.slice(0, 300))}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(stderr)) {
    problems.push(`control characters in the error: ${JSON.stringify(stderr.slice(0, 300))}`);
  }
  if (stderr.length > 2_000) problems.push(`an error of ${stderr.length} characters`);
  return problems;
}

/** The line number an error names. */
export function errorLine(stderr: string): number {
  const match = / line (\d+): /.exec(stderr);
  return match ? Number(match[1]) : Number.NaN;
}
