/**
 * `repr(float)` and `str(float)` (identical since Python 3.2), as
 * `Python/pystrtod.c`'s `PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0)`:
 * the shortest digit string that round-trips (`_Py_dg_dtoa` mode 0), written in
 * positional notation when the decimal point position `decpt` satisfies
 * `-4 < decpt <= 16`, else in exponent notation with at least two exponent digits.
 */

/**
 * `repr(x)` for a Python float: `0.1`, `1.0`, `-0.0`, `1e+16`, `1e-05`,
 * `123456789012345.0`, `1.5e+300`, `inf`, `-inf`, `nan`.
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // ECMAScript's toExponential() without an argument gives the shortest
  // round-tripping digits, as _Py_dg_dtoa mode 0 does: "d.ddde+N".
  const sign = x < 0 ? '-' : '';
  const exp = (x < 0 ? -x : x).toExponential();
  const e = exp.indexOf('e');
  const digits = exp.length > 1 && exp.charCodeAt(1) === 46 ? exp[0] + exp.slice(2, e) : exp.slice(0, e);
  const decpt = Number(exp.slice(e + 1)) + 1;
  return sign + formatShort(digits, decpt);
}

/** `format_float_short` for the 'r' code: `digits` are the significant digits, the value `0.digits × 10**decpt`. */
function formatShort(digits: string, decpt: number): string {
  const n = digits.length;
  if (decpt <= -4 || decpt > 16) {
    const exponent = decpt - 1;
    const mantissa = n === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    const absExp = exponent < 0 ? -exponent : exponent;
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${absExp < 10 ? '0' : ''}${absExp}`;
  }
  if (decpt <= 0) return `0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= n) return `${digits}${'0'.repeat(decpt - n)}.0`;
  return `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}
