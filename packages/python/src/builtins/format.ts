/**
 * Formatting: f-string fields and `format()` (conversion, then the format-spec mini-language),
 * `str.format`, and `%` formatting. The mini-language here is the interpreter's own version until
 * the pure-semantics library's `formatValue` replaces it (the same name, one place).
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import type { Interp, KwArgs } from '../runtime/interp.js';
import { floatRepr } from '../runtime/pylib-fallback.js';

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

function parseSpec(ip: Interp, spec: string): Spec {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su.exec(spec);
  if (!m) return ip.raise('ValueError', 'Invalid format specifier');
  return {
    fill: m[1] ?? (m[5] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[5] ? '=' : ''),
    sign: m[3] ?? '-',
    alt: !!m[4],
    zero: !!m[5],
    width: m[6] ? Number(m[6]) : 0,
    grouping: m[7] ?? '',
    precision: m[8] !== undefined ? Number(m[8]) : -1,
    type: m[9] ?? '',
  };
}

function group(digits: string, sep: string): string {
  if (!sep) return digits;
  const [int, frac] = digits.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return frac !== undefined ? `${grouped}.${frac}` : grouped;
}

function pad(body: string, sign: string, s: Spec, defaultAlign: string): string {
  const len = [...body].length + sign.length;
  if (s.width <= len) return sign + body;
  const fill = s.fill.repeat(s.width - len);
  switch (s.align || defaultAlign) {
    case '<':
      return sign + body + fill;
    case '^': {
      const left = Math.floor((s.width - len) / 2);
      return s.fill.repeat(left) + sign + body + s.fill.repeat(s.width - len - left);
    }
    case '=':
      return sign + fill + body;
    default:
      return fill + sign + body;
  }
}

function formatFloat(x: number, s: Spec): string {
  const type = s.type || (s.precision >= 0 ? 'g' : '');
  const p = s.precision < 0 ? 6 : s.precision;
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : 'inf';
  switch (type) {
    case 'f':
    case 'F':
      return Math.abs(x).toFixed(p);
    case '%':
      return `${(Math.abs(x) * 100).toFixed(p)}%`;
    case 'e':
    case 'E': {
      const t = Math.abs(x)
        .toExponential(p)
        .replace(/e([+-])(\d)$/, 'e$10$2');
      return type === 'E' ? t.toUpperCase() : t;
    }
    case 'g':
    case 'G': {
      const precision = p === 0 ? 1 : p;
      const exp = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(Number(Math.abs(x).toPrecision(precision)))));
      let t: string;
      if (exp < -4 || exp >= precision) {
        t = Math.abs(x).toExponential(precision - 1);
        if (!s.alt) t = t.replace(/\.?0+e/, 'e');
        t = t.replace(/e([+-])(\d)$/, 'e$10$2');
      } else {
        t = Math.abs(x).toFixed(Math.max(0, precision - 1 - exp));
        if (!s.alt && t.includes('.')) t = t.replace(/\.?0+$/, '');
      }
      return type === 'G' ? t.toUpperCase() : t;
    }
    default: {
      const r = floatRepr(Math.abs(x));
      return r;
    }
  }
}

/** Formats a value by a format spec (`format(value, spec)`). */
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
  const s = parseSpec(ip, spec);
  if (t === TypeId.Int || t === TypeId.Bool) {
    if ('eEfFgG%'.includes(s.type) && s.type) return formatNumber(Number(ip.intValue(value)), s);
    const v = BigInt(ip.intValue(value));
    const neg = v < 0n;
    const mag = neg ? -v : v;
    let body: string;
    switch (s.type) {
      case 'x':
        body = (s.alt ? '0x' : '') + mag.toString(16);
        break;
      case 'X':
        body = (s.alt ? '0X' : '') + mag.toString(16).toUpperCase();
        break;
      case 'o':
        body = (s.alt ? '0o' : '') + mag.toString(8);
        break;
      case 'b':
        body = (s.alt ? '0b' : '') + mag.toString(2);
        break;
      case 'c':
        body = String.fromCodePoint(Number(mag));
        break;
      default:
        body = group(mag.toString(), s.grouping);
    }
    return pad(body, signOf(neg, s), s, '>');
  }
  if (t === TypeId.Float) return formatNumber(ip.store.scalar[value], s);
  if (s.type && s.type !== 's')
    ip.raise('ValueError', `Unknown format code '${s.type}' for object of type '${ip.typeName(value)}'`);
  let text = ip.toStr(value);
  if (s.precision >= 0) text = [...text].slice(0, s.precision).join('');
  return pad(text, '', s, '<');
}

function signOf(neg: boolean, s: Spec): string {
  return neg ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
}

function formatNumber(x: number, s: Spec): string {
  const body = group(formatFloat(x, s), s.grouping);
  return pad(body, signOf(x < 0 || Object.is(x, -0), s), s, '>');
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

/** `template.format(*args, **kwargs)`. */
export function strFormat(ip: Interp, template: number, args: number[], kw: KwArgs | null): string {
  const text = ip.text(template);
  let auto = 0;
  return text.replace(
    /\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g,
    (match, field: string, conv: string, spec: string) => {
      if (match === '{{') return '{';
      if (match === '}}') return '}';
      const [head, ...attrs] = field.split('.');
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
      } else {
        const i = kw ? kw.names.indexOf(head) : -1;
        if (i < 0) {
          ip.raiseObject(ip.newException('KeyError', undefined, ip.str(head))); // the exception takes the key
        }
        value = ip.own(kw!.values[i]);
      }
      for (const a of attrs) {
        const next = ip.getAttr(value, a);
        ip.drop(value);
        value = next;
      }
      const out = formatValue(ip, value, conv ? conv.charCodeAt(0) : -1, spec ?? '');
      ip.drop(value);
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
    /%(\([^)]*\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g,
    (_m, key: string, flags: string, width: string, precision: string, type: string) => {
      if (type === '%') return '%';
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
      let spec = '';
      if (flags.includes('-')) spec += '<';
      if (flags.includes('+')) spec += '+';
      else if (flags.includes(' ')) spec += ' ';
      if (flags.includes('#')) spec += '#';
      if (flags.includes('0') && !flags.includes('-')) spec += '0';
      if (width) spec += width;
      if (precision !== undefined) spec += `.${precision}`;
      if (type === 's') return formatValue(ip, value, 115, spec);
      if (type === 'r' || type === 'a') return formatValue(ip, value, 114, spec);
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
