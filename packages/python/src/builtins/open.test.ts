import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyHeap } from '@pymm/core';
import { generational } from '@pymm/generational';
import { createMarkSweepStrategy } from '@pymm/mark-sweep';
import { refcount } from '@pymm/refcount';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();

/** CPython's output for `source`, run in a fresh directory. */
function cpython(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pymm-open-'));
  writeFileSync(join(dir, 'prog.py'), source);
  const r = spawnSync(requireCPython(python), ['prog.py'], { cwd: dir, encoding: 'utf8' });
  return r.stdout + r.stderr;
}

const STRATEGIES = {
  generational: () => generational({ profile: 'cpython-3.11' }),
  refcount: () => refcount(),
  'mark-sweep': () => createMarkSweepStrategy(),
};

beforeAll(async () => {
  await loadParser();
});

const PROGRAMS: Record<string, string> = {
  'arguments by position and by name': `with open('a.txt', 'w', -1, 'utf-8', None, '') as f:
    print(f.mode, f.name, f.encoding, f.write('x\\r\\ny\\n'))
with open(file='a.txt', mode='rb') as f:
    print(f.read())
with open('a.txt', newline='') as f:
    print(repr(f.readline()), repr(f.readline()))
with open('a.txt') as f:
    print(f.readlines(), f.read(), f.closed)
for bad in (dict(closefd=False), dict(encoding='utf-8', mode='rb'), dict(newline='x')):
    try:
        open('a.txt', **bad)
    except ValueError as e:
        print('ValueError:', e)
try:
    open('a.txt', 'r', 0, mode='r')
except TypeError as e:
    print('TypeError:', e)
`,
  'seek, tell and append': `with open('b.bin', 'wb') as f:
    f.write(b'0123456789')
    print(f.tell())
with open('b.bin', 'r+b') as f:
    f.seek(4)
    f.write(b'xy')
    f.seek(-2, 2)
    print(f.read(), f.tell())
with open('b.bin', 'ab') as f:
    f.writelines([b'A', bytearray(b'B')])
with open('b.bin', 'rb') as f:
    print(list(f), f.closed)
g = open('b.bin', 'rb')
g.close()
g.close()
for op in (g.read, g.tell, iter):
    try:
        op(g) if op is iter else op()
    except ValueError as e:
        print('ValueError:', e)
`,
  'a file freed without close() is flushed and closed': `def write(name):
    f = open(name, 'w')
    f.write('kept\\n')
write('c.txt')
print(open('c.txt').read(), end='')
`,
  'a freed file is closed by the collector at the latest': `import gc
def write(name):
    f = open(name, 'w')
    f.write('kept\\n')
write('d.txt')
gc.collect()
print(open('d.txt').read(), end='')
`,
};

/** Programs whose output needs refcounting's immediate close (a tracing collector frees later). */
const NEEDS_REFCOUNTING = new Set(['a file freed without close() is flushed and closed']);

describe.skipIf(skipWithoutCPython(python))('open() prints what CPython 3.11 prints', () => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    for (const [strategy, make] of Object.entries(STRATEGIES)) {
      if (strategy === 'mark-sweep' && NEEDS_REFCOUNTING.has(name)) continue;
      it(`${name} (${strategy})`, () => {
        const r = runPythonSync(source, { filename: 'prog.py', strategy: make() });
        expect(verifyHeap(r.runtime!.heap).problems).toEqual([]);
        expect(r.stdout + r.stderr).toBe(cpython(source));
      });
    }
  }
});
