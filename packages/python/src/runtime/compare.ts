/**
 * Comparisons (`COMPARE_OP`, `IS_OP`, `CONTAINS_OP`): numbers by value, strs by code points,
 * sequences item by item (identity first, as `PyObject_RichCompare` of items does), then the
 * operands' rich-comparison methods with the reflected fallback, and `in` through `__contains__`
 * or iteration.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { Interp } from './interp.js';
import { lookupType, typeOf } from './types.js';

const SWAPPED: Record<string, string> = {
  Lt: 'Gt',
  Gt: 'Lt',
  LtE: 'GtE',
  GtE: 'LtE',
  Eq: 'Eq',
  NotEq: 'NotEq',
};
const METHOD: Record<string, string> = {
  Lt: '__lt__',
  Gt: '__gt__',
  LtE: '__le__',
  GtE: '__ge__',
  Eq: '__eq__',
  NotEq: '__ne__',
};
const SYMBOL: Record<string, string> = { Lt: '<', Gt: '>', LtE: '<=', GtE: '>=', Eq: '==', NotEq: '!=' };

function isNumber(t: number): boolean {
  return t === TypeId.Int || t === TypeId.Bool || t === TypeId.Float;
}

function order(op: string, c: number): boolean {
  switch (op) {
    case 'Lt':
      return c < 0;
    case 'LtE':
      return c <= 0;
    case 'Gt':
      return c > 0;
    case 'GtE':
      return c >= 0;
    case 'Eq':
      return c === 0;
    default:
      return c !== 0;
  }
}

function compareNumbers(ip: Interp, a: number, b: number): number {
  const x = ip.store.type[a] === TypeId.Float ? ip.store.scalar[a] : ip.intValue(a);
  const y = ip.store.type[b] === TypeId.Float ? ip.store.scalar[b] : ip.intValue(b);
  if (typeof x === 'number' && Number.isNaN(x)) return Number.NaN;
  if (typeof y === 'number' && Number.isNaN(y)) return Number.NaN;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `a op b` as a JavaScript boolean (for `if`, `in`, sorting): the rich comparison, then its truth. */
export function compareBool(ip: Interp, op: string, a: number, b: number): boolean {
  const store = ip.store;
  const ta = store.type[a];
  const tb = store.type[b];
  if (isNumber(ta) && isNumber(tb)) {
    const c = compareNumbers(ip, a, b);
    if (Number.isNaN(c)) return op === 'NotEq';
    return order(op, c);
  }
  if (ta === TypeId.Str && tb === TypeId.Str) {
    const x = ip.text(a);
    const y = ip.text(b);
    return order(op, x < y ? -1 : x > y ? 1 : 0);
  }
  const result = richCompare(ip, op, a, b);
  const truth = ip.truthy(result);
  ip.drop(result);
  return truth;
}

/** `a == b` as a JavaScript boolean, identity first (as containers compare their items). */
export function equal(ip: Interp, a: number, b: number): boolean {
  return a === b || compareBool(ip, 'Eq', a, b);
}

/** `a op b` for the six comparisons; an owned result (usually a bool). */
export function richCompare(ip: Interp, op: string, a: number, b: number): number {
  const store = ip.store;
  const ta = store.type[a];
  const tb = store.type[b];
  if ((isNumber(ta) && isNumber(tb)) || (ta === TypeId.Str && tb === TypeId.Str))
    return ip.bool(compareBool(ip, op, a, b));
  if (ta === tb && (ta === TypeId.List || ta === TypeId.Tuple))
    return ip.bool(compareSequences(ip, op, a, b));
  const bytesLike = (t: number) => t === TypeId.Bytes || t === TypeId.ByteArray;
  if (bytesLike(ta) && bytesLike(tb) && (op === 'Eq' || op === 'NotEq'))
    return ip.bool(ip.bytesEqual(a, b) === (op === 'Eq'));
  if (ta === TypeId.Dict && tb === TypeId.Dict && (op === 'Eq' || op === 'NotEq'))
    return ip.bool(dictsEqual(ip, a, b) === (op === 'Eq'));
  if ((ta === TypeId.Set || ta === TypeId.FrozenSet) && (tb === TypeId.Set || tb === TypeId.FrozenSet))
    return ip.bool(compareSets(ip, op, a, b));
  const methodA = ip.payload(a) as { kind?: string; func?: number; self?: number } | undefined;
  const methodB = ip.payload(b) as { kind?: string; func?: number; self?: number } | undefined;
  if (methodA?.kind === 'method' && methodB?.kind === 'method' && (op === 'Eq' || op === 'NotEq'))
    return ip.bool((methodA.func === methodB.func && methodA.self === methodB.self) === (op === 'Eq'));
  const typeA = typeOf(ip, a);
  const typeB = typeOf(ip, b);
  const reflectedFirst = typeB !== typeA && typeB.mro.includes(typeA);
  const attempts: [number, string, number][] = reflectedFirst
    ? [
        [b, SWAPPED[op], a],
        [a, op, b],
      ]
    : [
        [a, op, b],
        [b, SWAPPED[op], a],
      ];
  for (const [self, o, other] of attempts) {
    const found = lookupType(typeOf(ip, self), METHOD[o]);
    if (!found || found.owner.name === 'object') continue;
    const r = ip.callMethod(self, found, [other]);
    if (r !== ip.notImplemented) return r;
    ip.drop(r);
  }
  if (op === 'Eq') return ip.bool(a === b);
  if (op === 'NotEq') {
    const eq = lookupType(typeA, '__eq__');
    if (eq && eq.owner.name !== 'object') {
      const r = ip.callMethod(a, eq, [b]);
      if (r === ip.notImplemented) {
        ip.drop(r);
        return ip.bool(a !== b);
      }
      const truth = ip.truthy(r);
      ip.drop(r);
      return ip.bool(!truth);
    }
    return ip.bool(a !== b);
  }
  return ip.raise(
    'TypeError',
    `'${SYMBOL[op]}' not supported between instances of '${typeA.name}' and '${typeB.name}'`,
  );
}

function compareSequences(ip: Interp, op: string, a: number, b: number): boolean {
  const x = ip.items(a);
  const y = ip.items(b);
  if ((op === 'Eq' || op === 'NotEq') && x.length !== y.length) return op === 'NotEq';
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (!equal(ip, x[i], y[i])) {
      if (op === 'Eq') return false;
      if (op === 'NotEq') return true;
      return compareBool(ip, op, x[i], y[i]);
    }
  }
  return order(op, x.length - y.length);
}

function dictsEqual(ip: Interp, a: number, b: number): boolean {
  const store = ip.store;
  if (store.refLen[a] !== store.refLen[b]) return false;
  const cells = store.refs.cells;
  for (let i = 0; i < store.refLen[a]; i += 2) {
    const key = cells[store.refStart[a] + i];
    const other = ip.dictLookup(b, key);
    if (other === NULL_REF || !equal(ip, cells[store.refStart[a] + i + 1], other)) return false;
  }
  return true;
}

function compareSets(ip: Interp, op: string, a: number, b: number): boolean {
  const subset = (x: number, y: number) => ip.items(x).every((m) => ip.contains(y, m));
  const na = ip.store.refLen[a];
  const nb = ip.store.refLen[b];
  switch (op) {
    case 'Eq':
      return na === nb && subset(a, b);
    case 'NotEq':
      return !(na === nb && subset(a, b));
    case 'LtE':
      return subset(a, b);
    case 'Lt':
      return na < nb && subset(a, b);
    case 'GtE':
      return subset(b, a);
    default:
      return na > nb && subset(b, a);
  }
}
