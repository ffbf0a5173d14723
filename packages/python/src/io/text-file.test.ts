import { describe, expect, it } from 'vitest';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from '../python3.js';
import { runInCPython, runInModel } from './file-scenario.js';
import { scenarios } from './text-file.scenarios.js';

const python = cpython311();

describe.skipIf(skipWithoutCPython(python))('the text layer against CPython 3.11', () => {
  const names = Object.keys(scenarios);
  const cpython = python ? runInCPython(requireCPython(python), Object.values(scenarios)) : null;
  it.each(names.map((name, index) => [name, index] as const))('%s', (name, index) => {
    const actual = runInModel(scenarios[name], cpython?.blockSize ?? 4096);
    expect(actual).toEqual(cpython?.results[index]);
  });
});

if (python === null) {
  describe('the text layer against CPython 3.11', () => {
    it.skip(PYTHON3_MISSING, () => {});
  });
}
