import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CPythonVersion, verifyHeap } from '@pymm/core';
import { generational } from '@pymm/generational';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();
const CORPUS = join(import.meta.dirname, '../../../../conformance/programs');

/** CPython's output for `source`, run in a fresh directory. */
function cpython(source: string, executable = requireCPython(python)): string {
  const dir = mkdtempSync(join(tmpdir(), 'pymm-io-'));
  writeFileSync(join(dir, 'prog.py'), source);
  const r = spawnSync(executable, ['prog.py'], { cwd: dir, encoding: 'utf8' });
  return r.stdout + r.stderr;
}

/** pymm's output for `source` on CPython `version`'s collector; the heap must verify at the end. */
function pymm(source: string, version: CPythonVersion = '3.11'): string {
  const r = runPythonSync(source, {
    filename: 'prog.py',
    version,
    strategy: generational({ profile: `cpython-${version}` }),
  });
  expect(verifyHeap(r.runtime!.heap).problems).toEqual([]);
  return r.stdout + r.stderr;
}

beforeAll(async () => {
  await loadParser();
});

const PROGRAMS: Record<string, string> = {
  'StringIO and BytesIO': `import io
s = io.StringIO('h\\xe9llo')
print(repr(s.read(2)), s.tell(), repr(s.read()))
s.seek(1)
s.write('EY')
print(repr(s.getvalue()))
b = io.BytesIO()
print(b.write(b'one\\ntwo\\n'), b.tell())
b.seek(0)
print(b.readline(), b.readline(), b.readline())
b.close()
try:
    b.read()
except ValueError as e:
    print('ValueError:', e)
print(io.DEFAULT_BUFFER_SIZE)
`,
  'sizes of in-memory files': `import io, sys
print(sys.getsizeof(io.StringIO()), sys.getsizeof(io.BytesIO()))
`,
  'errors from open()': `import io
for mode in ('rw', 'bt', 'rr', 'z'):
    try:
        open('x.txt', mode)
    except ValueError as e:
        print('ValueError:', e)
try:
    open('missing/x.txt')
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename, e)
try:
    open('x.txt', 'w', buffering=0)
except ValueError as e:
    print('ValueError:', e)
with open('x.txt', 'w') as f:
    try:
        f.read()
    except io.UnsupportedOperation as e:
        print('UnsupportedOperation:', e, isinstance(e, OSError), isinstance(e, ValueError))
    try:
        f.write(b'x')
    except TypeError as e:
        print('TypeError:', e)
with open('x.txt', 'rb') as f:
    try:
        f.write(b'x')
    except OSError as e:
        print(type(e).__name__, e)
`,
};

describe.skipIf(skipWithoutCPython(python))('the io module prints what CPython 3.11 prints', () => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    it(name, () => {
      expect(pymm(source)).toBe(cpython(source));
    });
  }
  it('corpus program file-modes', () => {
    const source = readFileSync(join(CORPUS, 'file-modes.py'), 'utf8');
    expect(pymm(source)).toBe(cpython(source));
  });
  for (const version of ['3.12', '3.13'] as const) {
    it(`sizes of in-memory files on ${version}`, () => {
      const source = PROGRAMS['sizes of in-memory files'];
      expect(pymm(source, version)).toBe(cpython(source, pythonExecutable(version)));
    });
  }
});
