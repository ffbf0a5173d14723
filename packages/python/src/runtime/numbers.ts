/**
 * Arithmetic (`BINARY_OP`, `UNARY_*`): ints of arbitrary precision (numbers while they are safe
 * integers, bigints beyond), floats, and the sequence operators (`+` and `*` of str, list, tuple),
 * then the operands' `__add__`/`__radd__`-style methods.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { repeatCountFor, reserveBytes } from './allocation-guard.js';
import type { Interp } from './interp.js';
import { floatFloorDiv, floatMod, floorDiv, intMod, intTrueDiv } from './pylib-fallback.js';
import { newMergedSet } from './set-merge.js';
import { lookupType, typeOf } from './types.js';

/** Operator symbols and the special methods of each binary operator (as `ast` names them). */
export const BINARY: Record<string, { symbol: string; method: string; rmethod: string }> = {
  Add: { symbol: '+', method: '__add__', rmethod: '__radd__' },
  Sub: { symbol: '-', method: '__sub__', rmethod: '__rsub__' },
  Mult: { symbol: '*', method: '__mul__', rmethod: '__rmul__' },
  MatMult: { symbol: '@', method: '__matmul__', rmethod: '__rmatmul__' },
  Div: { symbol: '/', method: '__truediv__', rmethod: '__rtruediv__' },
  Mod: { symbol: '%', method: '__mod__', rmethod: '__rmod__' },
  Pow: { symbol: '** or pow()', method: '__pow__', rmethod: '__rpow__' },
  LShift: { symbol: '<<', method: '__lshift__', rmethod: '__rlshift__' },
  RShift: { symbol: '>>', method: '__rshift__', rmethod: '__rrshift__' },
  BitOr: { symbol: '|', method: '__or__', rmethod: '__ror__' },
  BitXor: { symbol: '^', method: '__xor__', rmethod: '__rxor__' },
  BitAnd: { symbol: '&', method: '__and__', rmethod: '__rand__' },
  FloorDiv: { symbol: '//', method: '__floordiv__', rmethod: '__rfloordiv__' },
};

const NOT_DONE = -2;

/** `a op b` for borrowed operands; an owned result. */
export function binaryOp(ip: Interp, op: string, a: number, b: number): number {
  const store = ip.store;
  const ta = store.type[a];
  const tb = store.type[b];
  const aInt = ta === TypeId.Int || ta === TypeId.Bool;
  const bInt = tb === TypeId.Int || tb === TypeId.Bool;
  if (aInt && bInt) return intOp(ip, op, ip.intValue(a), ip.intValue(b));
  if ((aInt || ta === TypeId.Float) && (bInt || tb === TypeId.Float))
    return floatOp(ip, op, Number(ip.intValue(a)), Number(ip.intValue(b)), a, b);
  const result = sequenceOp(ip, op, a, b);
  if (result !== NOT_DONE) return result;
  return dunderOp(ip, op, a, b);
}

function intOp(ip: Interp, op: string, x: number | bigint, y: number | bigint): number {
  if (typeof x === 'number' && typeof y === 'number') {
    switch (op) {
      case 'Add':
        return ip.int(x + y);
      case 'Sub':
        return ip.int(x - y);
      case 'Mult': {
        const r = x * y;
        if (Number.isSafeInteger(r)) return ip.int(r);
        break;
      }
      case 'Div':
        if (y === 0) ip.raise('ZeroDivisionError', 'division by zero');
        return ip.float(x / y);
      case 'FloorDiv':
        if (y === 0) ip.raise('ZeroDivisionError', 'integer division or modulo by zero');
        if (Math.abs(x) < 2 ** 31 && Math.abs(y) < 2 ** 31) return ip.int(Math.floor(x / y));
        break;
      case 'Mod': {
        if (y === 0) ip.raise('ZeroDivisionError', 'integer modulo by zero');
        const r = x % y;
        return ip.int(r !== 0 && r < 0 !== y < 0 ? r + y : r);
      }
      case 'BitAnd':
      case 'BitOr':
      case 'BitXor':
      case 'LShift':
      case 'RShift':
        break;
      default:
        break;
    }
  }
  const a = BigInt(x);
  const b = BigInt(y);
  switch (op) {
    case 'Add':
      return ip.int(a + b);
    case 'Sub':
      return ip.int(a - b);
    case 'Mult':
      return ip.int(a * b);
    case 'Div':
      if (b === 0n) ip.raise('ZeroDivisionError', 'division by zero');
      return ip.float(intTrueDiv(a, b));
    case 'FloorDiv':
      if (b === 0n) ip.raise('ZeroDivisionError', 'integer division or modulo by zero');
      return ip.int(floorDiv(a, b));
    case 'Mod':
      if (b === 0n) ip.raise('ZeroDivisionError', 'integer modulo by zero');
      return ip.int(intMod(a, b));
    case 'Pow':
      if (b < 0n) {
        if (a === 0n) ip.raise('ZeroDivisionError', '0.0 cannot be raised to a negative power');
        return ip.float(Number(a) ** Number(b));
      }
      if (a > 1n || a < -1n) reserveBytes(ip, (a.toString(16).length / 2) * Number(b));
      return ip.int(a ** b);
    case 'LShift':
      if (b < 0n) ip.raise('ValueError', 'negative shift count');
      if (a !== 0n) reserveBytes(ip, Number(b) / 8);
      return ip.int(a << b);
    case 'RShift':
      if (b < 0n) ip.raise('ValueError', 'negative shift count');
      return ip.int(a >> b);
    case 'BitAnd':
      return ip.int(a & b);
    case 'BitOr':
      return ip.int(a | b);
    case 'BitXor':
      return ip.int(a ^ b);
    default:
      return unsupported(ip, op, ip.bool(true), ip.bool(true));
  }
}

