/**
 * Methods of `str` (`Objects/unicodeobject.c`). Each returns what CPython returns: the same object
 * where CPython hands back an exact str unchanged (`strip`, `replace` without a match, `center`
 * that is not wider), a new object where the method writes its characters itself (the case
 * methods, `replace`, a `join` of several parts: those skip the one-character Latin-1 cache), and
 * otherwise a str from the cache-aware constructor. Indices count code points.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import {
  adjustIndices,
  countIn,
  expandTabs,
  findIn,
  padText,
  replaceText,
  rsplitSeparator,
  rsplitWhitespace,
  STR_CHARS,
  splitLines,
  splitSeparator,
  splitWhitespace,
  stripText,
  zfillText,
} from '../lib/str-algorithms.js';
import {
  capitalizeText,
  casefoldText,
  isAlnumText,
  isAlphaText,
  isAsciiText,
  isDecimalText,
  isDigitText,
  isIdentifierText,
  isLowerText,
  isNumericText,
  isPrintableText,
  isTitleText,
  isUpperText,
  lowerText,
  swapcaseText,
  titleText,
  upperText,
} from '../lib/str-case.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { collect } from '../runtime/iterate.js';
import { bytesOf, decodeBytes, isBytesLike } from './bytes.js';
import { encodeText } from './codecs.js';
import { asciiEscape, strFormat } from './format.js';
import { bindArgs, indexArg, method, sequenceOf, sliceIndexArg } from './method-arguments.js';

/** A new str that skips the one-character cache (CPython functions that fill a fresh `PyUnicode_New`), owned. */
export function freshStr(ip: Interp, text: string): number {
  return ip.own(ip.heap.newStr(text, false, false));
}

function strArg(ip: Interp, slot: number, message: string): string {
  if (ip.store.type[slot] !== TypeId.Str) ip.raise('TypeError', message.replace('%T', ip.typeName(slot)));
  return ip.text(slot);
}

/** Code points of `s` before UTF-16 offset `unit`. */
function pointsBefore(s: string, unit: number): number {
  let n = 0;
  for (let i = 0; i < unit; i++) if ((s.charCodeAt(i) & 0xfc00) !== 0xdc00) n++;
  return n;
}

/** UTF-16 offset of code point `point` of `s`. */
function unitOf(s: string, point: number): number {
  let unit = 0;
  for (let p = 0; p < point && unit < s.length; p++) unit += (s.charCodeAt(unit) & 0xfc00) === 0xd800 ? 2 : 1;
  return unit;
}

/** `s[start:end]` as UTF-16 offsets, from Python's start/end arguments (code points, clamped). */
function region(ip: Interp, self: number, start?: number, end?: number): [string, number, number, boolean] {
  const s = ip.text(self);
  const length = ip.store.scalar[self];
  const [a, b] = adjustIndices(sliceIndexArg(ip, start, 0), sliceIndexArg(ip, end, length), length);
  if (a > length) return [s, s.length + 1, s.length, false];
  const astral = length !== s.length;
  return astral ? [s, unitOf(s, a), unitOf(s, b), true] : [s, a, Math.max(a, b), false];
}

const SEARCH = { names: ['sub', 'start', 'end'], required: 1 } as const;

function find(name: string, reverse: boolean, raise: boolean): NativeFn {
  return method(name, SEARCH, (ip, self, [sub, start, end]) => {
    const needle = strArg(ip, sub!, `must be str, not %T`);
    const [s, a, b, astral] = region(ip, self, start, end);
    const at = findIn(s, needle, a, b, reverse);
    if (at < 0) {
      if (raise) ip.raise('ValueError', 'substring not found');
      return ip.int(-1);
    }
    return ip.int(astral ? pointsBefore(s, at) : at);
  });
}

function affix(name: 'startswith' | 'endswith'): NativeFn {
  return method(name, { names: ['prefix', 'start', 'end'], required: 1 }, (ip, self, [what, start, end]) => {
    const [s, a, b] = region(ip, self, start, end);
    const options = ip.store.type[what!] === TypeId.Tuple ? ip.items(what!) : [what!];
    for (const o of options) {
      if (ip.store.type[o] !== TypeId.Str)
        ip.raise(
          'TypeError',
          ip.store.type[what!] === TypeId.Tuple
            ? `tuple for ${name} must only contain str, not ${ip.typeName(o)}`
            : `${name} first arg must be str or a tuple of str, not ${ip.typeName(o)}`,
        );
      const t = ip.text(o);
      if (a > s.length || b - a < t.length) continue;
      if (name === 'startswith' ? s.startsWith(t, a) : s.slice(0, b).endsWith(t)) return ip.bool(true);
    }
    return ip.bool(false);
  });
}

