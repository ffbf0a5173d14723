/**
 * The expression nodes of pymm's Python syntax tree (`ast.expr` and its subclasses), shaped as in
 * CPython 3.11's `ast` module (see `ast-nodes.ts`).
 */
import type {
  Arguments,
  BoolOperator,
  CmpOperator,
  Comprehension,
  ConstantValue,
  ExprContext,
  Keyword,
  Located,
  Operator,
  UnaryOperator,
} from './ast-nodes.js';

/**
 * `and` / `or` over two or more operands (`ast.BoolOp`).
 *
 * @example
 * ```ts
 * import { parsePython, type BoolOp, type ExprStmt } from '@pymm/python';
 * const parsed = await parsePython('a and b and c\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as BoolOp;
 * node._type; // 'BoolOp'
 * node.op; // 'And'
 * node.values.map((n) => n._type); // ['Name', 'Name', 'Name']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 13]
 * ```
 */
export interface BoolOp extends Located {
  _type: 'BoolOp';
  op: BoolOperator;
  values: Expr[];
}

/**
 * An assignment expression, `(y := value)` (`ast.NamedExpr`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type NamedExpr } from '@pymm/python';
 * const parsed = await parsePython('(y := f(x))\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as NamedExpr;
 * node._type; // 'NamedExpr'
 * node.target._type; // 'Name'
 * node.value._type; // 'Call'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 1, 1, 10]
 * ```
 */
export interface NamedExpr extends Located {
  _type: 'NamedExpr';
  target: Expr;
  value: Expr;
}

/**
 * A binary operation, `left op right` (`ast.BinOp`).
 *
 * @example
 * ```ts
 * import { parsePython, type BinOp, type ExprStmt } from '@pymm/python';
 * const parsed = await parsePython('x + 1\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as BinOp;
 * node._type; // 'BinOp'
 * node.left._type; // 'Name'
 * node.op; // 'Add'
 * node.right._type; // 'Constant'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 5]
 * ```
 */
export interface BinOp extends Located {
  _type: 'BinOp';
  left: Expr;
  op: Operator;
  right: Expr;
}

/**
 * A unary operation: `not`, `-`, `+`, `~` (`ast.UnaryOp`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type UnaryOp } from '@pymm/python';
 * const parsed = await parsePython('not x\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as UnaryOp;
 * node._type; // 'UnaryOp'
 * node.op; // 'Not'
 * node.operand._type; // 'Name'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 5]
 * ```
 */
export interface UnaryOp extends Located {
  _type: 'UnaryOp';
  op: UnaryOperator;
  operand: Expr;
}

/**
 * `lambda args: body` (`ast.Lambda`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type Lambda } from '@pymm/python';
 * const parsed = await parsePython('lambda x: x * 2\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as Lambda;
 * node._type; // 'Lambda'
 * node.args._type; // 'arguments'
 * node.body._type; // 'BinOp'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 15]
 * ```
 */
export interface Lambda extends Located {
  _type: 'Lambda';
  args: Arguments;
  body: Expr;
}

/**
 * A conditional expression, `body if test else orelse` (`ast.IfExp`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type IfExp } from '@pymm/python';
 * const parsed = await parsePython('a if c else b\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as IfExp;
 * node._type; // 'IfExp'
 * node.test._type; // 'Name'
 * node.body._type; // 'Name'
 * node.orelse._type; // 'Name'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 13]
 * ```
 */
export interface IfExp extends Located {
  _type: 'IfExp';
  test: Expr;
  body: Expr;
  orelse: Expr;
}

/**
 * A dict display; a `**mapping` entry has a `null` key (`ast.Dict`).
 *
 * @example
 * ```ts
 * import { parsePython, type Dict, type ExprStmt } from '@pymm/python';
 * const parsed = await parsePython("{'a': 1, **rest}\n");
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as Dict;
 * node._type; // 'Dict'
 * node.keys.map((n) => n && n._type); // ['Constant', null]
 * node.values.map((n) => n._type); // ['Constant', 'Name']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 16]
 * ```
 */
export interface Dict extends Located {
  _type: 'Dict';
  /** `null` for a `**mapping` entry. */
  keys: (Expr | null)[];
  values: Expr[];
}

/**
 * A set display, `{1, 2}` (`ast.Set`; named `SetExpr` here so that it does not hide JavaScript's
 * `Set`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type SetExpr } from '@pymm/python';
 * const parsed = await parsePython('{1, 2}\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as SetExpr;
 * node._type; // 'Set'
 * node.elts.map((n) => n._type); // ['Constant', 'Constant']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 6]
 * ```
 */
export interface SetExpr extends Located {
  _type: 'Set';
  elts: Expr[];
}

