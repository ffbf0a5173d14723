/**
 * Mutations of a trace for fuzzing — truncated lines and files, wrong argument
 * types, huge numbers, unknown operations, binary garbage, invalid UTF-8,
 * deeply nested JSON arrays, enormous lines, empty files, header-only files,
 * CRLF line endings, a byte-order mark — and how the lines become the bytes
 * of a file.
 *
 * @module
 */

import fc from 'fast-check';

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
export type Mutation =
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
export interface Encoding {
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

/** One random mutation of a trace's lines or header. */
export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
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

/** A random encoding: line endings, byte-order mark, final newline, garbage bytes and a cut. */
export const encodingArbitrary: fc.Arbitrary<Encoding> = fc.record({
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
