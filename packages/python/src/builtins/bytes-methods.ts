/**
 * The methods `bytes` and `bytearray` share (`Objects/bytes_methods.c`, `stringlib`): search,
 * split, strip, case (ASCII only), padding, `hex`/`fromhex`, `decode`. The text algorithms are
 * `str`'s, on the bytes read as Latin-1. A `bytes` result follows CPython's identity rules: the
 * object itself where CPython returns an exact bytes unchanged, the one-byte cache where the
 * result comes from `PyBytes_FromStringAndSize`, a new object where the method fills it itself;
 * a `bytearray` method always returns a new bytearray.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import {
  adjustIndices,
  BYTES_CHARS,
  countIn,
  expandTabs,
  findIn,
  padText,
  replaceText,
  rsplitSeparator,
  rsplitWhitespace,
  splitLines,
  splitSeparator,
  splitWhitespace,
  stripText,
  zfillText,
} from '../lib/str-algorithms.js';
import {
  capitalizeText,
  isAlnumText,
  isAlphaText,
  isAsciiText,
  isDigitText,
  isLowerText,
  isTitleText,
  isUpperText,
  lowerText,
  swapcaseText,
  titleText,
  upperText,
} from '../lib/str-case.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { collect, newIterator } from '../runtime/iterate.js';
import { bytesOf, decodeBytes, isBytesLike, newBytes } from './bytes.js';
import { indexArg, method, type Params, sequenceOf, sliceIndexArg } from './method-arguments.js';

/** The bytes as a Latin-1 string (one character per byte). */
export function latin1(data: Uint8Array): string {
  let out = '';
  for (let i = 0; i < data.length; i += 8192) out += String.fromCharCode(...data.subarray(i, i + 8192));
  return out;
}

/** A Latin-1 string's bytes. */
export function fromLatin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function isArray(ip: Interp, self: number): boolean {
  return ip.store.type[self] === TypeId.ByteArray;
}

/** A result: for bytes, the one-byte cache (`cached`) or a new object; for a bytearray, a new bytearray. */
function result(ip: Interp, self: number, text: string, cached: boolean): number {
  return newBytes(ip, fromLatin1(text), isArray(ip, self), cached);
}

/** `self` itself when it is an exact bytes whose text did not change, else {@link result}. */
function sameOr(ip: Interp, self: number, before: string, after: string, cached = true): number {
  if (!isArray(ip, self) && before.length === after.length && before === after) return ip.own(self);
  return result(ip, self, after, cached);
}

/** A bytes-like argument as Latin-1 text (`TypeError` otherwise). */
function bufferText(ip: Interp, slot: number): string {
  if (!isBytesLike(ip, slot))
    ip.raise('TypeError', `a bytes-like object is required, not '${ip.typeName(slot)}'`);
  return latin1(bytesOf(ip, slot));
}

/** A search argument: bytes-like, or an int that is one byte. */
function needle(ip: Interp, slot: number): string {
  if (ip.isInt(slot)) {
    const b = Number(ip.intValue(slot));
    if (b < 0 || b > 255) ip.raise('ValueError', 'byte must be in range(0, 256)');
    return String.fromCharCode(b);
  }
  if (!isBytesLike(ip, slot))
    ip.raise('TypeError', `argument should be integer or bytes-like object, not '${ip.typeName(slot)}'`);
  return latin1(bytesOf(ip, slot));
}

const SEARCH: Params = { names: ['sub', 'start', 'end'], required: 1 };
const NONE: Params = { names: [], required: 0 };

function find(name: string, reverse: boolean, raise: boolean): NativeFn {
  return method(name, SEARCH, (ip, self, [sub, start, end]) => {
    const s = latin1(bytesOf(ip, self));
    const t = needle(ip, sub!);
    const [a, b] = adjustIndices(sliceIndexArg(ip, start, 0), sliceIndexArg(ip, end, s.length), s.length);
    const at = findIn(s, t, a, b, reverse);
    if (at < 0 && raise) ip.raise('ValueError', 'subsection not found');
    return ip.int(at);
  });
}

function affix(name: 'startswith' | 'endswith'): NativeFn {
  return method(name, { names: ['prefix', 'start', 'end'], required: 1 }, (ip, self, [what, start, end]) => {
    const s = latin1(bytesOf(ip, self));
    const [a, b] = adjustIndices(sliceIndexArg(ip, start, 0), sliceIndexArg(ip, end, s.length), s.length);
    const tuple = ip.store.type[what!] === TypeId.Tuple;
    for (const o of tuple ? ip.items(what!) : [what!]) {
      if (!isBytesLike(ip, o))
        ip.raise(
          'TypeError',
          tuple
            ? `a bytes-like object is required, not '${ip.typeName(o)}'`
            : `${name} first arg must be bytes or a tuple of bytes, not ${ip.typeName(o)}`,
        );
      const t = latin1(bytesOf(ip, o));
      if (a > s.length || b - a < t.length) continue;
      if (name === 'startswith' ? s.startsWith(t, a) : s.slice(0, b).endsWith(t)) return ip.bool(true);
    }
    return ip.bool(false);
  });
}