function floatOp(ip: Interp, op: string, x: number, y: number, a: number, b: number): number {
  switch (op) {
    case 'Add':
      return ip.float(x + y);
    case 'Sub':
      return ip.float(x - y);
    case 'Mult':
      return ip.float(x * y);
    case 'Div':
      if (y === 0) ip.raise('ZeroDivisionError', 'float division by zero');
      return ip.float(x / y);
    case 'FloorDiv':
      if (y === 0) ip.raise('ZeroDivisionError', 'float floor division by zero');
      return ip.float(floatFloorDiv(x, y));
    case 'Mod':
      if (y === 0) ip.raise('ZeroDivisionError', 'float modulo');
      return ip.float(floatMod(x, y));
    case 'Pow':
      if (x === 0 && y < 0) ip.raise('ZeroDivisionError', '0.0 cannot be raised to a negative power');
      if (x < 0 && !Number.isInteger(y))
        ip.raise('NotImplementedError', 'complex numbers are not supported by pymm');
      return ip.float(x ** y);
    default:
      return unsupported(ip, op, a, b);
  }
}

function repeatCount(ip: Interp, slot: number, itemBytes: number): number {
  return repeatCountFor(ip, ip.intValue(slot), itemBytes);
}

function sequenceOp(ip: Interp, op: string, a: number, b: number): number {
  const store = ip.store;
  const ta = store.type[a];
  const tb = store.type[b];
  if (op === 'Add' && ta === tb) {
    if (ta === TypeId.Str) {
      // `PyUnicode_Concat` returns an exact str operand unchanged when the other is empty.
      if (store.scalar[a] === 0) return ip.own(b);
      if (store.scalar[b] === 0) return ip.own(a);
      return ip.str(ip.text(a) + ip.text(b));
    }
    // `tuplecat`: a tuple plus the empty tuple is the tuple itself.
    if (ta === TypeId.Tuple && store.refLen[b] === 0) return ip.own(a);
    if (ta === TypeId.Tuple && store.refLen[a] === 0) return ip.own(b);
    if (ta === TypeId.List || ta === TypeId.Tuple) {
      const items = [...ip.items(a), ...ip.items(b)];
      return ta === TypeId.List ? ip.newList(items) : ip.own(ip.heap.newTuple(items));
    }
  }
  if (op === 'Mult') {
    const [seq, count] = ip.isInt(b) ? [a, b] : ip.isInt(a) ? [b, a] : [NOT_DONE, NOT_DONE];
    if (seq === NOT_DONE) return NOT_DONE;
    const ts = store.type[seq];
    // `str * 1` and `tuple * 1` are the object itself (`unicode_repeat`, `tuplerepeat`).
    if ((ts === TypeId.Str || ts === TypeId.Tuple) && repeatCount(ip, count, 0) === 1) return ip.own(seq);
    if (ts === TypeId.Str) {
      const text = ip.text(seq);
      return ip.str(text.repeat(repeatCount(ip, count, text.length)));
    }
    if (ts === TypeId.List || ts === TypeId.Tuple) {
      const one = ip.items(seq);
      const n = repeatCount(ip, count, one.length * 8);
      const items: number[] = [];
      for (let i = 0; i < n; i++) items.push(...one);
      return ts === TypeId.List ? ip.newList(items) : ip.own(ip.heap.newTuple(items));
    }
  }
  if (op === 'Mod' && ta === TypeId.Str) return ip.percentFormat(a, b);
  const bytes = ip.bytesOp(op, a, b);
  if (bytes !== NOT_DONE) return bytes;
  const isSet = (t: number) => t === TypeId.Set || t === TypeId.FrozenSet;
  if (isSet(ta) && isSet(tb)) {
    const left = ip.items(a);
    const right = ip.items(b);
    let members: number[];
    if (op === 'BitOr') return newMergedSet(ip, [a, b], ta === TypeId.FrozenSet);
    if (op === 'BitAnd') members = left.filter((m) => ip.contains(b, m));
    else if (op === 'Sub') members = left.filter((m) => !ip.contains(b, m));
    else if (op === 'BitXor')
      members = [...left.filter((m) => !ip.contains(b, m)), ...right.filter((m) => !ip.contains(a, m))];
    else return NOT_DONE;
    return ip.newSet(members, ta === TypeId.FrozenSet);
  }
  return NOT_DONE;
}

