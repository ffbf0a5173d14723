/**
 * The built-in functions (`Python/bltinmodule.c`) other than the types: `print`, `len`, `repr`,
 * `isinstance`, `id`, `hash`, `iter`, `next`, `sum`, `min`/`max`, `sorted`, `any`/`all`, `abs`,
 * the attribute functions, `round`, `divmod`, `pow`, `chr`/`ord`, `format` and friends.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NO_ADDRESS, NULL_REF } from '@pymm/core/heap';
import { delAttr, getAttr, setAttr } from '../runtime/attributes.js';
import { callableData } from '../runtime/callables.js';
import { raisedIs } from '../runtime/classes.js';
import { compareBool } from '../runtime/compare.js';
import { lessThan } from '../runtime/containers.js';
import type { Interp, KwArgs, NativeFn } from '../runtime/interp.js';
import { collect, getIter, iterNext } from '../runtime/iterate.js';
import { sequenceList } from '../runtime/list-build.js';
import { asType, isSubtype, lookupType, typeOf } from '../runtime/types.js';
import { arity, intArg, keyword, noKeywords } from './arguments.js';
import { hashOf } from './hash.js';

/** Writes text to a file object (sys.stdout/sys.stderr, or anything with `write`). */
export function writeTo(ip: Interp, file: number, text: string): void {
  const data = ip.payload(file) as { kind?: string; write?: (text: string) => void } | undefined;
  if (data?.write) {
    data.write(text);
    return;
  }
  const s = ip.str(text);
  ip.push(s);
  ip.drop(ip.callMethodByName(file, 'write', [s]));
  ip.drop(ip.pop());
}

const print: NativeFn = (ip, args, kw) => {
  const opts = keyword(ip, 'print', kw, ['sep', 'end', 'file', 'flush']);
  const textOf = (key: string, fallback: string) => {
    const v = opts.get(key);
    if (v === undefined || v === ip.none) return fallback;
    if (ip.store.type[v] !== TypeId.Str)
      ip.raise('TypeError', `${key} must be None or a string, not ${ip.typeName(v)}`);
    return ip.text(v);
  };
  const sep = textOf('sep', ' ');
  const end = textOf('end', '\n');
  let file = opts.get('file');
  if (file === undefined || file === ip.none) file = ip.sysStdout();
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0) out += sep;
    out += ip.toStr(args[i]);
  }
  writeTo(ip, file, out + end);
  return ip.own(ip.none);
};

const len: NativeFn = (ip, args, kw) => {
  noKeywords(ip, 'len', kw);
  arity(ip, 'len', args, 1, 1);
  return ip.int(ip.len(args[0]));
};

function minmax(name: 'min' | 'max'): NativeFn {
  return (ip, args, kw) => {
    const opts = keyword(ip, name, kw, ['key', 'default']);
    const key = opts.get('key');
    const h = ip.stackHeight;
    if (args.length === 0) ip.raise('TypeError', `${name} expected at least 1 argument, got 0`);
    const values = args.length === 1 ? collect(ip, args[0]) : args;
    if (values.length === 0) {
      const fallback = opts.get('default');
      if (fallback !== undefined) {
        ip.unwindTo(h);
        return ip.own(fallback);
      }
      ip.raise('ValueError', `${name}() arg is an empty sequence`);
    }
    let best = values[0];
    let bestKey = key !== undefined && key !== ip.none ? ip.call(key, [best], null) : best;
    if (bestKey !== best) ip.push(bestKey);
    for (let i = 1; i < values.length; i++) {
      const k = key !== undefined && key !== ip.none ? ip.call(key, [values[i]], null) : values[i];
      if (k !== values[i]) ip.push(k);
      const better = name === 'min' ? lessThan(ip, k, bestKey) : compareBool(ip, 'Gt', k, bestKey);
      if (better) {
        best = values[i];
        bestKey = k;
      }
    }
    const result = ip.own(best);
    ip.unwindTo(h);
    return result;
  };
}

