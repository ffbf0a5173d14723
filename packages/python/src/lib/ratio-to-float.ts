/**
 * Correctly rounded conversion of a ratio of big integers to a double, as
 * `Objects/longobject.c`'s `long_true_divide` does it (and so `float ** int`
 * computed exactly).
 */

/** The number of bits in `|x|` (`int.bit_length()`). */
export function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  if (x === 0n) return 0;
  // toString(16) is the cheapest exact way to count bits of a bigint in JavaScript.
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0], 16)));
}

const DBL_MANT_DIG = 53;
const DBL_MAX_EXP = 1024;
const DBL_MIN_EXP = -1021;

/** `ldexp(x, e)` for an `x` whose result is representable (scaled in two exact steps). */
function ldexp(x: number, e: number): number {
  const half = e >> 1;
  return x * 2 ** half * 2 ** (e - half);
}

/**
 * The float nearest `a / b` (both nonnegative, `b` nonzero), ties to even, as
 * `long_true_divide` rounds it; `Infinity` when it is too large for a float.
 */
export function ratioToFloat(a: bigint, b: bigint): number {
  // Fast path: both operands are exactly representable, so IEEE division rounds correctly.
  if (a <= 9007199254740992n && b <= 9007199254740992n) {
    return Number(a) / Number(b);
  }
  if (a === 0n) return 0;
  const diff = bitLength(a) - bitLength(b);
  if (diff > DBL_MAX_EXP) return Infinity;
  if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) return 0;
  // Shift so the quotient has DBL_MANT_DIG + 2 or + 3 bits (fewer for subnormal results).
  const shift = Math.max(diff, DBL_MIN_EXP) - DBL_MANT_DIG - 2;
  let x: bigint;
  let inexact: boolean;
  if (shift <= 0) {
    const n = a << BigInt(-shift);
    x = n / b;
    inexact = n % b !== 0n;
  } else {
    const d = b << BigInt(shift);
    x = a / d;
    inexact = a % d !== 0n;
  }
  // Round x to a multiple of 2**extraBits, half to even, counting the remainder as sticky.
  const xBits = bitLength(x);
  const extraBits = Math.max(xBits, DBL_MIN_EXP - shift) - DBL_MANT_DIG;
  const halfBit = 1n << BigInt(extraBits - 1);
  const low = x & ((halfBit << 1n) - 1n);
  if ((low & halfBit) !== 0n && (inexact || (low & (3n * halfBit - 1n)) !== 0n)) x += halfBit;
  x &= ~((halfBit << 1n) - 1n);
  const dx = Number(x);
  if (shift + xBits >= DBL_MAX_EXP && (shift + xBits > DBL_MAX_EXP || dx === 2 ** xBits)) {
    return Infinity;
  }
  return ldexp(dx, shift);
}
