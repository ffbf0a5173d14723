/**
 * The `itertools` iterators that filter, repeat, accumulate or regroup one input (as CPython's
 * `Modules/itertoolsmodule.c`): `accumulate`, `repeat`, `cycle`, `takewhile`, `dropwhile`,
 * `starmap`, `pairwise`, `zip_longest`, `groupby` (with its `_grouper`s) and `tee`. Each is a
 * native object of CPython's type and size whose references are what CPython's object holds
 * (its iterator, function, running total, saved items), so collectors see them.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import { arity, intArg, keyword } from '../builtins/arguments.js';
import { equal } from '../runtime/compare.js';
import type { Interp, KwArgs } from '../runtime/interp.js';
import { getIter, iterNext, newIterator } from '../runtime/iterate.js';

type Native = (ip: Interp, args: number[], kw: KwArgs | null) => number;

/** Reads reference `i` of `holder` (borrowed). */
function cell(ip: Interp, holder: number, i: number): number {
  return ip.store.refs.cells[ip.store.refStart[holder] + i];
}

/** `iter(x)` kept on the value stack while the caller builds the object that will hold it. */
function pushIter(ip: Interp, x: number): number {
  const it = getIter(ip, x);
  ip.push(it);
  return it;
}

/** Pops and drops `n` values the constructor pushed. */
function popDrop(ip: Interp, n: number): void {
  for (let i = 0; i < n; i++) ip.drop(ip.pop());
}

/** `accumulate(iterable, func=None, *, initial=None)`: holds the iterator, `func`, the running total. */
export const accumulate: Native = (ip, args, kw) => {
  const opts = keyword(ip, 'accumulate', kw, ['iterable', 'func', 'initial']);
  arity(ip, 'accumulate', args, 0, 2);
  const source = args[0] ?? opts.get('iterable');
  if (source === undefined)
    ip.raise('TypeError', "accumulate() missing required argument 'iterable' (pos 1)");
  const funcArg = args[1] ?? opts.get('func');
  const func = funcArg === undefined || funcArg === ip.none ? NULL_REF : funcArg;
  const initial = opts.get('initial');
  const it = pushIter(ip, source!);
  let pendingInitial = initial !== undefined && initial !== ip.none;
  const r = newIterator(ip, 'accumulate', [it, func, pendingInitial ? initial! : NULL_REF], (ip2) => {
    const total = cell(ip2, r, 2);
    if (pendingInitial) {
      pendingInitial = false;
      return ip2.own(total);
    }
    const v = iterNext(ip2, cell(ip2, r, 0));
    if (v === NULL_REF) return NULL_REF;
    if (total === NULL_REF) {
      ip2.heap.setCell(r, 2, v);
      return v;
    }
    ip2.push(v);
    const f = cell(ip2, r, 1);
    const next = f === NULL_REF ? ip2.binaryOp('Add', total, v) : ip2.call(f, [total, v], null);
    ip2.drop(ip2.pop());
    ip2.heap.setCell(r, 2, next);
    return next;
  });
  popDrop(ip, 1);
  return r;
};

/** `repeat(object[, times])`. */
export const repeat: Native = (ip, args, kw) => {
  const opts = keyword(ip, 'repeat', kw, ['object', 'times']);
  arity(ip, 'repeat', args, 0, 2);
  const obj = args[0] ?? opts.get('object');
  if (obj === undefined) ip.raise('TypeError', "repeat() missing required argument 'object' (pos 1)");
  const timesArg = args[1] ?? opts.get('times');
  let left = timesArg === undefined ? -1 : Math.max(0, intArg(ip, timesArg, ''));
  return newIterator(ip, 'repeat', [obj!], (ip2) => {
    if (left === 0) return NULL_REF;
    if (left > 0) left--;
    return ip2.own(obj!);
  });
};

/** `cycle(iterable)`: the first pass saves each item in a list, later passes go over the list. */
export const cycle: Native = (ip, args, kw) => {
  arity(ip, 'cycle', args, 1, 1);
  if (kw && kw.names.length > 0) ip.raise('TypeError', 'cycle() takes no keyword arguments');
  const it = pushIter(ip, args[0]);
  const saved = ip.newList([]);
  ip.push(saved);
  let index = -1;
  const r = newIterator(ip, 'cycle', [it, saved], (ip2) => {
    if (index < 0) {
      const v = iterNext(ip2, it);
      if (v !== NULL_REF) {
        ip2.listAppend(saved, v);
        return v;
      }
      index = 0;
    }
    const n = ip2.store.refLen[saved];
    if (n === 0) return NULL_REF;
    const v = cell(ip2, saved, index);
    index = (index + 1) % n;
    return ip2.own(v);
  });
  popDrop(ip, 2);
  return r;
};

