/**
 * Test support: finding CPython (`python3`, version 3.11) for the tests that compare with it. The
 * tests skip, naming the command that enables them, only when no `python3` is on the PATH.
 *
 * @example
 * ```ts
 * import { PYTHON3_MISSING } from './python3.js';
 * PYTHON3_MISSING.includes('python3'); // true
 * ```
 */
import { spawnSync } from 'node:child_process';

/** The version `python3` reports (`3.11.7`), or `null` when there is none. */
export function python3Version(): string | null {
  const result = spawnSync('python3', ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], {
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Why a CPython comparison is skipped. */
export const PYTHON3_MISSING =
  'python3 (CPython 3.11) is not on the PATH: install it (for example `pyenv install 3.11.7 && pyenv global 3.11.7`) to run this comparison';
