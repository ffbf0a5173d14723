/**
 * `weakref.WeakValueDictionary` (`Lib/weakref.py`): a dict (`data`, the object's one reference cell)
 * from each key to a weak reference to its value; the reference's callback removes the entry
 * when the value dies, if the entry still holds that reference (`_remove_dead_weakref`).
 *
 * @module
 */

import { dictDelete, dictGet, dictHas, dictSet, NULL_REF } from '@pymm/core/heap';
import { arity } from '../builtins/arguments.js';
import type { Interp, NativeFn, PyType } from '../runtime/interp.js';
import { getIter } from '../runtime/iterate.js';
import { builtinType, defineBuiltinType } from '../runtime/types.js';

const KIND = 'WeakValueDictionary';

/** The `data` dict of a WeakValueDictionary (`TypeError` for anything else). */
function dataOf(ip: Interp, self: number | undefined, name: string): number {
  if (self === undefined || ip.payload(self) !== KIND)
    return ip.raise('TypeError', `descriptor '${name}' requires a '${KIND}' object`);
  return ip.store.refs.cells[ip.store.refStart[self]];
}

/** `_remove_dead_weakref(data, key)`: drops the entry whose value is the dead reference `ref`. */
function removeDead(ip: Interp, data: number, ref: number): void {
  for (const key of ip.items(data)) {
    if (dictGet(ip.heap, data, key) === ref) {
      dictDelete(ip.heap, data, key);
      return;
    }
  }
}

/** `self[key] = value`: a weak reference to `value` whose callback removes the entry. */
function setItem(ip: Interp, self: number, data: number, key: number, value: number): void {
  ip.hashCheck(key);
  const selfHandle = ip.store.handleOf(self);
  let ref: number;
  try {
    ref = ip.heap.newWeakref(value, (refHandle) => {
      const holder = ip.store.slotOf(selfHandle, KIND);
      removeDead(ip, dataOf(ip, holder, '_remove'), ip.store.slotOf(refHandle, 'KeyedRef'));
    });
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith('cannot create weak reference'))
      ip.raise('TypeError', error.message);
    throw error;
  }
  ip.own(ref);
  ip.push(ref);
  dictSet(ip.heap, data, key, ref);
  ip.drop(ip.pop());
}

/** The live value of `key`, owned, or NULL_REF when absent or dead. */
function liveValue(ip: Interp, data: number, key: number): number {
  ip.hashCheck(key);
  if (!dictHas(ip.heap, data, key)) return NULL_REF;
  const target = ip.heap.weakrefTarget(dictGet(ip.heap, data, key));
  return target === ip.none ? NULL_REF : ip.own(target);
}

/** The keys whose values live, owned. */
function liveKeys(ip: Interp, data: number): number[] {
  return ip
    .items(data)
    .filter((key) => ip.heap.weakrefTarget(dictGet(ip.heap, data, key)) !== ip.none)
    .map((key) => ip.own(key));
}

function listOf(ip: Interp, owned: number[]): number {
  const list = ip.newList(owned);
  for (const slot of owned) ip.drop(slot);
  return list;
}

type Method = (ip: Interp, self: number, data: number, args: number[]) => number;

const METHODS: Record<string, Method> = {
  __setitem__: (ip, self, data, args) => {
    arity(ip, '__setitem__', args, 2, 2);
    setItem(ip, self, data, args[0], args[1]);
    return ip.own(ip.none);
  },
  __getitem__: (ip, _self, data, args) => {
    arity(ip, '__getitem__', args, 1, 1);
    const value = liveValue(ip, data, args[0]);
    return value === NULL_REF ? ip.raiseWith('KeyError', args[0]) : value;
  },
  __delitem__: (ip, _self, data, args) => {
    arity(ip, '__delitem__', args, 1, 1);
    ip.hashCheck(args[0]);
    if (!dictHas(ip.heap, data, args[0])) return ip.raiseWith('KeyError', args[0]);
    dictDelete(ip.heap, data, args[0]);
    return ip.own(ip.none);
  },
  get: (ip, _self, data, args) => {
    arity(ip, 'get', args, 1, 2);
    const value = liveValue(ip, data, args[0]);
    if (value !== NULL_REF) return value;
    return ip.own(args[1] ?? ip.none);
  },
  __contains__: (ip, _self, data, args) => {
    arity(ip, '__contains__', args, 1, 1);
    const value = liveValue(ip, data, args[0]);
    ip.drop(value);
    return ip.own(ip.bool(value !== NULL_REF));
  },
  __len__: (ip, _self, data, args) => {
    arity(ip, '__len__', args, 0, 0);
    return ip.int(ip.items(data).length);
  },
  keys: (ip, _self, data, args) => {
    arity(ip, 'keys', args, 0, 0);
    return listOf(ip, liveKeys(ip, data));
  },
  values: (ip, _self, data, args) => {
    arity(ip, 'values', args, 0, 0);
    const values = ip.items(data).map((key) => ip.heap.weakrefTarget(dictGet(ip.heap, data, key)));
    return listOf(
      ip,
      values.filter((v) => v !== ip.none).map((v) => ip.own(v)),
    );
  },
  __iter__: (ip, _self, data, args) => {
    arity(ip, '__iter__', args, 0, 0);
    const list = listOf(ip, liveKeys(ip, data));
    ip.push(list);
    const it = getIter(ip, list);
    ip.drop(ip.pop());
    return it;
  },
};

/** Defines the `WeakValueDictionary` type: `WeakValueDictionary(other=())` and its mapping methods. */
export function defineWeakValueDictionary(ip: Interp): PyType {
  const type = defineBuiltinType(ip, KIND, builtinType(ip, 'object'));
  type.module = 'weakref';
  const ctor: NativeFn = (ip2, args) => {
    arity(ip2, KIND, args, 0, 1);
    const data = ip2.own(ip2.heap.newDict());
    ip2.push(data);
    const self = ip2.native(KIND, [data], KIND);
    ip2.drop(ip2.pop());
    if (args[0] === undefined) return self;
    ip2.push(self);
    const source = ip2.store.type[args[0]] === ip2.store.type[data] ? ip2.items(args[0]) : null;
    if (source === null) return ip2.raise('TypeError', `${KIND}(other) takes a dict`);
    for (const key of source) setItem(ip2, self, data, key, dictGet(ip2.heap, args[0], key));
    return ip2.pop();
  };
  type.ctor = ctor;
  for (const [name, method] of Object.entries(METHODS))
    type.methods.set(name, (ip2, args) => method(ip2, args[0], dataOf(ip2, args[0], name), args.slice(1)));
  return type;
}
