/**
 * `weakref.WeakKeyDictionary` (`Lib/weakref.py`): entries whose keys are held weakly; a key's
 * weak reference has a callback that removes its entry when the key dies. The object's reference
 * cells hold each entry's weak reference and value, in pairs; a map from each key's handle finds
 * the pair. Keys compare by identity, which is CPython's comparison for keys whose class defines
 * neither `__eq__` nor `__hash__` (instances of such classes, functions, classes); other keys
 * are refused by name.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { arity } from '../builtins/arguments.js';
import type { Interp, NativeFn, PyType } from '../runtime/interp.js';
import { getIter } from '../runtime/iterate.js';
import { asType, builtinType, defineBuiltinType, typeOf } from '../runtime/types.js';

const KIND = 'WeakKeyDictionary';

/** Side data: the weak reference of each key, by the key's handle. */
interface WeakKeyData {
  readonly kind: typeof KIND;
  readonly entries: Map<number, number>;
}

function dataOf(ip: Interp, self: number | undefined, name: string): WeakKeyData {
  const data = self === undefined ? undefined : (ip.payload(self) as WeakKeyData | undefined);
  if (data?.kind !== KIND) return ip.raise('TypeError', `descriptor '${name}' requires a '${KIND}' object`);
  return data;
}

/** A key that compares by identity (its class defines neither `__eq__` nor `__hash__`). */
function checkIdentityKey(ip: Interp, key: number): void {
  const t = ip.store.type[key];
  if (t === TypeId.Function) return;
  const type = typeOf(ip, key);
  const plain =
    type.user && type.mro.every((c) => !c.user || (!c.attrs.has('__eq__') && !c.attrs.has('__hash__')));
  if (!plain && asType(ip, key) === null)
    ip.raise(
      'NotImplementedError',
      `WeakKeyDictionary keys of type '${type.name}' are not supported by pymm`,
    );
}

/** The index of the cell pair holding `ref`, or -1. */
function pairOf(ip: Interp, self: number, ref: number): number {
  const store = ip.store;
  const start = store.refStart[self];
  for (let i = 0; i < store.refLen[self]; i += 2) if (store.refs.cells[start + i] === ref) return i;
  return -1;
}

/** Removes the entry of the key with handle `key`. */
function removeEntry(ip: Interp, self: number, data: WeakKeyData, key: number): void {
  const ref = data.entries.get(key);
  if (ref === undefined) return;
  data.entries.delete(key);
  const i = pairOf(ip, self, ref);
  if (i < 0) return;
  const removedRef = ip.heap.removeCell(self, i);
  const removedValue = ip.heap.removeCell(self, i);
  ip.drop(removedRef);
  ip.drop(removedValue);
}

function setItem(ip: Interp, self: number, data: WeakKeyData, key: number, value: number): void {
  const handle = ip.store.handleOf(key);
  const existing = data.entries.get(handle);
  if (existing !== undefined) {
    ip.heap.setCell(self, pairOf(ip, self, existing) + 1, value);
    return;
  }
  const selfHandle = ip.store.handleOf(self);
  let ref: number;
  try {
    ref = ip.heap.newWeakref(key, () => removeEntry(ip, ip.store.slotOf(selfHandle, KIND), data, handle));
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith('cannot create weak reference'))
      ip.raise('TypeError', error.message);
    throw error;
  }
  ip.push(ip.own(ref));
  checkIdentityKey(ip, key);
  data.entries.set(handle, ref);
  ip.heap.appendCell(self, ref);
  ip.heap.appendCell(self, value);
  ip.drop(ip.pop());
}

/** `KeyError(ref(key))`, as `del self.data[ref(key)]` raises. */
function keyError(ip: Interp, key: number): never {
  const ref = ip.own(ip.heap.newWeakref(key));
  ip.push(ref);
  return ip.raiseWith('KeyError', ref);
}

/** The value cell of `key`'s entry (borrowed), or -1. */
function entryValue(ip: Interp, self: number, data: WeakKeyData, key: number): number {
  const ref = data.entries.get(ip.store.handleOf(key));
  if (ref === undefined) return -1;
  return ip.store.refs.cells[ip.store.refStart[self] + pairOf(ip, self, ref) + 1];
}

function liveKeys(ip: Interp, data: WeakKeyData): number[] {
  const out: number[] = [];
  for (const ref of data.entries.values()) {
    const target = ip.heap.weakrefTarget(ref);
    if (target !== ip.none) out.push(ip.own(target));
  }
  return out;
}

type Method = (ip: Interp, self: number, data: WeakKeyData, args: number[]) => number;

const METHODS: Record<string, Method> = {
  __setitem__: (ip, self, data, args) => {
    arity(ip, '__setitem__', args, 2, 2);
    setItem(ip, self, data, args[0], args[1]);
    return ip.own(ip.none);
  },
  __getitem__: (ip, self, data, args) => {
    arity(ip, '__getitem__', args, 1, 1);
    const value = entryValue(ip, self, data, args[0]);
    return value < 0 ? keyError(ip, args[0]) : ip.own(value);
  },
  get: (ip, self, data, args) => {
    arity(ip, 'get', args, 1, 2);
    const value = entryValue(ip, self, data, args[0]);
    return ip.own(value < 0 ? (args[1] ?? ip.none) : value);
  },
  __delitem__: (ip, self, data, args) => {
    arity(ip, '__delitem__', args, 1, 1);
    const key = ip.store.handleOf(args[0]);
    if (!data.entries.has(key)) return keyError(ip, args[0]);
    removeEntry(ip, self, data, key);
    return ip.own(ip.none);
  },
  __contains__: (ip, _self, data, args) => {
    arity(ip, '__contains__', args, 1, 1);
    return ip.own(ip.bool(data.entries.has(ip.store.handleOf(args[0]))));
  },
  __len__: (ip, _self, data, args) => {
    arity(ip, '__len__', args, 0, 0);
    return ip.int(data.entries.size);
  },
  __iter__: (ip, _self, data, args) => {
    arity(ip, '__iter__', args, 0, 0);
    const keys = liveKeys(ip, data);
    const list = ip.newList(keys);
    for (const k of keys) ip.drop(k);
    ip.push(list);
    const it = getIter(ip, list);
    ip.drop(ip.pop());
    return it;
  },
};

/** Defines the `WeakKeyDictionary` type: `WeakKeyDictionary()` and its mapping methods. */
export function defineWeakKeyDictionary(ip: Interp): PyType {
  const type = defineBuiltinType(ip, KIND, builtinType(ip, 'object'));
  type.module = 'weakref';
  const ctor: NativeFn = (ip2, args) => {
    arity(ip2, KIND, args, 0, 0);
    return ip2.native(KIND, [], { kind: KIND, entries: new Map() } satisfies WeakKeyData);
  };
  type.ctor = ctor;
  for (const [name, method] of Object.entries(METHODS))
    type.methods.set(name, (ip2, args) => method(ip2, args[0], dataOf(ip2, args[0], name), args.slice(1)));
  return type;
}
