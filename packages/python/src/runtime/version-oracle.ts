/**
 * Test support: a program's output from CPython of a given version and from pymm on that version's
 * profile, for the tests that compare them version by version.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CPythonVersion, verifyHeap } from '@pymm/core';
import { generational } from '@pymm/generational';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { runPythonSync } from '../run-python.js';

/** The versions compared. */
export const VERSIONS = ['3.11', '3.12', '3.13'] as const satisfies readonly CPythonVersion[];

/** The CPython command of `version`, or null when it is not installed. */
export function cpythonOf(version: CPythonVersion): string | null {
  try {
    return pythonExecutable(version);
  } catch {
    return null;
  }
}

/** CPython's stdout and stderr (one string) for `source` saved as `prog.py` in a fresh directory. */
export function cpythonOutput(source: string, executable: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pymm-versions-'));
  writeFileSync(join(dir, 'prog.py'), source);
  const r = spawnSync(executable, ['prog.py'], { cwd: dir, encoding: 'utf8' });
  return r.stdout + r.stderr.replaceAll(`File "${join(dir, 'prog.py')}"`, 'File "prog.py"');
}

/** pymm's stdout and stderr for `source` on `version`'s collector profile; the heap must verify. */
export function pymmOutput(source: string, version: CPythonVersion): string {
  const r = runPythonSync(source, {
    filename: 'prog.py',
    version,
    strategy: generational({ profile: `cpython-${version}` }),
  });
  const problems = verifyHeap(r.runtime!.heap).problems;
  if (problems.length > 0) throw new Error(`heap problems: ${problems.join('; ')}`);
  return r.stdout + r.stderr;
}