/** `strip`/`lstrip`/`rstrip`: the same object when nothing is stripped. */
function strip(kind: 'strip' | 'lstrip' | 'rstrip'): NativeFn {
  return method(kind, { names: ['chars'], required: 0 }, (ip, self, [chars]) => {
    const s = ip.text(self);
    const set =
      chars === undefined || chars === ip.none ? null : strArg(ip, chars, `${kind} arg must be None or str`);
    const out = stripText(s, set === null ? null : set, kind, STR_CHARS);
    return out.length === s.length ? ip.own(self) : ip.str(out);
  });
}

function maxsplitArg(ip: Interp, slot: number | undefined): number {
  return slot === undefined ? -1 : indexArg(ip, slot);
}

function split(name: 'split' | 'rsplit'): NativeFn {
  const params = { names: ['sep', 'maxsplit'], required: 0, keywords: ['sep', 'maxsplit'] };
  return method(name, params, (ip, self, [sepSlot, max]) => {
    const s = ip.text(self);
    const maxsplit = maxsplitArg(ip, max);
    let parts: string[];
    if (sepSlot === undefined || sepSlot === ip.none) {
      parts = (name === 'split' ? splitWhitespace : rsplitWhitespace)(s, maxsplit, STR_CHARS);
    } else {
      const sep = strArg(ip, sepSlot, 'must be str or None, not %T');
      if (sep === '') ip.raise('ValueError', 'empty separator');
      parts = (name === 'split' ? splitSeparator : rsplitSeparator)(s, sep, maxsplit);
    }
    // A part that is the whole (exact) str is the str itself, as `split` returns it.
    return sequenceOf(ip, parts, (p) => (p.length === s.length ? ip.own(self) : ip.str(p)));
  });
}

function partition(name: 'partition' | 'rpartition'): NativeFn {
  return method(name, { names: ['sep'], required: 1 }, (ip, self, [sepSlot]) => {
    const s = ip.text(self);
    const sep = strArg(ip, sepSlot!, 'must be str, not %T');
    if (sep === '') ip.raise('ValueError', 'empty separator');
    const at = name === 'partition' ? s.indexOf(sep) : s.lastIndexOf(sep);
    if (at < 0) {
      const parts =
        name === 'partition'
          ? [self, ip.heap.emptyStr, ip.heap.emptyStr]
          : [ip.heap.emptyStr, ip.heap.emptyStr, self];
      return ip.own(ip.heap.newTuple(parts));
    }
    return sequenceOf(
      ip,
      [s.slice(0, at), sep, s.slice(at + sep.length)],
      (p) => (p === sep ? ip.own(sepSlot!) : ip.str(p)),
      true,
    );
  });
}

function pad(name: 'ljust' | 'rjust' | 'center'): NativeFn {
  return method(name, { names: ['width', 'fillchar'], required: 1 }, (ip, self, [w, f]) => {
    const width = indexArg(ip, w!);
    let fill = ' ';
    if (f !== undefined) {
      fill = strArg(ip, f, `${name}() argument 2 must be str, not %T`);
      if (ip.store.scalar[f] !== 1)
        ip.raise('TypeError', 'The fill character must be exactly one character long');
    }
    const length = ip.store.scalar[self];
    if (width <= length) return ip.own(self);
    return ip.str(padText(ip.text(self), length, width, fill, name));
  });
}

/** A case method: a new object always (CPython writes the characters into a new string). */
function caseMethod(name: string, transform: (s: string) => string): NativeFn {
  return method(name, { names: [], required: 0 }, (ip, self) => freshStr(ip, transform(ip.text(self))));
}

function predicate(name: string, test: (s: string) => boolean): NativeFn {
  return method(name, { names: [], required: 0 }, (ip, self) => ip.bool(test(ip.text(self))));
}

