/**
 * Formatting: f-string fields and `format()` (conversion, then the format-spec mini-language),
 * `str.format`, and `%` formatting. The mini-language here is the interpreter's own version until
 * the pure-semantics library's `formatValue` replaces it (the same name, one place).
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { formatFloat, formatInt, formatStr } from '../lib/format-spec.js';
import { PyLibError } from '../lib/python-error.js';
import type { Interp, KwArgs } from '../runtime/interp.js';
import { bytesOf, newBytes } from './bytes.js';
import { fromLatin1, latin1 } from './bytes-methods.js';

/** Runs a formatting function of the pure library, turning its error into the Python exception. */
function lib(ip: Interp, body: () => string): string {
  try {
    return body();
  } catch (error) {
    if (error instanceof PyLibError) ip.raise(error.pyType, error.message);
    throw error;
  }
}

/** Formats a value by a format spec (`format(value, spec)`): a class's `__format__`, else the built-in types' mini-language. */
export function formatSpec(ip: Interp, value: number, spec: string): string {
  const t = ip.store.type[value];
  if (t === TypeId.Instance || t === TypeId.SlotsInstance) {
    const hook = ip.lookupSpecial(value, '__format__');
    if (hook?.owner.user) {
      const specSlot = ip.str(spec);
      const r = ip.callMethod(value, hook, [specSlot]);
      ip.drop(specSlot);
      const out = ip.text(r);
      ip.drop(r);
      return out;
    }
  }
  if (spec === '') return ip.toStr(value);
  const version = ip.heap.sizes.version;
  if (t === TypeId.Int || t === TypeId.Bool)
    return lib(ip, () => formatInt(BigInt(ip.intValue(value)), spec, version));
  if (t === TypeId.Float) return lib(ip, () => formatFloat(ip.store.scalar[value], spec, version));
  if (t === TypeId.Str) return lib(ip, () => formatStr(ip.text(value), spec, version));
  // `object.__format__` refuses a non-empty spec.
  return ip.raise('TypeError', `unsupported format string passed to ${ip.typeName(value)}.__format__`);
}

/** An f-string field: `!r`/`!s`/`!a` conversion (114/115/97), then the spec. */
export function formatValue(ip: Interp, value: number, conversion: number, spec: string): string {
  if (conversion === 114 || conversion === 97) {
    const r = ip.str(ip.repr(value));
    try {
      return formatSpec(ip, r, spec);
    } finally {
      ip.drop(r);
    }
  }
  if (conversion === 115) {
    const r = ip.str(ip.toStr(value));
    try {
      return formatSpec(ip, r, spec);
    } finally {
      ip.drop(r);
    }
  }
  return formatSpec(ip, value, spec);
}

