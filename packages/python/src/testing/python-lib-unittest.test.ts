/**
 * pymm's `unittest` (`packages/python/python-lib/unittest.py`), run by CPython in place of its own:
 * on the `test_gc` port it prints exactly the report recorded from CPython's `unittest`, and on a
 * module with passing, failing, erroring and skipped tests it prints CPython's report with each
 * traceback's entries left out (pymm's `unittest` has no `traceback` module) and the same exit status;
 * the run time is compared as `0.000s`.
 * Its assertion messages are CPython's short ones: no diffs of containers, so the failing assertion
 * here compares ints.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from '../python3.js';

const python = cpython311();
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const pythonLib = join(root, 'packages', 'python', 'python-lib');

const MIXED = `import unittest


class Second(unittest.TestCase):
    def test_b_fails(self):
        self.assertEqual(1 + 1, 3)

    def test_a_passes(self):
        with self.assertRaises(KeyError):
            {}['missing']
        self.assertIn(2, [1, 2])
        self.assertIsNone(None)
        self.assertGreater(2, 1)

    def test_c_errors(self):
        raise ValueError('boom')

    def test_d_not_raised(self):
        self.assertRaises(ValueError, len, [])

    def test_e_skipped(self):
        self.skipTest('not today')


class First(unittest.TestCase):
    def setUp(self):
        self.items = []

    def tearDown(self):
        print('tearDown', len(self.items))

    def test_cleanup(self):
        self.addCleanup(print, 'cleanup runs')
        self.items.append(1)
        self.assertTrue(self.items)

    def test_is(self):
        self.assertIs(self.items, self.items)
        self.assertFalse(self.items)
        self.assertNotEqual(1, 2)


def setUpModule():
    print('setUpModule')


def tearDownModule():
    print('tearDownModule')


unittest.main()
`;

/** Runs `file` in `dir` with CPython, with pymm's `unittest` first on the path or not. */
function run(executable: string, dir: string, file: string, ours: boolean) {
  const env: Record<string, string | undefined> = { ...process.env, PYTHONHASHSEED: '0' };
  if (ours) env.PYTHONPATH = pythonLib;
  else delete env.PYTHONPATH;
  return spawnSync(executable, [file], { cwd: dir, encoding: 'utf8', env });
}

/** A report's run time (`Ran 7 tests in 0.012s`), which changes from run to run, as `0.000s`. */
function untimed(report: string): string {
  return report.replace(/^(Ran \d+ tests? in )\d+\.\d+s$/m, '$10.000s');
}

/** CPython's report without its traceback's entries (pymm's names no frames) and untimed. */
function withoutTracebacks(report: string): string {
  return untimed(
    report
      .split('\n')
      .filter((line) => !line.startsWith('  '))
      .join('\n'),
  );
}

describe.skipIf(skipWithoutCPython(python))("pymm's unittest, run by CPython 3.11", () => {
  it("prints the test_gc port's recorded report", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymm-unittest-'));
    try {
      copyFileSync(join(root, 'conformance', 'programs', 'test_gc', 'test_gc.py'), join(dir, 'test_gc.py'));
      const done = run(requireCPython(python), dir, 'test_gc.py', true);
      const recorded = readFileSync(
        join(root, 'conformance', 'programs', 'expected', 'test_gc.3.11.stderr'),
        'utf8',
      );
      expect(untimed(done.stderr)).toBe(recorded);
      expect(done.stdout).toBe('');
      expect(done.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints CPython's report, order and exit status for passes, failures, errors and skips", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymm-unittest-'));
    try {
      writeFileSync(join(dir, 'mixed.py'), MIXED);
      const executable = requireCPython(python);
      const theirs = run(executable, dir, 'mixed.py', false);
      const ours = run(executable, dir, 'mixed.py', true);
      expect(untimed(ours.stderr)).toBe(withoutTracebacks(theirs.stderr));
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.status).toBe(theirs.status);
      expect(ours.status).toBe(1);
      expect(ours.stderr).toContain('FAILED (failures=2, errors=1, skipped=1)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

if (skipWithoutCPython(python)) {
  describe("pymm's unittest, run by CPython 3.11", () => {
    it('needs CPython 3.11', (ctx) => ctx.skip(PYTHON3_MISSING));
  });
}
