/**
 * Arguments of the methods of the built-in value types, bound as Argument Clinic binds them:
 * positional parameters (some also by keyword), `start`/`end` slice indices that may be `None`
 * (`_PyEval_SliceIndex`), and the shared results (a list or tuple of new strs or bytes).
 *
 * @module
 */

import type { Interp, KwArgs, NativeFn } from '../runtime/interp.js';
import { arity } from './arguments.js';

/** A method's parameters: names in order, how many are required, which may be given by keyword. */
export interface Params {
  readonly names: readonly string[];
  readonly required: number;
  readonly keywords?: readonly string[];
}

/**
 * Binds `args` (positional, after self) and `kw` to `params`: a slot (borrowed) or `undefined` per
 * parameter, with CPython's messages for a wrong count or an unknown keyword.
 */
export function bindArgs(
  ip: Interp,
  name: string,
  args: number[],
  kw: KwArgs | null,
  params: Params,
): (number | undefined)[] {
  const bound: (number | undefined)[] = new Array(params.names.length).fill(undefined);
  const keywords = params.keywords ?? [];
  if (!kw || kw.names.length === 0) {
    arity(ip, name, args, params.required, params.names.length);
  } else if (args.length > params.names.length) {
    ip.raise('TypeError', `${name}() takes at most ${params.names.length} arguments (${args.length} given)`);
  }
  for (let i = 0; i < args.length; i++) bound[i] = args[i];
  if (kw) {
    kw.names.forEach((k, i) => {
      const at = params.names.indexOf(k);
      if (at < 0 || !keywords.includes(k))
        ip.raise('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
      if (bound[at] !== undefined)
        ip.raise('TypeError', `argument for ${name}() given by name ('${k}') and position (${at + 1})`);
      bound[at] = kw.values[i];
    });
    for (let i = 0; i < params.required; i++)
      if (bound[i] === undefined)
        ip.raise('TypeError', `${name}() missing required argument '${params.names[i]}' (pos ${i + 1})`);
  }
  return bound;
}

/** A method of self plus bound parameters. */
export function method(
  name: string,
  params: Params,
  body: (ip: Interp, self: number, args: (number | undefined)[]) => number,
): NativeFn {
  return (ip, all, kw) => body(ip, all[0], bindArgs(ip, name, all.slice(1), kw, params));
}

/** An index argument (`__index__`), as a number, `TypeError` for other values. */
export function indexArg(ip: Interp, slot: number): number {
  if (ip.isInt(slot)) return Number(ip.intValue(slot));
  const hook = ip.lookupSpecial(slot, '__index__');
  if (hook) {
    const r = ip.callMethod(slot, hook, []);
    const v = Number(ip.intValue(r));
    ip.drop(r);
    return v;
  }
  return ip.raise('TypeError', `'${ip.typeName(slot)}' object cannot be interpreted as an integer`);
}

/** A slice index for `find`/`count`/`startswith` (`None` or absent gives `fallback`). */
export function sliceIndexArg(ip: Interp, slot: number | undefined, fallback: number): number {
  if (slot === undefined || slot === ip.none) return fallback;
  if (!ip.isInt(slot) && !ip.lookupSpecial(slot, '__index__'))
    ip.raise('TypeError', 'slice indices must be integers or None or have an __index__ method');
  return indexArg(ip, slot);
}

/** A new list (or tuple) of the owned values `make` returns for each part. */
export function sequenceOf<T>(
  ip: Interp,
  parts: readonly T[],
  make: (part: T) => number,
  tuple = false,
): number {
  const h = ip.stackHeight;
  const slots = parts.map((p) => {
    const v = make(p);
    ip.push(v);
    return v;
  });
  const out = tuple ? ip.own(ip.heap.newTuple(slots)) : ip.newList(slots);
  ip.unwindTo(h);
  return out;
}
