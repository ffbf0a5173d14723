/**
 * The local CPython, for tests that take their expected figures from it.
 *
 * `python3` on the `PATH` by default; with a version (`'3.12'`, `'3.12.1'`),
 * `python3.12` on the `PATH`, or else the interpreter pyenv has installed for
 * that version (`pyenv prefix`). When none is found, the error says which
 * interpreter was looked for and how to provide it.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Options for {@link runPython}. */
export interface RunPythonOptions {
  /** The CPython version to run (`'3.12'` or `'3.12.1'`); `python3` when absent. */
  readonly version?: string;
  /** Text for the interpreter's standard input. */
  readonly input?: string;
}

const found = new Map<string, string>();

/** Whether `command --version` runs and reports `version` (when one is asked for). */
function answers(command: string, version: string | undefined): boolean {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return false;
  const reported = `${result.stdout}${result.stderr}`.trim().replace(/^Python\s+/, '');
  return version === undefined || reported === version || reported.startsWith(`${version}.`);
}

/** The python executable for `version` (see the module comment); throws when there is none. */
export function pythonExecutable(version?: string): string {
  const key = version ?? '';
  const cached = found.get(key);
  if (cached) return cached;
  const candidates: string[] = [];
  if (version === undefined) candidates.push('python3');
  else {
    candidates.push(`python${version.split('.').slice(0, 2).join('.')}`);
    const prefix = spawnSync('pyenv', ['prefix', version], { encoding: 'utf8' });
    if (!prefix.error && prefix.status === 0) candidates.push(join(prefix.stdout.trim(), 'bin', 'python3'));
    candidates.push('python3');
  }
  const executable = candidates.find((candidate) => answers(candidate, version));
  if (!executable) {
    throw new Error(
      `runCPython: no CPython ${version ?? '3'} found (tried ${candidates.join(', ')}); ` +
        `these tests take their expected figures from CPython: install ${version ? `CPython ${version} (for example with pyenv)` : 'python3'} and put it on the PATH`,
    );
  }
  found.set(key, executable);
  return executable;
}

/** Runs CPython with `args` (a script and its arguments, or `-c source`); returns its standard output. */
export function runPython(args: readonly string[], options: RunPythonOptions = {}): string {
  return execFileSync(pythonExecutable(options.version), args, {
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
  });
}

/**
 * Runs a Python 3 snippet with the local CPython (of `version`, when given)
 * and parses the last line it prints as JSON.
 */
export function runCPython(source: string, version?: string): unknown {
  const lines = runPython(['-c', source], { version }).trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}
