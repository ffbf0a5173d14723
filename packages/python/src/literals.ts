/**
 * Python literals read exactly: numbers from their source text (an `int` of any size as a `bigint`,
 * a `float` as a `number`, an imaginary literal as a {@link ComplexValue}) and the bodies of string
 * and bytes literals with Python's escape sequences.
 *
 * @example
 * ```ts
 * import { decodeStringBody, parseNumber, parseStringPrefix } from './literals.js';
 * parseNumber('1_000'); // { value: 1000n }
 * parseNumber('1.'); // { value: 1 }
 * parseNumber('0x_ff'); // { value: 255n }
 * parseNumber('08'); // { error: 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers' }
 * parseStringPrefix("rb'x'"); // { raw: true, bytes: true, format: false, unicode: false, prefixLength: 2, quote: "'" }
 * decodeStringBody('a\\tb', false, false); // { value: 'a\tb' }
 * ```
 */
import type { ComplexValue } from './ast-nodes.js';

/** A number literal's value, or CPython's message when the literal is invalid. */
export type NumberResult = { value: bigint | number | ComplexValue } | { error: string };

/** Reads a number literal as CPython's tokenizer and `parsenumber` do. */
export function parseNumber(text: string): NumberResult {
  const last = text[text.length - 1];
  if (last === 'j' || last === 'J') {
    const body = text.slice(0, -1).replace(/_/g, '');
    return { value: { real: 0, imag: Number(body) } };
  }
  if (/[lL]$/.test(text)) return { error: 'invalid decimal literal' };
  const clean = text.replace(/_/g, '');
  if (/^0[xXoObB]/.test(clean)) {
    if (!/^0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)$/.test(clean)) return { error: invalidPrefixed(clean) };
    return { value: BigInt(clean.toLowerCase()) };
  }
  if (/[.eE]/.test(clean)) return { value: Number(clean) };
  if (/^0+[1-9]/.test(clean))
    return {
      error:
        'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
    };
  return { value: BigInt(clean) };
}

function invalidPrefixed(clean: string): string {
  const kind = clean[1].toLowerCase();
  return kind === 'x'
    ? 'invalid hexadecimal literal'
    : kind === 'o'
      ? 'invalid octal literal'
      : 'invalid binary literal';
}

/** What a string literal's prefix and opening quote say. */
export interface StringPrefix {
  readonly raw: boolean;
  readonly bytes: boolean;
  readonly format: boolean;
  readonly unicode: boolean;
  readonly prefixLength: number;
  /** `'`, `"`, `'''` or `"""`. */
  readonly quote: string;
}

/** Reads the prefix (`r`, `b`, `f`, `u` in any case and order) and quote of a string literal's text. */
export function parseStringPrefix(text: string): StringPrefix {
  let i = 0;
  while (i < text.length && text[i] !== '"' && text[i] !== "'") i++;
  const prefix = text.slice(0, i).toLowerCase();
  const q = text[i];
  const quote = text.startsWith(q.repeat(3), i) && text.length - i >= 6 ? q.repeat(3) : q;
  return {
    raw: prefix.includes('r'),
    bytes: prefix.includes('b'),
    format: prefix.includes('f'),
    unicode: prefix.includes('u'),
    prefixLength: i,
    quote,
  };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * Decodes the body of a (non-f) string literal: escape sequences unless `raw`, and for `bytes` the
 * check that it holds ASCII only. Bytes come back as a latin-1 string (one char per byte). Newlines in
 * the body are already `\n` (the tokenizer's universal newlines).
 */
export function decodeStringBody(
  body: string,
  raw: boolean,
  bytes: boolean,
): { value: string } | { error: string } {
  if (bytes) {
    for (let i = 0; i < body.length; i++)
      if (body.charCodeAt(i) > 127) return { error: 'bytes can only contain ASCII literal characters' };
  }
  if (raw || !body.includes('\\')) return { value: body };
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c !== '\\') {
      const next = body.indexOf('\\', i);
      const end = next === -1 ? body.length : next;
      out += body.slice(i, end);
      i = end;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) {
      out += '\\';
      i++;
      continue;
    }
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e >= '0' && e <= '7') {
      let j = i + 1;
      let n = 0;
      while (j < body.length && j < i + 4 && body[j] >= '0' && body[j] <= '7')
        n = n * 8 + (body.charCodeAt(j++) - 48);
      out += bytes ? String.fromCharCode(n & 0xff) : String.fromCodePoint(n);
      i = j;
    } else if (e === 'x') {
      const hex = body.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(hex))
        return { error: `(${bytes ? 'value' : 'unicode'} error) truncated \\xXX escape` };
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 4;
    } else if (!bytes && (e === 'u' || e === 'U')) {
      const width = e === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex))
        return {
          error: `(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\${e}${'X'.repeat(width)} escape`,
        };
      const cp = Number.parseInt(hex, 16);
      if (cp > 0x10ffff)
        return {
          error: "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character",
        };
      out += String.fromCodePoint(cp);
      i += 2 + width;
    } else if (!bytes && e === 'N') {
      return { error: "'\\N{...}' escapes are not supported by pymm (no Unicode name table)" };
    } else {
      // An unknown escape stays as written (CPython warns with DeprecationWarning).
      out += `\\${e}`;
      i += 2;
    }
  }
  return { value: out };
}

/** Turns a latin-1 string (one char per byte) into bytes. */
export function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
