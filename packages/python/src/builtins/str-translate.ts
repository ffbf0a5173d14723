/**
 * `str.translate`, `str.maketrans`, `bytes.translate`, `bytes.maketrans` and `str.format_map`
 * (`unicodeobject.c`, `bytes_methods.c`).
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { NativeFn } from '../runtime/interp.js';
import { bytesOf, isBytesLike, newBytes } from './bytes.js';
import { fromLatin1, latin1 } from './bytes-methods.js';
import { bindArgs, method } from './method-arguments.js';
import { freshStr } from './str-methods.js';

/** `s.translate(table)`: each character looked up in the table (`LookupError` keeps it). */
export const strTranslate: NativeFn = method(
  'translate',
  { names: ['table'], required: 1 },
  (ip, self, [table]) => {
    const s = ip.text(self);
    let out = '';
    let changed = false;
    for (const ch of s) {
      const key = ip.int(ch.codePointAt(0)!);
      let value: number;
      try {
        value = ip.getItem(table!, key);
      } catch (error) {
        const raised = ip.toPyRaise(error);
        if (ip.exceptionMatches(raised.exc, ip.types.get('LookupError')!.slot)) {
          ip.dropRaised(raised.exc);
          out += ch;
          continue;
        }
        throw raised;
      } finally {
        ip.drop(key);
      }
      changed = true;
      if (value === ip.none) {
        // Deleted.
      } else if (ip.isInt(value)) {
        const code = Number(ip.intValue(value));
        if (code < 0 || code > 0x10ffff) {
          ip.drop(value);
          ip.raise('ValueError', 'character mapping must be in range(0x110000)');
        }
        out += String.fromCodePoint(code);
      } else if (ip.store.type[value] === TypeId.Str) out += ip.text(value);
      else {
        ip.drop(value);
        ip.raise('TypeError', 'character mapping must return integer, None or str');
      }
      ip.drop(value);
    }
    return changed ? freshStr(ip, out) : ip.own(self);
  },
);

/** `str.maketrans(x[, y[, z]])`: a dict from code points (called on the type, so no self). */
export const strMaketrans: NativeFn = (ip, all, kw) => {
  const args =
    all.length > 0 && ip.store.type[all[0]] === TypeId.Str && all.length === 4 ? all.slice(1) : all;
  const [x, y, z] = bindArgs(ip, 'maketrans', args, kw, { names: ['x', 'y', 'z'], required: 1 });
  const d = ip.own(ip.heap.newDict());
  ip.push(d);
  const put = (k: number, v: number) => {
    const key = ip.int(k);
    ip.setItem(d, key, v);
    ip.drop(key);
  };
  if (y === undefined) {
    if (ip.store.type[x!] !== TypeId.Dict)
      ip.raise('TypeError', 'if you give only one argument to maketrans it must be a dict');
    const cells = ip.store.refs.cells;
    for (let i = 0; i < ip.store.refLen[x!]; i += 2) {
      const k = cells[ip.store.refStart[x!] + i];
      const v = cells[ip.store.refStart[x!] + i + 1];
      if (k === NULL_REF) continue;
      if (ip.store.type[k] === TypeId.Str) {
        if (ip.store.scalar[k] !== 1)
          ip.raise('ValueError', 'string keys in translate table must be of length 1');
        put(ip.text(k).codePointAt(0)!, v);
      } else if (ip.isInt(k)) ip.setItem(d, k, v);
      else ip.raise('TypeError', 'keys in translate table must be strings or integers');
    }
  } else {
    if (ip.store.type[x!] !== TypeId.Str || ip.store.type[y] !== TypeId.Str)
      ip.raise('TypeError', 'maketrans() arguments must be str');
    const from = [...ip.text(x!)];
    const to = [...ip.text(y)];
    if (from.length !== to.length)
      ip.raise('ValueError', 'the first two maketrans arguments must have equal length');
    from.forEach((c, i) => {
      const v = ip.int(to[i].codePointAt(0)!);
      put(c.codePointAt(0)!, v);
      ip.drop(v);
    });
    if (z !== undefined) {
      if (ip.store.type[z] !== TypeId.Str) ip.raise('TypeError', 'maketrans() argument 3 must be str');
      for (const c of ip.text(z)) put(c.codePointAt(0)!, ip.none);
    }
  }
  return ip.pop();
};

/** `b.translate(table, delete=b'')`: a 256-byte table (or None) and bytes to delete. */
export const bytesTranslate: NativeFn = method(
  'translate',
  { names: ['table', 'delete'], required: 1, keywords: ['delete'] },
  (ip, self, [table, del]) => {
    const map = table === ip.none ? null : bytesOf(ip, table!);
    if (map && map.length !== 256) ip.raise('ValueError', 'translation table must be 256 characters long');
    const drop = del === undefined ? new Uint8Array(0) : bytesOf(ip, del);
    const data = bytesOf(ip, self);
    const out: number[] = [];
    for (const b of data) if (!drop.includes(b)) out.push(map ? map[b] : b);
    const array = ip.store.type[self] === TypeId.ByteArray;
    if (!array && !map && out.length === data.length) return ip.own(self);
    return newBytes(ip, Uint8Array.from(out), array);
  },
);

/** `bytes.maketrans(from, to)`: the identity table with `from`'s bytes mapped to `to`'s. */
export const bytesMaketrans: NativeFn = (ip, all) => {
  const args = all.length === 3 ? all.slice(1) : all;
  if (args.length !== 2) ip.raise('TypeError', `maketrans expected 2 arguments, got ${args.length}`);
  for (const a of args)
    if (!isBytesLike(ip, a))
      ip.raise('TypeError', `a bytes-like object is required, not '${ip.typeName(a)}'`);
  const from = latin1(bytesOf(ip, args[0]));
  const to = latin1(bytesOf(ip, args[1]));
  if (from.length !== to.length) ip.raise('ValueError', 'maketrans arguments must have same length');
  const table = new Uint8Array(256).map((_v, i) => i);
  for (let i = 0; i < from.length; i++) table[from.charCodeAt(i)] = to.charCodeAt(i);
  return newBytes(ip, fromLatin1(latin1(table)));
};
