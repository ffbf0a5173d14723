/**
 * Constant folding as CPython's AST optimizer does it (`Python/ast_opt.c`): a unary or binary
 * operation on int, float and str constants becomes one constant, within the optimizer's size
 * limits (`MAX_INT_SIZE`, `MAX_STR_SIZE`), so `1000 + 1 is 1001` is one object as in CPython.
 *
 * @module
 */

import type { Expr } from '../ast-nodes.js';
import { floorDiv, intMod } from '../runtime/pylib-fallback.js';

const MAX_INT_SIZE = 128n;
const MAX_STR_SIZE = 4096;

function bits(n: bigint): bigint {
  return BigInt((n < 0n ? -n : n).toString(2).length);
}

function constantOf(node: Expr): bigint | number | string | undefined {
  if (node._type !== 'Constant') return undefined;
  const v = node.value;
  return typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string' ? v : undefined;
}

function foldInts(op: string, a: bigint, b: bigint): bigint | number | undefined {
  switch (op) {
    case 'Add':
      return a + b;
    case 'Sub':
      return a - b;
    case 'Mult':
      return a !== 0n && b !== 0n && bits(a) + bits(b) > MAX_INT_SIZE ? undefined : a * b;
    case 'FloorDiv':
      return b === 0n ? undefined : floorDiv(a, b);
    case 'Mod':
      return b === 0n ? undefined : intMod(a, b);
    case 'Pow':
      if (b < 0n) return a === 0n ? undefined : Number(a) ** Number(b);
      return a !== 0n && b > 0n && bits(a) * b > MAX_INT_SIZE ? undefined : a ** b;
    case 'LShift':
      return b < 0n || b > MAX_INT_SIZE || bits(a) > MAX_INT_SIZE - b ? undefined : a << b;
    case 'RShift':
      return b < 0n ? undefined : a >> b;
    case 'BitAnd':
      return a & b;
    case 'BitOr':
      return a | b;
    case 'BitXor':
      return a ^ b;
    case 'Div':
      return b === 0n ? undefined : Number(a) / Number(b);
    default:
      return undefined;
  }
}

/** The folded value of an expression over constants, or undefined when CPython would not fold it. */
export function foldConstant(node: Expr): bigint | number | string | undefined {
  if (node._type === 'UnaryOp') {
    const v = node.operand._type === 'Constant' ? constantOf(node.operand) : foldConstant(node.operand);
    if (v === undefined || typeof v === 'string') return undefined;
    if (node.op === 'USub') return typeof v === 'bigint' ? -v : -v;
    if (node.op === 'UAdd') return v;
    if (node.op === 'Invert' && typeof v === 'bigint') return ~v;
    return undefined;
  }
  if (node._type !== 'BinOp') return undefined;
  const a = node.left._type === 'Constant' ? constantOf(node.left) : foldConstant(node.left);
  const b = node.right._type === 'Constant' ? constantOf(node.right) : foldConstant(node.right);
  if (a === undefined || b === undefined) return undefined;
  if (typeof a === 'bigint' && typeof b === 'bigint') return foldInts(node.op, a, b);
  if (typeof a === 'string' || typeof b === 'string') {
    if (
      node.op === 'Add' &&
      typeof a === 'string' &&
      typeof b === 'string' &&
      a.length + b.length <= MAX_STR_SIZE
    )
      return a + b;
    if (
      node.op === 'Mult' &&
      typeof a === 'string' &&
      typeof b === 'bigint' &&
      b >= 0n &&
      a.length * Number(b) <= MAX_STR_SIZE
    )
      return a.repeat(Number(b));
    return undefined;
  }
  const x = Number(a);
  const y = Number(b);
  switch (node.op) {
    case 'Add':
      return x + y;
    case 'Sub':
      return x - y;
    case 'Mult':
      return x * y;
    case 'Div':
      return y === 0 ? undefined : x / y;
    default:
      return undefined;
  }
}
