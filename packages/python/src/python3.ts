/**
 * Test support: finding CPython 3.11 (through the test kit: `python3.11`, pyenv's 3.11, or `python3` when it is 3.11) for the tests
 * that compare with it. Those tests skip, naming the command that enables them, only when there is
 * none and the run is not under CI.
 *
 * @example
 * ```ts
 * import { PYTHON3_MISSING } from './python3.js';
 * PYTHON3_MISSING.includes('python3'); // true
 * ```
 */
import { pythonExecutable } from '@pymm/testkit/run-cpython';

/** The command that runs CPython 3.11 (`python3.11`, pyenv's 3.11, or `python3` being 3.11), or `null` when there is none. */
export function cpython311(): string | null {
  try {
    return pythonExecutable('3.11');
  } catch {
    return null;
  }
}

/**
 * Whether the CPython comparisons skip: only off CI, where CPython may be absent. Under CI
 * (`CI=true`) a missing CPython fails them instead, as every other missing prerequisite does.
 */
export const skipWithoutCPython = (python: string | null): boolean => python === null && !process.env.CI;

/** Why a CPython comparison is skipped. */
export const PYTHON3_MISSING =
  'CPython 3.11 (python3.11, or python3 being 3.11) is not on the PATH: install it (for example `pyenv install 3.11.7 && pyenv global 3.11.7`) to run this comparison';

/** The CPython command, or the error that says how to install it (under CI, where the comparisons must run). */
export function requireCPython(python: string | null): string {
  if (python === null) throw new Error(PYTHON3_MISSING);
  return python;
}
