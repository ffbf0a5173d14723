/**
 * The nodes of pymm's Python syntax tree that are parts of statements and expressions rather than
 * statements or expressions themselves: comprehension clauses, parameters, keyword arguments, import
 * aliases, `with` items, `except` handlers and `match` cases, shaped as in CPython 3.11's `ast`.
 */
import type { Expr, Located, Pattern, Stmt } from './ast-nodes.js';

/**
 * One `for ... in ... if ...` of a comprehension (`ast.comprehension`, no position).
 *
 * @example
 * ```ts
 * import { parsePython, type Comprehension, type ExprStmt, type ListComp } from '@pymm/python';
 * const parsed = await parsePython('[x for x in xs if x]\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as ExprStmt).value as ListComp).generators[0] as Comprehension;
 * node._type; // 'comprehension'
 * node.target._type; // 'Name'
 * node.iter._type; // 'Name'
 * node.ifs.map((n) => n._type); // ['Name']
 * node.is_async; // 0
 * ```
 */
export interface Comprehension {
  _type: 'comprehension';
  target: Expr;
  iter: Expr;
  ifs: Expr[];
  is_async: 0 | 1;
}

/**
 * One `except` clause of a `try` (`ast.ExceptHandler`).
 *
 * @example
 * ```ts
 * import { parsePython, type ExceptHandler, type Try } from '@pymm/python';
 * const parsed = await parsePython('try:\n    pass\nexcept OSError as e:\n    pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as Try).handlers[0] as ExceptHandler;
 * node._type; // 'ExceptHandler'
 * node.type?._type; // 'Name'
 * node.name; // 'e'
 * node.body.map((n) => n._type); // ['Pass']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [3, 0, 4, 8]
 * ```
 */
export interface ExceptHandler extends Located {
  _type: 'ExceptHandler';
  type: Expr | null;
  name: string | null;
  body: Stmt[];
}

/**
 * A parameter list (`ast.arguments`, no position).
 *
 * @example
 * ```ts
 * import { parsePython, type Arguments, type FunctionDef } from '@pymm/python';
 * const parsed = await parsePython('def f(a, /, b=1, *args, c, d=2, **kw):\n    pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as FunctionDef).args as Arguments;
 * node._type; // 'arguments'
 * node.posonlyargs.map((n) => n._type); // ['arg']
 * node.args.map((n) => n._type); // ['arg']
 * node.vararg?._type; // 'arg'
 * node.kwonlyargs.map((n) => n._type); // ['arg', 'arg']
 * node.kw_defaults.map((n) => n && n._type); // [null, 'Constant']
 * node.kwarg?._type; // 'arg'
 * node.defaults.map((n) => n._type); // ['Constant']
 * ```
 */
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

/**
 * One parameter, with its annotation (`ast.arg`).
 *
 * @example
 * ```ts
 * import { parsePython, type Arg, type Arguments, type FunctionDef } from '@pymm/python';
 * const parsed = await parsePython('def f(x: int):\n    pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as FunctionDef).args as Arguments).args[0] as Arg;
 * node._type; // 'arg'
 * node.arg; // 'x'
 * node.annotation?._type; // 'Name'
 * node.type_comment; // null
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 6, 1, 12]
 * ```
 */
export interface Arg extends Located {
  _type: 'arg';
  arg: string;
  annotation: Expr | null;
  type_comment: null;
}

/**
 * A keyword argument of a call or a class, `arg=value` or `**value` (`ast.keyword`).
 *
 * @example
 * ```ts
 * import { parsePython, type Call, type ExprStmt, type Keyword } from '@pymm/python';
 * const parsed = await parsePython('f(key=1)\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as ExprStmt).value as Call).keywords[0] as Keyword;
 * node._type; // 'keyword'
 * node.arg; // 'key'
 * node.value._type; // 'Constant'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 2, 1, 7]
 * ```
 */
export interface Keyword extends Located {
  _type: 'keyword';
  /** `null` for `**mapping`. */
  arg: string | null;
  value: Expr;
}

/**
 * A name an `import` binds, `name as asname` (`ast.alias`).
 *
 * @example
 * ```ts
 * import { parsePython, type Alias, type Import } from '@pymm/python';
 * const parsed = await parsePython('import os as system\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as Import).names[0] as Alias;
 * node._type; // 'alias'
 * node.name; // 'os'
 * node.asname; // 'system'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 7, 1, 19]
 * ```
 */
export interface Alias extends Located {
  _type: 'alias';
  name: string;
  asname: string | null;
}

/**
 * One item of a `with`, `context_expr as optional_vars` (`ast.withitem`, no position).
 *
 * @example
 * ```ts
 * import { parsePython, type With, type WithItem } from '@pymm/python';
 * const parsed = await parsePython('with open(p) as f:\n    pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as With).items[0] as WithItem;
 * node._type; // 'withitem'
 * node.context_expr._type; // 'Call'
 * node.optional_vars?._type; // 'Name'
 * ```
 */
export interface WithItem {
  _type: 'withitem';
  context_expr: Expr;
  optional_vars: Expr | null;
}

/**
 * One `case` of a `match`, with its guard (`ast.match_case`, no position).
 *
 * @example
 * ```ts
 * import { parsePython, type Match, type MatchCase } from '@pymm/python';
 * const parsed = await parsePython('match x:\n    case [a] if a:\n        pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as Match).cases[0] as MatchCase;
 * node._type; // 'match_case'
 * node.pattern._type; // 'MatchSequence'
 * node.guard?._type; // 'Name'
 * node.body.map((n) => n._type); // ['Pass']
 * ```
 */
export interface MatchCase {
  _type: 'match_case';
  pattern: Pattern;
  guard: Expr | null;
  body: Stmt[];
}
