import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CPythonVersion } from '@pymm/core';
import { generational } from '@pymm/generational';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();
const dir = mkdtempSync(join(tmpdir(), 'pymm-import-'));

/** CPython's stdout, stderr and exit code for a program saved as prog.py. */
function cpython(source: string): { stdout: string; stderr: string; exitCode: number } {
  writeFileSync(join(dir, 'prog.py'), source);
  const r = spawnSync(requireCPython(python), ['prog.py'], { cwd: dir, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
}

function pymm(
  source: string,
  version: CPythonVersion = '3.11',
): { stdout: string; stderr: string; exitCode: number } {
  const r = runPythonSync(source, {
    strategy: generational({ profile: `cpython-${version}` }),
    version,
    filename: 'prog.py',
  });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

/** The unittest report with the run time (the one figure that changes between runs) as 0.000s. */
const untimed = (stderr: string) => stderr.replace(/^(Ran \d+ tests? in )\d+\.\d{3}s$/m, '$10.000s');

beforeAll(async () => {
  await loadParser();
});

const PROGRAMS: Record<string, string> = {
  'a module is executed once and cached in sys.modules': [
    'import sys',
    'import unittest',
    'import unittest as again',
    'from unittest import TestCase',
    "print(unittest is again, sys.modules['unittest'] is unittest, TestCase is unittest.TestCase)",
    "print(unittest.__name__, 'unittest' in sys.modules, '__main__' in sys.modules)",
    "print(sys.modules['__main__'].TestCase is TestCase)",
    '',
  ].join('\n'),
  "a built-in module's missing name":
    'try:\n    from gc import nope\nexcept ImportError as e:\n    print(e)\n',
  'a module object and its classes': [
    'import unittest, gc',
    'print(gc.is_tracked(unittest), isinstance(unittest.TestCase, type))',
    'print(issubclass(unittest.SkipTest, Exception), unittest.TestCase.failureException)',
    '',
  ].join('\n'),
};

const UNITTEST_RUNS: Record<string, string> = {
  'passing tests, skips, an expected failure, fixtures in order': `import unittest

def setUpModule():
    print('setUpModule')

def tearDownModule():
    print('tearDownModule')

class B(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        print('setUpClass', cls.__name__)

    @classmethod
    def tearDownClass(cls):
        print('tearDownClass', cls.__name__)

    def setUp(self):
        print('setUp', self._testMethodName)

    def tearDown(self):
        print('tearDown', self._testMethodName)

    def test_asserts(self):
        self.assertEqual([1, 2], [1, 2])
        self.assertNotEqual(1, 2)
        self.assertTrue([0])
        self.assertFalse('')
        self.assertIs(None, None)
        self.assertIsNot(1, None)
        self.assertIsNone(None)
        self.assertIsNotNone(0)
        self.assertIn(2, (1, 2))
        self.assertNotIn(3, {1: 2})
        self.assertGreater(2, 1)
        self.assertGreaterEqual(2, 2)
        self.assertLess(1, 2)
        self.assertLessEqual(2, 2)
        self.assertIsInstance(self, unittest.TestCase)
        self.assertRaises(ValueError, int, 'x')
        with self.assertRaises(KeyError) as cm:
            {}['k']
        print(repr(cm.exception))

    def test_messages(self):
        checks = [
            lambda: self.assertEqual(1, 2),
            lambda: self.assertEqual(1, 3, 'why'),
            lambda: self.assertNotEqual(1, 1),
            lambda: self.assertTrue(0),
            lambda: self.assertFalse([1]),
            lambda: self.assertIs(1, None),
            lambda: self.assertIsNot(None, None),
            lambda: self.assertIsNone(3),
            lambda: self.assertIsNotNone(None),
            lambda: self.assertIn(3, [1, 2]),
            lambda: self.assertNotIn(1, [1, 2]),
            lambda: self.assertGreater(1, 2),
            lambda: self.assertGreaterEqual(1, 2),
            lambda: self.assertLess(2, 1),
            lambda: self.assertLessEqual(2, 1),
            lambda: self.assertIsInstance(1, str),
            lambda: self.assertRaises(ValueError, len, []),
            lambda: self.fail('by hand'),
        ]
        for check in checks:
            try:
                check()
            except AssertionError as e:
                print(e)
        try:
            with self.assertRaises(ValueError):
                pass
        except AssertionError as e:
            print(e)

    @unittest.skip('not today')
    def test_skipped(self):
        print('never')

    @unittest.skipIf(True, 'condition')
    def test_skipped_if(self):
        print('never')

    @unittest.skipUnless(True, 'runs')
    def test_skip_unless_runs(self):
        self.addCleanup(print, 'cleanup', 1)
        self.addCleanup(print, 'cleanup', 2)

    def test_skip_test(self):
        self.skipTest('inside')

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertEqual(1, 2)

class A(unittest.TestCase):
    def test_one(self):
        pass

    def helper(self):
        pass

unittest.main()
`,
};

describe.skipIf(skipWithoutCPython(python))(
  'import of the modules written in Python, as CPython 3.11',
  () => {
    for (const [name, source] of Object.entries(PROGRAMS)) {
      it(name, () => {
        expect(pymm(source)).toEqual(cpython(source));
      });
    }
  },
);

describe.skipIf(skipWithoutCPython(python))('unittest.main() reports as CPython 3.11 unittest does', () => {
  for (const [name, source] of Object.entries(UNITTEST_RUNS)) {
    it(name, () => {
      const got = pymm(source);
      const want = cpython(source);
      expect(got.stdout).toBe(want.stdout);
      expect(untimed(got.stderr)).toBe(untimed(want.stderr));
      expect(got.exitCode).toBe(want.exitCode);
    });
  }

  it('a failing run: the result characters, the headings, the exceptions and the summary', () => {
    const source =
      'import unittest\n\nclass T(unittest.TestCase):\n    def test_a(self):\n        self.assertEqual(1, 2)\n\n    def test_b(self):\n        raise ValueError("boom")\n\n    def test_c(self):\n        pass\n\nunittest.main()\n';
    const got = pymm(source);
    const want = cpython(source);
    // pymm's report leaves out the traceback's frame lines (the subset has no traceback module).
    const withoutFrames = (stderr: string) =>
      untimed(stderr)
        .split('\n')
        .filter((line) => !line.startsWith('  '))
        .join('\n');
    expect(withoutFrames(got.stderr)).toBe(withoutFrames(want.stderr));
    expect(got.exitCode).toBe(1);
    expect(want.exitCode).toBe(1);
  });
});

const SKIPS_AND_NOTHING = [
  'import unittest\n\nclass T(unittest.TestCase):\n    def test_a(self):\n        pass\n\n    @unittest.skip("no")\n    def test_b(self):\n        pass\n\nunittest.main(exit=False)\n',
  'import unittest\n\nclass T(unittest.TestCase):\n    @unittest.skip("no")\n    def test_b(self):\n        pass\n\nunittest.main()\n',
  'import unittest\n\nclass T(unittest.TestCase):\n    pass\n\nunittest.main()\n',
];

describe.skipIf(skipWithoutCPython(python)).each(['3.11', '3.12', '3.13'] as const)(
  'what differs between versions (counting skipped tests, NO TESTS RAN), as CPython %s',
  (version) => {
    for (const [i, source] of SKIPS_AND_NOTHING.entries()) {
      it(`program ${i + 1}`, () => {
        writeFileSync(join(dir, 'prog.py'), source);
        const r = spawnSync(pythonExecutable(version), ['prog.py'], { cwd: dir, encoding: 'utf8' });
        const got = pymm(source, version);
        expect(untimed(got.stderr)).toBe(untimed(r.stderr));
        expect(got.exitCode).toBe(r.status);
      });
    }
  },
);

describe.skipIf(skipWithoutCPython(python))("the program's own modules beside it, as CPython 3.11", () => {
  const HELPERS = `import gc
print('helpers runs:', __name__)
from prog import early
def double(x):
    return 2 * x
class Node:
    pass
`;
  const run = (main: string, helpers = HELPERS) => {
    const home = mkdtempSync(join(tmpdir(), 'pymm-sibling-'));
    writeFileSync(join(home, 'helpers.py'), helpers);
    writeFileSync(join(home, 'prog.py'), main);
    const want = spawnSync(requireCPython(python), ['prog.py'], { cwd: home, encoding: 'utf8' });
    const got = runPythonSync(main, {
      strategy: generational({ profile: 'cpython-3.11' }),
      filename: join(home, 'prog.py'),
    });
    return { got, want, home };
  };

  it('runs once, cached in sys.modules', () => {
    const main =
      "early = 1\nimport sys\nimport helpers\nimport helpers as again\nfrom helpers import double\nprint(__name__, helpers is again, double(21), helpers.Node.__name__, sorted(n for n in sys.modules if n in ('helpers', 'prog')))\n";
    const { got, want } = run(main, HELPERS.replace('from prog import early\n', ''));
    expect(got.stdout).toBe(want.stdout);
    expect(got.stderr).toBe(want.stderr);
    expect(got.exitCode).toBe(want.status);
  });

  it('importing the program itself runs it again as a module; a circular import sees the partly initialised module', () => {
    const main = 'early = 1\nimport helpers\nfrom helpers import double\n';
    const { got, want } = run(main);
    expect(got.stdout).toBe(want.stdout);
    // pymm's traceback shows the source lines of the program's file only.
    expect(got.stderr.split('\n').at(-2)).toBe(want.stderr.split('\n').at(-2));
    expect(got.exitCode).toBe(want.status);
  });
});
