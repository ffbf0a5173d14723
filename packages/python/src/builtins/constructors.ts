/**
 * Calling the built-in types: `int`, `float`, `str`, `bool`, `list`, `tuple`, `dict`, `set`,
 * `frozenset`, `type`, `object`, `range`, `slice`, `super`, `staticmethod`, `classmethod`,
 * `property`, `enumerate`, `zip`, `map`, `filter`, `reversed`.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { DescriptorData } from '../runtime/callables.js';
import { newSuper } from '../runtime/classes.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { collect, getIter, iterNext, newIterator } from '../runtime/iterate.js';
import { listFromIterable } from '../runtime/list-build.js';
import { setUpdate } from '../runtime/set-build.js';
import { asType, typeOf } from '../runtime/types.js';
import { arity, intArg, keyword, noKeywords } from './arguments.js';
import { strConstructor } from './str-methods.js';

/** Parses an int literal as `int(text, base)` does (underscores, sign, whitespace); null if invalid. */
export function parseIntText(text: string, base: number): bigint | null {
  let s = text.trim().toLowerCase();
  let sign = 1n;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1n;
    s = s.slice(1);
  }
  if (base === 0 || base === 16 || base === 8 || base === 2) {
    const prefixes: Record<string, number> = { '0x': 16, '0o': 8, '0b': 2 };
    const p = prefixes[s.slice(0, 2)];
    if (p && (base === 0 || base === p)) {
      base = p;
      s = s.slice(2).replace(/^_/, '');
    } else if (base === 0) {
      if (/^0+(_?0)*$/.test(s)) return 0n;
      if (s.startsWith('0')) return null;
      base = 10;
    }
  }
  if (!/^[0-9a-z]+(_[0-9a-z]+)*$/.test(s)) return null;
  s = s.replace(/_/g, '');
  let v = 0n;
  const b = BigInt(base);
  for (const ch of s) {
    const d = Number.parseInt(ch, 36);
    if (Number.isNaN(d) || d >= base) return null;
    v = v * b + BigInt(d);
  }
  return sign * v;
}

