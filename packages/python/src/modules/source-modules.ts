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

/**
 * Imports the module written in Python named `name` (one {@link hasSourceModule} knows): the
 * module object, registered before its code runs; owned by the caller.
 */
export function importSourceModule(ip: Interp, name: string, registry: ModuleRegistry): number {
  const file = `python-lib/${name}.py`;
  const source = PYTHON_LIB_SOURCES[name];
  const checked = checkProgramSync(source, { filename: file });
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
