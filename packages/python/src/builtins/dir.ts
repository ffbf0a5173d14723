/**
 * `dir()`: the sorted names of a namespace. Without an argument, the names of the running frame's
 * namespace (the module's globals at module level, the class body's names in a class body); with
 * one, as `object.__dir__`, `type.__dir__` and `module.__dir__` give them: a module's globals; a
 * class's attributes along its MRO; an instance's attributes and its class's.
 * Built-in types list the methods pymm implements for them, which are fewer than CPython's.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { Interp, ModuleScope, NativeFn } from '../runtime/interp.js';
import { asType, typeOf } from '../runtime/types.js';
import { arity } from './arguments.js';

/** The names of a namespace dict (its str keys). */
function dictNames(ip: Interp, dict: number, into: Set<string>): void {
  for (const key of ip.items(dict)) if (ip.store.type[key] === TypeId.Str) into.add(ip.text(key));
}

/** The attributes set on an instance (its `__dict__` keys, or its filled `__slots__`). */
function instanceNames(ip: Interp, obj: number, into: Set<string>): void {
  const store = ip.store;
  const t = store.type[obj];
  if (t !== TypeId.Instance && t !== TypeId.SlotsInstance) return;
  const info = ip.heap.classInfo(store.klass[obj]);
  for (const [name, index] of info.attributeIndex)
    if (index < store.refLen[obj] && store.refs.cells[store.refStart[obj] + index] !== NULL_REF)
      into.add(name);
}

/** The member descriptors a class's `__slots__` (a str, or a tuple or list of them) makes. */
function slotNames(ip: Interp, slots: number | undefined, into: Set<string>): void {
  if (slots === undefined) return;
  const t = ip.store.type[slots];
  if (t === TypeId.Str) into.add(ip.text(slots));
  else if (t === TypeId.Tuple || t === TypeId.List)
    for (const item of ip.items(slots)) if (ip.store.type[item] === TypeId.Str) into.add(ip.text(item));
}

/** `dir([object])`. */
export const dir: NativeFn = (ip, args) => {
  arity(ip, 'dir', args, 0, 1);
  const names = new Set<string>();
  if (args.length === 0) {
    const f = ip.frame;
    if (f?.classNs) dictNames(ip, f.classNs.dict, names);
    else if (f && f.code.qualname === '<module>') dictNames(ip, f.globals.dict, names);
    else if (f)
      for (let i = 0; i < f.code.nlocals; i++) if (f.locals[i] !== NULL_REF) names.add(f.code.varnames[i]);
  } else {
    const obj = args[0];
    const data = ip.payload(obj) as { kind?: string; scope?: ModuleScope } | undefined;
    if (data?.kind === 'module') dictNames(ip, data.scope!.dict, names);
    else {
      const klass = asType(ip, obj);
      if (klass === null) {
        instanceNames(ip, obj, names);
        names.add('__class__');
      }
      for (const t of (klass ?? typeOf(ip, obj)).mro) {
        for (const name of t.attrs.keys()) names.add(name);
        slotNames(ip, t.attrs.get('__slots__'), names);
        for (const name of t.methods.keys()) names.add(name);
      }
    }
  }
  const strs = [...names].sort().map((name) => ip.str(name));
  const list = ip.newList(strs);
  for (const s of strs) ip.drop(s);
  return list;
};
