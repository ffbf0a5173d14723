/**
 * `int(str, base)` (`PyLong_FromUnicodeObject` / `PyLong_FromString`) and
 * `str(int)` (`long_to_decimal_string`), with the integer string conversion
 * length limit (`sys.set_int_max_str_digits`, default 4300 digits, 0 for no
 * limit) that every modelled version (3.10.7+) applies to non-power-of-two bases.
 */
import { isAsciiSpace, transformDecimalAndSpaceToAscii } from './ascii-digits.js';
import { PyLibError } from './python-error.js';
import { atLeast, type PythonVersion } from './python-version.js';
import { bitLength } from './ratio-to-float.js';
import { strRepr } from './str-repr.js';

/** CPython's default `sys.get_int_max_str_digits()`. */
export const DEFAULT_MAX_STR_DIGITS = 4300;

function limitText(maxDigits: number, version: PythonVersion): string {
  return atLeast(version, '3.11')
    ? `Exceeds the limit (${maxDigits} digits)`
    : `Exceeds the limit (${maxDigits})`;
}

const INCREASE = 'use sys.set_int_max_str_digits() to increase the limit';

/** The value of ASCII digit/letter `c` in bases up to 36, or 37 when it is none. */
function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41 + 10;
  return 37;
}

function isPowerOfTwo(base: number): boolean {
  return (base & (base - 1)) === 0;
}

/**
 * `int(text, base)`: leading and trailing whitespace, a sign, the `0x`/`0o`/`0b`
 * prefix (required for base 0, which also refuses leading zeros), underscores
 * between digits, non-ASCII decimal digits. ValueError with CPython's message
 * (`invalid literal for int() with base 10: 'x'`, the base range, the digit limit).
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the interpreter imports it by this name (Python's int()/float() of a str)
export function parseInt(
  text: string,
  base = 10,
  maxDigits: number = DEFAULT_MAX_STR_DIGITS,
  version: PythonVersion = '3.11',
): bigint {
  if (base !== 0 && (base < 2 || base > 36)) {
    throw new PyLibError('ValueError', 'int() base must be >= 2 and <= 36, or 0');
  }
  const s = transformDecimalAndSpaceToAscii(text);
  const invalid = () =>
    new PyLibError(
      'ValueError',
      `invalid literal for int() with base ${base}: ${strRepr(text).slice(0, 200)}`,
    );
  const n = s.length;
  let i = 0;
  while (i < n && isAsciiSpace(s.charCodeAt(i))) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') negative = s[i++] === '-';
  let radix = base;
  let octal = false;
  const c1 = s[i + 1];
  if (radix === 0) {
    if (s[i] !== '0') radix = 10;
    else if (c1 === 'x' || c1 === 'X') radix = 16;
    else if (c1 === 'o' || c1 === 'O') radix = 8;
    else if (c1 === 'b' || c1 === 'B') radix = 2;
    else {
      // "old" (C-style) octal literal, now invalid; it might still be zero though.
      octal = true;
      radix = 10;
    }
  }
  if (
    s[i] === '0' &&
    ((radix === 16 && (c1 === 'x' || c1 === 'X')) ||
      (radix === 8 && (c1 === 'o' || c1 === 'O')) ||
      (radix === 2 && (c1 === 'b' || c1 === 'B')))
  ) {
    i += 2;
    // One underscore allowed here.
    if (s[i] === '_') i++;
  }
  // May not start with underscores.
  if (s[i] === '_') throw invalid();
  const start = i;
  let digits = 0;
  let prevUnderscore = false;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 0x5f) {
      if (prevUnderscore) throw invalid();
      prevUnderscore = true;
    } else if (digitValue(c) < radix) {
      prevUnderscore = false;
      digits++;
    } else break;
    i++;
  }
  if (digits === 0 || prevUnderscore) throw invalid();
  const end = i;
  const limited = maxDigits > 0 && !isPowerOfTwo(radix) && digits > maxDigits;
  const tooLong = () =>
    new PyLibError(
      'ValueError',
      `${limitText(maxDigits, version)} for integer string conversion: value has ${digits} digits; ${INCREASE}`,
    );
  if (limited && !atLeast(version, '3.12')) throw tooLong();
  while (i < n && isAsciiSpace(s.charCodeAt(i))) i++;
  if (i !== n) throw invalid();
  if (limited) throw tooLong();
  const body = s.slice(start, end).replaceAll('_', '');
  let value = parseDigits(body, radix);
  if (octal && value !== 0n) throw invalid();
  if (negative) value = -value;
  return value;
}

const PREFIX: Record<number, string> = { 2: '0b', 8: '0o', 16: '0x' };

/** The value of a run of valid digits in `radix`. */
function parseDigits(body: string, radix: number): bigint {
  if (radix === 10) return BigInt(body);
  const prefix = PREFIX[radix];
  if (prefix) return BigInt(prefix + body);
  // Other bases: chunks of digits small enough to stay exact in a number.
  const chunk = Math.floor(52 / Math.log2(radix));
  let value = 0n;
  for (let i = 0; i < body.length; i += chunk) {
    const part = body.slice(i, i + chunk);
    value = value * BigInt(radix) ** BigInt(part.length) + BigInt(Number.parseInt(part, radix));
  }
  return value;
}

/**
 * `str(value)` / `repr(value)` for an int. ValueError when it has more than
 * `maxDigits` decimal digits (0: no limit), with CPython's message for `version`.
 */
export function intToString(
  value: bigint,
  maxDigits: number = DEFAULT_MAX_STR_DIGITS,
  version: PythonVersion = '3.11',
): string {
  // More bits than maxDigits decimal digits can hold: refuse before converting (as CPython does).
  if (maxDigits > 0 && (bitLength(value) - 1) * Math.LOG10E * Math.LN2 >= maxDigits + 1) {
    throw new PyLibError(
      'ValueError',
      `${limitText(maxDigits, version)} for integer string conversion; ${INCREASE}`,
    );
  }
  const text = value.toString();
  if (maxDigits > 0 && text.length - (value < 0n ? 1 : 0) > maxDigits) {
    throw new PyLibError(
      'ValueError',
      `${limitText(maxDigits, version)} for integer string conversion; ${INCREASE}`,
    );
  }
  return text;
}