const join: NativeFn = method('join', { names: ['iterable'], required: 1 }, (ip, self, [iterable]) => {
  const h = ip.stackHeight;
  const items = collect(ip, iterable!);
  const parts = items.map((item, i) => {
    if (ip.store.type[item] !== TypeId.Str)
      ip.raise('TypeError', `sequence item ${i}: expected str instance, ${ip.typeName(item)} found`);
    return ip.text(item);
  });
  // `_PyUnicode_JoinArray`: one exact str is returned as it is; several are copied into a new str.
  const result =
    items.length === 0
      ? ip.own(ip.heap.emptyStr)
      : items.length === 1
        ? ip.own(items[0])
        : parts.join(ip.text(self)).length === 0
          ? ip.own(ip.heap.emptyStr)
          : freshStr(ip, parts.join(ip.text(self)));
  ip.unwindTo(h);
  return result;
});

const replace: NativeFn = method(
  'replace',
  { names: ['old', 'new', 'count'], required: 2, keywords: ['count'] },
  (ip, self, [oldSlot, newSlot, countSlot]) => {
    const s = ip.text(self);
    const old = strArg(ip, oldSlot!, 'replace() argument 1 must be str, not %T');
    const rep = strArg(ip, newSlot!, 'replace() argument 2 must be str, not %T');
    const count = countSlot === undefined ? -1 : indexArg(ip, countSlot);
    const out = replaceText(s, old, rep, count);
    if (count === 0 || (old.length > 0 && !s.includes(old)) || (old === rep && old.length > 0))
      return ip.own(self);
    return out.length === 0 ? ip.own(ip.heap.emptyStr) : freshStr(ip, out);
  },
);

const count: NativeFn = method('count', SEARCH, (ip, self, [sub, start, end]) => {
  const needle = strArg(ip, sub!, 'must be str, not %T');
  const [s, a, b, astral] = region(ip, self, start, end);
  if (astral && needle.length === 0) return ip.int(pointsBefore(s, b) - pointsBefore(s, a) + 1);
  return ip.int(countIn(s, needle, a, b));
});

const splitlines: NativeFn = method(
  'splitlines',
  { names: ['keepends'], required: 0, keywords: ['keepends'] },
  (ip, self, [keep]) => {
    const s = ip.text(self);
    const parts = splitLines(s, keep !== undefined && ip.truthy(keep), STR_CHARS);
    return sequenceOf(ip, parts, (p) => (p.length === s.length ? ip.own(self) : ip.str(p)));
  },
);

const zfill: NativeFn = method('zfill', { names: ['width'], required: 1 }, (ip, self, [w]) => {
  const width = indexArg(ip, w!);
  const length = ip.store.scalar[self];
  if (width <= length) return ip.own(self);
  return ip.str(zfillText(ip.text(self), length, width));
});

const expandtabs: NativeFn = method(
  'expandtabs',
  { names: ['tabsize'], required: 0, keywords: ['tabsize'] },
  (ip, self, [t]) => {
    const s = ip.text(self);
    if (!s.includes('\t')) return ip.own(self);
    return ip.str(expandTabs(s, t === undefined ? 8 : indexArg(ip, t)));
  },
);

function affixRemove(name: 'removeprefix' | 'removesuffix'): NativeFn {
  return method(
    name,
    { names: [name === 'removeprefix' ? 'prefix' : 'suffix'], required: 1 },
    (ip, self, [a]) => {
      const s = ip.text(self);
      const t = strArg(ip, a!, `${name}() argument must be str, not %T`);
      if (t.length === 0) return ip.own(self);
      if (name === 'removeprefix' && s.startsWith(t)) return ip.str(s.slice(t.length));
      if (name === 'removesuffix' && s.endsWith(t)) return ip.str(s.slice(0, s.length - t.length));
      return ip.own(self);
    },
  );
}

const encode: NativeFn = method(
  'encode',
  { names: ['encoding', 'errors'], required: 0, keywords: ['encoding', 'errors'] },
  (ip, self, [enc, errors]) => {
    const encoding =
      enc === undefined ? 'utf-8' : strArg(ip, enc, "encode() argument 'encoding' must be str, not %T");
    const how =
      errors === undefined ? 'strict' : strArg(ip, errors, "encode() argument 'errors' must be str, not %T");
    return encodeText(ip, ip.text(self), encoding, how);
  },
);