function strip(kind: 'strip' | 'lstrip' | 'rstrip'): NativeFn {
  return method(kind, { names: ['bytes'], required: 0 }, (ip, self, [chars]) => {
    const s = latin1(bytesOf(ip, self));
    const set = chars === undefined || chars === ip.none ? null : bufferText(ip, chars);
    return sameOr(ip, self, s, stripText(s, set, kind, BYTES_CHARS));
  });
}

function split(name: 'split' | 'rsplit'): NativeFn {
  const params = { names: ['sep', 'maxsplit'], required: 0, keywords: ['sep', 'maxsplit'] };
  return method(name, params, (ip, self, [sepSlot, max]) => {
    const s = latin1(bytesOf(ip, self));
    const maxsplit = max === undefined ? -1 : indexArg(ip, max);
    let parts: string[];
    if (sepSlot === undefined || sepSlot === ip.none)
      parts = (name === 'split' ? splitWhitespace : rsplitWhitespace)(s, maxsplit, BYTES_CHARS);
    else {
      const sep = bufferText(ip, sepSlot);
      if (sep === '') ip.raise('ValueError', 'empty separator');
      parts = (name === 'split' ? splitSeparator : rsplitSeparator)(s, sep, maxsplit);
    }
    return sequenceOf(ip, parts, (p) => sameOr(ip, self, s, p));
  });
}

function partition(name: 'partition' | 'rpartition'): NativeFn {
  return method(name, { names: ['sep'], required: 1 }, (ip, self, [sepSlot]) => {
    const s = latin1(bytesOf(ip, self));
    const sep = bufferText(ip, sepSlot!);
    if (sep === '') ip.raise('ValueError', 'empty separator');
    const at = name === 'partition' ? s.indexOf(sep) : s.lastIndexOf(sep);
    const parts =
      at >= 0
        ? [s.slice(0, at), sep, s.slice(at + sep.length)]
        : name === 'partition'
          ? [s, '', '']
          : ['', '', s];
    const array = isArray(ip, self);
    return sequenceOf(
      ip,
      parts.map((p, i) => [p, i] as const),
      ([p, i]) =>
        i === 1 && at >= 0 && !array && ip.store.type[sepSlot!] === TypeId.Bytes
          ? ip.own(sepSlot!)
          : sameOr(ip, self, s, p),
      true,
    );
  });
}

function pad(name: 'ljust' | 'rjust' | 'center'): NativeFn {
  return method(name, { names: ['width', 'fillchar'], required: 1 }, (ip, self, [w, f]) => {
    const s = latin1(bytesOf(ip, self));
    const width = indexArg(ip, w!);
    let fill = ' ';
    if (f !== undefined) {
      if (
        (ip.store.type[f] !== TypeId.Bytes && ip.store.type[f] !== TypeId.ByteArray) ||
        bytesOf(ip, f).length !== 1
      )
        ip.raise(
          'TypeError',
          `${name}() argument 2 must be a byte string of length 1, not ${ip.typeName(f)}`,
        );
      fill = latin1(bytesOf(ip, f));
    }
    return sameOr(ip, self, s, padText(s, s.length, width, fill, name));
  });
}

function caseMethod(name: string, transform: (s: string) => string): NativeFn {
  return method(name, NONE, (ip, self) => result(ip, self, transform(latin1(bytesOf(ip, self))), false));
}

function predicate(name: string, test: (s: string) => boolean): NativeFn {
  return method(name, NONE, (ip, self) => ip.bool(test(latin1(bytesOf(ip, self)))));
}

/** `hex(sep, bytes_per_sep)` of some bytes. */
export function hexOf(ip: Interp, data: Uint8Array, sepSlot?: number, perSlot?: number): string {
  const digits = Array.from(data, (b) => b.toString(16).padStart(2, '0'));
  if (sepSlot === undefined) return digits.join('');
  const sep = ip.store.type[sepSlot] === TypeId.Str ? ip.text(sepSlot) : latin1(bytesOf(ip, sepSlot));
  if (sep.length !== 1) ip.raise('ValueError', 'sep must be length 1.');
  const per = perSlot === undefined ? 1 : indexArg(ip, perSlot);
  if (per === 0) return digits.join('');
  const n = Math.abs(per);
  const groups: string[] = [];
  if (per > 0)
    for (let end = digits.length; end > 0; end -= n)
      groups.unshift(digits.slice(Math.max(0, end - n), end).join(''));
  else
    for (let start = 0; start < digits.length; start += n)
      groups.push(digits.slice(start, start + n).join(''));
  return groups.join(sep);
}

