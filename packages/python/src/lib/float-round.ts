/**
 * `round()` for floats and ints (`float___round___impl` / `double_round`,
 * `long_round`), `float.is_integer()` and `float.as_integer_ratio()`. Rounding
 * to `ndigits` works on the double's exact binary value, half to even (as
 * `_Py_dg_dtoa` mode 3), so `round(2.675, 2)` is `2.67` as in CPython.
 */
import { PyLibError } from './python-error.js';

const bits = new DataView(new ArrayBuffer(8));

/** The finite, nonzero `|x|` as `mantissa × 2**exponent` with an odd mantissa. */
function exactBinary(x: number): [bigint, number] {
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  while ((mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent++;
  }
  return [mantissa, exponent];
}

/** `num / den` rounded to the nearest integer, ties to even (both positive). */
function divideHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twice = (num % den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

const NDIGITS_MAX = 323;
const NDIGITS_MIN = -308;

/** `round(x)`: the nearest int, ties to even. OverflowError for infinities, ValueError for NaN. */
export function roundFloatToInt(x: number): bigint {
  if (Number.isNaN(x)) throw new PyLibError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw new PyLibError('OverflowError', 'cannot convert float infinity to integer');
  let r = Math.round(x);
  // Math.round rounds ties up; Python rounds them to even.
  if (r - x === 0.5 && r % 2 !== 0) r -= 1;
  return BigInt(r);
}

/**
 * `round(x, ndigits)` for a float: `x` rounded to `ndigits` decimal places
 * (negative: to tens, hundreds, …), as a float. OverflowError
 * `rounded value too large to represent` when the rounding overflows.
 */
export function roundFloat(x: number, ndigits: bigint | number): number {
  // NaNs and infinities round to themselves.
  if (!Number.isFinite(x)) return x;
  if (ndigits > NDIGITS_MAX) return x;
  if (ndigits < NDIGITS_MIN) return 0.0 * x;
  if (x === 0) return x;
  const nd = Number(ndigits);
  const [mantissa, exponent] = exactBinary(x);
  let num = mantissa;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  if (nd >= 0) num *= 10n ** BigInt(nd);
  else den *= 10n ** BigInt(-nd);
  const q = divideHalfEven(num, den);
  const rounded = Number(`${x < 0 ? '-' : ''}${q}e${-nd}`);
  if (!Number.isFinite(rounded))
    throw new PyLibError('OverflowError', 'rounded value too large to represent');
  return rounded;
}

/** `round(n, ndigits)` for an int: `n` itself when `ndigits >= 0`, else rounded to a multiple of `10**-ndigits`, ties to even. */
export function roundInt(n: bigint, ndigits: bigint): bigint {
  if (ndigits >= 0n) return n;
  const p = 10n ** -ndigits;
  const q = divideHalfEven(n < 0n ? -n : n, p);
  return n < 0n ? -q * p : q * p;
}

/** `x.is_integer()`. */
export function floatIsInteger(x: number): boolean {
  return Number.isInteger(x);
}

/** `x.as_integer_ratio()`: the lowest-terms `[numerator, denominator]` (denominator positive). */
export function floatAsIntegerRatio(x: number): [bigint, bigint] {
  if (Number.isNaN(x)) throw new PyLibError('ValueError', 'cannot convert NaN to integer ratio');
  if (!Number.isFinite(x)) throw new PyLibError('OverflowError', 'cannot convert Infinity to integer ratio');
  if (x === 0) return [0n, 1n];
  const [mantissa, exponent] = exactBinary(x);
  const numerator = x < 0 ? -mantissa : mantissa;
  if (exponent >= 0) return [numerator << BigInt(exponent), 1n];
  return [numerator, 1n << BigInt(-exponent)];
}
