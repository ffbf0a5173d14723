import { describe, expect, it } from 'vitest';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from '../python3.js';
import { scenarios } from './file-object.scenarios.js';
import { runInCPython, runInModel } from './file-scenario.js';

const python = cpython311();

describe.skipIf(skipWithoutCPython(python))('open() and the file objects against CPython 3.11', () => {
  const names = Object.keys(scenarios);
  const cpython = python ? runInCPython(requireCPython(python), Object.values(scenarios)) : null;
  it.each(names.map((name, index) => [name, index] as const))('%s', (name, index) => {
    const expected = cpython?.results[index];
    const actual = runInModel(scenarios[name], cpython?.blockSize ?? 4096);
    expect(actual).toEqual(expected);
  });
});

if (python === null) {
  describe('open() and the file objects against CPython 3.11', () => {
    it.skip(PYTHON3_MISSING, () => {});
  });
}
