/**
 * `float.hex()` and `float.fromhex()` (`Objects/floatobject.c`'s `float_hex` and
 * `float_fromhex`): 13 hexadecimal digits after the point and a binary exponent, and the parse
 * of that form (rounded half to even, `OverflowError` past the largest float).
 *
 * @module
 */

import { PyLibError } from './python-error.js';
import { ratioToFloat } from './ratio-to-float.js';

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
  let mantissa = BigInt(`0x${digits || '0'}`);
  let exponent = Number(m[4] ?? '0') - 4 * (m[3]?.length ?? 0);
  let value: number;
  if (mantissa === 0n) value = 0;
  else if (exponent > 1100)
    throw new PyLibError('OverflowError', 'hexadecimal value too large to represent as a float');
  else {
    if (exponent < -1200) {
      // Far below the smallest subnormal: keep a sticky bit so that rounding still sees it.
      mantissa = 1n;
      exponent = -1200;
    }
    value =
      exponent >= 0
        ? ratioToFloat(mantissa << BigInt(exponent), 1n)
        : ratioToFloat(mantissa, 1n << BigInt(-exponent));
    if (!Number.isFinite(value))
      throw new PyLibError('OverflowError', 'hexadecimal value too large to represent as a float');
  }
  return m[1] === '-' ? -value : value;
}
