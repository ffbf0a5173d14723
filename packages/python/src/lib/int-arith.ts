/**
 * Python `int` arithmetic on `bigint`, as `Objects/longobject.c`: floor
 * division and modulo (`l_divmod`), `pow` (`long_pow`, with a modulus and
 * negative exponents), true division (`long_true_divide`, correctly rounded),
 * shifts, bitwise operations and `float(int)`. The `…Small` functions are the
 * same operations on safe-integer `number`s (no allocation), for the
 * interpreter's small-int fast path; their results are safe integers too.
 */
import { floatPow } from './float-arith.js';
import { PyLibError } from './python-error.js';
import { atLeast, type PythonVersion } from './python-version.js';
import { bitLength, ratioToFloat } from './ratio-to-float.js';

const DIVISION_BY_ZERO = 'integer division or modulo by zero';

function moduloByZero(version: PythonVersion): PyLibError {
  return new PyLibError(
    'ZeroDivisionError',
    atLeast(version, '3.11') ? 'integer modulo by zero' : DIVISION_BY_ZERO,
  );
}

/** `a // b`: the floor of the quotient. ZeroDivisionError when `b` is 0. */
export function floorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new PyLibError('ZeroDivisionError', DIVISION_BY_ZERO);
  const q = a / b;
  // bigint division truncates; floor it when the signs differ and it was inexact.
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** `a % b`: the remainder with the sign of `b`. ZeroDivisionError when `b` is 0 (message per version). */
export function mod(a: bigint, b: bigint, version: PythonVersion = '3.11'): bigint {
  if (b === 0n) throw moduloByZero(version);
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

/** `divmod(a, b)`: `[a // b, a % b]`. */
export function divmod(a: bigint, b: bigint): [bigint, bigint] {
  if (b === 0n) throw new PyLibError('ZeroDivisionError', DIVISION_BY_ZERO);
  let q = a / b;
  let r = a % b;
  if (r !== 0n && r < 0n !== b < 0n) {
    q -= 1n;
    r += b;
  }
  return [q, r];
}

/** `a // b` on safe integers (same result and error as {@link floorDiv}). */
export function floorDivSmall(a: number, b: number): number {
  if (b === 0) throw new PyLibError('ZeroDivisionError', DIVISION_BY_ZERO);
  return Math.floor(a / b) + 0;
}

/** `a % b` on safe integers (same result and error as {@link mod}). */
export function modSmall(a: number, b: number, version: PythonVersion = '3.11'): number {
  if (b === 0) throw moduloByZero(version);
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r + 0;
}

/**
 * `a ** b` (two arguments): an int when `b >= 0`; a float (as `float(a) ** float(b)`)
 * when `b < 0`, with ZeroDivisionError for `0 ** -n`.
 */
export function pow(a: bigint, b: bigint): bigint | number {
  if (b < 0n) {
    const result = floatPow(intToFloat(a), intToFloat(b));
    // float(a) ** float(b) with b a negative integer is never complex.
    return result as number;
  }
  if (a === 0n || a === 1n) return b === 0n ? 1n : a;
  if (a === -1n) return b % 2n === 0n ? 1n : -1n;
  try {
    return a ** b;
  } catch {
    throw new PyLibError('MemoryError', '');
  }
}

/**
 * `pow(a, b, m)`: `a ** b % m` by modular exponentiation; a negative `b` uses the
 * inverse of `a` modulo `m`. ValueError when `m` is 0 or `a` has no inverse.
 */
export function powMod(a: bigint, b: bigint, m: bigint): bigint {
  if (m === 0n) throw new PyLibError('ValueError', 'pow() 3rd argument cannot be 0');
  const negativeModulus = m < 0n;
  if (negativeModulus) m = -m;
  if (m === 1n) return 0n;
  a %= m;
  if (a < 0n) a += m;
  if (b < 0n) {
    a = inverseMod(a, m);
    b = -b;
  }
  let result = 1n;
  while (b > 0n) {
    if (b & 1n) result = (result * a) % m;
    a = (a * a) % m;
    b >>= 1n;
  }
  return negativeModulus && result !== 0n ? result - m : result;
}

/** `long_invmod`: the inverse of `a` modulo `n` (both positive), by the extended Euclidean algorithm. */
function inverseMod(a: bigint, n: bigint): bigint {
  let b = n;
  let c = 1n;
  let d = 0n;
  while (b !== 0n) {
    const q = a / b;
    [a, b] = [b, a - q * b];
    [c, d] = [d, c - q * d];
  }
  if (a !== 1n) throw new PyLibError('ValueError', 'base is not invertible for the given modulus');
  return c < 0n ? c + n : c;
}

/**
 * `a / b` for ints: the correctly rounded float quotient (`long_true_divide`).
 * ZeroDivisionError for `b == 0`, OverflowError when the result is too large for a float.
 */
export function trueDiv(a: bigint, b: bigint): number {
  if (b === 0n) throw new PyLibError('ZeroDivisionError', 'division by zero');
  const negate = a < 0n !== b < 0n;
  const q = ratioToFloat(a < 0n ? -a : a, b < 0n ? -b : b);
  if (q === Infinity) throw new PyLibError('OverflowError', 'integer division result too large for a float');
  return negate ? -q : q;
}

/** `float(a)`: rounded half to even; OverflowError when it is too large for a float. */
export function intToFloat(a: bigint): number {
  const x = Number(a);
  if (x === Infinity || x === -Infinity) {
    throw new PyLibError('OverflowError', 'int too large to convert to float');
  }
  return x;
}

const MAX_SHIFT = 1n << 63n;

function checkShiftCount(n: bigint): void {
  if (n < 0n) throw new PyLibError('ValueError', 'negative shift count');
}

/** `a << n`. ValueError for a negative count; OverflowError / MemoryError for counts too large. */
export function lshift(a: bigint, n: bigint): bigint {
  checkShiftCount(n);
  if (a === 0n) return 0n;
  if (n >= MAX_SHIFT) throw new PyLibError('OverflowError', 'too many digits in integer');
  try {
    return a << n;
  } catch {
    throw new PyLibError('MemoryError', '');
  }
}

/** `a >> n` (floor of `a / 2**n`). ValueError for a negative count. */
export function rshift(a: bigint, n: bigint): bigint {
  checkShiftCount(n);
  if (n >= BigInt(bitLength(a))) return a < 0n ? -1n : 0n;
  return a >> n;
}

/** `a & b` (two's complement of unbounded width, as bigint's). */
export function bitAnd(a: bigint, b: bigint): bigint {
  return a & b;
}

/** `a | b`. */
export function bitOr(a: bigint, b: bigint): bigint {
  return a | b;
}

/** `a ^ b`. */
export function bitXor(a: bigint, b: bigint): bigint {
  return a ^ b;
}

/** `~a` (`-a - 1`). */
export function invert(a: bigint): bigint {
  return ~a;
}
