/**
 * `str % args` (`PyUnicode_Format` in `Objects/unicodeobject.c`): conversion
 * specs `%[(key)][flags][width][.precision][length]type` with the flags
 * `-+ #0`, `*` widths and precisions, the types `s r a c d i u o x X e E f F
 * g G` and `%%`, and CPython's errors. Python objects stay the caller's: the
 * operand and the callbacks give their items, `str()`, `repr()`, `ascii()` and
 * numeric values.
 */
import { doubleToString } from './float-digits.js';
import { intToFloat } from './int-arith.js';
import { PyLibError } from './python-error.js';

/** The right operand of `%`, seen through the caller's object model. */
export interface PercentOperand<V> {
  /** The items when the operand is a tuple, else `null`. */
  readonly tuple: readonly V[] | null;
  /** The operand itself. */
  readonly value: V;
  /** `operand[key]` when the operand is a mapping (and not a tuple or str); absent otherwise. */
  readonly getItem?: (key: string) => V;
}

/** How to see a Python object: its `str()`, `repr()`, `ascii()`, numeric value and type name. */
export interface PercentCallbacks<V> {
  str(value: V): string;
  repr(value: V): string;
  ascii(value: V): string;
  /** An int or bool as a `bigint`, a float as a `number`, anything else `null`. */
  number(value: V): bigint | number | null;
  /** A str's text, or `null` for other objects. */
  text(value: V): string | null;
  /** `type(value).__name__`. */
  typeName(value: V): string;
}

/** A parsed conversion spec (`struct unicode_format_arg_t`). */
interface Arg {
  left: boolean;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  prec: number;
}

function typeError(message: string): PyLibError {
  return new PyLibError('TypeError', message);
}

/** `format % operand`. */
export function percentFormat<V>(
  format: string,
  operand: PercentOperand<V>,
  cb: PercentCallbacks<V>,
): string {
  // CPython's argument cursor: a tuple's items, or the single (possibly keyed) value at index -2.
  let args: V = operand.value;
  let arglen = operand.tuple ? operand.tuple.length : -1;
  let argidx = operand.tuple ? 0 : -2;
  const nextArg = (): V => {
    if (argidx < arglen) {
      const index = argidx++;
      return arglen < 0 ? args : operand.tuple![index];
    }
    throw typeError('not enough arguments for format string');
  };
  const n = format.length;
  let out = '';
  let i = 0;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    if (i >= n) throw new PyLibError('ValueError', 'incomplete format');
    if (format[i] === '%') {
      out += '%';
      i++;
      continue;
    }
    if (format[i] === '(') {
      if (operand.getItem === undefined) throw typeError('format requires a mapping');
      let depth = 1;
      const start = ++i;
      while (i < n && depth > 0) {
        if (format[i] === '(') depth++;
        else if (format[i] === ')') depth--;
        i++;
      }
      if (depth > 0) throw new PyLibError('ValueError', 'incomplete format key');
      args = operand.getItem(format.slice(start, i - 1));
      arglen = -1;
      argidx = -2;
    }
    const arg: Arg = { left: false, sign: '', alt: false, zero: false, width: -1, prec: -1 };
    for (; i < n; i++) {
      const c = format[i];
      if (c === '-') arg.left = true;
      else if (c === '+') arg.sign = '+';
      else if (c === ' ') arg.sign = arg.sign || ' ';
      else if (c === '#') arg.alt = true;
      else if (c === '0') arg.zero = true;
      else break;
    }
    const readCount = (): number => {
      if (format[i] === '*') {
        i++;
        const count = cb.number(nextArg());
        if (typeof count !== 'bigint') throw typeError('* wants int');
        return Number(count);
      }
      let value = -1;
      for (; i < n && format.charCodeAt(i) >= 0x30 && format.charCodeAt(i) <= 0x39; i++) {
        value = (value < 0 ? 0 : value * 10) + format.charCodeAt(i) - 0x30;
      }
      return value;
    };
    const starWidth = format[i] === '*';
    arg.width = readCount();
    if (starWidth && arg.width < 0) {
      arg.left = true;
      arg.width = -arg.width;
    }
    if (format[i] === '.') {
      i++;
      arg.prec = Math.max(readCount(), 0);
    }
    while (i < n && 'hlL'.includes(format[i])) i++;
    if (i >= n) throw new PyLibError('ValueError', 'incomplete format');
    const type = format[i];
    const value = nextArg();
    out += convert(type, value, arg, i, cb);
    i++;
  }
  if (argidx < arglen && operand.getItem === undefined) {
    throw typeError('not all arguments converted during string formatting');
  }
  return out;
}

