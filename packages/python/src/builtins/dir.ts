/**
 * `dir()`: the sorted names of a namespace. Without an argument, the names of the running frame's
 * namespace (the module's globals at module level, the class body's names in a class body); with
 * one, as `object.__dir__`, `type.__dir__` and `module.__dir__` give them: a module's globals; a
 * class's attributes along its MRO; an instance's `__dict__` keys and its class's attributes.
 * Built-in types list the methods pymm implements for them, which are fewer than CPython's.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import { getAttr } from '../runtime/attributes.js';
import type { Interp, ModuleScope, NativeFn } from '../runtime/interp.js';
import { asType, typeOf } from '../runtime/types.js';
import { arity } from './arguments.js';

/** The names of a namespace dict (its str keys). */
function dictNames(ip: Interp, dict: number, into: Set<string>): void {
  for (const key of ip.items(dict)) if (ip.store.type[key] === TypeId.Str) into.add(ip.text(key));
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
        let dict = NULL_REF;
        try {
          dict = getAttr(ip, obj, '__dict__');
        } catch (error) {
          ip.dropRaised(ip.toPyRaise(error).exc);
        }
        if (dict !== NULL_REF) {
          if (ip.store.type[dict] === TypeId.Dict) dictNames(ip, dict, names);
          ip.drop(dict);
        }
        names.add('__class__');
      }
      for (const t of (klass ?? typeOf(ip, obj)).mro) {
        for (const name of t.attrs.keys()) names.add(name);
        for (const name of t.methods.keys()) names.add(name);
      }
    }
  }
  const strs = [...names].sort().map((name) => ip.str(name));
  const list = ip.newList(strs);
  for (const s of strs) ip.drop(s);
  return list;
};
