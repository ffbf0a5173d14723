/**
 * The random program generator: the same seed gives the same program, every program is within
 * pymm's subset (500 per run, fresh seeds), and CPython prints the same for a program on every run
 * (30 per run, fresh seeds, each run twice with different `PYTHONHASHSEED`). The seeds are printed
 * on failure; `PYMM_SEED=<seed>` replays a run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProgramSync } from '../check-program.js';
import { loadParser } from '../load-parser.js';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from '../python3.js';
import { randomProgram } from './random-programs.js';

const python = cpython311();
const baseSeed = process.env.PYMM_SEED ? Number(process.env.PYMM_SEED) : Math.floor(Math.random() * 2 ** 31);

beforeAll(async () => {
  await loadParser();
});

describe('randomProgram', () => {
  it('gives the same program for the same seed, and different programs for different seeds', () => {
    expect(randomProgram(baseSeed).source).toBe(randomProgram(baseSeed).source);
    expect(randomProgram(baseSeed).seed).toBe(baseSeed);
    expect(randomProgram(baseSeed).source).not.toBe(randomProgram(baseSeed + 1).source);
    expect(randomProgram(baseSeed).source.startsWith(`# pymm random program, seed ${baseSeed}\n`)).toBe(true);
  });

  it(`keeps 500 programs within the subset (seeds from ${baseSeed})`, () => {
    const refused: string[] = [];
    for (let seed = baseSeed; seed < baseSeed + 500; seed++) {
      const result = checkProgramSync(randomProgram(seed).source, { filename: 'random.py' });
      if (!result.ok) refused.push(`seed ${seed}: ${result.error.toString()}`);
    }
    expect(refused).toEqual([]);
  });

  it('uses every kind of step across 500 programs', () => {
    const all = Array.from({ length: 500 }, (_, i) => randomProgram(baseSeed + i).source).join('\n');
    for (const fragment of [
      'gc.collect()',
      'sys.getrefcount(',
      'gc.is_tracked(',
      'weakref.ref(',
      'capture(',
      'walk([',
      'fail(',
      'make_cycle(',
      'hold(',
      'tuple([',
      '.append(',
      '.clear()',
      'del ',
    ]) {
      expect(all, fragment).toContain(fragment);
    }
  });
});

describe.skipIf(skipWithoutCPython(python))(
  `random programs on CPython 3.11 (seeds from ${baseSeed})`,
  () => {
    it('print the same on every run and exit with 0', () => {
      const executable = requireCPython(python);
      const work = mkdtempSync(join(tmpdir(), 'pymm-random-programs-'));
      try {
        const problems: string[] = [];
        for (let i = 0; i < 30; i++) {
          const seed = baseSeed + 1000 + i * 7919;
          const file = join(work, `random-${seed}.py`);
          writeFileSync(file, randomProgram(seed).source);
          const runs = ['1', '2'].map((hashSeed) =>
            spawnSync(executable, [file], {
              cwd: work,
              encoding: 'utf8',
              env: { ...process.env, PYTHONHASHSEED: hashSeed },
            }),
          );
          const [first, second] = runs;
          if (!first || !second) continue;
          if (first.status !== 0) problems.push(`seed ${seed}: exit ${first.status}: ${first.stderr}`);
          else if (first.stdout !== second.stdout) problems.push(`seed ${seed}: output differs between runs`);
          else if (!first.stdout.endsWith('end\n')) problems.push(`seed ${seed}: did not reach the end`);
        }
        expect(problems).toEqual([]);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }, 120_000);
  },
);

if (skipWithoutCPython(python)) {
  describe('random programs on CPython 3.11', () => {
    it('needs CPython 3.11', (ctx) => ctx.skip(PYTHON3_MISSING));
  });
}
