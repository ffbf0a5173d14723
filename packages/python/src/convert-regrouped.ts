/**
 * Where tree-sitter-python groups an expression differently from Python's grammar, the converter
 * groups it again as CPython does: `&` binds tighter than `^` (the grammar has them the other way
 * round), `A | B | C` in an annotation is left-associative (the grammar groups it from the right),
 * and `*a.b()` in a display or a subscript is `*(a.b())` (the grammar reads `(*a).b()`).
 *
 * @example
 * ```ts
 * import { type ExprStmt, loadParser, parsePythonSync } from '@pymm/python';
 * await loadParser();
 * const parsed = parsePythonSync('a ^ b & c\n');
 * const value = parsed.ok ? (parsed.module.body[0] as ExprStmt).value : null;
 * value?._type === 'BinOp' && [value.op, value.right._type]; // ['BitXor', 'BinOp']
 * ```
 */
import type { Expr } from './ast-nodes.js';
import { type ConvertContext, namedChildren, type TSNode } from './convert-context.js';
import { convertExpression } from './convert-expressions.js';

/**
 * `A | B | C` in an annotation: for CPython an ordinary `|` (BinOp BitOr), left-associative. The
 * grammar's `union_type` groups it from the right (`A | (B | C)`, the right side an ordinary
 * expression), so the operands are taken in source order and grouped again from the left.
 */
export function unionType(cx: ConvertContext, node: TSNode): Expr {
  const operands: TSNode[] = [];
  const collect = (n: TSNode) => {
    if (n.type === 'type') collect(namedChildren(n)[0]);
    else if (
      n.type === 'union_type' ||
      (n.type === 'binary_operator' && n.childForFieldName('operator')!.type === '|')
    ) {
      const [left, right] =
        n.type === 'union_type'
          ? namedChildren(n)
          : [n.childForFieldName('left')!, n.childForFieldName('right')!];
      collect(left);
      collect(right);
    } else operands.push(n);
  };
  collect(node);
  let expr = convertExpression(cx, operands[0]);
  for (let i = 1; i < operands.length; i++) {
    const right = convertExpression(cx, operands[i]);
    expr = {
      _type: 'BinOp',
      left: expr,
      op: 'BitOr',
      right,
      ...cx.spanOf(node.startIndex, operands[i].endIndex),
    };
  }
  return expr;
}

/**
 * The grammar reads `*a.b()` in a display or a subscript as `(*a).b()`; Python reads it as
 * `*(a.b())`. An attribute, call or subscript whose object came out starred is turned inside out:
 * the star moves outside, and the node starts where the starred value starts.
 */
export function starOutside(expr: Expr): Expr {
  const inner =
    expr._type === 'Call'
      ? expr.func
      : expr._type === 'Attribute' || expr._type === 'Subscript'
        ? expr.value
        : null;
  if (inner?._type !== 'Starred') return expr;
  const moved = { ...expr, lineno: inner.value.lineno, col_offset: inner.value.col_offset } as Expr;
  if (moved._type === 'Call') moved.func = inner.value;
  else if (moved._type === 'Attribute' || moved._type === 'Subscript') moved.value = inner.value;
  return {
    _type: 'Starred',
    value: moved,
    ctx: 'Load',
    lineno: inner.lineno,
    col_offset: inner.col_offset,
    end_lineno: expr.end_lineno,
    end_col_offset: expr.end_col_offset,
  };
}

/** Binding strength of `&` and `^` in Python: `&` binds tighter (`a ^ b & c` is `a ^ (b & c)`). */
const BITWISE_PRECEDENCE: Record<string, number> = { '&': 2, '^': 1 };

/**
 * The grammar gives `^` a higher precedence than `&`, the opposite of Python's, so a chain that mixes
 * them without parentheses comes out grouped wrongly. This takes the chain's operands and operators
 * in source order and groups them again by Python's precedence (both left-associative); `null` when
 * the chain has one operator only (then the grammar's grouping is right).
 */
export function bitwiseChain(cx: ConvertContext, node: TSNode): Expr | null {
  const operands: TSNode[] = [];
  const operators: string[] = [];
  const collect = (n: TSNode) => {
    const op = n.type === 'binary_operator' ? n.childForFieldName('operator')!.type : null;
    if (op !== '&' && op !== '^') {
      operands.push(n);
      return;
    }
    collect(n.childForFieldName('left')!);
    operators.push(op);
    collect(n.childForFieldName('right')!);
  };
  collect(node);
  if (operators.every((op) => op === operators[0])) return null;
  let next = 0;
  const group = (minimum: number): { expr: Expr; start: number; end: number } => {
    const first = operands[next];
    let left = { expr: convertExpression(cx, first), start: first.startIndex, end: first.endIndex };
    while (next < operators.length && BITWISE_PRECEDENCE[operators[next]] >= minimum) {
      const op = operators[next++];
      const right = group(BITWISE_PRECEDENCE[op] + 1);
      const expr: Expr = {
        _type: 'BinOp',
        left: left.expr,
        op: op === '&' ? 'BitAnd' : 'BitXor',
        right: right.expr,
        ...cx.spanOf(left.start, right.end),
      };
      left = { expr, start: left.start, end: right.end };
    }
    return left;
  };
  return group(1).expr;
}
