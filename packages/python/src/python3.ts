/**
 * Test support: finding CPython 3.11 (`python3.11`, else `python3` when it is 3.11) for the tests
 * that compare with it. Those tests skip, naming the command that enables them, only when there is
 * none.
 *
 * @example
 * ```ts
 * import { PYTHON3_MISSING } from './python3.js';
 * PYTHON3_MISSING.includes('python3'); // true
 * ```
 */
import { spawnSync } from 'node:child_process';

function versionOf(command: string): string | null {
  const result = spawnSync(command, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], {
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The version `python3` reports (`3.11.7`), or `null` when there is none. */
export function python3Version(): string | null {
  return versionOf('python3');
}

/** The command that runs CPython 3.11 (`python3.11` or `python3`), or `null` when there is none. */
export function cpython311(): string | null {
  for (const command of ['python3.11', 'python3'])
    if (versionOf(command)?.startsWith('3.11.')) return command;
  return null;
}

/** Why a CPython comparison is skipped. */
export const PYTHON3_MISSING =
  'CPython 3.11 (python3.11, or python3 being 3.11) is not on the PATH: install it (for example `pyenv install 3.11.7 && pyenv global 3.11.7`) to run this comparison';
