/**
 * `weakref.WeakSet` (`Lib/_weakrefset.py`): a set of weak references with a callback each; when a
 * member dies its reference's callback takes the reference out of the set. The references are the
 * set object's reference cells; a map from each member's handle to its reference finds it.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import { arity } from '../builtins/arguments.js';
import type { Interp, NativeFn, PyType } from '../runtime/interp.js';
import { getIter, iterNext } from '../runtime/iterate.js';
import { builtinType, defineBuiltinType } from '../runtime/types.js';

/** Side data of a WeakSet: the weak reference of each member, by the member's handle. */
interface WeakSetData {
  readonly kind: 'WeakSet';
  readonly members: Map<number, number>;
}

function dataOf(ip: Interp, self: number | undefined, name: string): WeakSetData {
  const data = self === undefined ? undefined : (ip.payload(self) as WeakSetData | undefined);
  if (data?.kind !== 'WeakSet')
    return ip.raise('TypeError', `descriptor '${name}' requires a 'WeakSet' object`);
  return data;
}

/** `_remove`: the member of reference `ref` died, so the reference leaves the set. */
function removeRef(ip: Interp, self: number, data: WeakSetData, key: number): void {
  const ref = data.members.get(key);
  if (ref === undefined) return;
  data.members.delete(key);
  const store = ip.store;
  const start = store.refStart[self];
  for (let i = 0; i < store.refLen[self]; i++) {
    if (store.refs.cells[start + i] === ref) {
      ip.drop(ip.heap.removeCell(self, i));
      return;
    }
  }
}

/** `WeakSet.add(item)`: a weak reference to `item` whose callback removes it again. */
function add(ip: Interp, self: number, data: WeakSetData, item: number): void {
  const key = ip.store.handleOf(item);
  if (data.members.has(key)) return;
  const selfHandle = ip.store.handleOf(self);
  let ref: number;
  try {
    ref = ip.heap.newWeakref(item, () => {
      const holder = ip.store.slotOf(selfHandle, 'WeakSet');
      removeRef(ip, holder, data, key);
    });
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith('cannot create weak reference'))
      ip.raise('TypeError', error.message);
    throw error;
  }
  ip.own(ref);
  data.members.set(key, ref);
  ip.heap.appendCell(self, ref);
  ip.drop(ref);
}

/** The live members, owned, in the order they were added. */
function liveMembers(ip: Interp, data: WeakSetData): number[] {
  const out: number[] = [];
  for (const ref of data.members.values()) {
    const target = ip.heap.weakrefTarget(ref);
    if (target !== ip.none) out.push(ip.own(target));
  }
  return out;
}

const METHODS: Record<string, (ip: Interp, self: number, data: WeakSetData, args: number[]) => number> = {
  add: (ip, self, data, args) => {
    arity(ip, 'add', args, 1, 1);
    add(ip, self, data, args[0]);
    return ip.own(ip.none);
  },
  discard: (ip, self, data, args) => {
    arity(ip, 'discard', args, 1, 1);
    removeRef(ip, self, data, ip.store.handleOf(args[0]));
    return ip.own(ip.none);
  },
  remove: (ip, self, data, args) => {
    arity(ip, 'remove', args, 1, 1);
    const key = ip.store.handleOf(args[0]);
    if (!data.members.has(key)) {
      // `self.data.remove(ref(item))`: the KeyError holds a weak reference to the item.
      const ref = ip.own(ip.heap.newWeakref(args[0]));
      ip.push(ref);
      return ip.raiseWith('KeyError', ref);
    }
    removeRef(ip, self, data, key);
    return ip.own(ip.none);
  },
  clear: (ip, self, data, args) => {
    arity(ip, 'clear', args, 0, 0);
    for (const key of [...data.members.keys()]) removeRef(ip, self, data, key);
    return ip.own(ip.none);
  },
  __len__: (ip, _self, data, args) => {
    arity(ip, '__len__', args, 0, 0);
    return ip.int(data.members.size);
  },
  __contains__: (ip, _self, data, args) => {
    arity(ip, '__contains__', args, 1, 1);
    return ip.own(ip.bool(data.members.has(ip.store.handleOf(args[0]))));
  },
  __iter__: (ip, _self, data, args) => {
    arity(ip, '__iter__', args, 0, 0);
    const members = liveMembers(ip, data);
    const list = ip.newList(members);
    for (const m of members) ip.drop(m);
    ip.push(list);
    const it = getIter(ip, list);
    ip.drop(ip.pop());
    return it;
  },
};

/** Defines the `WeakSet` type: `WeakSet(iterable=None)` and its set methods. */
export function defineWeakSet(ip: Interp): PyType {
  const type = defineBuiltinType(ip, 'WeakSet', builtinType(ip, 'object'));
  type.module = '_weakrefset';
  const ctor: NativeFn = (ip2, args) => {
    arity(ip2, 'WeakSet', args, 0, 1);
    const data: WeakSetData = { kind: 'WeakSet', members: new Map() };
    const self = ip2.native('WeakSet', [], data);
    if (args[0] === undefined || args[0] === ip2.none) return self;
    ip2.push(self);
    const it = getIter(ip2, args[0]);
    ip2.push(it);
    for (let item = iterNext(ip2, it); item !== NULL_REF; item = iterNext(ip2, it)) {
      ip2.push(item);
      add(ip2, self, data, item);
      ip2.drop(ip2.pop());
    }
    ip2.drop(ip2.pop());
    return ip2.pop();
  };
  type.ctor = ctor;
  for (const [name, method] of Object.entries(METHODS))
    type.methods.set(name, (ip2, args) => method(ip2, args[0], dataOf(ip2, args[0], name), args.slice(1)));
  return type;
}
