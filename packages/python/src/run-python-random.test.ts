/**
 * Random memory-relevant programs (`testing/random-programs.ts`: instances referring to each other,
 * cycles, `del`, containers, closures, generators, weak references with callbacks, `__del__`,
 * `gc.collect()`, `sys.getrefcount`, `gc.is_tracked`, caught exceptions), with fresh seeds on every
 * run, print on pymm exactly what they print on CPython 3.11, and exit the same way. The seeds are
 * in the test's name; `PYMM_SEED=<seed>` replays a run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generational } from '@pymm/generational';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from './load-parser.js';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from './python3.js';
import { runPythonSync } from './run-python.js';
import { randomProgram } from './testing/random-programs.js';

const PROGRAMS = 40;
const python = cpython311();
const baseSeed = process.env.PYMM_SEED ? Number(process.env.PYMM_SEED) : Math.floor(Math.random() * 2 ** 31);

beforeAll(async () => {
  await loadParser();
});

describe.skipIf(skipWithoutCPython(python))(
  `random programs, pymm against CPython 3.11 (seeds from ${baseSeed})`,
  () => {
    it(`print the same and exit the same on generational (cpython-3.11), ${PROGRAMS} programs`, () => {
      const executable = requireCPython(python);
      const work = mkdtempSync(join(tmpdir(), 'pymm-random-vs-cpython-'));
      try {
        const problems: string[] = [];
        for (let i = 0; i < PROGRAMS; i++) {
          const seed = baseSeed + i;
          const { source } = randomProgram(seed);
          const file = join(work, 'random.py');
          writeFileSync(file, source);
          const cpython = spawnSync(executable, [file], { cwd: work, encoding: 'utf8' });
          const pymm = runPythonSync(source, {
            strategy: generational({ profile: 'cpython-3.11' }),
            version: '3.11',
            filename: file,
            maxSteps: 10_000_000,
          });
          if (pymm.stdout !== cpython.stdout || pymm.exitCode !== cpython.status) {
            const want = cpython.stdout.split('\n');
            const got = pymm.stdout.split('\n');
            let line = 0;
            while (line < want.length && want[line] === got[line]) line++;
            problems.push(
              `seed ${seed}: line ${line + 1}: CPython ${JSON.stringify(want[line])}, pymm ${JSON.stringify(got[line])}` +
                ` (exit ${cpython.status} / ${pymm.exitCode}${pymm.stderr ? `; pymm stderr: ${pymm.stderr.trim().split('\n').at(-1)}` : ''})`,
            );
          }
        }
        expect(problems).toEqual([]);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }, 300_000);
  },
);

if (skipWithoutCPython(python)) {
  describe('random programs, pymm against CPython 3.11', () => {
    it('needs CPython 3.11', (ctx) => ctx.skip(PYTHON3_MISSING));
  });
}
