import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generational } from '@pymm/generational';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();

beforeAll(async () => {
  await loadParser();
});

// The names without dunders: CPython's types have many more special methods than pymm implements.
const SOURCE = `import sys
import gc
def public(names):
    return [n for n in names if not n.startswith('__')]
class A:
    x = 1
    def m(self):
        pass
class B(A):
    __slots__ = ('s', 't')
class C(A):
    def __init__(self):
        self.z = 2
        self.a = 3
b = B()
b.s = 1
print(public(dir(A)), public(dir(B)), public(dir(b)), public(dir(C())))
print(public(dir(sys.modules['__main__'])))
def f():
    one = 1
    two = 2
    return dir()
print(f())
print(sorted(dir()) == dir(), 'gc' in dir())
print(type(dir(gc)).__name__, 'collect' in dir(gc))
`;

describe.skipIf(skipWithoutCPython(python))('dir() as CPython 3.11 (names without dunders)', () => {
  it('lists classes, instances, modules and frames', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymm-dir-'));
    writeFileSync(join(dir, 'prog.py'), SOURCE);
    const want = spawnSync(requireCPython(python), ['prog.py'], { cwd: dir, encoding: 'utf8' });
    const got = runPythonSync(SOURCE, {
      strategy: generational({ profile: 'cpython-3.11' }),
      filename: 'prog.py',
    });
    expect(got.stderr).toBe(want.stderr);
    expect(got.stdout).toBe(want.stdout);
  });
});