/** `bytes.fromhex(s)` / `bytearray.fromhex(s)`: called on the type (`[s]`) or an instance (`[self, s]`). */
function fromhex(array: boolean): NativeFn {
  return (ip, all) => {
    const arg = all.length === 2 ? all[1] : all[0];
    if (all.length < 1 || all.length > 2)
      ip.raise('TypeError', `fromhex() takes exactly one argument (${all.length} given)`);
    if (ip.store.type[arg] !== TypeId.Str)
      ip.raise('TypeError', `fromhex() argument must be str, not ${ip.typeName(arg)}`);
    const s = ip.text(arg);
    const out: number[] = [];
    let i = 0;
    while (i < s.length) {
      if (BYTES_CHARS.space.includes(s[i])) {
        i++;
        continue;
      }
      const pair = s.slice(i, i + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(pair)) {
        const bad = /^[0-9a-fA-F]/.test(s[i]) ? i + 1 : i;
        ip.raise('ValueError', `non-hexadecimal number found in fromhex() arg at position ${bad}`);
      }
      out.push(Number.parseInt(pair, 16));
      i += 2;
    }
    return newBytes(ip, Uint8Array.from(out), array, true);
  };
}

const join: NativeFn = method(
  'join',
  { names: ['iterable_of_bytes'], required: 1 },
  (ip, self, [iterable]) => {
    const h = ip.stackHeight;
    const items = collect(ip, iterable!);
    const sep = bytesOf(ip, self);
    const parts = items.map((item, i) => {
      if (!isBytesLike(ip, item))
        ip.raise('TypeError', `sequence item ${i}: expected a bytes-like object, ${ip.typeName(item)} found`);
      return bytesOf(ip, item);
    });
    let out: number;
    if (!isArray(ip, self) && items.length === 1 && ip.store.type[items[0]] === TypeId.Bytes)
      out = ip.own(items[0]);
    else {
      const total = parts.reduce((n, p) => n + p.length, 0) + sep.length * Math.max(0, parts.length - 1);
      const data = new Uint8Array(total);
      let at = 0;
      parts.forEach((p, i) => {
        if (i > 0) {
          data.set(sep, at);
          at += sep.length;
        }
        data.set(p, at);
        at += p.length;
      });
      out = newBytes(ip, data, isArray(ip, self));
    }
    ip.unwindTo(h);
    return out;
  },
);

const replace: NativeFn = method(
  'replace',
  { names: ['old', 'new', 'count'], required: 2 },
  (ip, self, [o, n, c]) => {
    const s = latin1(bytesOf(ip, self));
    const old = bufferText(ip, o!);
    const rep = bufferText(ip, n!);
    const count = c === undefined ? -1 : indexArg(ip, c);
    const unchanged = count === 0 || (old.length > 0 && !s.includes(old)) || (old === rep && old.length > 0);
    if (unchanged && !isArray(ip, self)) return ip.own(self);
    return result(ip, self, unchanged ? s : replaceText(s, old, rep, count), false);
  },
);

const decode: NativeFn = method(
  'decode',
  { names: ['encoding', 'errors'], required: 0, keywords: ['encoding', 'errors'] },
  (ip, self, [enc, errors]) => {
    const textArg = (slot: number | undefined, fallback: string, what: string) => {
      if (slot === undefined) return fallback;
      if (ip.store.type[slot] !== TypeId.Str)
        ip.raise('TypeError', `decode() argument '${what}' must be str, not ${ip.typeName(slot)}`);
      return ip.text(slot);
    };
    return decodeBytes(
      ip,
      bytesOf(ip, self),
      textArg(enc, 'utf-8', 'encoding'),
      textArg(errors, 'strict', 'errors'),
    );
  },
);

/** `<`, `<=`, `>`, `>=` of two bytes or bytearrays (byte by byte, then by length); NotImplemented otherwise. */
function order(test: (sign: number) => boolean): NativeFn {
  return (ip, [self, other]) => {
    const t = ip.store.type[other];
    if (t !== TypeId.Bytes && t !== TypeId.ByteArray) return ip.own(ip.notImplemented);
    const x = bytesOf(ip, self);
    const y = bytesOf(ip, other);
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) return ip.bool(test(x[i] - y[i]));
    return ip.bool(test(x.length - y.length));
  };
}