/** One conversion: the text for `value` under `type` and the spec's flags, width and precision. */
function convert<V>(type: string, value: V, arg: Arg, index: number, cb: PercentCallbacks<V>): string {
  let body: string;
  let numeric = true;
  switch (type) {
    case 's':
    case 'r':
    case 'a': {
      body =
        type === 's' ? (cb.text(value) ?? cb.str(value)) : type === 'r' ? cb.repr(value) : cb.ascii(value);
      if (arg.prec >= 0) body = Array.from(body).slice(0, arg.prec).join('');
      numeric = false;
      break;
    }
    case 'c': {
      const text = cb.text(value);
      const num = cb.number(value);
      if (text !== null && Array.from(text).length === 1) body = text;
      else if (typeof num === 'bigint') {
        if (num < 0n || num > 0x10ffffn)
          throw new PyLibError('OverflowError', '%c arg not in range(0x110000)');
        body = String.fromCodePoint(Number(num));
      } else throw typeError('%c requires int or char');
      numeric = false;
      break;
    }
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X': {
      const num = cb.number(value);
      const integral = 'oxX'.includes(type);
      if (num === null || (integral && typeof num === 'number')) {
        const need = integral ? 'an integer' : 'a real number';
        throw typeError(`%${type} format: ${need} is required, not ${cb.typeName(value)}`);
      }
      if (typeof num === 'number' && !Number.isFinite(num)) {
        throw Number.isNaN(num)
          ? new PyLibError('ValueError', 'cannot convert float NaN to integer')
          : new PyLibError('OverflowError', 'cannot convert float infinity to integer');
      }
      const int = typeof num === 'bigint' ? num : BigInt(Math.trunc(num));
      const base = type === 'o' ? 8 : type === 'x' || type === 'X' ? 16 : 10;
      let digits = (int < 0n ? -int : int).toString(base);
      if (arg.prec > digits.length) digits = digits.padStart(arg.prec, '0');
      let prefix = arg.alt && base !== 10 ? `0${type}` : '';
      if (type === 'X') digits = digits.toUpperCase();
      if (type === 'X') prefix = prefix.toUpperCase();
      return output(int < 0n ? '-' : '', prefix, digits, arg, true);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const num = cb.number(value);
      if (num === null) throw typeError(`must be real number, not ${cb.typeName(value)}`);
      const x = typeof num === 'bigint' ? intToFloat(num) : num;
      body = doubleToString(x, type, arg.prec < 0 ? 6 : arg.prec, { alt: arg.alt });
      break;
    }
    default: {
      const c = type.codePointAt(0)!;
      const shown = c >= 32 && c <= 126 ? type : '?';
      throw new PyLibError(
        'ValueError',
        `unsupported format character '${shown}' (0x${c.toString(16)}) at index ${index}`,
      );
    }
  }
  if (!numeric) return output('', '', body, arg, false);
  const negative = body.startsWith('-');
  return output(negative ? '-' : '', '', negative ? body.slice(1) : body, arg, true);
}

/** `unicode_format_arg_output`: sign, prefix and padding (zeros only for numbers with the `0` flag). */
function output(minus: string, prefix: string, body: string, arg: Arg, numeric: boolean): string {
  const sign = numeric ? minus || (arg.sign === '+' ? '+' : arg.sign === ' ' ? ' ' : '') : '';
  const lead = sign + prefix;
  const padding = arg.width - lead.length - Array.from(body).length;
  if (padding <= 0) return lead + body;
  if (arg.left) return lead + body + ' '.repeat(padding);
  if (numeric && arg.zero) return lead + '0'.repeat(padding) + body;
  return ' '.repeat(padding) + lead + body;
}
