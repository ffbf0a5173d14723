/**
 * `PyOS_double_to_string` for the format codes `e`, `f`, `g` (and `r`):
 * exact decimal digits of a double, rounded half to even on its exact binary
 * value as `_Py_dg_dtoa` modes 2 and 3 do, with CPython's flags
 * (`Py_DTSF_ALT`, `Py_DTSF_ADD_DOT_0`, `Py_DTSF_NO_NEG_0`).
 */
import { floatRepr } from './float-repr.js';

const bits = new DataView(new ArrayBuffer(8));

/** `round(|x| × 10**shift)` half to even, for a finite nonzero `x`, exactly. */
function scaledDigits(x: number, shift: number): bigint {
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  let num = (BigInt(hi & 0xfffff) << 32n) | BigInt(bits.getUint32(4));
  let exponent = -1074;
  if (biased !== 0) {
    num |= 1n << 52n;
    exponent = biased - 1075;
  }
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  const q = num / den;
  const twice = (num % den) * 2n;
  return twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** The digits of `|x|` rounded to `precision` places after the point (`'f'`), without sign. */
function fixedDigits(x: number, precision: number, alt: boolean): string {
  const text = x === 0 ? '0' : scaledDigits(x, precision).toString();
  if (precision === 0) return alt ? `${text}.` : text;
  const padded = text.padStart(precision + 1, '0');
  return `${padded.slice(0, -precision)}.${padded.slice(-precision)}`;
}

/** `|x|` rounded to `significant` digits: the digit string and the decimal exponent of its first digit. */
function significantDigits(x: number, significant: number): [string, number] {
  if (x === 0) return ['0'.repeat(significant), 0];
  let exp10 = Math.floor(Math.log10(Math.abs(x)));
  let digits = scaledDigits(x, significant - 1 - exp10).toString();
  if (digits.length < significant) {
    exp10--;
    digits = scaledDigits(x, significant - 1 - exp10).toString();
  }
  if (digits.length > significant) {
    exp10++;
    digits = scaledDigits(x, significant - 1 - exp10).toString();
  }
  // Rounding up to the next power of ten (9.99 → 10.0).
  if (digits.length > significant) {
    exp10++;
    digits = digits.slice(0, significant);
  }
  return [digits, exp10];
}

function exponentText(exp10: number, upper: boolean): string {
  const abs = exp10 < 0 ? -exp10 : exp10;
  return `${upper ? 'E' : 'e'}${exp10 < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

/** The options of {@link doubleToString}. */
export interface DoubleToStringFlags {
  /** `Py_DTSF_ALT` (`#`): keep the point and, for `g`, trailing zeros. */
  readonly alt?: boolean;
  /** `Py_DTSF_ADD_DOT_0`: add `.0` when the result is an integer without exponent. */
  readonly addDot0?: boolean;
  /** `Py_DTSF_NO_NEG_0` (`z`): no minus sign on a result that rounds to zero. */
  readonly noNeg0?: boolean;
}

/**
 * `PyOS_double_to_string(x, code, precision, flags)` for code `e`, `E`, `f`,
 * `F`, `g`, `G` or `r` (repr; precision ignored): the text, with a leading `-`
 * for negative values (and `-0.0`).
 */
export function doubleToString(
  x: number,
  code: string,
  precision: number,
  flags: DoubleToStringFlags = {},
): string {
  const upper = code === 'E' || code === 'F' || code === 'G';
  if (Number.isNaN(x)) return upper ? 'NAN' : 'nan';
  const negative = x < 0 || Object.is(x, -0);
  if (!Number.isFinite(x)) return `${negative ? '-' : ''}${upper ? 'INF' : 'inf'}`;
  const alt = flags.alt === true;
  let body: string;
  const lower = code.toLowerCase();
  if (lower === 'r') {
    body = floatRepr(negative ? -x : x);
    // The alternate form keeps a point in a one-digit mantissa: 1.e+16.
    if (alt && !body.includes('.')) body = body.replace('e', '.e');
  } else if (lower === 'f') body = fixedDigits(x, precision, alt);
  else if (lower === 'e') {
    const [digits, exp10] = significantDigits(x, precision + 1);
    const point = precision > 0 || alt ? '.' : '';
    body = `${digits[0]}${point}${digits.slice(1)}${exponentText(exp10, upper)}`;
  } else {
    const p = precision === 0 ? 1 : precision;
    const [digits, exp10] = significantDigits(x, p);
    // With ADD_DOT_0 (no type, a precision) the exponent form starts one digit earlier.
    if (exp10 >= -4 && exp10 < (flags.addDot0 ? p - 1 : p)) {
      body = fixedDigits(x, p - 1 - exp10, alt);
      if (!alt && body.includes('.')) body = body.replace(/\.?0+$/, '');
    } else {
      let mantissa = digits.length > 1 || alt ? `${digits[0]}.${digits.slice(1)}` : digits;
      if (!alt && mantissa.includes('.')) mantissa = mantissa.replace(/\.?0+$/, '');
      body = mantissa + exponentText(exp10, upper);
    }
    if (flags.addDot0 && !/[.eE]/.test(body)) body += '.0';
  }
  if (negative && flags.noNeg0 && !/[1-9]/.test(body.replace(/[eE][-+]\d+$/, ''))) return body;
  return negative ? `-${body}` : body;
}
