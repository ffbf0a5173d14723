import { describe, expect, it } from 'vitest';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from '../python3.js';
import { scenarios } from './buffered-file.scenarios.js';
import { runInCPython, runInModel } from './file-scenario.js';

const python = cpython311();

describe.skipIf(skipWithoutCPython(python))('buffering against CPython 3.11', () => {
  const names = Object.keys(scenarios);
  const cpython = python ? runInCPython(requireCPython(python), Object.values(scenarios)) : null;
  it.each(names.map((name, index) => [name, index] as const))('%s', (name, index) => {
    const actual = runInModel(scenarios[name], cpython?.blockSize ?? 4096);
    expect(actual).toEqual(cpython?.results[index]);
  });
});

if (python === null) {
  describe('buffering against CPython 3.11', () => {
    it.skip(PYTHON3_MISSING, () => {});
  });
}
