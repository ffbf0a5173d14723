/**
 * A user's own programs as workloads (`pymm compare prog.py more.py`): each file is read, checked
 * (CPython's syntax error with file and line, or the subset's refusal, as `pymm run` prints them),
 * named after its file, and run as it is, with no `sys.argv` words.
 *
 * @module
 */

import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { checkProgramSync, loadParser } from '@pymm/python';
import { type PythonWorkload, pythonWorkload } from '@pymm/workloads';

/** A program to compare, as jobs carry it to the workers (plain data). */
export interface ProgramSpec {
  /** Its workload name: the file's name without `.py`, made unique. */
  readonly name: string;
  /** The path as the user gave it. */
  readonly path: string;
  /** The absolute path: the program's `__file__`, and where sibling modules are found. */
  readonly filename: string;
  readonly source: string;
}

/** A program that cannot be compared: a missing file, a syntax error, a construct pymm refuses. */
export class ProgramError extends Error {
  override readonly name = 'ProgramError';
}

/**
 * Reads and checks the programs; names them after their files (`a.py` → `a`, a second `a.py` → `a-2`),
 * never with a name in `taken`. Throws a {@link ProgramError} saying which file and why.
 *
 * @example
 * ```ts
 * import { readPrograms } from './user-programs.js';
 * await readPrograms(['missing.py'], process.cwd()).catch((e) => e.message); // "missing.py: no such file"
 * ```
 */
export async function readPrograms(
  paths: readonly string[],
  cwd: string,
  taken: ReadonlySet<string> = new Set(),
): Promise<ProgramSpec[]> {
  await loadParser();
  const names = new Set(taken);
  return paths.map((path) => {
    const filename = resolve(cwd, path);
    let source: string;
    try {
      if (!statSync(filename).isFile()) throw new ProgramError(`${path}: not a file`);
      source = readFileSync(filename, 'utf8');
    } catch (error) {
      if (error instanceof ProgramError) throw error;
      throw new ProgramError(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `${path}: no such file`
          : `${path}: ${(error as Error).message}`,
      );
    }
    const checked = checkProgramSync(source, { filename: path });
    if (!checked.ok) {
      const e = checked.error;
      const text = 'construct' in e ? `${e.toString()}\n` : e.format();
      throw new ProgramError(`${path} cannot run:\n${text}`);
    }
    const stem = basename(path).replace(/\.py$/, '') || 'program';
    let name = stem;
    for (let n = 2; names.has(name); n++) name = `${stem}-${n}`;
    names.add(name);
    return { name, path, filename, source };
  });
}

/**
 * The workload that runs a program as it is.
 *
 * @example
 * ```ts
 * import { programWorkload } from './user-programs.js';
 * const w = programWorkload({ name: 'hello', path: 'hello.py', filename: '/tmp/hello.py', source: 'print(1)\n' });
 * [w.kind, w.title, w.filename]; // ['program', 'hello.py', '/tmp/hello.py']
 * ```
 */
export function programWorkload(spec: ProgramSpec): PythonWorkload {
  return pythonWorkload({
    name: spec.name,
    title: spec.path,
    lesson: `Your program ${spec.path}, run as it is on every strategy.`,
    kind: 'program',
    parameters: [],
    source: spec.source,
    filename: spec.filename,
    withArguments: false,
  });
}