/** Sorts slots in place by `<` (stable), with an optional key function and reverse. */
export function sortSlots(ip: Interp, values: number[], key: number | undefined, reverse: boolean): number[] {
  const h = ip.stackHeight;
  const keys = values.map((v) => {
    if (key === undefined || key === ip.none) return v;
    const k = ip.call(key, [v], null);
    ip.push(k);
    return k;
  });
  const order = values.map((_, i) => i);
  if (reverse) order.reverse();
  order.sort((a, b) => (lessThan(ip, keys[a], keys[b]) ? -1 : lessThan(ip, keys[b], keys[a]) ? 1 : 0));
  if (reverse) order.reverse();
  const sorted = order.map((i) => values[i]);
  ip.unwindTo(h);
  return sorted;
}

const sorted: NativeFn = (ip, args, kw) => {
  arity(ip, 'sorted', args, 1, 1);
  const opts = keyword(ip, 'sorted', kw, ['key', 'reverse']);
  const result = sequenceList(ip, args[0]);
  ip.push(result);
  const reverse = opts.has('reverse') && ip.truthy(opts.get('reverse')!);
  const sortedItems = sortSlots(ip, ip.items(result), opts.get('key'), reverse);
  if (sortedItems.length > 0) ip.store.refs.cells.set(sortedItems, ip.store.refStart[result]);
  return ip.pop();
};

