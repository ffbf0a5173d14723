/**
 * Fuzzing the front end: 2,000 programs mutated from a seeded corpus (seed printed; PYMM_SEED
 * replays) go through parse, validate and the subset check. Each must give a clean result or a
 * Python-style error (a PythonSyntaxError or SubsetError with a line and column), never a host
 * exception, and each within a time bound.
 */
import { describe, expect, it } from 'vitest';
import { checkProgramSync } from './check-program.js';
import { loadParser } from './load-parser.js';
import { SubsetError } from './subset-check.js';
import { PythonSyntaxError } from './syntax-error.js';

const CORPUS = [
  'import gc\n\nclass Node:\n    def __init__(self, name):\n        self.name = name\n        self.other = None\n\na = Node("a")\nb = Node("b")\na.other, b.other = b, a\ndel a, b\nprint(gc.collect())\n',
  'def gen(n):\n    for i in range(n):\n        yield i * 2\n\ntotal = sum(gen(10))\nprint(f"total={total!r:>8}")\n',
  'with open("data.txt", "w") as f:\n    f.write("x" * 10)\nprint(f.closed)\n',
  'x = [1, 2, 3]\ny = {k: v for k, v in zip("abc", x) if v > 1}\ntry:\n    z = y["a"]\nexcept KeyError as e:\n    print("missing", e)\nfinally:\n    pass\n',
  'import sys\na = 256\nb = 256\nprint(a is b, sys.getrefcount(a))\ns = "hé" + b"x".decode()\nprint(s[::-1], 1_000.5e3, 0x_ff)\n',
];
const PIECES = [
  '(',
  ')',
  '[',
  ']',
  ':',
  ',',
  '*',
  '**',
  'yield',
  'return',
  'lambda',
  '=',
  '\n',
  '    ',
  '"',
  "'",
  'f"{',
  '}',
  'async ',
  'await ',
  'match ',
  '08',
  '1.e5',
  'global x\n',
  'nonlocal y\n',
  '\\',
  '#',
  'é',
  '\t',
  'not ',
  ' and ',
  ':=',
];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

function mutate(source: string, random: () => number): string {
  let out = source;
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    const kind = random();
    if (kind < 0.4) out = out.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 5));
    else {
      const from = Math.floor(random() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(random() * 20)) + out.slice(at);
    }
  }
  return out;
}

describe('fuzzed programs through parse, validate and the subset check', () => {
  it('2,000 mutated programs each give a clean result or a Python-style error, in bounded time', async () => {
    await loadParser();
    const seed = process.env.PYMM_SEED ? Number(process.env.PYMM_SEED) : Date.now() % 2 ** 31;
    console.log(`fuzz seed ${seed} (PYMM_SEED=${seed} replays)`);
    const random = rng(seed);
    const outcomes = { clean: 0, syntax: 0, subset: 0 };
    for (let i = 0; i < 2000; i++) {
      const source = mutate(CORPUS[i % CORPUS.length], random);
      const started = performance.now();
      let result: ReturnType<typeof checkProgramSync>;
      try {
        result = checkProgramSync(source, { filename: 'prog.py' });
      } catch (e) {
        throw new Error(`program ${i} (seed ${seed}) threw ${String(e)}:\n${source}`);
      }
      const elapsed = performance.now() - started;
      expect(elapsed, `program ${i} (seed ${seed}) took ${elapsed} ms`).toBeLessThan(1000);
      if (result.ok) outcomes.clean++;
      else if (result.error instanceof SubsetError) outcomes.subset++;
      else {
        expect(result.error).toBeInstanceOf(PythonSyntaxError);
        expect(result.error.line).toBeGreaterThanOrEqual(1);
        expect(result.error.format()).toMatch(
          /^ {2}File "prog\.py", line \d+\n[\s\S]*(SyntaxError|IndentationError|TabError): .+\n$/,
        );
        outcomes.syntax++;
      }
    }
    console.log(`fuzz outcomes: ${JSON.stringify(outcomes)}`);
    expect(outcomes.clean + outcomes.syntax + outcomes.subset).toBe(2000);
  }, 120_000);
});
