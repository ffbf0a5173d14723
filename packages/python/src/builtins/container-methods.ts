/**
 * Methods of `list`, `tuple`, `dict`, `set` and `frozenset`, on core's container operations (so
 * growth, over-allocation and release order are CPython's).
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { dictClear, dictDelete, listClear, listDelete, listPop, NULL_REF, setDiscard } from '@pymm/core/heap';
import { equal } from '../runtime/compare.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { collect, dictIterator, newIterator } from '../runtime/iterate.js';
import { listExtend } from '../runtime/list-build.js';
import { setUpdate } from '../runtime/set-build.js';
import { newMergedSet } from '../runtime/set-merge.js';
import { arity, intArg, keyword, noKeywords } from './arguments.js';
import { sortSlots } from './functions.js';

type Methods = Record<string, NativeFn>;

function method(
  name: string,
  min: number,
  max: number,
  body: (ip: Interp, self: number, args: number[]) => number,
): NativeFn {
  return (ip, all, kw) => {
    noKeywords(ip, name, kw);
    const args = all.slice(1);
    arity(ip, name, args, min, max);
    return body(ip, all[0], args);
  };
}

function indexOf(ip: Interp, self: number, value: number, what: string): number {
  const items = ip.items(self);
  for (let i = 0; i < items.length; i++) if (equal(ip, items[i], value)) return i;
  return ip.raise('ValueError', what);
}

/** Methods of `list`. */
export const LIST_METHODS: Methods = {
  append: method('append', 1, 1, (ip, self, [v]) => {
    ip.listAppend(self, v);
    return ip.own(ip.none);
  }),
  extend: method('extend', 1, 1, (ip, self, [other]) => {
    listExtend(ip, self, other);
    return ip.own(ip.none);
  }),
  pop: method('pop', 0, 1, (ip, self, args) => {
    if (ip.store.refLen[self] === 0) ip.raise('IndexError', 'pop from empty list');
    const i = args.length ? intArg(ip, args[0], '') : -1;
    const n = ip.store.refLen[self];
    if (i >= n || i < -n) ip.raise('IndexError', 'pop index out of range');
    return listPop(ip.heap, self, i);
  }),
  insert: method('insert', 2, 2, (ip, self, [at, v]) => {
    const n = ip.store.refLen[self];
    let i = intArg(ip, at, '');
    if (i < 0) i = Math.max(0, i + n);
    if (i > n) i = n;
    const tail = ip.items(self).slice(i);
    const h = ip.stackHeight;
    for (const t of tail) ip.push(ip.own(t));
    while (ip.store.refLen[self] > i) listDelete(ip.heap, self, ip.store.refLen[self] - 1);
    ip.listAppend(self, v);
    for (const t of tail) ip.listAppend(self, t);
    ip.unwindTo(h);
    return ip.own(ip.none);
  }),
  remove: method('remove', 1, 1, (ip, self, [v]) => {
    listDelete(ip.heap, self, indexOf(ip, self, v, 'list.remove(x): x not in list'));
    return ip.own(ip.none);
  }),
  index: method('index', 1, 3, (ip, self, [v]) =>
    ip.int(indexOf(ip, self, v, `${ip.repr(v)} is not in list`)),
  ),
  count: method('count', 1, 1, (ip, self, [v]) =>
    ip.int(ip.items(self).filter((x) => equal(ip, x, v)).length),
  ),
  clear: method('clear', 0, 0, (ip, self) => {
    listClear(ip.heap, self);
    return ip.own(ip.none);
  }),
  copy: method('copy', 0, 0, (ip, self) => ip.newList(ip.items(self))),
  reverse: method('reverse', 0, 0, (ip, self) => {
    const store = ip.store;
    const start = store.refStart[self];
    store.refs.cells.subarray(start, start + store.refLen[self]).reverse();
    return ip.own(ip.none);
  }),
  sort: (ip, all, kw) => {
    const opts = keyword(ip, 'sort', kw, ['key', 'reverse']);
    arity(ip, 'sort', all.slice(1), 0, 0);
    const self = all[0];
    const store = ip.store;
    const sorted = sortSlots(
      ip,
      ip.items(self),
      opts.get('key'),
      opts.has('reverse') && ip.truthy(opts.get('reverse')!),
    );
    store.refs.cells.set(sorted, store.refStart[self]);
    return ip.own(ip.none);
  },
  __len__: method('__len__', 0, 0, (ip, self) => ip.int(ip.store.refLen[self])),
};

