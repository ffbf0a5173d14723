/**
 * The format-spec mini-language of `format(value, spec)`, `str.format` and
 * f-strings for int, float and str (`Python/formatter_unicode.c`):
 * `[[fill]align][sign][z][#][0][width][,|_][.precision][type]`, with
 * CPython's checks and messages, and the C locale for `n` (no grouping).
 */
import { doubleToString } from './float-digits.js';
import { intToFloat } from './int-arith.js';
import { PyLibError } from './python-error.js';
import { atLeast, type PythonVersion } from './python-version.js';

/** A parsed format spec (`InternalFormatSpec`). */
export interface FormatSpec {
  fill: string;
  align: string;
  alternate: boolean;
  noNeg0: boolean;
  sign: string;
  width: number;
  /** '' none, ',' or '_' (every 3 digits), '_4' (every 4, for b/o/x/X). */
  thousands: string;
  precision: number;
  type: string;
}

function invalid(message: string): PyLibError {
  return new PyLibError('ValueError', message);
}

function readInteger(spec: string, pos: number): [number, number] {
  let value = 0;
  let i = pos;
  while (i < spec.length && spec.charCodeAt(i) >= 0x30 && spec.charCodeAt(i) <= 0x39) {
    value = value * 10 + (spec.charCodeAt(i) - 0x30);
    if (value > Number.MAX_SAFE_INTEGER) throw invalid('Too many decimal digits in format string');
    i++;
  }
  return [value, i - pos];
}

const ALIGN = '<>=^';

/** `parse_internal_render_format_spec` for an object of `typeName` with the type's default type and alignment. */
export function parseFormatSpec(
  spec: string,
  typeName: string,
  defaultType: string,
  defaultAlign: string,
  version: PythonVersion = '3.11',
): FormatSpec {
  const f: FormatSpec = {
    fill: ' ',
    align: defaultAlign,
    alternate: false,
    noNeg0: false,
    sign: '',
    width: -1,
    thousands: '',
    precision: -1,
    type: defaultType,
  };
  const chars = Array.from(spec);
  const end = chars.length;
  let pos = 0;
  let fillSpecified = false;
  let alignSpecified = false;
  if (end - pos >= 2 && ALIGN.includes(chars[pos + 1])) {
    f.align = chars[pos + 1];
    f.fill = chars[pos];
    fillSpecified = alignSpecified = true;
    pos += 2;
  } else if (end - pos >= 1 && ALIGN.includes(chars[pos])) {
    f.align = chars[pos++];
    alignSpecified = true;
  }
  if (end - pos >= 1 && '+- '.includes(chars[pos])) f.sign = chars[pos++];
  if (atLeast(version, '3.11') && end - pos >= 1 && chars[pos] === 'z') {
    f.noNeg0 = true;
    pos++;
  }
  if (end - pos >= 1 && chars[pos] === '#') {
    f.alternate = true;
    pos++;
  }
  if (!fillSpecified && end - pos >= 1 && chars[pos] === '0') {
    f.fill = '0';
    if (!alignSpecified && defaultAlign === '>') f.align = '=';
    pos++;
  }
  const rest = () => chars.slice(pos).join('');
  let [width, consumed] = readInteger(rest(), 0);
  pos += consumed;
  if (consumed > 0) f.width = width;
  if (pos < end && chars[pos] === ',') {
    f.thousands = ',';
    pos++;
  }
  if (pos < end && chars[pos] === '_') {
    if (f.thousands !== '') throw invalid("Cannot specify both ',' and '_'.");
    f.thousands = '_';
    pos++;
  }
  if (pos < end && chars[pos] === ',' && f.thousands === '_')
    throw invalid("Cannot specify both ',' and '_'.");
  if (pos < end && chars[pos] === '.') {
    pos++;
    [width, consumed] = readInteger(rest(), 0);
    pos += consumed;
    if (consumed === 0) throw invalid('Format specifier missing precision');
    f.precision = width;
  }
  if (end - pos > 1) {
    throw invalid(
      atLeast(version, '3.11')
        ? `Invalid format specifier '${spec}' for object of type '${typeName}'`
        : 'Invalid format specifier',
    );
  }
  if (end - pos === 1) f.type = chars[pos];
  if (f.thousands !== '') {
    if ('defgEG%F'.includes(f.type) || f.type === '') {
      // allowed (PEP 378)
    } else if ('boxX'.includes(f.type) && f.thousands === '_') f.thousands = '_4';
    else throw invalid(`Cannot specify '${f.thousands}' with ${typeCode(f.type)}.`);
  }
  return f;
}

