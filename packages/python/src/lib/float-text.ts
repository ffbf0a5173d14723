/**
 * `float(str)` (`PyFloat_FromString`): ASCII-transformed text, stripped of
 * whitespace, with underscores only between digits
 * (`_Py_string_to_number_with_underscores`), parsed as a decimal literal or
 * `inf`/`infinity`/`nan` in any case with an optional sign. The decimal
 * conversion is correctly rounded (ECMAScript's `Number()` is, as `_Py_dg_strtod`).
 */
import { isAsciiSpace, transformDecimalAndSpaceToAscii } from './ascii-digits.js';
import { PyLibError } from './python-error.js';
import { strRepr } from './str-repr.js';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(?:(inf|infinity)|nan)$/i;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** `float(text)`. ValueError `could not convert string to float: 'x'` for anything else. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the interpreter imports it by this name (Python's int()/float() of a str)
export function parseFloat(text: string): number {
  const s = transformDecimalAndSpaceToAscii(text);
  let start = 0;
  let end = s.length;
  while (start < end && isAsciiSpace(s.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(s.charCodeAt(end - 1))) end--;
  let body = s.slice(start, end);
  if (body.includes('_')) {
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c === 0x5f) {
        // An underscore must sit between two digits.
        if (!(i > 0 && isDigit(body.charCodeAt(i - 1)) && isDigit(body.charCodeAt(i + 1))))
          throw notFloat(text);
      } else out += body[i];
    }
    body = out;
  }
  if (DECIMAL.test(body)) return Number(body);
  const special = SPECIAL.exec(body);
  if (special) {
    if (special[2] === undefined) return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  throw notFloat(text);
}

function notFloat(text: string): PyLibError {
  return new PyLibError('ValueError', `could not convert string to float: ${strRepr(text)}`);
}
