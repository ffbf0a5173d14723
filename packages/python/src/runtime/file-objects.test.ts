import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyHeap } from '@pymm/core';
import { generational } from '@pymm/generational';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();
const CORPUS = join(import.meta.dirname, '../../../../conformance/programs');

/** CPython's stdout for `source`, run in a fresh directory. */
function cpython(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pymm-files-'));
  writeFileSync(join(dir, 'prog.py'), source);
  const r = spawnSync(requireCPython(python), ['prog.py'], { cwd: dir, encoding: 'utf8' });
  return r.stdout + r.stderr;
}

/** pymm's stdout (and stderr) for `source`; the heap must verify at the end. */
function pymm(source: string): string {
  const r = runPythonSync(source, {
    filename: 'prog.py',
    strategy: generational({ profile: 'cpython-3.11' }),
  });
  expect(verifyHeap(r.runtime!.heap).problems).toEqual([]);
  return r.stdout + r.stderr;
}

beforeAll(async () => {
  await loadParser();
});

const CORPUS_PROGRAMS = [
  'seed-with-file',
  'file-with-closes',
  'file-reading',
  'file-buffering',
  'file-refcount-close',
  'lesson-buffered-reading',
];

const PROGRAMS: Record<string, string> = {
  'repr and type of file objects': `f = open('x.txt', 'w')
print(repr(f), type(f))
print(f.buffer)
f.close()
print(f, f.closed, f.buffer.closed)
with open('x.txt', 'rb') as b:
    print(b)
with open('x.txt', 'rb', buffering=0) as r:
    print(r)
print(r)
`,
};

describe.skipIf(skipWithoutCPython(python))('file objects print what CPython 3.11 prints', () => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    it(name, () => {
      expect(pymm(source)).toBe(cpython(source));
    });
  }
  for (const name of CORPUS_PROGRAMS) {
    it(`corpus program ${name}`, () => {
      const source = readFileSync(join(CORPUS, `${name}.py`), 'utf8');
      expect(pymm(source)).toBe(cpython(source));
    });
  }
});
