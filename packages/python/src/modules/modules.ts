/**
 * Modules: `import name` finds a built-in module (created on first import, as a `module` object
 * holding its namespace dict) or raises `ModuleNotFoundError`.
 *
 * @module
 */

import { newBuiltin } from '../runtime/callables.js';
import type { Interp, ModuleScope, NativeFn } from '../runtime/interp.js';
import { gcModule } from './gc-module.js';
import { ioModule } from './io-module.js';
import { itertoolsModule } from './itertools-module.js';
import { randomModule } from './random-module.js';
import { sysModule } from './sys-module.js';
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
  tracemalloc: tracemallocModule,
  weakref: weakrefModule,
};

/** Side data of a module object. */
export interface ModuleData {
  readonly kind: 'module';
  readonly name: string;
  readonly scope: ModuleScope;
}

/** `import name`: the module object, owned. */
export function importModule(ip: Interp, name: string): number {
  const cached = ip.modules.get(name);
  if (cached !== undefined) return ip.own(cached);
  const make = MODULES[name];
  if (!make) {
    const message = `No module named '${name}'`;
    return ip.raise('ModuleNotFoundError', message);
  }
  const dict = ip.own(ip.heap.newDict());
  const scope: ModuleScope = { dict, map: new Map() };
  const module = ip.native('module', [dict], { kind: 'module', name, scope } satisfies ModuleData);
  ip.drop(dict);
  ip.keepForever(module);
  ip.modules.set(name, module);
  ip.scopeSetText(scope, '__name__', ip.str(name, true));
  const spec = make(ip);
  for (const [fname, fn] of Object.entries(spec.functions))
    ip.scopeSetText(scope, fname, newBuiltin(ip, fname, fn));
  for (const [vname, value] of Object.entries(spec.values(ip))) ip.scopeSetText(scope, vname, value);
  return module;
}
