import { describe, expect, it } from 'vitest';
import { pythonExecutable, runCPython } from './run-cpython.js';

describe('runCPython', () => {
  it('runs a snippet and parses the last line it prints', () => {
    expect(runCPython('print("ignored")\nimport json; print(json.dumps([1 + 1, "x"]))')).toEqual([2, 'x']);
  });

  it('runs the version asked for, and says clearly when there is none', () => {
    expect(runCPython('import sys, json; print(json.dumps(list(sys.version_info[:2])))', '3.12')).toEqual([
      3, 12,
    ]);
    expect(() => pythonExecutable('1.4')).toThrow(/no CPython 1.4 found/);
  });
});