function predicateIterator(key: 'takewhile' | 'dropwhile'): Native {
  return (ip, args) => {
    arity(ip, key, args, 2, 2);
    const it = pushIter(ip, args[1]);
    let done = false;
    const r = newIterator(ip, key, [args[0], it], (ip2) => {
      for (;;) {
        if (key === 'takewhile' && done) return NULL_REF;
        const v = iterNext(ip2, it);
        if (v === NULL_REF) return NULL_REF;
        if (key === 'dropwhile' && done) return v;
        ip2.push(v);
        const test = ip2.call(cell(ip2, r, 0), [v], null);
        const ok = ip2.truthy(test);
        ip2.drop(test);
        ip2.pop();
        if (key === 'takewhile') {
          if (ok) return v;
          done = true;
          ip2.drop(v);
          return NULL_REF;
        }
        if (!ok) {
          done = true;
          return v;
        }
        ip2.drop(v);
      }
    });
    popDrop(ip, 1);
    return r;
  };
}

/** `takewhile(predicate, iterable)`. */
export const takewhile = predicateIterator('takewhile');
/** `dropwhile(predicate, iterable)`. */
export const dropwhile = predicateIterator('dropwhile');

/** `starmap(function, iterable)`: calls the function with each item's items. */
export const starmap: Native = (ip, args) => {
  arity(ip, 'starmap', args, 2, 2);
  const it = pushIter(ip, args[1]);
  const r = newIterator(ip, 'starmap', [args[0], it], (ip2) => {
    const v = iterNext(ip2, it);
    if (v === NULL_REF) return NULL_REF;
    ip2.push(v);
    const items = tupleItems(ip2, v);
    const out = ip2.call(cell(ip2, r, 0), items, null);
    popDrop(ip2, items.length + 2);
    return out;
  });
  popDrop(ip, 1);
  return r;
};

/**
 * The items of an iterable, each owned and pushed on the value stack above the iterator (the
 * caller pops and drops the items and the iterator: `items.length + 1` values).
 */
export function tupleItems(ip: Interp, iterable: number): number[] {
  const it = pushIter(ip, iterable);
  const items: number[] = [];
  for (;;) {
    const v = iterNext(ip, it);
    if (v === NULL_REF) break;
    ip.push(v);
    items.push(v);
  }
  return items;
}

/** `pairwise(iterable)`: holds the iterator and the previous item. */
export const pairwise: Native = (ip, args) => {
  arity(ip, 'pairwise', args, 1, 1);
  const it = pushIter(ip, args[0]);
  const r = newIterator(ip, 'pairwise', [it, NULL_REF], (ip2) => {
    const source = cell(ip2, r, 0);
    if (source === NULL_REF) return NULL_REF;
    let old = cell(ip2, r, 1);
    if (old === NULL_REF) {
      old = iterNext(ip2, source);
      if (old === NULL_REF) {
        ip2.heap.setCell(r, 0, NULL_REF);
        return NULL_REF;
      }
      ip2.heap.setCell(r, 1, old);
      ip2.drop(old);
    }
    const v = iterNext(ip2, source);
    if (v === NULL_REF) {
      ip2.heap.setCell(r, 0, NULL_REF);
      ip2.heap.setCell(r, 1, NULL_REF);
      return NULL_REF;
    }
    const pair = ip2.own(ip2.heap.newTuple([old, v]));
    ip2.heap.setCell(r, 1, v);
    ip2.drop(v);
    return pair;
  });
  popDrop(ip, 1);
  return r;
};

/** `zip_longest(*iterables, fillvalue=None)`: holds the tuple of iterators and the fill value. */
export const zipLongest: Native = (ip, args, kw) => {
  const opts = keyword(ip, 'zip_longest', kw, ['fillvalue']);
  const fill = opts.get('fillvalue') ?? ip.none;
  const its = args.map((a) => pushIter(ip, a));
  const ittuple = ip.own(ip.heap.newTuple(its));
  popDrop(ip, its.length);
  ip.push(ittuple);
  const active = its.map(() => true);
  let numactive = its.length;
  const r = newIterator(ip, 'zip_longest', [ittuple, fill], (ip2) => {
    if (numactive === 0) return NULL_REF;
    const items: number[] = [];
    for (let i = 0; i < its.length; i++) {
      let v = NULL_REF;
      if (active[i]) {
        v = iterNext(ip2, its[i]);
        if (v === NULL_REF) {
          active[i] = false;
          numactive--;
          if (numactive === 0) {
            popDrop(ip2, items.length);
            return NULL_REF;
          }
        }
      }
      if (v === NULL_REF) v = ip2.own(fill);
      ip2.push(v);
      items.push(v);
    }
    const out = ip2.own(ip2.heap.newTuple(items));
    popDrop(ip2, items.length);
    return out;
  });
  popDrop(ip, 1);
  return r;
};

