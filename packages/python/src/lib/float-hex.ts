/**
 * `float.hex()` and `float.fromhex()` (`Objects/floatobject.c`'s `float_hex` and
 * `float_fromhex`): 13 hexadecimal digits after the point and a binary exponent, and the parse
 * of that form (rounded half to even, `OverflowError` past the largest float).
 *
 * @module
 */

import { PyLibError } from './python-error.js';
import { bitLength } from './ratio-to-float.js';

const view = new DataView(new ArrayBuffer(8));

/** `x.hex()`. */
export function floatHex(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0x0.0p+0`;
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = ((BigInt(hi & 0xfffff) << 32n) | BigInt(lo)).toString(16).padStart(13, '0');
  const exponent = biased === 0 ? -1022 : biased - 1023;
  return `${sign}0x${biased === 0 ? '0' : '1'}.${fraction}p${exponent >= 0 ? '+' : ''}${exponent}`;
}

/** `float.fromhex(text)`. */
export function floatFromHex(text: string): number {
  const s = text.trim();
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    const v = special[2].toLowerCase() === 'nan' ? Number.NaN : Number.POSITIVE_INFINITY;
    return special[1] === '-' ? -v : v;
  }
  const m = /^([+-]?)(?:0x)?([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/i.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === ''))
    throw new PyLibError('ValueError', 'invalid hexadecimal floating-point string');
  const digits = `${m[2]}${m[3] ?? ''}`;
  const mantissa = BigInt(`0x${digits || '0'}`);
  const exponent = Number(m[4] ?? '0') - 4 * (m[3]?.length ?? 0);
  const value = mantissa === 0n ? 0 : roundBinary(mantissa, exponent);
  return m[1] === '-' ? -value : value;
}

/** `mantissa * 2**exponent` rounded half to even to a double (subnormals kept), `OverflowError` past the largest. */
function roundBinary(mantissa: bigint, exponent: number): number {
  const top = bitLength(mantissa) + exponent;
  if (top > 1025)
    throw new PyLibError('OverflowError', 'hexadecimal value too large to represent as a float');
  // The exponent of the last bit a double keeps for this magnitude (-1074 for subnormals).
  const last = Math.max(top - 53, -1074);
  let q = mantissa;
  let e = exponent;
  const shift = last - exponent;
  if (shift > 0) {
    const s = BigInt(shift);
    q = mantissa >> s;
    const rest = mantissa - (q << s);
    const half = 1n << (s - 1n);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
    e = last;
  }
  const half = e >> 1;
  const value = Number(q) * 2 ** half * 2 ** (e - half);
  if (!Number.isFinite(value))
    throw new PyLibError('OverflowError', 'hexadecimal value too large to represent as a float');
  return value;
}
