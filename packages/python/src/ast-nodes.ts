/**
 * pymm's Python syntax tree: the node classes and fields of CPython 3.11's `ast` module, as
 * TypeScript types. A node's class name is its `_type` (`type(node).__name__` in Python); every other
 * property has the name and meaning of the `ast` field. Nodes that carry a position in `ast`
 * (statements, expressions, `excepthandler`, `arg`, `keyword`, `alias`, patterns) carry `lineno`
 * (1-based), `col_offset` (0-based, in UTF-8 bytes, as CPython counts), `end_lineno` and
 * `end_col_offset`.
 *
 * Operators and expression contexts, which are singleton nodes in `ast` (`ast.Add()`, `ast.Load()`),
 * are their class names here (`'Add'`, `'Load'`).
 *
 * @example
 * ```ts
 * import { type Module, parsePythonSync, loadParser } from '@pymm/python';
 * await loadParser();
 * const tree: Module = parsePythonSync('x = 1\n');
 * tree.body[0]._type; // 'Assign'
 * ```
 */

/** Where a node is in the source, exactly as CPython reports it. */
export interface Located {
  /** First line, 1-based. */
  lineno: number;
  /** Column of the first character, 0-based, in UTF-8 bytes. */
  col_offset: number;
  /** Last line, 1-based. */
  end_lineno: number;
  /** Column just after the last character, in UTF-8 bytes. */
  end_col_offset: number;
}

/** The `...` constant (`Ellipsis`). */
export const ELLIPSIS: unique symbol = Symbol.for('pymm.python.Ellipsis');

/** An imaginary literal (`2j`): its imaginary part. */
export interface ComplexValue {
  readonly real: 0;
  readonly imag: number;
}

/**
 * The value of a {@link Constant}: `null` is `None`; `boolean` is `True`/`False`; `bigint` is an
 * `int` (any size); `number` is a `float` (so `1.0` and `1` stay apart); `string` is a `str`;
 * `Uint8Array` is `bytes`; {@link ComplexValue} is a `complex`; {@link ELLIPSIS} is `...`.
 */
export type ConstantValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | Uint8Array
  | ComplexValue
  | typeof ELLIPSIS;

export type ExprContext = 'Load' | 'Store' | 'Del';
export type BoolOperator = 'And' | 'Or';
export type Operator =
  | 'Add'
  | 'Sub'
  | 'Mult'
  | 'MatMult'
  | 'Div'
  | 'Mod'
  | 'Pow'
  | 'LShift'
  | 'RShift'
  | 'BitOr'
  | 'BitXor'
  | 'BitAnd'
  | 'FloorDiv';
export type UnaryOperator = 'Invert' | 'Not' | 'UAdd' | 'USub';
export type CmpOperator = 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE' | 'Is' | 'IsNot' | 'In' | 'NotIn';

/** A whole file (`ast.Module`). */
export interface Module {
  _type: 'Module';
  body: Stmt[];
  type_ignores: never[];
}

// ---- statements ----

