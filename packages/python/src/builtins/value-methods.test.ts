import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CPythonVersion, verifyHeap } from '@pymm/core';
import { configuration, declarationsOf } from '@pymm/testkit';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';
import { VALUE_PROGRAMS } from './value-methods.programs.js';

const dir = mkdtempSync(join(tmpdir(), 'pymm-values-'));
const VERSIONS: CPythonVersion[] = ['3.11', '3.12', '3.13'];

/** Programs whose output depends on a view being freed when its last reference goes (`del v`, temporaries). */
const REFCOUNT_TIMING = new Set(['views']);

/** CPython's stdout for a program (warnings off: the programs compare with `is` on purpose). */
function cpython(version: CPythonVersion, source: string): string {
  writeFileSync(join(dir, 'prog.py'), source);
  const r = spawnSync(pythonExecutable(version), ['-W', 'ignore', 'prog.py'], { cwd: dir, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  await loadParser();
});

describe.skipIf(skipWithoutCPython(cpython311()))(
  'methods of the value types print what CPython prints',
  () => {
    for (const [name, source] of Object.entries(VALUE_PROGRAMS)) {
      for (const version of VERSIONS) {
        it(`${name} on ${version}`, () => {
          const expected = cpython(version, source);
          for (const label of [`generational cpython-${version}`, 'refcount', 'mark-sweep default']) {
            if (REFCOUNT_TIMING.has(name) && !declarationsOf(configuration(label)).referenceCounting)
              continue;
            const result = runPythonSync(source, {
              strategy: configuration(label).create(),
              version,
              filename: 'prog.py',
            });
            expect(result.stderr, label).toBe('');
            expect(result.stdout, label).toBe(expected);
            expect(verifyHeap(result.runtime!.heap).problems, label).toEqual([]);
          }
        });
      }
    }
  },
);

describe('a memoryview exports its bytearray until it is released or freed', () => {
  const source = [
    'import gc',
    "data = bytearray(b'abc')",
    'view = memoryview(data)[1:]',
    'del view',
    'try:',
    '    data.append(1)',
    'except BufferError as e:',
    "    print('BufferError', e)",
    'gc.collect()',
    'data.append(2)',
    'print(data)',
  ].join('\n');

  it('on reference counting, the view is freed at `del` and the append works', () => {
    const result = runPythonSync(source, { strategy: configuration('refcount').create() });
    expect(result.stdout).toBe("bytearray(b'abc\\x01\\x02')\n");
  });

  it('on a tracing collector, the unreachable view holds the export until a collection frees it', () => {
    const result = runPythonSync(source, { strategy: configuration('mark-sweep default').create() });
    expect(result.stdout).toBe(
      "BufferError Existing exports of data: object cannot be re-sized\nbytearray(b'abc\\x02')\n",
    );
  });
});