/**
 * `groupby(iterable, key=None)`: references [iterator, key function, target key, current key,
 * current value]; each group is a `_grouper` holding the groupby and its key, which yields only
 * while it is the current group.
 */
export const groupby: Native = (ip, args, kw) => {
  const opts = keyword(ip, 'groupby', kw, ['iterable', 'key']);
  arity(ip, 'groupby', args, 0, 2);
  const source = args[0] ?? opts.get('iterable');
  if (source === undefined) ip.raise('TypeError', "groupby() missing required argument 'iterable' (pos 1)");
  const keyArg = args[1] ?? opts.get('key');
  const keyfunc = keyArg === undefined || keyArg === ip.none ? NULL_REF : keyArg;
  const it = pushIter(ip, source!);
  let currgrouper = NULL_REF;
  const IT = 0;
  const KEYFUNC = 1;
  const TGTKEY = 2;
  const CURRKEY = 3;
  const CURRVALUE = 4;
  const step = (ip2: Interp): boolean => {
    const v = iterNext(ip2, cell(ip2, gbo, IT));
    if (v === NULL_REF) return false;
    ip2.push(v);
    const kf = cell(ip2, gbo, KEYFUNC);
    const k = kf === NULL_REF ? ip2.own(v) : ip2.call(kf, [v], null);
    ip2.heap.setCell(gbo, CURRVALUE, v);
    ip2.heap.setCell(gbo, CURRKEY, k);
    ip2.drop(k);
    ip2.drop(ip2.pop());
    return true;
  };
  const gbo = newIterator(ip, 'groupby', [it, keyfunc, NULL_REF, NULL_REF, NULL_REF], (ip2) => {
    currgrouper = NULL_REF;
    for (;;) {
      const currkey = cell(ip2, gbo, CURRKEY);
      const tgtkey = cell(ip2, gbo, TGTKEY);
      if (currkey !== NULL_REF) {
        if (tgtkey === NULL_REF) break;
        if (!equal(ip2, tgtkey, currkey)) break;
      }
      if (!step(ip2)) return NULL_REF;
    }
    const key = cell(ip2, gbo, CURRKEY);
    ip2.heap.setCell(gbo, TGTKEY, key);
    const grouper = newIterator(ip2, '_grouper', [gbo, key], (ip3) => {
      if (currgrouper !== grouper) return NULL_REF;
      if (cell(ip3, gbo, CURRVALUE) === NULL_REF && !step(ip3)) return NULL_REF;
      if (!equal(ip3, cell(ip3, grouper, 1), cell(ip3, gbo, CURRKEY))) return NULL_REF;
      const r = ip3.own(cell(ip3, gbo, CURRVALUE));
      ip3.heap.setCell(gbo, CURRVALUE, NULL_REF);
      ip3.heap.setCell(gbo, CURRKEY, NULL_REF);
      return r;
    });
    currgrouper = grouper;
    ip2.push(grouper);
    const pair = ip2.own(ip2.heap.newTuple([key, grouper]));
    ip2.drop(ip2.pop());
    return pair;
  });
  popDrop(ip, 1);
  return gbo;
};

/**
 * `tee(iterable, n=2)`: a tuple of `_tee` iterators over one shared buffer (a list every `_tee`
 * holds, with the source iterator), each reading it at its own position.
 */
export const tee: Native = (ip, args) => {
  arity(ip, 'tee', args, 1, 2);
  const n = args.length > 1 ? intArg(ip, args[1], '') : 2;
  if (n < 0) ip.raise('ValueError', 'n must be >= 0');
  const it = pushIter(ip, args[0]);
  const buffer = ip.newList([]);
  ip.push(buffer);
  const tees: number[] = [];
  for (let i = 0; i < n; i++) {
    let index = 0;
    const t = newIterator(ip, '_tee', [it, buffer], (ip2) => {
      if (index < ip2.store.refLen[buffer]) return ip2.own(cell(ip2, buffer, index++));
      const v = iterNext(ip2, it);
      if (v === NULL_REF) return NULL_REF;
      ip2.listAppend(buffer, v);
      index++;
      return v;
    });
    ip.push(t);
    tees.push(t);
  }
  const out = ip.own(ip.heap.newTuple(tees));
  popDrop(ip, tees.length + 2);
  return out;
};
