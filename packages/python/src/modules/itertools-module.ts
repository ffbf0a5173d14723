/**
 * The `itertools` module: `count`, `islice` and `chain` (with `chain.from_iterable`) here, the
 * other iterators in `itertools-iterators.ts` and `itertools-combinatorics.ts`, as iterator
 * objects of CPython's types that hold what they iterate.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import { arity, intArg, keyword } from '../builtins/arguments.js';
import type { NativeFn } from '../runtime/interp.js';
import { getIter, iterNext, newIterator } from '../runtime/iterate.js';
import { builtinType, defineBuiltinType } from '../runtime/types.js';
import { combinations, permutations, product } from './itertools-combinatorics.js';
import {
  accumulate,
  cycle,
  dropwhile,
  groupby,
  pairwise,
  repeat,
  starmap,
  takewhile,
  tee,
  zipLongest,
} from './itertools-iterators.js';
import type { ModuleSpec } from './modules.js';

const count: NativeFn = (ip, args, kw) => {
  const opts = keyword(ip, 'count', kw, ['start', 'step']);
  arity(ip, 'count', args, 0, 2);
  const startSlot = args[0] ?? opts.get('start');
  const stepSlot = args[1] ?? opts.get('step');
  let current = startSlot !== undefined ? ip.own(startSlot) : ip.int(0);
  const step = stepSlot !== undefined ? ip.own(stepSlot) : ip.int(1);
  ip.push(current);
  ip.push(step);
  const r = newIterator(ip, 'count', [current, step], (ip2) => {
    const out = ip2.own(current);
    ip2.push(out);
    const next = ip2.binaryOp('Add', current, step);
    ip2.heap.setCell(r, 0, next);
    ip2.drop(next);
    current = next;
    return ip2.pop();
  });
  ip.drop(ip.pop());
  ip.drop(ip.pop());
  return r;
};

const islice: NativeFn = (ip, args) => {
  arity(ip, 'islice', args, 2, 4);
  const bound = (slot: number | undefined, fallback: number) =>
    slot === undefined || slot === ip.none ? fallback : intArg(ip, slot, '');
  const [start, stop, step] =
    args.length === 2
      ? [0, bound(args[1], Number.POSITIVE_INFINITY), 1]
      : [bound(args[1], 0), bound(args[2], Number.POSITIVE_INFINITY), bound(args[3], 1)];
  if (start < 0 || stop < 0)
    ip.raise('ValueError', 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.');
  if (step < 1) ip.raise('ValueError', 'Step for islice() must be a positive integer or None.');
  const it = getIter(ip, args[0]);
  ip.push(it);
  let index = 0;
  let next = start;
  const r = newIterator(ip, 'islice', [it], (ip2) => {
    if (next >= stop) return NULL_REF;
    for (;;) {
      const v = iterNext(ip2, it);
      if (v === NULL_REF) {
        next = stop;
        return NULL_REF;
      }
      if (index++ === next) {
        next += step;
        return v;
      }
      ip2.drop(v);
    }
  });
  ip.drop(ip.pop());
  return r;
};

function chainOver(ip: Parameters<NativeFn>[0], sources: number): number {
  let current = NULL_REF;
  const r = newIterator(ip, 'chain', [sources], (ip2) => {
    for (;;) {
      if (current === NULL_REF) {
        const nextSource = iterNext(ip2, sources);
        if (nextSource === NULL_REF) return NULL_REF;
        ip2.push(nextSource);
        current = getIter(ip2, nextSource);
        ip2.drop(ip2.pop());
        ip2.heap.appendCell(r, current);
        ip2.drop(current);
      }
      const v = iterNext(ip2, current);
      if (v !== NULL_REF) return v;
      ip2.store.refLen[r] = 1;
      ip2.drop(current);
      current = NULL_REF;
    }
  });
  return r;
}

/** The iterator types whose constructors live in the other itertools modules. */
const MORE_TYPES: Record<string, NativeFn> = {
  accumulate,
  repeat,
  cycle,
  takewhile,
  dropwhile,
  starmap,
  pairwise,
  zip_longest: zipLongest,
  groupby,
  product,
  permutations,
  combinations,
};

/** The `itertools` module: its iterators are types, as in CPython; `tee` is a function. */
export function itertoolsModule(ip: Parameters<NativeFn>[0]): ModuleSpec {
  const object = builtinType(ip, 'object');
  const types = {
    count: defineBuiltinType(ip, 'count', object),
    islice: defineBuiltinType(ip, 'islice', object),
    chain: defineBuiltinType(ip, 'chain', object),
  };
  const more = Object.entries(MORE_TYPES).map(([name, ctor]) => {
    const type = defineBuiltinType(ip, name, object);
    type.ctor = ctor;
    return [name, type] as const;
  });
  const hidden = [defineBuiltinType(ip, '_grouper', object), defineBuiltinType(ip, '_tee', object)];
  for (const type of [...Object.values(types), ...more.map(([, t]) => t), ...hidden])
    type.module = 'itertools';
  types.count.ctor = count;
  types.islice.ctor = islice;
  types.chain.ctor = (ip2, args) => {
    const tuple = ip2.own(ip2.heap.newTuple(args));
    ip2.push(tuple);
    const sources = getIter(ip2, tuple);
    ip2.push(sources);
    const r = chainOver(ip2, sources);
    ip2.drop(ip2.pop());
    ip2.drop(ip2.pop());
    return r;
  };
  types.chain.methods.set('from_iterable', (ip2, args) => {
    arity(ip2, 'from_iterable', args, 1, 1);
    const sources = getIter(ip2, args[0]);
    ip2.push(sources);
    const r = chainOver(ip2, sources);
    ip2.drop(ip2.pop());
    return r;
  });
  return {
    functions: { tee },
    values: (ip2) => ({
      count: ip2.own(types.count.slot),
      islice: ip2.own(types.islice.slot),
      chain: ip2.own(types.chain.slot),
      ...Object.fromEntries(more.map(([name, type]) => [name, ip2.own(type.slot)])),
    }),
  };
}