export interface FunctionDef extends Located {
  _type: 'FunctionDef' | 'AsyncFunctionDef';
  name: string;
  args: Arguments;
  body: Stmt[];
  decorator_list: Expr[];
  returns: Expr | null;
  type_comment: null;
}
export interface ClassDef extends Located {
  _type: 'ClassDef';
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorator_list: Expr[];
}
export interface Return extends Located {
  _type: 'Return';
  value: Expr | null;
}
export interface Delete extends Located {
  _type: 'Delete';
  targets: Expr[];
}
export interface Assign extends Located {
  _type: 'Assign';
  targets: Expr[];
  value: Expr;
  type_comment: null;
}
export interface AugAssign extends Located {
  _type: 'AugAssign';
  target: Expr;
  op: Operator;
  value: Expr;
}
export interface AnnAssign extends Located {
  _type: 'AnnAssign';
  target: Expr;
  annotation: Expr;
  value: Expr | null;
  /** 1 for a bare name target not in parentheses, else 0. */
  simple: 0 | 1;
}
export interface For extends Located {
  _type: 'For' | 'AsyncFor';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
  type_comment: null;
}
export interface While extends Located {
  _type: 'While';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface If extends Located {
  _type: 'If';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface With extends Located {
  _type: 'With' | 'AsyncWith';
  items: WithItem[];
  body: Stmt[];
  type_comment: null;
}
export interface Match extends Located {
  _type: 'Match';
  subject: Expr;
  cases: MatchCase[];
}
export interface Raise extends Located {
  _type: 'Raise';
  exc: Expr | null;
  cause: Expr | null;
}
export interface Try extends Located {
  _type: 'Try' | 'TryStar';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}
export interface Assert extends Located {
  _type: 'Assert';
  test: Expr;
  msg: Expr | null;
}
export interface Import extends Located {
  _type: 'Import';
  names: Alias[];
}
export interface ImportFrom extends Located {
  _type: 'ImportFrom';
  module: string | null;
  names: Alias[];
  level: number;
}
export interface Global extends Located {
  _type: 'Global' | 'Nonlocal';
  names: string[];
}
export interface ExprStmt extends Located {
  _type: 'Expr';
  value: Expr;
}
export interface SimpleStmt extends Located {
  _type: 'Pass' | 'Break' | 'Continue';
}

/** Any statement (`ast.stmt`). */
export type Stmt =
  | FunctionDef
  | ClassDef
  | Return
  | Delete
  | Assign
  | AugAssign
  | AnnAssign
  | For
  | While
  | If
  | With
  | Match
  | Raise
  | Try
  | Assert
  | Import
  | ImportFrom
  | Global
  | ExprStmt
  | SimpleStmt;

// ---- expressions ----

export interface BoolOp extends Located {
  _type: 'BoolOp';
  op: BoolOperator;
  values: Expr[];
}
export interface NamedExpr extends Located {
  _type: 'NamedExpr';
  target: Expr;
  value: Expr;
}
export interface BinOp extends Located {
  _type: 'BinOp';
  left: Expr;
  op: Operator;
  right: Expr;
}
export interface UnaryOp extends Located {
  _type: 'UnaryOp';
  op: UnaryOperator;
  operand: Expr;
}
export interface Lambda extends Located {
  _type: 'Lambda';
  args: Arguments;
  body: Expr;
}
export interface IfExp extends Located {
  _type: 'IfExp';
  test: Expr;
  body: Expr;
  orelse: Expr;
}
export interface Dict extends Located {
  _type: 'Dict';
  /** `null` for a `**mapping` entry. */
  keys: (Expr | null)[];
  values: Expr[];
}
export interface SetExpr extends Located {
  _type: 'Set';
  elts: Expr[];
}
export interface ListComp extends Located {
  _type: 'ListComp' | 'SetComp' | 'GeneratorExp';
  elt: Expr;
  generators: Comprehension[];
}
export interface DictComp extends Located {
  _type: 'DictComp';
  key: Expr;
  value: Expr;
  generators: Comprehension[];
}
export interface Await extends Located {
  _type: 'Await' | 'YieldFrom';
  value: Expr;
}
export interface Yield extends Located {
  _type: 'Yield';
  value: Expr | null;
}
export interface Compare extends Located {
  _type: 'Compare';
  left: Expr;
  ops: CmpOperator[];
  comparators: Expr[];
}
export interface Call extends Located {
  _type: 'Call';
  func: Expr;
  args: Expr[];
  keywords: Keyword[];
}
export interface FormattedValue extends Located {
  _type: 'FormattedValue';
  value: Expr;
  /** -1 (none), 115 (`!s`), 114 (`!r`) or 97 (`!a`). */
  conversion: number;
  format_spec: JoinedStr | null;
}
export interface JoinedStr extends Located {
  _type: 'JoinedStr';
  values: (Constant | FormattedValue)[];
}
export interface Constant extends Located {
  _type: 'Constant';
  value: ConstantValue;
  /** `'u'` for a string written with a `u` prefix, else `null`. */
  kind: 'u' | null;
}
export interface Attribute extends Located {
  _type: 'Attribute';
  value: Expr;
  attr: string;
  ctx: ExprContext;
}
export interface Subscript extends Located {
  _type: 'Subscript';
  value: Expr;
  slice: Expr;
  ctx: ExprContext;
}
export interface Starred extends Located {
  _type: 'Starred';
  value: Expr;
  ctx: ExprContext;
}
export interface Name extends Located {
  _type: 'Name';
  id: string;
  ctx: ExprContext;
}
export interface ListExpr extends Located {
  _type: 'List' | 'Tuple';
  elts: Expr[];
  ctx: ExprContext;
}
export interface Slice extends Located {
  _type: 'Slice';
  lower: Expr | null;
  upper: Expr | null;
  step: Expr | null;
}

/** Any expression (`ast.expr`). */
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

// ---- the other node classes ----

/** One `for ... in ... if ...` of a comprehension (`ast.comprehension`, no position). */
export interface Comprehension {
  _type: 'comprehension';
  target: Expr;
  iter: Expr;
  ifs: Expr[];
  is_async: 0 | 1;
}
export interface ExceptHandler extends Located {
  _type: 'ExceptHandler';
  type: Expr | null;
  name: string | null;
  body: Stmt[];
}
/** A parameter list (`ast.arguments`, no position). */
export interface Arguments {
  _type: 'arguments';
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  /** One per keyword-only parameter, `null` where it has no default. */
  kw_defaults: (Expr | null)[];
  kwarg: Arg | null;
  /** Defaults of the last positional parameters. */
  defaults: Expr[];
}
export interface Arg extends Located {
  _type: 'arg';
  arg: string;
  annotation: Expr | null;
  type_comment: null;
}
export interface Keyword extends Located {
  _type: 'keyword';
  /** `null` for `**mapping`. */
  arg: string | null;
  value: Expr;
}
export interface Alias extends Located {
  _type: 'alias';
  name: string;
  asname: string | null;
}
export interface WithItem {
  _type: 'withitem';
  context_expr: Expr;
  optional_vars: Expr | null;
}
export interface MatchCase {
  _type: 'match_case';
  pattern: Pattern;
  guard: Expr | null;
  body: Stmt[];
}

export interface MatchValue extends Located {
  _type: 'MatchValue';
  value: Expr;
}
export interface MatchSingleton extends Located {
  _type: 'MatchSingleton';
  value: null | boolean;
}
export interface MatchSequence extends Located {
  _type: 'MatchSequence';
  patterns: Pattern[];
}
export interface MatchMapping extends Located {
  _type: 'MatchMapping';
  keys: Expr[];
  patterns: Pattern[];
  rest: string | null;
}
export interface MatchClass extends Located {
  _type: 'MatchClass';
  cls: Expr;
  patterns: Pattern[];
  kwd_attrs: string[];
  kwd_patterns: Pattern[];
}
export interface MatchStar extends Located {
  _type: 'MatchStar';
  name: string | null;
}
export interface MatchAs extends Located {
  _type: 'MatchAs';
  pattern: Pattern | null;
  name: string | null;
}
export interface MatchOr extends Located {
  _type: 'MatchOr';
  patterns: Pattern[];
}
/** A `case` pattern (`ast.pattern`). */
export type Pattern =
  | MatchValue
  | MatchSingleton
  | MatchSequence
  | MatchMapping
  | MatchClass
  | MatchStar
  | MatchAs
  | MatchOr;

/** Any node of the tree. */
export type Node =
  | Module
  | Stmt
  | Expr
  | Comprehension
  | ExceptHandler
  | Arguments
  | Arg
  | Keyword
  | Alias
  | WithItem
  | MatchCase
  | Pattern;