/** Methods of `tuple`. */
export const TUPLE_METHODS: Methods = {
  index: method('index', 1, 3, (ip, self, [v]) =>
    ip.int(indexOf(ip, self, v, 'tuple.index(x): x not in tuple')),
  ),
  count: method('count', 1, 1, (ip, self, [v]) =>
    ip.int(ip.items(self).filter((x) => equal(ip, x, v)).length),
  ),
};

function view(kind: 'keys' | 'values' | 'items'): NativeFn {
  return method(kind, 0, 0, (ip, self) => {
    const data = {
      kind: 'view',
      what: kind,
      dict: self,
      iterate: (ip2: Interp) => dictIterator(ip2, self, kind),
    };
    return ip.native(`dict_${kind}`, [self], data);
  });
}

/** Methods of `dict`. */
export const DICT_METHODS: Methods = {
  get: method('get', 1, 2, (ip, self, [key, fallback]) => {
    const v = ip.dictLookup(self, key);
    return ip.own(v !== NULL_REF ? v : (fallback ?? ip.none));
  }),
  keys: view('keys'),
  values: view('values'),
  items: view('items'),
  pop: method('pop', 1, 2, (ip, self, [key, fallback]) => {
    const v = ip.dictLookup(self, key);
    if (v === NULL_REF) {
      if (fallback !== undefined) return ip.own(fallback);
      return ip.raiseWith('KeyError', key);
    }
    ip.own(v);
    dictDelete(ip.heap, self, key);
    return v;
  }),
  popitem: method('popitem', 0, 0, (ip, self) => {
    const store = ip.store;
    const n = store.refLen[self];
    if (n === 0) ip.raise('KeyError', 'popitem(): dictionary is empty');
    const k = store.refs.cells[store.refStart[self] + n - 2];
    const v = store.refs.cells[store.refStart[self] + n - 1];
    const pair = ip.own(ip.heap.newTuple([k, v]));
    dictDelete(ip.heap, self, k);
    return pair;
  }),
  setdefault: method('setdefault', 1, 2, (ip, self, [key, fallback]) => {
    const v = ip.dictLookup(self, key);
    if (v !== NULL_REF) return ip.own(v);
    const value = fallback ?? ip.none;
    ip.setItem(self, key, value);
    return ip.own(value);
  }),
  update: (ip, all, kw) => {
    const self = all[0];
    arity(ip, 'update', all.slice(1), 0, 1);
    if (all.length > 1) ip.dictUpdate(self, all[1]);
    if (kw)
      kw.names.forEach((name, i) => {
        const key = ip.str(name, true);
        ip.setItem(self, key, kw.values[i]);
        ip.drop(key);
      });
    return ip.own(ip.none);
  },
  clear: method('clear', 0, 0, (ip, self) => {
    dictClear(ip.heap, self);
    // An emptied dict keeps its table until clear() (core's tp_clear skips a dict with no entries).
    ip.heap.resetDictKeys(self);
    return ip.own(ip.none);
  }),
  fromkeys: (ip, all) => {
    const args = all[0] !== undefined && ip.store.type[all[0]] !== TypeId.Dict ? all : all.slice(1);
    arity(ip, 'fromkeys', args, 1, 2);
    const d = ip.own(ip.heap.newDict());
    ip.push(d);
    const h = ip.stackHeight;
    for (const key of collect(ip, args[0])) ip.setItem(d, key, args[1] ?? ip.none);
    ip.unwindTo(h);
    return ip.pop();
  },
  copy: method('copy', 0, 0, (ip, self) => {
    const d = ip.own(ip.heap.newDict());
    ip.push(d);
    ip.dictUpdate(d, self);
    return ip.pop();
  }),
};

