/**
 * Python `float` arithmetic with CPython's results and errors
 * (`Objects/floatobject.c`): `float_div`, `float_rem`, `float_divmod`,
 * `float_floor_div` and `float_pow`.
 */
import { PyLibError } from './python-error.js';
import { atLeast, type PythonVersion } from './python-version.js';
import { ratioToFloat } from './ratio-to-float.js';

/** `a / b`. ZeroDivisionError when `b` is zero. */
export function floatTrueDiv(a: number, b: number): number {
  if (b === 0) throw new PyLibError('ZeroDivisionError', 'float division by zero');
  return a / b;
}

/** `a % b` (`float_rem`): the remainder with the sign of `b`; a zero result takes `b`'s sign. */
export function floatMod(a: number, b: number, version: PythonVersion = '3.11'): number {
  if (b === 0) {
    throw new PyLibError(
      'ZeroDivisionError',
      atLeast(version, '3.13') ? 'float modulo by zero' : 'float modulo',
    );
  }
  // JavaScript's % on numbers is C's fmod (exact).
  let mod = a % b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) mod += b;
  } else {
    mod = b < 0 ? -0 : 0;
  }
  return mod;
}

/** `_float_div_mod`: the floor quotient and remainder CPython computes for `//` and `divmod`. */
function floatDivMod(vx: number, wx: number, out: Float64Array): void {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  // C's `if (mod)`: NaN counts as nonzero.
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = wx < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = vx / wx < 0 || Object.is(vx / wx, -0) ? -0 : 0;
  }
  out[0] = floordiv;
  out[1] = mod;
}

const scratch = new Float64Array(2);

/** `a // b` (`float_floor_div`). ZeroDivisionError when `b` is zero. */
export function floatFloorDiv(a: number, b: number): number {
  if (b === 0) throw new PyLibError('ZeroDivisionError', 'float floor division by zero');
  floatDivMod(a, b, scratch);
  return scratch[0];
}

/** `divmod(a, b)` for floats (`float_divmod`). ZeroDivisionError when `b` is zero. */
export function floatDivmod(a: number, b: number): [number, number] {
  if (b === 0) throw new PyLibError('ZeroDivisionError', 'float divmod()');
  floatDivMod(a, b, scratch);
  return [scratch[0], scratch[1]];
}

/** Whether `x` is an odd integer (`DOUBLE_IS_ODD_INTEGER`). */
function isOddInteger(x: number): boolean {
  return Math.abs(x % 2.0) === 1.0;
}

/**
 * `a ** b` (`float_pow`). Returns `null` when CPython's result is complex (a
 * negative base raised to a non-integer power: CPython returns
 * `complex(a) ** complex(b)`). ZeroDivisionError for `0.0 ** negative`;
 * OverflowError `(34, 'Numerical result out of range')` when the result overflows.
 * Integral exponents are computed exactly and rounded once (so exact powers are
 * exact); others use ECMAScript's `**`. C's `pow` (glibc's) is not always
 * correctly rounded either, so an inexact result can differ from CPython's by one ulp.
 */
export function floatPow(iv: number, iw: number): number | null {
  if (iw === 0) return 1.0;
  if (Number.isNaN(iv)) return iv;
  if (Number.isNaN(iw)) return iv === 1.0 ? 1.0 : iw;
  if (!Number.isFinite(iw)) {
    iv = Math.abs(iv);
    if (iv === 1.0) return 1.0;
    if (iw > 0 === iv > 1.0) return Math.abs(iw);
    return 0.0;
  }
  if (!Number.isFinite(iv)) {
    const odd = isOddInteger(iw);
    if (iw > 0) return odd ? iv : Math.abs(iv);
    return odd ? (iv < 0 ? -0 : 0) : 0.0;
  }
  if (iv === 0) {
    const odd = isOddInteger(iw);
    if (iw < 0) throw new PyLibError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
    return odd ? iv : 0.0;
  }
  let negate = false;
  if (iv < 0) {
    if (iw !== Math.floor(iw)) return null;
    iv = -iv;
    negate = isOddInteger(iw);
  }
  if (iv === 1.0) return negate ? -1.0 : 1.0;
  let ix = Number.isInteger(iw) ? integerPow(iv, iw) : iv ** iw;
  if (negate) ix = -ix;
  if (!Number.isFinite(ix)) throw new PyLibError('OverflowError', "(34, 'Numerical result out of range')");
  return ix;
}

const powBits = new DataView(new ArrayBuffer(8));
const MAX_EXACT_BITS = 1 << 20;

/**
 * `iv ** n` for a positive finite `iv` and an integral `n`, correctly rounded
 * (computed exactly on big integers), as the platform `pow` CPython calls
 * gives it; ECMAScript's `**` can be an ulp off (`20 ** -5`). Results that
 * would need more than 2**20 bits fall back to `**`.
 */
function integerPow(iv: number, n: number): number {
  powBits.setFloat64(0, iv);
  const hi = powBits.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(powBits.getUint32(4));
  let exponent = -1074;
  if (biased !== 0) {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  while ((mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent++;
  }
  const magnitude = n < 0 ? -n : n;
  if (mantissa.toString(2).length * magnitude > MAX_EXACT_BITS) return iv ** n;
  // iv ** n = mantissa ** n * 2 ** (exponent * n).
  const power = mantissa ** BigInt(magnitude);
  const twos = exponent * n;
  if (Math.abs(twos) > MAX_EXACT_BITS) return iv ** n;
  let num = n > 0 ? power : 1n;
  let den = n > 0 ? 1n : power;
  if (twos >= 0) num <<= BigInt(twos);
  else den <<= BigInt(-twos);
  return ratioToFloat(num, den);
}
