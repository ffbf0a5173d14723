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
 * import { type Module, parsePython } from '@pymm/python';
 * const parsed = await parsePython('x = 1\n');
 * const tree: Module | null = parsed.ok ? parsed.module : null;
 * tree?.body[0]._type; // 'Assign'
 * ```
 */
export type * from './ast-expressions.js';
export type * from './ast-parts.js';
export type * from './ast-patterns.js';
export type * from './ast-statements.js';

import type { Expr } from './ast-expressions.js';
import type {
  Alias,
  Arg,
  Arguments,
  Comprehension,
  ExceptHandler,
  Keyword,
  MatchCase,
  WithItem,
} from './ast-parts.js';
import type { Pattern } from './ast-patterns.js';
import type { Stmt } from './ast-statements.js';

/**
 * Where a node is in the source, exactly as CPython reports it (`ast`'s `_attributes`).
 *
 * @example
 * ```ts
 * import { parsePython, type Located } from '@pymm/python';
 * const parsed = await parsePython('é = (1 +\n     2)\n');
 * const where: Located | null = parsed.ok ? parsed.module.body[0] : null;
 * [where?.lineno, where?.col_offset, where?.end_lineno, where?.end_col_offset]; // [1, 0, 2, 7]
 * ```
 */
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

/**
 * The `...` constant (`Ellipsis`), as the value of a {@link Constant}.
 *
 * @example
 * ```ts
 * import { ELLIPSIS, type ExprStmt, parsePython } from '@pymm/python';
 * const parsed = await parsePython('...\n');
 * const value = parsed.ok && (parsed.module.body[0] as ExprStmt).value;
 * value && value._type === 'Constant' && value.value === ELLIPSIS; // true
 * ```
 */
export const ELLIPSIS: unique symbol = Symbol.for('pymm.python.Ellipsis');

/**
 * An imaginary literal (`2j`): its imaginary part.
 *
 * @example
 * ```ts
 * import { type ComplexValue, type ExprStmt, parsePython } from '@pymm/python';
 * const parsed = await parsePython('2.5j\n');
 * const value = parsed.ok && (parsed.module.body[0] as ExprStmt).value;
 * value && value._type === 'Constant' && (value.value as ComplexValue); // { real: 0, imag: 2.5 }
 * ```
 */
export interface ComplexValue {
  readonly real: 0;
  readonly imag: number;
}

/**
 * The value of a {@link Constant}: `null` is `None`; `boolean` is `True`/`False`; `bigint` is an
 * `int` (any size); `number` is a `float` (so `1.0` and `1` stay apart); `string` is a `str`;
 * `Uint8Array` is `bytes`; {@link ComplexValue} is a `complex`; {@link ELLIPSIS} is `...`.
 *
 * @example
 * ```ts
 * import { type ConstantValue, type ExprStmt, parsePython } from '@pymm/python';
 * const parsed = await parsePython("1\n1.0\n2**64\n'a'\nNone\n");
 * const values: ConstantValue[] = [];
 * for (const statement of parsed.ok ? parsed.module.body : []) {
 *   const value = (statement as ExprStmt).value;
 *   if (value._type === 'Constant') values.push(value.value);
 * }
 * values; // [1n, 1, 'a', null]
 * ```
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

/**
 * Whether a name, attribute, subscript, starred item, list or tuple is read, assigned or deleted
 * (`ast.Load`, `ast.Store`, `ast.Del`).
 *
 * @example
 * ```ts
 * import { type Assign, type ExprContext, type Name, parsePython } from '@pymm/python';
 * const parsed = await parsePython('a = b\n');
 * const assign = parsed.ok ? (parsed.module.body[0] as Assign) : null;
 * const contexts: ExprContext[] = [(assign?.targets[0] as Name).ctx, (assign?.value as Name).ctx];
 * contexts; // ['Store', 'Load']
 * ```
 */
export type ExprContext = 'Load' | 'Store' | 'Del';

/**
 * The operator of a {@link BoolOp} (`ast.And`, `ast.Or`).
 *
 * @example
 * ```ts
 * import { type BoolOperator, type ExprStmt, parsePython } from '@pymm/python';
 * const parsed = await parsePython('a or b\n');
 * const value = parsed.ok && (parsed.module.body[0] as ExprStmt).value;
 * const op: BoolOperator | null = value && value._type === 'BoolOp' ? value.op : null;
 * op; // 'Or'
 * ```
 */
export type BoolOperator = 'And' | 'Or';

/**
 * The operator of a {@link BinOp} or an {@link AugAssign} (`ast.Add`, ..., `ast.FloorDiv`).
 *
 * @example
 * ```ts
 * import { type AugAssign, type Operator, parsePython } from '@pymm/python';
 * const parsed = await parsePython('n //= 2\n');
 * const op: Operator | null = parsed.ok ? (parsed.module.body[0] as AugAssign).op : null;
 * op; // 'FloorDiv'
 * ```
 */
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

/**
 * The operator of a {@link UnaryOp}: `~`, `not`, `+`, `-` (`ast.Invert`, `ast.Not`, `ast.UAdd`,
 * `ast.USub`).
 *
 * @example
 * ```ts
 * import { type ExprStmt, parsePython, type UnaryOperator } from '@pymm/python';
 * const parsed = await parsePython('-x\n');
 * const value = parsed.ok && (parsed.module.body[0] as ExprStmt).value;
 * const op: UnaryOperator | null = value && value._type === 'UnaryOp' ? value.op : null;
 * op; // 'USub'
 * ```
 */
export type UnaryOperator = 'Invert' | 'Not' | 'UAdd' | 'USub';

/**
 * A comparison operator of a {@link Compare} (`ast.Eq`, ..., `ast.NotIn`).
 *
 * @example
 * ```ts
 * import { type CmpOperator, type ExprStmt, parsePython } from '@pymm/python';
 * const parsed = await parsePython('a is not b not in c\n');
 * const value = parsed.ok && (parsed.module.body[0] as ExprStmt).value;
 * const ops: CmpOperator[] = value && value._type === 'Compare' ? value.ops : [];
 * ops; // ['IsNot', 'NotIn']
 * ```
 */
export type CmpOperator = 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE' | 'Is' | 'IsNot' | 'In' | 'NotIn';

/**
 * A whole file (`ast.Module`).
 *
 * @example
 * ```ts
 * import { type Module, parsePython } from '@pymm/python';
 * const parsed = await parsePython('import gc\ngc.collect()\n');
 * const tree: Module | null = parsed.ok ? parsed.module : null;
 * tree?._type; // 'Module'
 * tree?.body.map((s) => s._type); // ['Import', 'Expr']
 * tree?.type_ignores; // []
 * ```
 */
export interface Module {
  _type: 'Module';
  body: Stmt[];
  type_ignores: never[];
}

/**
 * Any node of the tree.
 *
 * @example
 * ```ts
 * import { type Node, parsePython } from '@pymm/python';
 * const parsed = await parsePython('f(x=1)\n');
 * // Every node, depth first, as `ast.walk` finds them (in another order).
 * const types: string[] = [];
 * const stack: Node[] = parsed.ok ? [parsed.module] : [];
 * while (stack.length > 0) {
 *   const node = stack.pop()!;
 *   types.push(node._type);
 *   for (const value of Object.values(node))
 *     for (const child of Array.isArray(value) ? value : [value])
 *       if (child !== null && typeof child === 'object' && '_type' in child) stack.push(child as Node);
 * }
 * types; // ['Module', 'Expr', 'Call', 'keyword', 'Constant', 'Name']
 * ```
 */
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