function typeCode(type: string): string {
  const c = type.codePointAt(0)!;
  return c > 32 && c < 128 ? `'${type}'` : `'\\x${c.toString(16)}'`;
}

function unknownCode(type: string, typeName: string): PyLibError {
  const c = type.codePointAt(0)!;
  const code = c > 32 && c < 128 ? `'${type}'` : `'\\x${c.toString(16)}'`;
  return invalid(`Unknown format code ${code} for object of type '${typeName}'`);
}

/** Digits grouped from the right by `size` with `sep`, zero-padded to `minWidth` (`_PyUnicode_InsertThousandsGrouping`). */
function groupDigits(digits: string, size: number, sep: string, minWidth: number): string {
  let remaining = digits.length;
  let out = '';
  let useSeparator = false;
  let end = digits.length;
  const take = (l: number) => {
    const zeros = Math.max(0, l - remaining);
    const n = Math.max(0, Math.min(remaining, l));
    out = '0'.repeat(zeros) + digits.slice(end - n, end) + (useSeparator ? sep : '') + out;
    end -= n;
    remaining -= n;
  };
  if (size > 0) {
    while (true) {
      const l = Math.min(size, Math.max(remaining, minWidth, 1));
      take(l);
      minWidth -= l;
      if (remaining <= 0 && minWidth <= 0) return out;
      minWidth -= sep.length;
      useSeparator = true;
    }
  }
  take(Math.max(remaining, minWidth, 1));
  return out;
}

/** `calc_number_widths` + `fill_number`: sign, prefix, grouped digits, remainder, padding. */
function layoutNumber(
  f: FormatSpec,
  negative: boolean,
  prefix: string,
  digits: string,
  remainder: string,
): string {
  let sign = '';
  if (f.sign === '+') sign = negative ? '-' : '+';
  else if (f.sign === ' ') sign = negative ? '-' : ' ';
  else if (negative) sign = '-';
  const nonDigit = sign.length + prefix.length + remainder.length;
  const minWidth = f.fill === '0' && f.align === '=' ? f.width - nonDigit : 0;
  const size = f.thousands === '_4' ? 4 : f.thousands === '' ? 0 : 3;
  const sep = f.thousands === '_4' ? '_' : f.thousands;
  const grouped = digits.length === 0 ? '' : groupDigits(digits, size, sep, minWidth);
  const padding = f.width - (nonDigit + Array.from(grouped).length);
  let left = '';
  let inner = '';
  let right = '';
  if (padding > 0) {
    if (f.align === '<') right = f.fill.repeat(padding);
    else if (f.align === '^') {
      left = f.fill.repeat(padding >> 1);
      right = f.fill.repeat(padding - (padding >> 1));
    } else if (f.align === '=') inner = f.fill.repeat(padding);
    else left = f.fill.repeat(padding);
  }
  return left + sign + prefix + inner + grouped + remainder + right;
}