/** `template.format(*args, **kwargs)`, or `template.format_map(mapping)` when `mapping` is given. */
export function strFormat(
  ip: Interp,
  template: number,
  args: number[],
  kw: KwArgs | null,
  mapping?: number,
): string {
  const text = ip.text(template);
  let auto = 0;
  return text.replace(
    /\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g,
    (match, field: string, conv: string, spec: string) => {
      if (match === '{{') return '{';
      if (match === '}}') return '}';
      const head = /^[^.[]*/.exec(field)![0];
      let value: number;
      if (head === '') {
        if (auto >= args.length)
          ip.raise('IndexError', `Replacement index ${auto} out of range for positional args tuple`);
        value = ip.own(args[auto++]);
      } else if (/^\d+$/.test(head)) {
        const i = Number(head);
        if (i >= args.length)
          ip.raise('IndexError', `Replacement index ${i} out of range for positional args tuple`);
        value = ip.own(args[i]);
      } else if (mapping !== undefined) {
        const key = ip.str(head);
        try {
          value = ip.getItem(mapping, key);
        } finally {
          ip.drop(key);
        }
      } else {
        const i = kw ? kw.names.indexOf(head) : -1;
        if (i < 0) {
          ip.raiseObject(ip.newException('KeyError', undefined, ip.str(head))); // the exception takes the key
        }
        value = ip.own(kw!.values[i]);
      }
      // The field's `.attribute` and `[index]` parts, in order (`FieldNameIterator`).
      for (const part of field.slice(head.length).matchAll(/\.([^.[]+)|\[([^\]]+)\]/g)) {
        ip.push(value);
        let next: number;
        if (part[1] !== undefined) next = ip.getAttr(value, part[1]);
        else {
          const key = /^\d+$/.test(part[2]) ? ip.int(Number(part[2])) : ip.str(part[2]);
          try {
            next = ip.getItem(value, key);
          } finally {
            ip.drop(key);
          }
        }
        ip.drop(ip.pop());
        value = next;
      }
      ip.push(value);
      const out = formatValue(ip, value, conv ? conv.charCodeAt(0) : -1, spec ?? '');
      ip.drop(ip.pop());
      return out;
    },
  );
}

/** `format % args` for strs. */
export function percentFormat(ip: Interp, format: number, args: number): number {
  const text = ip.text(format);
  const values = ip.store.type[args] === TypeId.Tuple ? ip.items(args) : [args];
  let i = 0;
  const out = text.replace(
    /%(\([^)]*\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([a-zA-Z%])/g,
    (
      match: string,
      key: string,
      flags: string,
      width: string,
      precision: string,
      type: string,
      at: number,
    ) => {
      if (type === '%') return '%';
      if (!'diouxXeEfFgGcrsa'.includes(type))
        ip.raise(
          'ValueError',
          `unsupported format character '${type}' (0x${type.charCodeAt(0).toString(16)}) at index ${at + match.length - 1}`,
        );
      if (width === '*') {
        if (i >= values.length || !ip.isInt(values[i])) ip.raise('TypeError', '* wants int');
        const w = Number(ip.intValue(values[i++]));
        if (w < 0) flags += '-';
        width = String(Math.abs(w));
      }
      let value: number;
      if (key) {
        const k = ip.str(key.slice(1, -1));
        value = ip.getItem(args, k);
        ip.drop(k);
        ip.drop(value);
      } else {
        if (i >= values.length) ip.raise('TypeError', 'not enough arguments for format string');
        value = values[i++];
      }
      if ('srac'.includes(type)) {
        let body: string;
        if (type === 'c') {
          if (ip.isInt(value)) {
            const c = Number(ip.intValue(value));
            if (c < 0 || c > 0x10ffff) ip.raise('OverflowError', '%c arg not in range(0x110000)');
            body = String.fromCodePoint(c);
          } else if (ip.store.type[value] === TypeId.Str && ip.store.scalar[value] === 1)
            body = ip.text(value);
          else return ip.raise('TypeError', '%c requires int or char');
        } else {
          body = type === 's' ? ip.toStr(value) : ip.repr(value);
          if (type === 'a') body = asciiEscape(body);
          if (precision !== undefined) body = [...body].slice(0, Number(precision)).join('');
        }
        const w = width ? Number(width) - ([...body].length - body.length) : 0;
        return flags.includes('-') ? body.padEnd(w, ' ') : body.padStart(w, ' ');
      }
      let spec = '';
      if (flags.includes('-')) spec += '<';
      if (flags.includes('+')) spec += '+';
      else if (flags.includes(' ')) spec += ' ';
      if (flags.includes('#')) spec += '#';
      if (flags.includes('0') && !flags.includes('-')) spec += '0';
      if (width) spec += width;
      if (precision !== undefined) spec += `.${precision}`;
      const t = type === 'i' || type === 'u' ? 'd' : type;
      if ('dxXo'.includes(t) && ip.store.type[value] === TypeId.Float) {
        const n = ip.int(BigInt(Math.trunc(ip.store.scalar[value])));
        const r = formatSpec(ip, n, spec + t);
        ip.drop(n);
        return r;
      }
      if (!ip.isInt(value) && ip.store.type[value] !== TypeId.Float && t !== 'c')
        ip.raise('TypeError', `%${type} format: a real number is required, not ${ip.typeName(value)}`);
      return formatSpec(ip, value, spec + t);
    },
  );
  if (i < values.length && ip.store.type[args] === TypeId.Tuple)
    ip.raise('TypeError', 'not all arguments converted during string formatting');
  return ip.str(out);
}

/** `format % args` for bytes and bytearray (`_PyBytes_FormatEx`): `%s` takes bytes-like values, `%r`/`%a` the ASCII repr. */
export function bytesPercentFormat(ip: Interp, format: Uint8Array, args: number): Uint8Array {
  let text = '';
  for (const b of format) text += String.fromCharCode(b);
  const values = ip.store.type[args] === TypeId.Tuple ? ip.items(args) : [args];
  let i = 0;
  const out = text.replace(
    /%(\([^)]*\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsab%])/g,
    (_m, key: string, flags: string, width: string, precision: string, type: string) => {
      if (type === '%') return '%';
      let value: number;
      if (key) {
        const k = newBytes(ip, fromLatin1(key.slice(1, -1)));
        value = ip.getItem(args, k);
        ip.drop(k);
        ip.drop(value);
      } else {
        if (i >= values.length) ip.raise('TypeError', 'not enough arguments for format string');
        value = values[i++];
      }
      let body: string;
      if (type === 's' || type === 'b') {
        const t = ip.store.type[value];
        if (t !== TypeId.Bytes && t !== TypeId.ByteArray && t !== TypeId.MemoryView)
          ip.raise(
            'TypeError',
            `%b requires a bytes-like object, or an object that implements __bytes__, not '${ip.typeName(value)}'`,
          );
        body = latin1(bytesOf(ip, value));
      } else if (type === 'r' || type === 'a') {
        body = asciiEscape(ip.repr(value));
      } else if (type === 'c') {
        if (ip.isInt(value)) {
          const c = Number(ip.intValue(value));
          if (c < 0 || c > 255) ip.raise('OverflowError', '%c arg not in range(256)');
          body = String.fromCharCode(c);
        } else body = latin1(bytesOf(ip, value));
      } else {
        if (!ip.isInt(value) && ip.store.type[value] !== TypeId.Float)
          ip.raise('TypeError', `%${type} format: a real number is required, not ${ip.typeName(value)}`);
        let spec = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
        if (flags.includes('#')) spec += '#';
        if (precision !== undefined) spec += `.${precision}`;
        const t = type === 'i' || type === 'u' ? 'd' : type;
        body = formatSpec(ip, value, spec + t);
      }
      const w = width ? Number(width) : 0;
      if (body.length >= w) return body;
      if (flags.includes('-')) return body.padEnd(w, ' ');
      if (flags.includes('0') && !'sbrac'.includes(type)) {
        const sign = /^[-+ ]/.test(body) ? body[0] : '';
        return sign + body.slice(sign.length).padStart(w - sign.length, '0');
      }
      return body.padStart(w, ' ');
    },
  );
  if (i < values.length && ip.store.type[args] === TypeId.Tuple)
    ip.raise('TypeError', 'not all arguments converted during bytes formatting');
  const data = new Uint8Array(out.length);
  for (let k = 0; k < out.length; k++) data[k] = out.charCodeAt(k);
  return data;
}

/** The characters of `text` beyond ASCII as `\\x`, `\\u` or `\\U` escapes (`ascii()`, `%a`). */
export function asciiEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x100) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return out;
}
