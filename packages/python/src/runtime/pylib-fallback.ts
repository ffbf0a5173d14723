/**
 * The interpreter's own simplest correct versions of functions that the pure-semantics library
 * (`src/lib`, merged later) provides under the same names. Each is replaced by the library's when it
 * lands; nothing else in the interpreter implements these. (`floatRepr` has landed: it is
 * re-exported from the library.)
 *
 * @module
 */

export { floatRepr } from '../lib/float-repr.js';

/** Python's floor division of ints. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Python's modulo of ints (the sign of the divisor). */
export function intMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

/** Python's modulo of floats (`float_rem`). */
export function floatMod(a: number, b: number): number {
  let mod = a % b;
  if (mod) {
    if (b < 0 !== mod < 0) mod += b;
  } else {
    mod = b < 0 ? -0 : 0;
  }
  return mod;
}

/** Python's floor division of floats (`float_floor_div`). */
export function floatFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod && b < 0 !== mod < 0) div -= 1;
  if (div) {
    const floordiv = Math.floor(div);
    return div - floordiv > 0.5 ? floordiv + 1 : floordiv;
  }
  return b < 0 ? -0 : 0 * (a / b);
}

/** `a / b` of ints, correctly rounded for operands up to 2**53 (exact conversion), else by float division. */
export function intTrueDiv(a: bigint, b: bigint): number {
  return Number(a) / Number(b);
}