/** `format(value, spec)` for an int (`format_long_internal`; float codes format `float(value)`). */
export function formatInt(value: bigint, spec: string, version: PythonVersion = '3.11'): string {
  if (spec === '') return value.toString();
  const f = parseFormatSpec(spec, 'int', 'd', '>', version);
  if ('eEfFgG%'.includes(f.type)) return formatFloatSpec(intToFloat(value), f, 'int');
  if (!'bcdoxXn'.includes(f.type) || f.type === '') throw unknownCode(f.type, 'int');
  if (f.precision !== -1) throw invalid('Precision not allowed in integer format specifier');
  if (f.noNeg0) throw invalid('Negative zero coercion (z) not allowed in integer format specifier');
  if (f.type === 'c') {
    if (f.sign !== '') throw invalid("Sign not allowed with integer format specifier 'c'");
    if (f.alternate) throw invalid("Alternate form (#) not allowed with integer format specifier 'c'");
    if (value < -(2n ** 63n) || value >= 2n ** 63n) {
      throw new PyLibError('OverflowError', 'Python int too large to convert to C long');
    }
    if (value < 0n || value > 0x10ffffn)
      throw new PyLibError('OverflowError', '%c arg not in range(0x110000)');
    return layoutNumber(f, false, '', '', String.fromCodePoint(Number(value)));
  }
  const base = f.type === 'b' ? 2 : f.type === 'o' ? 8 : f.type === 'x' || f.type === 'X' ? 16 : 10;
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString(base);
  let prefix = f.alternate && base !== 10 ? `0${f.type === 'X' ? 'X' : f.type}` : '';
  if (f.type === 'X') {
    digits = digits.toUpperCase();
    prefix = prefix.toUpperCase();
  }
  return layoutNumber(f, negative, prefix, digits, '');
}

/** `format(value, spec)` for a float (`format_float_internal`). */
export function formatFloat(value: number, spec: string, version: PythonVersion = '3.11'): string {
  const f = parseFormatSpec(spec, 'float', '', '>', version);
  return formatFloatSpec(value, f, 'float');
}

function formatFloatSpec(value: number, f: FormatSpec, typeName: string): string {
  if (!'eEfFgGn%'.includes(f.type) && f.type !== '') throw unknownCode(f.type, typeName);
  let type = f.type;
  let precision = f.precision;
  let defaultPrecision = 6;
  let addDot0 = false;
  if (type === '') {
    addDot0 = true;
    type = 'r';
    defaultPrecision = 0;
  }
  if (type === 'n') type = 'g';
  let addPct = false;
  if (type === '%') {
    type = 'f';
    value *= 100;
    addPct = true;
  }
  if (precision < 0) precision = defaultPrecision;
  else if (type === 'r') type = 'g';
  let text = doubleToString(value, type, precision, { alt: f.alternate, addDot0, noNeg0: f.noNeg0 });
  if (addPct) text += '%';
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  let i = 0;
  while (i < body.length && body.charCodeAt(i) >= 0x30 && body.charCodeAt(i) <= 0x39) i++;
  return layoutNumber(f, negative, '', body.slice(0, i), body.slice(i));
}

/** `format(value, spec)` for a str (`format_string_internal`). */
export function formatStr(value: string, spec: string, version: PythonVersion = '3.11'): string {
  if (spec === '') return value;
  const f = parseFormatSpec(spec, 'str', 's', '<', version);
  if (f.type !== 's') throw unknownCode(f.type, 'str');
  if (f.sign === ' ') throw invalid('Space not allowed in string format specifier');
  if (f.sign !== '') throw invalid('Sign not allowed in string format specifier');
  if (f.noNeg0) throw invalid('Negative zero coercion (z) not allowed in string format specifier');
  if (f.alternate) throw invalid('Alternate form (#) not allowed in string format specifier');
  if (f.align === '=') throw invalid("'=' alignment not allowed in string format specifier");
  let chars = Array.from(value);
  if (f.precision >= 0 && chars.length >= f.precision) chars = chars.slice(0, f.precision);
  const padding = f.width - chars.length;
  if (padding <= 0) return chars.join('');
  const left = f.align === '>' ? padding : f.align === '^' ? padding >> 1 : 0;
  return f.fill.repeat(left) + chars.join('') + f.fill.repeat(padding - left);
}
