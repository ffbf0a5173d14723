/**
 * pymm's tree against CPython's own `ast` on the whole standard library. One CPython process walks
 * the library and, for every file CPython compiles, prints its node-class counts as it goes; this
 * test parses each file as its line arrives (CPython and pymm work at the same time, on two cores),
 * so nothing is cached across runs. Then CPython prints the full trees of a seeded sample of files,
 * compared node by node: class, fields, literal values and positions. The seed is printed;
 * `PYMM_SEED=<seed>` replays it, `PYMM_STDLIB_FULL=1` compares every file in full.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countNodeTypes, firstDifference, toCPythonJson } from './cpython-ast-json.js';
import { loadParser } from './load-parser.js';
import { parsePythonSync } from './parse-python.js';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from './python3.js';

const python = cpython311();
const SAMPLE = 40;
const dumpScript = fileURLToPath(new URL('./cpython-ast-dump.py', import.meta.url));

/** One line of `cpython-ast-dump.py`. */
interface DumpLine {
  readonly file: string;
  readonly encoding?: string;
  readonly counts?: Record<string, number>;
  readonly tree?: unknown;
}

/** The stdlib comparison's tallies. */
interface Tally {
  files: number;
  countsEqual: number;
  compared: number;
  identical: number;
  /** Files pymm refuses for a known reason (see {@link knownRefusal}). */
  known: number;
  /** Every other difference: none is expected. */
  readonly problems: string[];
}

/**
 * Why pymm knowingly refuses a file CPython compiles, or `null`: `\N{...}` escapes (pymm has no
 * Unicode name table), and one grammar bug of tree-sitter-python (a line continued inside brackets
 * after `.`, indented less than its block), hit by `test/test_compile.py` only.
 */
function knownRefusal(file: string, message: string): string | null {
  if (message.includes("'\\N{...}' escapes are not supported by pymm")) return 'no Unicode name table';
  if (file.endsWith('/test/test_compile.py') && message.endsWith('SyntaxError: invalid syntax'))
    return 'tree-sitter-python: bracket continuation indented less than its block';
  return null;
}

const encodings = new Map<string, string>();

function parseFile(file: string, tally: Tally, count: boolean) {
  const text = new TextDecoder(encodings.get(file) ?? 'utf-8').decode(readFileSync(file));
  const parsed = parsePythonSync(text, { filename: file });
  if (parsed.ok) return parsed.module;
  const message = parsed.error.toString();
  if (knownRefusal(file, message) === null) tally.problems.push(`${file}: ${message}`);
  else if (count) tally.known++;
  return null;
}

function compare(line: DumpLine, tally: Tally) {
  if (line.encoding) encodings.set(line.file, line.encoding);
  const module = parseFile(line.file, tally, line.counts !== undefined);
  if (line.counts) {
    tally.files++;
    const difference = module && firstDifference(line.counts, countNodeTypes(module));
    if (module && difference === null) tally.countsEqual++;
    else if (difference) tally.problems.push(`${line.file}: node-class counts: ${difference}`);
  }
  if (line.tree) {
    tally.compared++;
    const difference = module && firstDifference(line.tree, toCPythonJson(module));
    if (module && difference === null) tally.identical++;
    else if (difference) tally.problems.push(`${line.file}: ${difference}`);
  }
}

/** Runs the dump and compares each line as it arrives. */
async function compareWithCPython(command: string, seed: number, full: boolean): Promise<Tally> {
  const tally: Tally = { files: 0, countsEqual: 0, compared: 0, identical: 0, known: 0, problems: [] };
  const child = spawn(command, [dumpScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  child.stdin.end(JSON.stringify({ seed, sample: SAMPLE, full }));
  for await (const text of createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }))
    if (text) compare(JSON.parse(text) as DumpLine, tally);
  expect(await exited, `${command} ${dumpScript} exit status`).toBe(0);
  return tally;
}

describe.skipIf(skipWithoutCPython(python))('the standard library, against CPython 3.11 ast', () => {
  const full = process.env.PYMM_STDLIB_FULL === '1';
  it(`pymm's tree equals CPython's ast: node-class counts for every file CPython compiles, and ${
    full ? 'every file' : `a seeded sample of ${SAMPLE} files (PYMM_STDLIB_FULL=1: every file)`
  } node by node, positions and literal values included; only known refusals (\\N{...} escapes) differ`, async () => {
    await loadParser();
    const seed = process.env.PYMM_SEED ? Number(process.env.PYMM_SEED) : Date.now() % 2 ** 31;
    const started = performance.now();
    const tally = await compareWithCPython(requireCPython(python), seed, full);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `seed ${seed} (PYMM_SEED=${seed} replays), ${seconds} s: node-class counts equal in ${tally.countsEqual} of ` +
        `${tally.files} files; ${tally.identical} of ${tally.compared} ${full ? '' : 'sampled '}files identical ` +
        `node by node; ${tally.known} files refused for a known reason (\\N{...} escapes, one grammar bug)`,
    );
    expect(tally.files).toBeGreaterThan(1000);
    expect(tally.compared).toBe(full ? tally.files : SAMPLE);
    // Every file pymm parses has CPython's tree; the only others are the known refusals (CPython
    // 3.11.7's library: 1756 of 1773 identical, 16 files with \N{...}, test/test_compile.py).
    expect(tally.problems).toEqual([]);
    expect(tally.countsEqual + tally.known).toBe(tally.files);
    expect(tally.known).toBeLessThanOrEqual(20);
  }, 240_000);
});

if (skipWithoutCPython(python)) {
  describe('the standard library, against CPython 3.11 ast', () => {
    it('needs CPython 3.11', (ctx) => ctx.skip(PYTHON3_MISSING));
  });
}
