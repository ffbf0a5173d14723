import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import type { CPythonVersion } from './buffered-file.js';
import { scenarios as buffering } from './buffered-file.scenarios.js';
import { scenarios as opening } from './file-object.scenarios.js';
import { runInCPython, runInModel } from './file-scenario.js';
import { scenarios as text } from './text-file.scenarios.js';

/** The same scenarios against the other CPython versions pymm has profiles for (one process each). */
const all = { ...opening, ...buffering, ...text };

function executable(version: string): string | null {
  try {
    return pythonExecutable(version);
  } catch {
    return null;
  }
}

for (const version of ['3.10', '3.12', '3.13'] as const satisfies readonly CPythonVersion[]) {
  const python = executable(version);
  describe(`the file model against CPython ${version}`, () => {
    if (python === null) {
      // CI installs only 3.11; the other versions run where pyenv has them.
      it.skip(`CPython ${version} is not installed: install it (for example \`pyenv install ${version}\`) to run this comparison`, () => {});
      return;
    }
    const cpython = runInCPython(python, Object.values(all));
    it.each(Object.keys(all).map((name, index) => [name, index] as const))('%s', (name, index) => {
      expect(runInModel(all[name], cpython.blockSize, version)).toEqual(cpython.results[index]);
    });
  });
}
