/**
 * The combinatoric iterators of `itertools` (CPython's `Modules/itertoolsmodule.c`): `product`,
 * `permutations` and `combinations`. Each holds its pools as tuples (as CPython does) and keeps
 * its indices in an array whose size `sys.getsizeof` counts (`product_sizeof`,
 * `permutations_sizeof`, `combinations_sizeof`: one `Py_ssize_t` per index).
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import { arity, intArg, keyword } from '../builtins/arguments.js';
import type { Interp, KwArgs } from '../runtime/interp.js';
import type { IteratorData } from '../runtime/iterate.js';
import { nativeKind } from '../runtime/native-sizes.js';
import { tupleItems } from './itertools-iterators.js';

type Native = (ip: Interp, args: number[], kw: KwArgs | null) => number;

/** A new tuple of an iterable's items, owned. */
function tupleOf(ip: Interp, iterable: number): number {
  const items = tupleItems(ip, iterable);
  const t = ip.own(ip.heap.newTuple(items));
  for (let i = 0; i < items.length + 1; i++) ip.drop(ip.pop());
  return t;
}

/** An iterator object of `key` whose size adds `indices` index words to the type's size. */
function sizedIterator(
  ip: Interp,
  key: string,
  indices: number,
  refs: number[],
  next: (ip: Interp) => number,
): number {
  const kind = nativeKind(ip.heap.sizes.version, key);
  const slot = ip.own(
    ip.heap.newNative(ip.nativeClass(kind.name), kind.size + 8 * indices, refs, { gc: kind.gc }),
  );
  const data: IteratorData = { kind: 'iterator', next };
  ip.setPayload(slot, data);
  return slot;
}

/** The items of tuple `t` (borrowed). */
function itemsOf(ip: Interp, t: number): number[] {
  const store = ip.store;
  return Array.from(store.refs.cells.subarray(store.refStart[t], store.refStart[t] + store.refLen[t]));
}

/** A result tuple of `pool[indices[i]]`, owned. */
function pick(ip: Interp, pools: number[][], indices: number[]): number {
  return ip.own(ip.heap.newTuple(indices.map((j, i) => pools[i][j])));
}

/** `product(*iterables, repeat=1)`: the pools tuple, one index per pool. */
export const product: Native = (ip, args, kw) => {
  const opts = keyword(ip, 'product', kw, ['repeat']);
  const repeatArg = opts.get('repeat');
  const times = repeatArg === undefined ? 1 : intArg(ip, repeatArg, '');
  if (times < 0) ip.raise('ValueError', 'repeat argument cannot be negative');
  const tuples = args.map((a) => {
    const t = tupleOf(ip, a);
    ip.push(t);
    return t;
  });
  const all: number[] = [];
  for (let k = 0; k < times; k++) all.push(...tuples);
  const pools = ip.own(ip.heap.newTuple(all));
  for (let i = 0; i < tuples.length; i++) ip.drop(ip.pop());
  ip.push(pools);
  const items = all.map((t) => itemsOf(ip, t));
  const indices = all.map(() => 0);
  let state: 'first' | 'running' | 'done' = items.some((p) => p.length === 0) ? 'done' : 'first';
  const r = sizedIterator(ip, 'product', all.length, [pools], (ip2) => {
    if (state === 'done') return NULL_REF;
    if (state === 'first') {
      state = 'running';
      return pick(ip2, items, indices);
    }
    let i = indices.length - 1;
    for (; i >= 0; i--) {
      if (++indices[i] < items[i].length) break;
      indices[i] = 0;
    }
    if (i < 0) {
      state = 'done';
      return NULL_REF;
    }
    return pick(ip2, items, indices);
  });
  ip.drop(ip.pop());
  return r;
};

/** `r` of the combinatoric constructors: a non-negative int, or None for the pool's length. */
function rArg(ip: Interp, slot: number | undefined, fallback: number, name: string): number {
  if (slot === undefined || slot === ip.none) return fallback;
  const r = intArg(ip, slot, name);
  if (r < 0) ip.raise('ValueError', 'r must be non-negative');
  return r;
}

/** `permutations(iterable, r=None)`: the pool tuple, its indices and the `r` cycles. */
export const permutations: Native = (ip, args, kw) => {
  const opts = keyword(ip, 'permutations', kw, ['iterable', 'r']);
  arity(ip, 'permutations', args, 0, 2);
  const source = args[0] ?? opts.get('iterable');
  if (source === undefined)
    ip.raise('TypeError', "permutations() missing required argument 'iterable' (pos 1)");
  const pool = tupleOf(ip, source!);
  ip.push(pool);
  const items = itemsOf(ip, pool);
  const n = items.length;
  const r = rArg(ip, args[1] ?? opts.get('r'), n, 'permutations');
  const indices = Array.from({ length: n }, (_, i) => i);
  const cycles = Array.from({ length: r }, (_, i) => n - i);
  let state: 'first' | 'running' | 'done' = r > n ? 'done' : 'first';
  const result = (ip2: Interp): number =>
    ip2.own(ip2.heap.newTuple(indices.slice(0, r).map((j) => items[j])));
  const out = sizedIterator(ip, 'permutations', n + r, [pool], (ip2) => {
    if (state === 'done') return NULL_REF;
    if (state === 'first') {
      state = 'running';
      return result(ip2);
    }
    if (n === 0) {
      state = 'done';
      return NULL_REF;
    }
    for (let i = r - 1; i >= 0; i--) {
      cycles[i]--;
      if (cycles[i] === 0) {
        const moved = indices[i];
        indices.splice(i, 1);
        indices.push(moved);
        cycles[i] = n - i;
      } else {
        const j = cycles[i];
        const k = n - j;
        [indices[i], indices[k]] = [indices[k], indices[i]];
        return result(ip2);
      }
    }
    state = 'done';
    return NULL_REF;
  });
  ip.drop(ip.pop());
  return out;
};

/** `combinations(iterable, r)`: the pool tuple and `r` indices. */
export const combinations: Native = (ip, args, kw) => {
  const opts = keyword(ip, 'combinations', kw, ['iterable', 'r']);
  arity(ip, 'combinations', args, 0, 2);
  const source = args[0] ?? opts.get('iterable');
  const rSlot = args[1] ?? opts.get('r');
  if (source === undefined)
    ip.raise('TypeError', "combinations() missing required argument 'iterable' (pos 1)");
  if (rSlot === undefined) ip.raise('TypeError', "combinations() missing required argument 'r' (pos 2)");
  const pool = tupleOf(ip, source!);
  ip.push(pool);
  const items = itemsOf(ip, pool);
  const n = items.length;
  const r = rArg(ip, rSlot, 0, 'combinations');
  const indices = Array.from({ length: r }, (_, i) => i);
  let state: 'first' | 'running' | 'done' = r > n ? 'done' : 'first';
  const result = (ip2: Interp): number => ip2.own(ip2.heap.newTuple(indices.map((j) => items[j])));
  const out = sizedIterator(ip, 'combinations', r, [pool], (ip2) => {
    if (state === 'done') return NULL_REF;
    if (state === 'first') {
      state = 'running';
      return result(ip2);
    }
    let i = r - 1;
    while (i >= 0 && indices[i] === i + n - r) i--;
    if (i < 0) {
      state = 'done';
      return NULL_REF;
    }
    indices[i]++;
    for (let j = i + 1; j < r; j++) indices[j] = indices[j - 1] + 1;
    return result(ip2);
  });
  ip.drop(ip.pop());
  return out;
};