function setOp(name: string, op: 'union' | 'intersection' | 'difference' | 'symmetric_difference'): NativeFn {
  return (ip, all, kw) => {
    noKeywords(ip, name, kw);
    const self = all[0];
    const h = ip.stackHeight;
    let result = ip.items(self);
    for (const other of all.slice(1)) {
      const items = collect(ip, other);
      const otherSet = ip.newSet(items, true);
      ip.push(otherSet);
      if (op === 'union') result = [...result, ...items];
      else if (op === 'intersection') result = result.filter((m) => ip.contains(otherSet, m));
      else if (op === 'difference') result = result.filter((m) => !ip.contains(otherSet, m));
      else {
        const mine = ip.newSet(result, true);
        ip.push(mine);
        result = [
          ...result.filter((m) => !ip.contains(otherSet, m)),
          ...items.filter((m) => !ip.contains(mine, m)),
        ];
      }
    }
    const r = ip.newSet(result, ip.store.type[self] === TypeId.FrozenSet);
    ip.unwindTo(h);
    return r;
  };
}

/** Methods of `set` and `frozenset`. */
export const SET_METHODS: Methods = {
  add: method('add', 1, 1, (ip, self, [v]) => {
    ip.setAdd(self, v);
    return ip.own(ip.none);
  }),
  discard: method('discard', 1, 1, (ip, self, [v]) => {
    ip.hashCheck(v);
    setDiscard(ip.heap, self, v);
    return ip.own(ip.none);
  }),
  remove: method('remove', 1, 1, (ip, self, [v]) => {
    ip.hashCheck(v);
    if (!setDiscard(ip.heap, self, v)) ip.raiseWith('KeyError', v);
    return ip.own(ip.none);
  }),
  pop: method('pop', 0, 0, (ip, self) => {
    const items = ip.items(self);
    if (items.length === 0) ip.raise('KeyError', 'pop from an empty set');
    const v = ip.own(items[0]);
    setDiscard(ip.heap, self, v);
    return v;
  }),
  clear: method('clear', 0, 0, (ip, self) => {
    for (const m of ip.items(self)) setDiscard(ip.heap, self, m);
    return ip.own(ip.none);
  }),
  update: (ip, all) => {
    const h = ip.stackHeight;
    for (const other of all.slice(1)) setUpdate(ip, all[0], other);
    ip.unwindTo(h);
    return ip.own(ip.none);
  },
  copy: method('copy', 0, 0, (ip, self) =>
    newMergedSet(ip, [self], ip.store.type[self] === TypeId.FrozenSet),
  ),
  union: setOp('union', 'union'),
  intersection: setOp('intersection', 'intersection'),
  difference: setOp('difference', 'difference'),
  symmetric_difference: setOp('symmetric_difference', 'symmetric_difference'),
  issubset: method('issubset', 1, 1, (ip, self, [other]) =>
    ip.bool(ip.items(self).every((m) => ip.contains(other, m))),
  ),
  issuperset: method('issuperset', 1, 1, (ip, self, [other]) => {
    const h = ip.stackHeight;
    const items = collect(ip, other);
    const r = items.every((m) => ip.contains(self, m));
    ip.unwindTo(h);
    return ip.bool(r);
  }),
};

/** A list iterator over a snapshot (used by views' `__iter__`). */
export function listIterator(ip: Interp, list: number): number {
  let i = 0;
  return newIterator(ip, 'list_iterator', [list], (ip2) =>
    i < ip2.store.refLen[list] ? ip2.own(ip2.store.refs.cells[ip2.store.refStart[list] + i++]) : NULL_REF,
  );
}

export { dictClear, listPop };