const sum: NativeFn = (ip, args, kw) => {
  const opts = keyword(ip, 'sum', kw, ['start']);
  arity(ip, 'sum', args, 1, 2);
  let total = ip.own(args[1] ?? opts.get('start') ?? ip.int(0));
  if (ip.store.type[total] === TypeId.Str)
    ip.raise('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
  const it = getIter(ip, args[0]);
  ip.push(it);
  ip.push(total);
  for (;;) {
    const v = iterNext(ip, it);
    if (v === NULL_REF) break;
    ip.push(v);
    const next = ip.binaryOp('Add', total, v);
    ip.drop(ip.pop());
    ip.pop();
    ip.drop(total);
    total = next;
    ip.push(total);
  }
  ip.pop();
  ip.drop(ip.pop());
  return total;
};

function anyAll(all: boolean): NativeFn {
  return (ip, args, kw) => {
    noKeywords(ip, all ? 'all' : 'any', kw);
    arity(ip, all ? 'all' : 'any', args, 1, 1);
    const it = getIter(ip, args[0]);
    ip.push(it);
    try {
      for (;;) {
        const v = iterNext(ip, it);
        if (v === NULL_REF) return ip.bool(all);
        const truth = ip.truthy(v);
        ip.drop(v);
        if (truth !== all) return ip.bool(!all);
      }
    } finally {
      ip.drop(ip.pop());
    }
  };
}

/** `isinstance(obj, cls)` with a class or a tuple of classes. */
export function isInstanceOf(ip: Interp, obj: number, cls: number): boolean {
  const type = asType(ip, cls);
  if (type) return isSubtype(typeOf(ip, obj), type);
  if (ip.store.type[cls] === TypeId.Tuple) return ip.items(cls).some((c) => isInstanceOf(ip, obj, c));
  return ip.raise('TypeError', 'isinstance() arg 2 must be a type, a tuple of types, or a union');
}

function isSubclassOf(ip: Interp, sub: number, cls: number): boolean {
  const a = asType(ip, sub);
  if (!a) return ip.raise('TypeError', 'issubclass() arg 1 must be a class');
  const type = asType(ip, cls);
  if (type) return isSubtype(a, type);
  if (ip.store.type[cls] === TypeId.Tuple) return ip.items(cls).some((c) => isSubclassOf(ip, sub, c));
  return ip.raise('TypeError', 'issubclass() arg 2 must be a class, a tuple of classes, or a union');
}

/** `id(x)`: the object's simulated address. */
export function idOf(ip: Interp, slot: number): number {
  const address = ip.store.address[slot];
  return address === NO_ADDRESS ? 0x1000 + slot * 16 : address;
}

function attrName(ip: Interp, name: number, fn: string): string {
  if (ip.store.type[name] !== TypeId.Str)
    ip.raise('TypeError', `${fn}(): attribute name must be string, not '${ip.typeName(name)}'`);
  return ip.text(name);
}

const getattrFn: NativeFn = (ip, args, kw) => {
  noKeywords(ip, 'getattr', kw);
  arity(ip, 'getattr', args, 2, 3);
  const name = attrName(ip, args[1], 'getattr');
  if (args.length === 2) return getAttr(ip, args[0], name);
  try {
    return getAttr(ip, args[0], name);
  } catch (error) {
    if (!raisedIs(ip, error, 'AttributeError')) throw error;
    ip.dropRaised((error as { exc: number }).exc);
    return ip.own(args[2]);
  }
};

const hasattrFn: NativeFn = (ip, args) => {
  arity(ip, 'hasattr', args, 2, 2);
  const name = attrName(ip, args[1], 'hasattr');
  try {
    ip.drop(getAttr(ip, args[0], name));
    return ip.bool(true);
  } catch (error) {
    if (!raisedIs(ip, error, 'AttributeError')) throw error;
    ip.dropRaised((error as { exc: number }).exc);
    return ip.bool(false);
  }
};

const roundFn: NativeFn = (ip, args, kw) => {
  const opts = keyword(ip, 'round', kw, ['ndigits']);
  arity(ip, 'round', args, 1, 2);
  const digits = args[1] ?? opts.get('ndigits');
  const x = args[0];
  if (ip.isInt(x)) return ip.int(ip.intValue(x));
  const hook = ip.lookupSpecial(x, '__round__');
  if (ip.store.type[x] !== TypeId.Float) {
    if (hook) return ip.callMethod(x, hook, digits === undefined ? [] : [digits]);
    ip.raise('TypeError', `type ${ip.typeName(x)} doesn't define __round__ method`);
  }
  const v = ip.store.scalar[x];
  if (digits === undefined || digits === ip.none) {
    if (!Number.isFinite(v))
      ip.raise(
        Number.isNaN(v) ? 'ValueError' : 'OverflowError',
        Number.isNaN(v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer',
      );
    const r = Math.round(v);
    const even = Math.abs(v - Math.trunc(v)) === 0.5 ? 2 * Math.round(v / 2) : r;
    return ip.int(even);
  }
  const n = intArg(ip, digits, '');
  const scaled = Number.parseFloat(v.toFixed(Math.max(0, Math.min(100, n))));
  return ip.float(n >= 0 ? scaled : Math.round(v / 10 ** -n) * 10 ** -n);
};

const divmodFn: NativeFn = (ip, args) => {
  arity(ip, 'divmod', args, 2, 2);
  const q = ip.binaryOp('FloorDiv', args[0], args[1]);
  ip.push(q);
  const r = ip.binaryOp('Mod', args[0], args[1]);
  ip.push(r);
  const t = ip.own(ip.heap.newTuple([q, r]));
  ip.drop(ip.pop());
  ip.drop(ip.pop());
  return t;
};

const absFn: NativeFn = (ip, args) => {
  arity(ip, 'abs', args, 1, 1);
  const x = args[0];
  if (ip.isInt(x)) {
    const v = ip.intValue(x);
    return ip.int(v < 0 ? -v : v);
  }
  if (ip.store.type[x] === TypeId.Float) return ip.float(Math.abs(ip.store.scalar[x]));
  const hook = ip.lookupSpecial(x, '__abs__');
  if (hook) return ip.callMethod(x, hook, []);
  return ip.raise('TypeError', `bad operand type for abs(): '${ip.typeName(x)}'`);
};

function radix(prefix: string, base: number): NativeFn {
  return (ip, args) => {
    arity(ip, prefix === '0x' ? 'hex' : prefix === '0o' ? 'oct' : 'bin', args, 1, 1);
    const v = ip.isInt(args[0]) ? BigInt(ip.intValue(args[0])) : BigInt(intArg(ip, args[0], ''));
    const text = (v < 0n ? -v : v).toString(base);
    return ip.str(`${v < 0n ? '-' : ''}${prefix}${text}`);
  };
}

/** The built-in functions by name. */
export const FUNCTIONS: Record<string, NativeFn> = {
  print,
  len,
  repr: (ip, args) => {
    arity(ip, 'repr', args, 1, 1);
    return ip.str(ip.repr(args[0]));
  },
  isinstance: (ip, args) => {
    arity(ip, 'isinstance', args, 2, 2);
    return ip.bool(isInstanceOf(ip, args[0], args[1]));
  },
  issubclass: (ip, args) => {
    arity(ip, 'issubclass', args, 2, 2);
    return ip.bool(isSubclassOf(ip, args[0], args[1]));
  },
  id: (ip, args) => {
    arity(ip, 'id', args, 1, 1);
    return ip.int(idOf(ip, args[0]));
  },
  hash: (ip, args) => {
    arity(ip, 'hash', args, 1, 1);
    return ip.int(hashOf(ip, args[0]));
  },
  iter: (ip, args) => {
    arity(ip, 'iter', args, 1, 2);
    if (args.length === 2)
      return ip.raise('NotImplementedError', 'iter(callable, sentinel) is not supported by pymm');
    return getIter(ip, args[0]);
  },
  next: (ip, args) => {
    arity(ip, 'next', args, 1, 2);
    const data = ip.payload(args[0]) as { kind?: string } | undefined;
    if (data?.kind !== 'iterator' && data?.kind !== 'generator' && !ip.lookupSpecial(args[0], '__next__'))
      ip.raise('TypeError', `'${ip.typeName(args[0])}' object is not an iterator`);
    if (data?.kind === 'generator') {
      const g = ip.resumeGenerator(args[0], ip.none, false);
      if (g !== NULL_REF) return g;
      const rv = ip.takeReturnValue(args[0]);
      if (args.length === 2 || rv === ip.none) {
        ip.drop(rv);
        return args.length === 2 ? ip.own(args[1]) : ip.raise('StopIteration');
      }
      return ip.raiseObject(ip.newException('StopIteration', undefined, rv));
    }
    const v = iterNext(ip, args[0]);
    if (v !== NULL_REF) return v;
    if (args.length === 2) return ip.own(args[1]);
    return ip.raise('StopIteration');
  },
  sum,
  min: minmax('min'),
  max: minmax('max'),
  sorted,
  any: anyAll(false),
  all: anyAll(true),
  abs: absFn,
  getattr: getattrFn,
  setattr: (ip, args) => {
    arity(ip, 'setattr', args, 3, 3);
    setAttr(ip, args[0], attrName(ip, args[1], 'setattr'), args[2]);
    return ip.own(ip.none);
  },
  hasattr: hasattrFn,
  delattr: (ip, args) => {
    arity(ip, 'delattr', args, 2, 2);
    delAttr(ip, args[0], attrName(ip, args[1], 'delattr'));
    return ip.own(ip.none);
  },
  callable: (ip, args) => {
    arity(ip, 'callable', args, 1, 1);
    const x = args[0];
    return ip.bool(
      callableData(ip, x) !== undefined ||
        asType(ip, x) !== null ||
        lookupType(typeOf(ip, x), '__call__') !== null,
    );
  },
  round: roundFn,
  divmod: divmodFn,
  pow: (ip, args) => {
    arity(ip, 'pow', args, 2, 3);
    if (args.length === 3) {
      const m = BigInt(intArg(ip, args[2], ''));
      let base = BigInt(intArg(ip, args[0], '')) % m;
      let e = BigInt(intArg(ip, args[1], ''));
      let r = 1n;
      while (e > 0n) {
        if (e & 1n) r = (r * base) % m;
        base = (base * base) % m;
        e >>= 1n;
      }
      return ip.int(((r % m) + m) % m);
    }
    return ip.binaryOp('Pow', args[0], args[1]);
  },
  chr: (ip, args) => {
    arity(ip, 'chr', args, 1, 1);
    const n = intArg(ip, args[0], '');
    if (n < 0 || n > 0x10ffff) ip.raise('ValueError', 'chr() arg not in range(0x110000)');
    return ip.str(String.fromCodePoint(n));
  },
  ord: (ip, args) => {
    arity(ip, 'ord', args, 1, 1);
    if (ip.store.type[args[0]] !== TypeId.Str)
      ip.raise('TypeError', `ord() expected string of length 1, but ${ip.typeName(args[0])} found`);
    const chars = [...ip.text(args[0])];
    if (chars.length !== 1)
      ip.raise('TypeError', `ord() expected a character, but string of length ${chars.length} found`);
    return ip.int(chars[0].codePointAt(0)!);
  },
  format: (ip, args) => {
    arity(ip, 'format', args, 1, 2);
    return ip.str(ip.formatValue(args[0], -1, args[1] ? ip.text(args[1]) : ''));
  },
  hex: radix('0x', 16),
  oct: radix('0o', 8),
  bin: radix('0b', 2),
  globals: (ip) => ip.own(ip.frame ? ip.frame.globals.dict : ip.none),
};

/** A keyword-argument record from names and borrowed values. */
export function kwargs(names: string[], values: number[]): KwArgs {
  return { names, values };
}