/**
 * A list or set comprehension or a generator expression (`ast.ListComp`, `ast.SetComp`,
 * `ast.GeneratorExp`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type ListComp } from '@pymm/python';
 * const parsed = await parsePython('[x * x for x in xs if x]\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as ListComp;
 * node._type; // 'ListComp'
 * node.elt._type; // 'BinOp'
 * node.generators.map((n) => n._type); // ['comprehension']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 24]
 * ```
 */
export interface ListComp extends Located {
  _type: 'ListComp' | 'SetComp' | 'GeneratorExp';
  elt: Expr;
  generators: Comprehension[];
}

/**
 * A dict comprehension, `{k: v for ...}` (`ast.DictComp`).
 *
 * @example
 * ```ts
 * import { parsePython, type DictComp, type ExprStmt } from '@pymm/python';
 * const parsed = await parsePython('{k: v for k, v in pairs}\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as DictComp;
 * node._type; // 'DictComp'
 * node.key._type; // 'Name'
 * node.value._type; // 'Name'
 * node.generators.map((n) => n._type); // ['comprehension']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 24]
 * ```
 */
export interface DictComp extends Located {
  _type: 'DictComp';
  key: Expr;
  value: Expr;
  generators: Comprehension[];
}

/**
 * `await value` and `yield from value` (`ast.Await`, `ast.YieldFrom`).
 *
 * @example
 * ```ts
 * import { parsePython, type Await, type ExprStmt, type FunctionDef } from '@pymm/python';
 * const parsed = await parsePython('def f():\n    yield from g()\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as FunctionDef).body[0] as ExprStmt).value as Await;
 * node._type; // 'YieldFrom'
 * node.value._type; // 'Call'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 4, 2, 18]
 * ```
 */
export interface Await extends Located {
  _type: 'Await' | 'YieldFrom';
  value: Expr;
}

/**
 * `yield` with its value, if any (`ast.Yield`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type FunctionDef, type Yield } from '@pymm/python';
 * const parsed = await parsePython('def f():\n    yield 1\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as FunctionDef).body[0] as ExprStmt).value as Yield;
 * node._type; // 'Yield'
 * node.value?._type; // 'Constant'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 4, 2, 11]
 * ```
 */
export interface Yield extends Located {
  _type: 'Yield';
  value: Expr | null;
}

/**
 * A comparison chain, `a < b <= c` (`ast.Compare`).
 *
 * @example
 * ```ts
 * import { parsePython, type Compare, type ExprStmt } from '@pymm/python';
 * const parsed = await parsePython('a < b <= c\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as Compare;
 * node._type; // 'Compare'
 * node.left._type; // 'Name'
 * node.ops; // ['Lt', 'LtE']
 * node.comparators.map((n) => n._type); // ['Name', 'Name']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 10]
 * ```
 */
export interface Compare extends Located {
  _type: 'Compare';
  left: Expr;
  ops: CmpOperator[];
  comparators: Expr[];
}

/**
 * A call with its positional and keyword arguments (`ast.Call`).
 *
 * @example
 * ```ts
 * import { parsePython, type Call, type ExprStmt } from '@pymm/python';
 * const parsed = await parsePython('f(x, *rest, key=1)\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as Call;
 * node._type; // 'Call'
 * node.func._type; // 'Name'
 * node.args.map((n) => n._type); // ['Name', 'Starred']
 * node.keywords.map((n) => n._type); // ['keyword']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 18]
 * ```
 */
export interface Call extends Located {
  _type: 'Call';
  func: Expr;
  args: Expr[];
  keywords: Keyword[];
}

/**
 * One `{...}` field of an f-string (`ast.FormattedValue`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type FormattedValue, type JoinedStr } from '@pymm/python';
 * const parsed = await parsePython("f'{x!r:>10}'\n");
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as ExprStmt).value as JoinedStr).values[0] as FormattedValue;
 * node._type; // 'FormattedValue'
 * node.value._type; // 'Name'
 * node.conversion; // 114
 * node.format_spec?._type; // 'JoinedStr'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 12]
 * ```
 */
export interface FormattedValue extends Located {
  _type: 'FormattedValue';
  value: Expr;
  /** -1 (none), 115 (`!s`), 114 (`!r`) or 97 (`!a`). */
  conversion: number;
  format_spec: JoinedStr | null;
}

/**
 * An f-string: its literal parts and fields in order (`ast.JoinedStr`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type JoinedStr } from '@pymm/python';
 * const parsed = await parsePython("f'a{b}'\n");
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as JoinedStr;
 * node._type; // 'JoinedStr'
 * node.values.map((n) => n._type); // ['Constant', 'FormattedValue']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 7]
 * ```
 */
export interface JoinedStr extends Located {
  _type: 'JoinedStr';
  values: (Constant | FormattedValue)[];
}