const intCtor: NativeFn = (ip, args, kw) => {
  const opts = keyword(ip, 'int', kw, ['base']);
  arity(ip, 'int', args, 0, 2);
  if (args.length === 0) return ip.int(0);
  const x = args[0];
  const baseSlot = args[1] ?? opts.get('base');
  if (baseSlot !== undefined) {
    const base = intArg(ip, baseSlot, '');
    if (ip.store.type[x] !== TypeId.Str)
      ip.raise('TypeError', "int() can't convert non-string with explicit base");
    if (base !== 0 && (base < 2 || base > 36))
      ip.raise('ValueError', 'int() base must be >= 2 and <= 36, or 0');
    const v = parseIntText(ip.text(x), base);
    if (v === null)
      return ip.raise('ValueError', `invalid literal for int() with base ${base}: ${ip.repr(x)}`);
    return ip.int(v);
  }
  if (ip.isInt(x)) return ip.int(ip.intValue(x));
  if (ip.store.type[x] === TypeId.Float) {
    const v = ip.store.scalar[x];
    if (Number.isNaN(v)) ip.raise('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(v)) ip.raise('OverflowError', 'cannot convert float infinity to integer');
    return ip.int(BigInt(Math.trunc(v)));
  }
  if (ip.store.type[x] === TypeId.Str) {
    const v = parseIntText(ip.text(x), 10);
    if (v === null) return ip.raise('ValueError', `invalid literal for int() with base 10: ${ip.repr(x)}`);
    return ip.int(v);
  }
  for (const hook of ['__int__', '__index__', '__trunc__']) {
    const found = ip.lookupSpecial(x, hook);
    if (found) return ip.callMethod(x, found, []);
  }
  return ip.raise(
    'TypeError',
    `int() argument must be a string, a bytes-like object or a real number, not '${ip.typeName(x)}'`,
  );
};

/** Parses a float literal as `float(text)` does; null if invalid. */
export function parseFloatText(text: string): number | null {
  const s = text
    .trim()
    .toLowerCase()
    .replace(/(\d)_(?=\d)/g, '$1');
  const m = /^([+-]?)(inf|infinity|nan)$/.exec(s);
  if (m)
    return m[2] === 'nan' ? Number.NaN : m[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return null;
  return Number(s);
}

const floatCtor: NativeFn = (ip, args, kw) => {
  noKeywords(ip, 'float', kw);
  arity(ip, 'float', args, 0, 1);
  if (args.length === 0) return ip.float(0);
  const x = args[0];
  if (ip.store.type[x] === TypeId.Float) return ip.own(x);
  if (ip.isInt(x)) {
    const v = ip.intValue(x);
    const f = Number(v);
    if (!Number.isFinite(f)) ip.raise('OverflowError', 'int too large to convert to float');
    return ip.float(f);
  }
  if (ip.store.type[x] === TypeId.Str) {
    const v = parseFloatText(ip.text(x));
    if (v === null) return ip.raise('ValueError', `could not convert string to float: ${ip.repr(x)}`);
    return ip.float(v);
  }
  const found = ip.lookupSpecial(x, '__float__');
  if (found) return ip.callMethod(x, found, []);
  return ip.raise('TypeError', `float() argument must be a string or a real number, not '${ip.typeName(x)}'`);
};

function fromIterable(kind: 'list' | 'tuple' | 'set' | 'frozenset'): NativeFn {
  return (ip, args, kw) => {
    noKeywords(ip, kind, kw);
    arity(ip, kind, args, 0, 1);
    if (args.length === 0) {
      if (kind === 'tuple') return ip.own(ip.heap.emptyTuple);
      if (kind === 'list') return ip.newList([]);
      return ip.newSet([], kind === 'frozenset');
    }
    const x = args[0];
    if (kind === 'tuple' && ip.store.type[x] === TypeId.Tuple) return ip.own(x);
    if (kind === 'frozenset' && ip.store.type[x] === TypeId.FrozenSet) return ip.own(x);
    if (kind === 'list') return listFromIterable(ip, x);
    if (kind !== 'tuple') {
      const set = ip.newSet([], kind === 'frozenset');
      ip.push(set);
      setUpdate(ip, set, x);
      return ip.pop();
    }
    const h = ip.stackHeight;
    const r = ip.own(ip.heap.newTuple(collect(ip, x)));
    ip.unwindTo(h);
    return r;
  };
}

const dictCtor: NativeFn = (ip, args, kw) => {
  arity(ip, 'dict', args, 0, 1);
  const d = ip.own(ip.heap.newDict());
  ip.push(d);
  if (args.length === 1) ip.dictUpdate(d, args[0]);
  if (kw) {
    kw.names.forEach((name, i) => {
      const key = ip.str(name, true);
      ip.setItem(d, key, kw.values[i]);
      ip.drop(key);
    });
  }
  return ip.pop();
};

/** Side data of a range object. */
export interface RangeData {
  readonly kind: 'range';
  readonly start: number;
  readonly stop: number;
  readonly step: number;
  readonly length: number;
  iterate(ip: Interp, self: number): number;
}

/** A range object, owned. */
export function newRange(ip: Interp, start: number, stop: number, step: number): number {
  const length =
    step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
  const data: RangeData = {
    kind: 'range',
    start,
    stop,
    step,
    length,
    iterate: (ip2) => {
      let i = 0;
      return newIterator(
        ip2,
        'range_iterator',
        [],
        (ip3) => (i < length ? ip3.int(start + step * i++) : NULL_REF),
        () => length - i,
      );
    },
  };
  return ip.native('range', [], data);
}

const rangeCtor: NativeFn = (ip, args, kw) => {
  noKeywords(ip, 'range', kw);
  if (args.length === 0) ip.raise('TypeError', 'range expected at least 1 argument, got 0');
  arity(ip, 'range', args, 1, 3);
  const n = args.map((a) => {
    if (!ip.isInt(a) && !ip.lookupSpecial(a, '__index__'))
      ip.raise('TypeError', `'${ip.typeName(a)}' object cannot be interpreted as an integer`);
    return intArg(ip, a, '');
  });
  const [start, stop, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? 1];
  if (step === 0) ip.raise('ValueError', 'range() arg 3 must not be zero');
  return newRange(ip, start, stop, step);
};

function descriptor(kind: DescriptorData['kind']): NativeFn {
  return (ip, args, kw) => {
    if (kind === 'property') {
      const opts = keyword(ip, 'property', kw, ['fget', 'fset', 'fdel', 'doc']);
      const fget = args[0] ?? opts.get('fget') ?? ip.none;
      const fset = args[1] ?? opts.get('fset') ?? NULL_REF;
      const fdel = args[2] ?? opts.get('fdel') ?? NULL_REF;
      const data: DescriptorData = { kind, func: fget, fset: fset === ip.none ? NULL_REF : fset, fdel };
      return ip.native(
        'property',
        [fget, fset, fdel].filter((s) => s !== NULL_REF),
        data,
      );
    }
    arity(ip, kind, args, 1, 1);
    const data: DescriptorData = { kind, func: args[0], fset: NULL_REF, fdel: NULL_REF };
    return ip.native(kind, [args[0]], data);
  };
}

const superCtor: NativeFn = (ip, args) => {
  if (args.length === 0) {
    if (!ip.frame) return ip.raise('RuntimeError', 'super(): no arguments');
    return ip.zeroArgSuper(ip.frame);
  }
  arity(ip, 'super', args, 2, 2);
  const type = asType(ip, args[0]);
  if (!type) return ip.raise('TypeError', `super() argument 1 must be a type, not ${ip.typeName(args[0])}`);
  return newSuper(ip, type, args[1]);
};

const enumerateCtor: NativeFn = (ip, args, kw) => {
  const opts = keyword(ip, 'enumerate', kw, ['start', 'iterable']);
  const source = args[0] ?? opts.get('iterable');
  if (source === undefined) return ip.raise('TypeError', "enumerate() missing required argument 'iterable'");
  // The count is an int of any size (`start=10**4400`), as enum_next's long counter is.
  const start = args[1] ?? opts.get('start');
  let i: number | bigint =
    start === undefined ? 0 : ip.isInt(start) ? ip.intValue(start) : intArg(ip, start, '');
  const it = getIter(ip, source);
  ip.push(it);
  const r = newIterator(ip, 'enumerate', [it], (ip2) => {
    const v = iterNext(ip2, it);
    if (v === NULL_REF) return NULL_REF;
    ip2.push(v);
    const n = ip2.int(i);
    i = typeof i === 'bigint' ? i + 1n : i < Number.MAX_SAFE_INTEGER ? i + 1 : BigInt(i) + 1n;
    ip2.push(n);
    const pair = ip2.own(ip2.heap.newTuple([n, v]));
    ip2.drop(ip2.pop());
    ip2.drop(ip2.pop());
    return pair;
  });
  ip.drop(ip.pop());
  return r;
};

const zipCtor: NativeFn = (ip, args, kw) => {
  const opts = keyword(ip, 'zip', kw, ['strict']);
  const strict = opts.has('strict') && ip.truthy(opts.get('strict')!);
  const h = ip.stackHeight;
  const its = args.map((a) => {
    const it = getIter(ip, a);
    ip.push(it);
    return it;
  });
  let done = false;
  const r = newIterator(ip, 'zip', its, (ip2) => {
    if (done || its.length === 0) return NULL_REF;
    const h2 = ip2.stackHeight;
    const values: number[] = [];
    for (let k = 0; k < its.length; k++) {
      const v = iterNext(ip2, its[k]);
      if (v === NULL_REF) {
        done = true;
        ip2.unwindTo(h2);
        if (strict && k > 0)
          ip2.raise(
            'ValueError',
            `zip() argument ${k + 1} is shorter than argument${k > 1 ? `s 1-${k}` : ' 1'}`,
          );
        return NULL_REF;
      }
      ip2.push(v);
      values.push(v);
    }
    const t = ip2.own(ip2.heap.newTuple(values));
    ip2.unwindTo(h2);
    return t;
  });
  ip.unwindTo(h);
  return r;
};

const mapCtor: NativeFn = (ip, args) => {
  if (args.length < 2) ip.raise('TypeError', 'map() must have at least two arguments.');
  const fn = args[0];
  const h = ip.stackHeight;
  const its = args.slice(1).map((a) => {
    const it = getIter(ip, a);
    ip.push(it);
    return it;
  });
  const r = newIterator(ip, 'map', [fn, ...its], (ip2) => {
    const h2 = ip2.stackHeight;
    const values: number[] = [];
    for (const it of its) {
      const v = iterNext(ip2, it);
      if (v === NULL_REF) {
        ip2.unwindTo(h2);
        return NULL_REF;
      }
      ip2.push(v);
      values.push(v);
    }
    const out = ip2.call(fn, values, null);
    ip2.unwindTo(h2);
    return out;
  });
  ip.unwindTo(h);
  return r;
};

const filterCtor: NativeFn = (ip, args) => {
  arity(ip, 'filter', args, 2, 2);
  const fn = args[0];
  const it = getIter(ip, args[1]);
  ip.push(it);
  const r = newIterator(ip, 'filter', [fn, it], (ip2) => {
    for (;;) {
      const v = iterNext(ip2, it);
      if (v === NULL_REF) return NULL_REF;
      ip2.push(v);
      let keep: boolean;
      if (fn === ip2.none) keep = ip2.truthy(v);
      else {
        const t = ip2.call(fn, [v], null);
        keep = ip2.truthy(t);
        ip2.drop(t);
      }
      ip2.pop();
      if (keep) return v;
      ip2.drop(v);
    }
  });
  ip.drop(ip.pop());
  return r;
};

const reversedCtor: NativeFn = (ip, args) => {
  arity(ip, 'reversed', args, 1, 1);
  const seq = args[0];
  const t = ip.store.type[seq];
  const data = ip.payload(seq) as RangeData | undefined;
  if (data?.kind === 'range') {
    const { start, step, length } = data;
    let i = length - 1;
    return newIterator(ip, 'range_iterator', [], (ip2) => (i >= 0 ? ip2.int(start + step * i--) : NULL_REF));
  }
  if (t === TypeId.List || t === TypeId.Tuple) {
    let i = ip.store.refLen[seq] - 1;
    const store = ip.store;
    return newIterator(
      ip,
      t === TypeId.List ? 'list_reverseiterator' : 'reversed',
      [seq],
      (ip2) => {
        if (i < 0 || i >= store.refLen[seq]) {
          i = -1;
          return NULL_REF;
        }
        return ip2.own(store.refs.cells[store.refStart[seq] + i--]);
      },
      () => (i >= 0 && i < store.refLen[seq] ? i + 1 : 0),
    );
  }
  const hook = ip.lookupSpecial(seq, '__reversed__');
  if (hook) return ip.callMethod(seq, hook, []);
  return ip.raise('TypeError', `'${ip.typeName(seq)}' object is not reversible`);
};

/** The constructors of the built-in types, by type name. */
export const CONSTRUCTORS: Record<string, NativeFn> = {
  int: intCtor,
  float: floatCtor,
  str: strConstructor,
  bool: (ip, args) => {
    arity(ip, 'bool', args, 0, 1);
    return ip.bool(args.length > 0 && ip.truthy(args[0]));
  },
  list: fromIterable('list'),
  tuple: fromIterable('tuple'),
  set: fromIterable('set'),
  frozenset: fromIterable('frozenset'),
  dict: dictCtor,
  type: (ip, args) => {
    if (args.length !== 1)
      ip.raise('NotImplementedError', 'type() with three arguments is not supported by pymm');
    return ip.own(typeOf(ip, args[0]).slot);
  },
  object: (ip, args) => {
    arity(ip, 'object', args, 0, 0);
    return ip.native('object');
  },
  range: rangeCtor,
  slice: (ip, args) => {
    arity(ip, 'slice', args, 1, 3);
    const parts = args.length === 1 ? [ip.none, args[0], ip.none] : [args[0], args[1], args[2] ?? ip.none];
    for (const p of parts) ip.own(p);
    const r = ip.newSlice(parts);
    for (const p of parts) ip.drop(p);
    return r;
  },
  super: superCtor,
  staticmethod: descriptor('staticmethod'),
  classmethod: descriptor('classmethod'),
  property: descriptor('property'),
  enumerate: enumerateCtor,
  zip: zipCtor,
  map: mapCtor,
  filter: filterCtor,
  reversed: reversedCtor,
};