/** Methods of both `bytes` and `bytearray`. */
export const BYTES_METHODS: Record<string, NativeFn> = {
  __lt__: order((d) => d < 0),
  __le__: order((d) => d <= 0),
  __gt__: order((d) => d > 0),
  __ge__: order((d) => d >= 0),
  __iter__: (ip, [self]) => {
    let i = 0;
    const key = isArray(ip, self) ? 'bytearray_iterator' : 'bytes_iterator';
    return newIterator(ip, key, [self], (ip2) => {
      const data = bytesOf(ip2, self);
      if (i >= 0 && i < data.length) return ip2.int(data[i++]);
      i = -1;
      return NULL_REF;
    });
  },
  __contains__: (ip, [self, item]) => {
    const s = latin1(bytesOf(ip, self));
    return ip.bool(s.includes(needle(ip, item)));
  },
  decode,
  hex: method(
    'hex',
    { names: ['sep', 'bytes_per_sep'], required: 0, keywords: ['sep', 'bytes_per_sep'] },
    (ip, self, [sep, per]) => ip.str(hexOf(ip, bytesOf(ip, self), sep, per)),
  ),
  fromhex: fromhex(false),
  join,
  split: split('split'),
  rsplit: split('rsplit'),
  splitlines: method(
    'splitlines',
    { names: ['keepends'], required: 0, keywords: ['keepends'] },
    (ip, self, [k]) => {
      const s = latin1(bytesOf(ip, self));
      return sequenceOf(ip, splitLines(s, k !== undefined && ip.truthy(k), BYTES_CHARS), (p) =>
        sameOr(ip, self, s, p),
      );
    },
  ),
  partition: partition('partition'),
  rpartition: partition('rpartition'),
  strip: strip('strip'),
  lstrip: strip('lstrip'),
  rstrip: strip('rstrip'),
  find: find('find', false, false),
  rfind: find('rfind', true, false),
  index: find('index', false, true),
  rindex: find('rindex', true, true),
  count: method('count', SEARCH, (ip, self, [sub, start, end]) => {
    const s = latin1(bytesOf(ip, self));
    const [a, b] = adjustIndices(sliceIndexArg(ip, start, 0), sliceIndexArg(ip, end, s.length), s.length);
    return ip.int(countIn(s, needle(ip, sub!), a, b));
  }),
  startswith: affix('startswith'),
  endswith: affix('endswith'),
  replace,
  removeprefix: method('removeprefix', { names: ['prefix'], required: 1 }, (ip, self, [p]) => {
    const s = latin1(bytesOf(ip, self));
    const t = bufferText(ip, p!);
    return sameOr(ip, self, s, t.length > 0 && s.startsWith(t) ? s.slice(t.length) : s);
  }),
  removesuffix: method('removesuffix', { names: ['suffix'], required: 1 }, (ip, self, [p]) => {
    const s = latin1(bytesOf(ip, self));
    const t = bufferText(ip, p!);
    return sameOr(ip, self, s, t.length > 0 && s.endsWith(t) ? s.slice(0, s.length - t.length) : s);
  }),
  upper: caseMethod('upper', (s) => upperText(s, true)),
  lower: caseMethod('lower', (s) => lowerText(s, true)),
  swapcase: caseMethod('swapcase', (s) => swapcaseText(s, true)),
  title: caseMethod('title', (s) => titleText(s, true)),
  capitalize: caseMethod('capitalize', (s) => capitalizeText(s, true)),
  isdigit: predicate('isdigit', (s) => isDigitText(s, true)),
  isalpha: predicate('isalpha', (s) => isAlphaText(s, true)),
  isalnum: predicate('isalnum', (s) => isAlnumText(s, true)),
  isspace: predicate('isspace', (s) => s.length > 0 && [...s].every((c) => BYTES_CHARS.space.includes(c))),
  isupper: predicate('isupper', (s) => isUpperText(s, true)),
  islower: predicate('islower', (s) => isLowerText(s, true)),
  istitle: predicate('istitle', (s) => isTitleText(s, true)),
  isascii: predicate('isascii', isAsciiText),
  ljust: pad('ljust'),
  rjust: pad('rjust'),
  center: pad('center'),
  zfill: method('zfill', { names: ['width'], required: 1 }, (ip, self, [w]) => {
    const s = latin1(bytesOf(ip, self));
    return sameOr(ip, self, s, zfillText(s, s.length, indexArg(ip, w!)));
  }),
  expandtabs: method(
    'expandtabs',
    { names: ['tabsize'], required: 0, keywords: ['tabsize'] },
    (ip, self, [t]) => {
      const s = latin1(bytesOf(ip, self));
      return sameOr(ip, self, s, expandTabs(s, t === undefined ? 8 : indexArg(ip, t)));
    },
  ),
};

/** `bytearray.fromhex`. */
export const bytearrayFromhex: NativeFn = fromhex(true);