/**
 * A literal: number, string, bytes, `True`, `False`, `None` or `...` (`ast.Constant`; see {@link
 * ConstantValue}).
 *
 * @example
 * ```ts
 * import { parsePython, type Constant, type ExprStmt } from '@pymm/python';
 * const parsed = await parsePython('0x10\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as Constant;
 * node._type; // 'Constant'
 * node.value; // 16n
 * node.kind; // null
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 4]
 * ```
 */
export interface Constant extends Located {
  _type: 'Constant';
  value: ConstantValue;
  /** `'u'` for a string written with a `u` prefix, else `null`. */
  kind: 'u' | null;
}

/**
 * Attribute access, `value.attr` (`ast.Attribute`).
 *
 * @example
 * ```ts
 * import { parsePython, type Attribute, type ExprStmt } from '@pymm/python';
 * const parsed = await parsePython('obj.attr\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as Attribute;
 * node._type; // 'Attribute'
 * node.value._type; // 'Name'
 * node.attr; // 'attr'
 * node.ctx; // 'Load'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 8]
 * ```
 */
export interface Attribute extends Located {
  _type: 'Attribute';
  value: Expr;
  attr: string;
  ctx: ExprContext;
}

/**
 * Subscription or slicing, `value[slice]` (`ast.Subscript`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type Subscript } from '@pymm/python';
 * const parsed = await parsePython('items[1:2]\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as Subscript;
 * node._type; // 'Subscript'
 * node.value._type; // 'Name'
 * node.slice._type; // 'Slice'
 * node.ctx; // 'Load'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 10]
 * ```
 */
export interface Subscript extends Located {
  _type: 'Subscript';
  value: Expr;
  slice: Expr;
  ctx: ExprContext;
}

/**
 * `*value` in a call, a display or an assignment target (`ast.Starred`).
 *
 * @example
 * ```ts
 * import { parsePython, type Assign, type ListExpr, type Starred } from '@pymm/python';
 * const parsed = await parsePython('first, *rest = items\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as Assign).targets[0] as ListExpr).elts[1] as Starred;
 * node._type; // 'Starred'
 * node.value._type; // 'Name'
 * node.ctx; // 'Store'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 7, 1, 12]
 * ```
 */
export interface Starred extends Located {
  _type: 'Starred';
  value: Expr;
  ctx: ExprContext;
}

/**
 * A name, with whether it is read, assigned or deleted (`ast.Name`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type Name } from '@pymm/python';
 * const parsed = await parsePython('x\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as Name;
 * node._type; // 'Name'
 * node.id; // 'x'
 * node.ctx; // 'Load'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 1]
 * ```
 */
export interface Name extends Located {
  _type: 'Name';
  id: string;
  ctx: ExprContext;
}

/**
 * A list or tuple display or target (`ast.List`, `ast.Tuple`; named `ListExpr` here so that it does
 * not hide other `List` types).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type ListExpr } from '@pymm/python';
 * const parsed = await parsePython('[1, 2]\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as ExprStmt).value as ListExpr;
 * node._type; // 'List'
 * node.elts.map((n) => n._type); // ['Constant', 'Constant']
 * node.ctx; // 'Load'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 6]
 * ```
 */
export interface ListExpr extends Located {
  _type: 'List' | 'Tuple';
  elts: Expr[];
  ctx: ExprContext;
}

/**
 * `lower:upper:step` inside a subscript (`ast.Slice`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt, type Slice, type Subscript } from '@pymm/python';
 * const parsed = await parsePython('items[1:10:2]\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as ExprStmt).value as Subscript).slice as Slice;
 * node._type; // 'Slice'
 * node.lower?._type; // 'Constant'
 * node.upper?._type; // 'Constant'
 * node.step?._type; // 'Constant'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 6, 1, 12]
 * ```
 */
export interface Slice extends Located {
  _type: 'Slice';
  lower: Expr | null;
  upper: Expr | null;
  step: Expr | null;
}

/**
 * Any expression (`ast.expr`); `_type` tells which, and narrows the type.
 *
 * @example
 * ```ts
 * import { type Expr, type ExprStmt, parsePython } from '@pymm/python';
 * const parsed = await parsePython('f(a, [b], c.d, 1)\n');
 * const call: Expr | null = parsed.ok ? (parsed.module.body[0] as ExprStmt).value : null;
 * call?._type === 'Call' && call.args.map((e: Expr) => e._type); // ['Name', 'List', 'Attribute', 'Constant']
 * ```
 */
export type Expr =
  | BoolOp
  | NamedExpr
  | BinOp
  | UnaryOp
  | Lambda
  | IfExp
  | Dict
  | SetExpr
  | ListComp
  | DictComp
  | Await
  | Yield
  | Compare
  | Call
  | FormattedValue
  | JoinedStr
  | Constant
  | Attribute
  | Subscript
  | Starred
  | Name
  | ListExpr
  | Slice;
