/**
 * Methods of `str` (the common ones of `Objects/unicodeobject.c`), each returning new str objects
 * as CPython does (or the same object where CPython returns it unchanged).
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { collect } from '../runtime/iterate.js';
import { arity, intArg, keyword } from './arguments.js';

function text(ip: Interp, slot: number, what: string): string {
  if (ip.store.type[slot] !== TypeId.Str)
    ip.raise('TypeError', `${what} must be str, not ${ip.typeName(slot)}`);
  return ip.text(slot);
}

function strMethod(
  name: string,
  min: number,
  max: number,
  body: (ip: Interp, s: string, args: number[], self: number) => number,
): NativeFn {
  return (ip, all) => {
    const args = all.slice(1);
    arity(ip, name, args, min, max);
    return body(ip, ip.text(all[0]), args, all[0]);
  };
}

function sameOrNew(ip: Interp, self: number, before: string, after: string): number {
  return before === after ? ip.own(self) : ip.str(after);
}

const WHITESPACE =
  ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

function strip(kind: 'strip' | 'lstrip' | 'rstrip'): NativeFn {
  return strMethod(kind, 0, 1, (ip, s, args, self) => {
    const chars = args.length && args[0] !== ip.none ? text(ip, args[0], `${kind} arg`) : WHITESPACE;
    let a = 0;
    let b = s.length;
    if (kind !== 'rstrip') while (a < b && chars.includes(s[a])) a++;
    if (kind !== 'lstrip') while (b > a && chars.includes(s[b - 1])) b--;
    return sameOrNew(ip, self, s, s.slice(a, b));
  });
}

function splitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && WHITESPACE.includes(s[i])) i++;
    if (i >= s.length) break;
    if (maxsplit >= 0 && out.length === maxsplit) {
      let end = s.length;
      while (end > i && WHITESPACE.includes(s[end - 1])) end--;
      out.push(s.slice(i, end));
      return out;
    }
    let j = i;
    while (j < s.length && !WHITESPACE.includes(s[j])) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

const split: NativeFn = (ip, all, kw) => {
  const opts = keyword(ip, 'split', kw, ['sep', 'maxsplit']);
  const args = all.slice(1);
  arity(ip, 'split', args, 0, 2);
  const s = ip.text(all[0]);
  const sepSlot = args[0] ?? opts.get('sep');
  const maxsplit =
    args[1] !== undefined
      ? intArg(ip, args[1], '')
      : opts.has('maxsplit')
        ? intArg(ip, opts.get('maxsplit')!, '')
        : -1;
  let parts: string[];
  if (sepSlot === undefined || sepSlot === ip.none) parts = splitWhitespace(s, maxsplit);
  else {
    const sep = text(ip, sepSlot, 'separator');
    if (sep === '') ip.raise('ValueError', 'empty separator');
    parts = s.split(sep);
    if (maxsplit >= 0 && parts.length > maxsplit + 1)
      parts = [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
  }
  return listOfStrs(ip, parts);
};

function listOfStrs(ip: Interp, parts: string[]): number {
  const h = ip.stackHeight;
  const slots = parts.map((p) => {
    const v = ip.str(p);
    ip.push(v);
    return v;
  });
  const list = ip.newList(slots);
  ip.unwindTo(h);
  return list;
}

function find(name: string, reverse: boolean, raise: boolean): NativeFn {
  return strMethod(name, 1, 3, (ip, s, args) => {
    const sub = text(ip, args[0], 'must be str');
    const start = args[1] !== undefined && args[1] !== ip.none ? intArg(ip, args[1], '') : 0;
    const end = args[2] !== undefined && args[2] !== ip.none ? intArg(ip, args[2], '') : s.length;
    const a = start < 0 ? Math.max(0, start + s.length) : start;
    const b = end < 0 ? Math.max(0, end + s.length) : Math.min(end, s.length);
    const region = s.slice(a, b);
    const at = reverse ? region.lastIndexOf(sub) : region.indexOf(sub);
    if (at < 0 || a > s.length) {
      if (raise) ip.raise('ValueError', 'substring not found');
      return ip.int(-1);
    }
    return ip.int(at + a);
  });
}

function affix(name: 'startswith' | 'endswith'): NativeFn {
  return strMethod(name, 1, 3, (ip, s, args) => {
    const options = ip.store.type[args[0]] === TypeId.Tuple ? ip.items(args[0]) : [args[0]];
    const start = args[1] !== undefined ? intArg(ip, args[1], '') : 0;
    const region = s.slice(start);
    return ip.bool(
      options.some((o) => {
        if (ip.store.type[o] !== TypeId.Str)
          ip.raise('TypeError', `${name} first arg must be str or a tuple of str, not ${ip.typeName(o)}`);
        return name === 'startswith' ? region.startsWith(ip.text(o)) : region.endsWith(ip.text(o));
      }),
    );
  });
}

function pad(name: 'ljust' | 'rjust' | 'center' | 'zfill'): NativeFn {
  return strMethod(name, 1, name === 'zfill' ? 1 : 2, (ip, s, args, self) => {
    const width = intArg(ip, args[0], '');
    const fill = args[1] !== undefined ? ip.text(args[1]) : name === 'zfill' ? '0' : ' ';
    const n = [...s].length;
    if (width <= n) return ip.own(self);
    const total = width - n;
    if (name === 'ljust') return ip.str(s + fill.repeat(total));
    if (name === 'rjust') return ip.str(fill.repeat(total) + s);
    if (name === 'zfill') {
      const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
      return ip.str(sign + '0'.repeat(total) + s.slice(sign.length));
    }
    const left = Math.floor(total / 2) + (total & width & 1);
    return ip.str(fill.repeat(left) + s + fill.repeat(total - left));
  });
}

/** Methods of `str`. */
export const STR_METHODS: Record<string, NativeFn> = {
  join: strMethod('join', 1, 1, (ip, sep, [iterable]) => {
    const h = ip.stackHeight;
    const items = collect(ip, iterable);
    const parts = items.map((item, i) => {
      if (ip.store.type[item] !== TypeId.Str)
        ip.raise('TypeError', `sequence item ${i}: expected str instance, ${ip.typeName(item)} found`);
      return ip.text(item);
    });
    if (items.length === 1) {
      const only = ip.own(items[0]);
      ip.unwindTo(h);
      return only;
    }
    ip.unwindTo(h);
    return ip.str(parts.join(sep));
  }),
  split,
  splitlines: strMethod('splitlines', 0, 1, (ip, s, args) => {
    const keep = args.length > 0 && ip.truthy(args[0]);
    const parts: string[] = [];
    const breaks = '\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029';
    let last = 0;
    for (let i = 0; i < s.length; i++) {
      if (!breaks.includes(s[i])) continue;
      const width = s[i] === '\r' && s[i + 1] === '\n' ? 2 : 1;
      parts.push(s.slice(last, keep ? i + width : i));
      i += width - 1;
      last = i + 1;
    }
    if (last < s.length) parts.push(s.slice(last));
    return listOfStrs(ip, parts);
  }),
  strip: strip('strip'),
  lstrip: strip('lstrip'),
  rstrip: strip('rstrip'),
  swapcase: strMethod('swapcase', 0, 0, (ip, s) =>
    ip.str([...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')),
  ),
  upper: strMethod('upper', 0, 0, (ip, s, _a, self) => sameOrNew(ip, self, s, s.toUpperCase())),
  lower: strMethod('lower', 0, 0, (ip, s, _a, self) => sameOrNew(ip, self, s, s.toLowerCase())),
  title: strMethod('title', 0, 0, (ip, s) =>
    ip.str(s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_m, a, b) => a + b.toUpperCase())),
  ),
  capitalize: strMethod('capitalize', 0, 0, (ip, s) =>
    ip.str(s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()),
  ),
  replace: strMethod('replace', 2, 3, (ip, s, args, self) => {
    const old = text(ip, args[0], 'replace() argument 1');
    const rep = text(ip, args[1], 'replace() argument 2');
    let count = args[2] !== undefined ? intArg(ip, args[2], '') : -1;
    if (old === '') return ip.str(s.split('').join(rep));
    let out = '';
    let i = 0;
    for (;;) {
      const at = count === 0 ? -1 : s.indexOf(old, i);
      if (at < 0) break;
      out += s.slice(i, at) + rep;
      i = at + old.length;
      count--;
    }
    out += s.slice(i);
    return sameOrNew(ip, self, s, out);
  }),
  startswith: affix('startswith'),
  endswith: affix('endswith'),
  find: find('find', false, false),
  rfind: find('rfind', true, false),
  index: find('index', false, true),
  rindex: find('rindex', true, true),
  count: strMethod('count', 1, 1, (ip, s, [sub]) => {
    const t = text(ip, sub, 'must be str');
    if (t === '') return ip.int([...s].length + 1);
    return ip.int(s.split(t).length - 1);
  }),
  isdigit: strMethod('isdigit', 0, 0, (ip, s) => ip.bool(s.length > 0 && /^\d+$/u.test(s))),
  isalpha: strMethod('isalpha', 0, 0, (ip, s) => ip.bool(s.length > 0 && /^\p{L}+$/u.test(s))),
  isalnum: strMethod('isalnum', 0, 0, (ip, s) => ip.bool(s.length > 0 && /^[\p{L}\p{N}]+$/u.test(s))),
  isspace: strMethod('isspace', 0, 0, (ip, s) =>
    ip.bool(s.length > 0 && [...s].every((c) => WHITESPACE.includes(c))),
  ),
  isupper: strMethod('isupper', 0, 0, (ip, s) => ip.bool(/\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s))),
  islower: strMethod('islower', 0, 0, (ip, s) => ip.bool(/\p{Ll}/u.test(s) && !/\p{Lu}/u.test(s))),
  isidentifier: strMethod('isidentifier', 0, 0, (ip, s) => ip.bool(/^[\p{L}_][\p{L}\p{N}_]*$/u.test(s))),
  ljust: pad('ljust'),
  rjust: pad('rjust'),
  center: pad('center'),
  zfill: pad('zfill'),
  format: (ip, all, kw) => ip.str(ip.strFormat(all[0], all.slice(1), kw)),
  encode: strMethod('encode', 0, 2, (ip, s) => ip.bytesValue(new TextEncoder().encode(s))),
  partition: strMethod('partition', 1, 1, (ip, s, [sep]) => {
    const t = text(ip, sep, 'must be str');
    const at = s.indexOf(t);
    const parts = at < 0 ? [s, '', ''] : [s.slice(0, at), t, s.slice(at + t.length)];
    const h = ip.stackHeight;
    const slots = parts.map((p) => {
      const v = ip.str(p);
      ip.push(v);
      return v;
    });
    const r = ip.own(ip.heap.newTuple(slots));
    ip.unwindTo(h);
    return r;
  }),
};
