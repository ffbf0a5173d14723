/**
 * Modules written in Python that ship with pymm (`packages/python/python-lib/*.py`, embedded in
 * {@link PYTHON_LIB_SOURCES}): `import unittest` checks and compiles the source, makes the module
 * object, puts it in `sys.modules` *before* running its code (so that a circular import finds the
 * partly initialised module, as in CPython), then runs the code with the module's dict as its
 * globals. A module whose code raises is taken out of `sys.modules` again and the exception goes on
 * to the importer, as `importlib._bootstrap` does.
 *
 * @module
 */

import { readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { NULL_REF } from '@pymm/core/heap';
import { checkProgramSync } from '../check-program.js';
import { compileModule } from '../compiler/compile-function.js';
import { CompileRefusal } from '../compiler/context.js';
import { SymbolTable } from '../compiler/symtable.js';
import { enterFrame, runFrame } from '../runtime/calls.js';
import type { Interp, ModuleScope } from '../runtime/interp.js';
import { SUBSET_GUIDE } from '../subset-check.js';
import { PYTHON_LIB_SOURCES } from './python-lib-sources.js';

/** Side data of a module object. */
export interface ModuleData {
  readonly kind: 'module';
  readonly name: string;
  readonly scope: ModuleScope;
  /** Where a module written in Python came from (`python-lib/unittest.py`); null for a built-in one. */
  readonly file: string | null;
  /** True while the module's code runs (a circular import sees it partly initialised). */
  initializing: boolean;
}

/** What registers and unregisters a module in `sys.modules` (given by `modules.ts`). */
export interface ModuleRegistry {
  add(name: string, module: number): void;
  remove(name: string): void;
}

/** Whether a module written in Python named `name` ships with pymm. */
export function hasSourceModule(name: string): boolean {
  return Object.hasOwn(PYTHON_LIB_SOURCES, name);
}

/** Where the program `filename` finds its own module `name`: `name.py` in its directory (`sys.path[0]`). */
export function siblingModulePath(filename: string, name: string): string {
  return posix.join(posix.dirname(filename), `${name}.py`);
}

/** Whether the real directory of the program `filename` holds a module `name`. */
export function hasSiblingModule(filename: string, name: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return false;
  try {
    return statSync(siblingModulePath(filename, name)).isFile();
  } catch {
    return false;
  }
}

/** A new module object named `name` with an empty namespace holding `__name__`; owned. */
export function newModuleObject(ip: Interp, name: string, file: string | null): number {
  const dict = ip.own(ip.heap.newDict());
  const scope: ModuleScope = { dict, map: new Map() };
  const module = ip.native('module', [dict], {
    kind: 'module',
    name,
    scope,
    file,
    initializing: false,
  } satisfies ModuleData);
  ip.drop(dict);
  ip.scopeSetText(scope, '__name__', ip.str(name, true));
  return module;
}

/** The program's own module `name` (`name.py` beside it in the real directory, only read), or null. */
export function siblingModuleSource(filename: string, name: string): { source: string; file: string } | null {
  if (!hasSiblingModule(filename, name)) return null;
  const file = siblingModulePath(filename, name);
  try {
    return { source: readFileSync(file, 'utf8'), file };
  } catch {
    return null;
  }
}

/** The source of the module written in Python that ships with pymm as `name`. */
export function pythonLibSource(name: string): { source: string; file: string } {
  return { source: PYTHON_LIB_SOURCES[name], file: `python-lib/${name}.py` };
}

/**
 * Imports the module `name` from its Python `source` (read from `file`): the module object,
 * registered before its code runs; owned by the caller.
 */
export function importSourceModule(
  ip: Interp,
  name: string,
  { source, file }: { source: string; file: string },
  registry: ModuleRegistry,
): number {
  const checked = checkProgramSync(source, {
    filename: file,
    localModule: (other) => hasSiblingModule(ip.options.filename, other),
  });
  if (!checked.ok) {
    const e = checked.error;
    return ip.raise(
      'SyntaxError',
      'construct' in e ? e.toString() : `${e.message} (${file}, line ${e.line})`,
    );
  }
  let code: ReturnType<typeof compileModule>;
  try {
    code = compileModule(ip, new SymbolTable(checked.module), checked.module, file);
  } catch (error) {
    if (!(error instanceof CompileRefusal)) throw error;
    const message = `${file}:${error.lineno}: ${error.construct} is not supported by pymm (see ${SUBSET_GUIDE})`;
    return ip.raise('ImportError', message);
  }
  const module = newModuleObject(ip, name, file);
  registry.add(name, module);
  const data = ip.payload(module) as ModuleData;
  ip.scopeSetText(data.scope, '__file__', ip.str(file));
  data.initializing = true;
  try {
    ip.drop(runFrame(ip, enterFrame(ip, code, data.scope, NULL_REF)));
    data.initializing = false;
  } catch (error) {
    data.initializing = false;
    registry.remove(name);
    ip.drop(module);
    throw error;
  }
  return module;
}

/** CPython's `ImportError` message of `from module import name` when the module lacks `name`. */
export function cannotImportMessage(ip: Interp, module: number, name: string): string {
  const data = ip.payload(module) as ModuleData;
  if (data.file === null) return `cannot import name '${name}' from '${data.name}' (unknown location)`;
  if (data.initializing)
    return `cannot import name '${name}' from partially initialized module '${data.name}' (most likely due to a circular import) (${data.file})`;
  return `cannot import name '${name}' from '${data.name}' (${data.file})`;
}
