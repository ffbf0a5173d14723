/**
 * Argument checking for built-in functions and methods (`_PyArg_CheckPositional` and
 * `_PyArg_NoKeywords`), with CPython's messages.
 *
 * @module
 */

import type { Interp, KwArgs } from '../runtime/interp.js';

/** Checks a built-in's positional count (`name() takes ...`). */
export function arity(ip: Interp, name: string, args: number[], min: number, max: number): void {
  const n = args.length;
  if (n >= min && n <= max) return;
  if (min === max) {
    if (min === 0) ip.raise('TypeError', `${name}() takes no arguments (${n} given)`);
    if (min === 1) ip.raise('TypeError', `${name}() takes exactly one argument (${n} given)`);
    ip.raise('TypeError', `${name} expected ${min} arguments, got ${n}`);
  }
  if (n < min)
    ip.raise('TypeError', `${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${n}`);
  ip.raise('TypeError', `${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${n}`);
}

/** Refuses keyword arguments (`name() takes no keyword arguments`). */
export function noKeywords(ip: Interp, name: string, kw: KwArgs | null): void {
  if (kw && kw.names.length > 0) ip.raise('TypeError', `${name}() takes no keyword arguments`);
}

/** A keyword argument's value (borrowed), or `undefined`; unknown keywords raise. */
export function keyword(
  ip: Interp,
  name: string,
  kw: KwArgs | null,
  allowed: readonly string[],
): Map<string, number> {
  const out = new Map<string, number>();
  if (!kw) return out;
  kw.names.forEach((k, i) => {
    if (!allowed.includes(k)) ip.raise('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
    out.set(k, kw.values[i]);
  });
  return out;
}

/** An int argument as a JavaScript number (`TypeError` for a non-int). */
export function intArg(ip: Interp, slot: number, what: string): number {
  if (!ip.isInt(slot)) {
    const hook = ip.lookupSpecial(slot, '__index__');
    if (hook) {
      const r = ip.callMethod(slot, hook, []);
      const v = Number(ip.intValue(r));
      ip.drop(r);
      return v;
    }
    ip.raise(
      'TypeError',
      `'${ip.typeName(slot)}' object cannot be interpreted as an integer${what ? '' : ''}`,
    );
  }
  return Number(ip.intValue(slot));
}