/** Methods of `str`. */
export const STR_METHODS: Record<string, NativeFn> = {
  join,
  split: split('split'),
  rsplit: split('rsplit'),
  splitlines,
  partition: partition('partition'),
  rpartition: partition('rpartition'),
  strip: strip('strip'),
  lstrip: strip('lstrip'),
  rstrip: strip('rstrip'),
  upper: caseMethod('upper', (s) => upperText(s, false)),
  lower: caseMethod('lower', (s) => lowerText(s, false)),
  casefold: caseMethod('casefold', casefoldText),
  swapcase: caseMethod('swapcase', (s) => swapcaseText(s, false)),
  title: caseMethod('title', (s) => titleText(s, false)),
  capitalize: caseMethod('capitalize', (s) => capitalizeText(s, false)),
  replace,
  startswith: affix('startswith'),
  endswith: affix('endswith'),
  find: find('find', false, false),
  rfind: find('rfind', true, false),
  index: find('index', false, true),
  rindex: find('rindex', true, true),
  count,
  removeprefix: affixRemove('removeprefix'),
  removesuffix: affixRemove('removesuffix'),
  isdigit: predicate('isdigit', (s) => isDigitText(s, false)),
  isdecimal: predicate('isdecimal', (s) => isDecimalText(s, false)),
  isnumeric: predicate('isnumeric', isNumericText),
  isalpha: predicate('isalpha', (s) => isAlphaText(s, false)),
  isalnum: predicate('isalnum', (s) => isAlnumText(s, false)),
  isspace: predicate('isspace', (s) => s.length > 0 && [...s].every((c) => STR_CHARS.space.includes(c))),
  isupper: predicate('isupper', (s) => isUpperText(s, false)),
  islower: predicate('islower', (s) => isLowerText(s, false)),
  istitle: predicate('istitle', (s) => isTitleText(s, false)),
  isidentifier: predicate('isidentifier', isIdentifierText),
  isascii: predicate('isascii', isAsciiText),
  isprintable: predicate('isprintable', isPrintableText),
  ljust: pad('ljust'),
  rjust: pad('rjust'),
  center: pad('center'),
  zfill,
  expandtabs,
  encode,
  format: (ip, all, kw) => ip.str(ip.strFormat(all[0], all.slice(1), kw)),
  format_map: method('format_map', { names: ['mapping'], required: 1 }, (ip, self, [mapping]) =>
    ip.str(strFormat(ip, self, [], null, mapping)),
  ),
};

/** `str(object='', encoding=..., errors=...)`. */
export const strConstructor: NativeFn = (ip, args, kw) => {
  const params = {
    names: ['object', 'encoding', 'errors'],
    required: 0,
    keywords: ['object', 'encoding', 'errors'],
  };
  const [x, enc, errors] = bindArgs(ip, 'str', args, kw, params);
  if (x === undefined) return ip.own(ip.heap.emptyStr);
  if (enc !== undefined || errors !== undefined) {
    if (ip.store.type[x] === TypeId.Str) ip.raise('TypeError', 'decoding str is not supported');
    if (!isBytesLike(ip, x))
      ip.raise('TypeError', `decoding to str: need a bytes-like object, ${ip.typeName(x)} found`);
    const encoding =
      enc === undefined ? 'utf-8' : strArg(ip, enc, "str() argument 'encoding' must be str, not %T");
    const how =
      errors === undefined ? 'strict' : strArg(ip, errors, "str() argument 'errors' must be str, not %T");
    return decodeBytes(ip, bytesOf(ip, x), encoding, how);
  }
  const t = ip.store.type[x];
  // `PyObject_Str`: an exact str is returned as it is; `str(int)` writes its digits into a new str.
  if (t === TypeId.Str) return ip.own(x);
  if (t === TypeId.Int) return freshStr(ip, ip.toStr(x));
  if (t === TypeId.Instance || t === TypeId.SlotsInstance) {
    const hook = ip.lookupSpecial(x, '__str__');
    if (hook && !hook.native) {
      const r = ip.callMethod(x, hook, []);
      if (ip.store.type[r] !== TypeId.Str) {
        const name = ip.typeName(r);
        ip.drop(r);
        ip.raise('TypeError', `__str__ returned non-string (type ${name})`);
      }
      return r;
    }
  }
  return ip.str(ip.toStr(x), t === TypeId.Bool);
};

/** `ascii(x)`: `repr(x)` with the characters beyond ASCII escaped. */
export const asciiBuiltin: NativeFn = (ip, args, kw) => {
  bindArgs(ip, 'ascii', args, kw, { names: ['obj'], required: 1 });
  return ip.str(asciiEscape(ip.repr(args[0])));
};