function dunderOp(ip: Interp, op: string, a: number, b: number): number {
  const names = BINARY[op];
  const ta = typeOf(ip, a);
  const tb = typeOf(ip, b);
  const forward = lookupType(ta, names.method);
  if (forward && (forward.native === null || ta.user || ta.nativeSlots)) {
    const r = ip.callMethod(a, forward, [b]);
    if (r !== ip.notImplemented) return r;
    ip.drop(r);
  }
  const reflected = tb !== ta ? lookupType(tb, names.rmethod) : null;
  if (reflected && (reflected.native === null || tb.user || tb.nativeSlots)) {
    const r = ip.callMethod(b, reflected, [a]);
    if (r !== ip.notImplemented) return r;
    ip.drop(r);
  }
  if (op === 'BitOr' && ip.store.type[a] === TypeId.Dict && ip.store.type[b] === TypeId.Dict) {
    return ip.dictMerge(a, b);
  }
  return unsupported(ip, op, a, b);
}

function unsupported(ip: Interp, op: string, a: number, b: number): never {
  const ta = typeOf(ip, a).name;
  const tb = typeOf(ip, b).name;
  if (op === 'Add' && ip.store.type[a] === TypeId.Str)
    return ip.raise('TypeError', `can only concatenate str (not "${tb}") to str`);
  if (op === 'Add' && (ip.store.type[a] === TypeId.List || ip.store.type[a] === TypeId.Tuple))
    return ip.raise('TypeError', `can only concatenate ${ta} (not "${tb}") to ${ta}`);
  if (op === 'Mult' && [TypeId.Str, TypeId.List, TypeId.Tuple].includes(ip.store.type[a] as never))
    return ip.raise('TypeError', `can't multiply sequence by non-int of type '${tb}'`);
  return ip.raise('TypeError', `unsupported operand type(s) for ${BINARY[op].symbol}: '${ta}' and '${tb}'`);
}

/** `-x`, `+x`, `~x`, `not x` of a borrowed operand; an owned result. */
export function unaryOp(ip: Interp, op: string, a: number): number {
  if (op === 'Not') return ip.bool(!ip.truthy(a));
  const t = ip.store.type[a];
  if (t === TypeId.Int || t === TypeId.Bool) {
    const v = ip.intValue(a);
    if (op === 'USub') return typeof v === 'bigint' ? ip.int(-v) : ip.int(v === 0 ? 0 : -v);
    if (op === 'UAdd') return ip.int(v);
    return typeof v === 'bigint' ? ip.int(~v) : ip.int(-v - 1);
  }
  if (t === TypeId.Float) {
    const v = ip.store.scalar[a];
    if (op === 'USub') return ip.float(-v);
    if (op === 'UAdd') return ip.float(v);
  }
  const method = op === 'USub' ? '__neg__' : op === 'UAdd' ? '__pos__' : '__invert__';
  const found = lookupType(typeOf(ip, a), method);
  if (found) return ip.callMethod(a, found, []);
  const symbol = op === 'USub' ? '-' : op === 'UAdd' ? '+' : '~';
  return ip.raise('TypeError', `bad operand type for unary ${symbol}: '${typeOf(ip, a).name}'`);
}
