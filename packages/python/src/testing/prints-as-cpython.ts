/**
 * Test support: programs that must print on pymm (`generational`, `cpython-3.11`) what CPython
 * 3.11 prints, exit as it exits, and leave a heap that verifies. CPython runs each program with
 * `-c`; without CPython 3.11 the tests skip, saying why (only off CI).
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { verifyHeap } from '@pymm/core';
import { generational } from '@pymm/generational';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();

/** CPython 3.11's stdout and exit code for `source`. */
export function cpython311Output(source: string): { stdout: string; status: number } {
  const r = spawnSync(requireCPython(python), ['-c', source], { encoding: 'utf8' });
  return { stdout: r.stdout, status: r.status ?? -1 };
}

/** A `describe` block of one test per program (name → source), each compared with CPython 3.11. */
export function describePrintsAsCPython311(title: string, programs: Readonly<Record<string, string>>): void {
  beforeAll(async () => {
    await loadParser();
  });
  describe.skipIf(skipWithoutCPython(python))(title, () => {
    for (const [name, source] of Object.entries(programs)) {
      it(name, () => {
        const expected = cpython311Output(source);
        const r = runPythonSync(source, { strategy: generational({ profile: 'cpython-3.11' }) });
        expect(r.stdout).toBe(expected.stdout);
        expect(r.exitCode).toBe(expected.status);
        expect(verifyHeap(r.runtime!.heap).problems).toEqual([]);
      });
    }
  });
}
