/**
 * Test support for fuzzing the trace reader and the `pymm` command: random
 * valid traces (generated against a model of what each slot holds, so that
 * every operation is one CPython would run), small traces of the conformance
 * corpus, and mutations of both — truncated lines and files, wrong argument
 * types, huge numbers, unknown operations, binary garbage, invalid UTF-8,
 * deeply nested JSON arrays, enormous lines, empty files, header-only files,
 * CRLF line endings, a byte-order mark — as the bytes of a file
 * (`valid-trace-arbitrary.ts` generates, `trace-mutations.ts` mutates and
 * encodes; the contract every run must keep is in `replay-contract.ts`).
 *
 * @module
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  type Encoding,
  encode,
  encodingArbitrary,
  type Mutation,
  mutate,
  mutationArbitrary,
} from './trace-mutations.js';
import { validTraceArbitrary } from './valid-trace-arbitrary.js';

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

/** A short description of a case, for failure messages. */
export function describeCase(c: FuzzCase): string {
  const head = Buffer.from(c.bytes.subarray(0, 300)).toString('utf8');
  return `${c.origin} trace, mutations ${JSON.stringify(c.mutations)}, encoding ${JSON.stringify({ ...c.encoding, garbage: c.encoding.garbage.length })}, ${c.bytes.length} bytes starting ${JSON.stringify(head)}`;
}
