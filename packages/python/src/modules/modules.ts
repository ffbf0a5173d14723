/**
 * Modules: `import name` finds a module already imported, a built-in module (created on first import,
 * as a `module` object holding its namespace dict), a module written in Python that ships with pymm
 * (`source-modules.ts`), or raises `ModuleNotFoundError`. Importing `sys` makes `sys.modules`, a dict
 * of the imported modules and `__main__` (the program's globals).
 *
 * @module
 */

import { newBuiltin } from '../runtime/callables.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { delItem } from '../runtime/items.js';
import { gcModule } from './gc-module.js';
import { ioModule } from './io-module.js';
import { itertoolsModule } from './itertools-module.js';
import { randomModule } from './random-module.js';
import {
  hasSourceModule,
  importSourceModule,
  type ModuleData,
  type ModuleRegistry,
  newModuleObject,
  pythonLibSource,
  siblingModuleSource,
} from './source-modules.js';
import { sysModule } from './sys-module.js';
import { timeModule } from './time-module.js';
import { tracemallocModule } from './tracemalloc-module.js';
import { weakrefModule } from './weakref-module.js';

/** What a module defines: functions, and values created on import (owned). */
export interface ModuleSpec {
  readonly functions: Record<string, NativeFn>;
  values(ip: Interp): Record<string, number>;
}

const MODULES: Record<string, (ip: Interp) => ModuleSpec> = {
  sys: sysModule,
  gc: gcModule,
  io: ioModule,
  itertools: itertoolsModule,
  random: randomModule,
  time: timeModule,
  tracemalloc: tracemallocModule,
  weakref: weakrefModule,
};

export type { ModuleData } from './source-modules.js';

/** `sys.modules` of each run, once `sys` is imported (a dict that holds every imported module). */
const SYS_MODULES = new WeakMap<Interp, number>();

/** Puts a module in the run's module cache, and in `sys.modules` once that exists. */
function register(ip: Interp, name: string, module: number): void {
  ip.keepForever(module);
  ip.modules.set(name, module);
  const dict = SYS_MODULES.get(ip);
  if (dict !== undefined) setSysModule(ip, dict, name, module);
}

/** Takes a module out of the cache again (its code raised). */
function unregister(ip: Interp, name: string): void {
  const module = ip.modules.get(name);
  if (module === undefined) return;
  ip.modules.delete(name);
  const dict = SYS_MODULES.get(ip);
  if (dict !== undefined) {
    const key = ip.str(name, true);
    ip.push(key);
    try {
      delItem(ip, dict, key);
    } catch (error) {
      ip.dropRaised(ip.toPyRaise(error).exc);
    }
    ip.drop(ip.pop());
  }
  const external = ip.heap.roots.external;
  const count = (external.get(module) ?? 1) - 1;
  if (count > 0) external.set(module, count);
  else external.delete(module);
  ip.drop(module);
}

function setSysModule(ip: Interp, dict: number, name: string, module: number): void {
  const key = ip.str(name, true);
  ip.push(key);
  ip.setItem(dict, key, module);
  ip.drop(ip.pop());
}

const registry = (ip: Interp): ModuleRegistry => ({
  add: (name, module) => register(ip, name, module),
  remove: (name) => unregister(ip, name),
});

/**
 * `__main__`: the module object of the program's globals (the outermost frame's), made the first
 * time something asks for it (`import __main__`, `sys.modules`); null outside a running program.
 */
function mainModule(ip: Interp): number | null {
  const cached = ip.modules.get('__main__');
  if (cached !== undefined) return cached;
  let f = ip.frame;
  if (!f) return null;
  while (f.back) f = f.back;
  const scope = f.globals;
  const module = ip.native('module', [scope.dict], {
    kind: 'module',
    name: '__main__',
    scope,
    file: ip.options.filename,
    initializing: false,
  } satisfies ModuleData);
  register(ip, '__main__', module);
  ip.drop(module);
  return module;
}

/** `sys.modules`: a dict of the modules imported so far and `__main__`, owned. */
function sysModules(ip: Interp): number {
  const dict = ip.keepForever(ip.heap.newDict());
  SYS_MODULES.set(ip, dict);
  mainModule(ip);
  for (const [name, module] of ip.modules) setSysModule(ip, dict, name, module);
  return ip.own(dict);
}

/** `import name`: the module object, owned. */
export function importModule(ip: Interp, name: string): number {
  const cached = ip.modules.get(name);
  if (cached !== undefined) return ip.own(cached);
  if (name === '__main__') {
    const main = mainModule(ip);
    if (main !== null) return ip.own(main);
  }
  const make = MODULES[name];
  if (!make) {
    const sibling = siblingModuleSource(ip.options.filename, name);
    if (sibling) return importSourceModule(ip, name, sibling, registry(ip));
    if (hasSourceModule(name)) return importSourceModule(ip, name, pythonLibSource(name), registry(ip));
    const message = `No module named '${name}'`;
    return ip.raise('ModuleNotFoundError', message);
  }
  const module = newModuleObject(ip, name, null);
  register(ip, name, module);
  const scope = (ip.payload(module) as ModuleData).scope;
  const spec = make(ip);
  for (const [fname, fn] of Object.entries(spec.functions))
    ip.scopeSetText(scope, fname, newBuiltin(ip, fname, fn));
  for (const [vname, value] of Object.entries(spec.values(ip))) ip.scopeSetText(scope, vname, value);
  if (name === 'sys') ip.scopeSetText(scope, 'modules', sysModules(ip));
  return module;
}
