/**
 * The statement nodes of pymm's Python syntax tree (`ast.stmt` and its subclasses), shaped as in
 * CPython 3.11's `ast` module (see `ast-nodes.ts`).
 */
import type {
  Alias,
  Arguments,
  ExceptHandler,
  Expr,
  Keyword,
  Located,
  MatchCase,
  Operator,
  WithItem,
} from './ast-nodes.js';

/**
 * `def` (and `async def`): a function definition (`ast.FunctionDef`, `ast.AsyncFunctionDef`).
 *
 * @example
 * ```ts
 * import { parsePython, type FunctionDef } from '@pymm/python';
 * const parsed = await parsePython('def f(x, y=1) -> int:\n    return x\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as FunctionDef;
 * node._type; // 'FunctionDef'
 * node.name; // 'f'
 * node.args._type; // 'arguments'
 * node.body.map((n) => n._type); // ['Return']
 * node.decorator_list; // []
 * node.returns?._type; // 'Name'
 * node.type_comment; // null
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 2, 12]
 * ```
 */
export interface FunctionDef extends Located {
  _type: 'FunctionDef' | 'AsyncFunctionDef';
  name: string;
  args: Arguments;
  body: Stmt[];
  decorator_list: Expr[];
  returns: Expr | null;
  type_comment: null;
}

/**
 * `class`: a class definition (`ast.ClassDef`).
 *
 * @example
 * ```ts
 * import { parsePython, type ClassDef } from '@pymm/python';
 * const parsed = await parsePython('class C(Base, metaclass=M):\n    pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as ClassDef;
 * node._type; // 'ClassDef'
 * node.name; // 'C'
 * node.bases.map((n) => n._type); // ['Name']
 * node.keywords.map((n) => n._type); // ['keyword']
 * node.body.map((n) => n._type); // ['Pass']
 * node.decorator_list; // []
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 2, 8]
 * ```
 */
export interface ClassDef extends Located {
  _type: 'ClassDef';
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorator_list: Expr[];
}

/**
 * `return` with its value, if any (`ast.Return`).
 *
 * @example
 * ```ts
 * import { parsePython, type FunctionDef, type Return } from '@pymm/python';
 * const parsed = await parsePython('def f():\n    return 1\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as FunctionDef).body[0] as Return;
 * node._type; // 'Return'
 * node.value?._type; // 'Constant'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 4, 2, 12]
 * ```
 */
export interface Return extends Located {
  _type: 'Return';
  value: Expr | null;
}

/**
 * `del` of names, items, slices or attributes (`ast.Delete`).
 *
 * @example
 * ```ts
 * import { parsePython, type Delete } from '@pymm/python';
 * const parsed = await parsePython('del a, b[0]\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as Delete;
 * node._type; // 'Delete'
 * node.targets.map((n) => n._type); // ['Name', 'Subscript']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 11]
 * ```
 */
export interface Delete extends Located {
  _type: 'Delete';
  targets: Expr[];
}

/**
 * `=`: one value assigned to one or more targets (`ast.Assign`).
 *
 * @example
 * ```ts
 * import { parsePython, type Assign } from '@pymm/python';
 * const parsed = await parsePython('a = b = 1\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as Assign;
 * node._type; // 'Assign'
 * node.targets.map((n) => n._type); // ['Name', 'Name']
 * node.value._type; // 'Constant'
 * node.type_comment; // null
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 9]
 * ```
 */
export interface Assign extends Located {
  _type: 'Assign';
  targets: Expr[];
  value: Expr;
  type_comment: null;
}

/**
 * `+=` and the other augmented assignments (`ast.AugAssign`).
 *
 * @example
 * ```ts
 * import { parsePython, type AugAssign } from '@pymm/python';
 * const parsed = await parsePython('n += 1\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as AugAssign;
 * node._type; // 'AugAssign'
 * node.target._type; // 'Name'
 * node.op; // 'Add'
 * node.value._type; // 'Constant'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 6]
 * ```
 */
export interface AugAssign extends Located {
  _type: 'AugAssign';
  target: Expr;
  op: Operator;
  value: Expr;
}

/**
 * An annotated assignment, `x: int = 0` (`ast.AnnAssign`).
 *
 * @example
 * ```ts
 * import { parsePython, type AnnAssign } from '@pymm/python';
 * const parsed = await parsePython('x: int = 0\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as AnnAssign;
 * node._type; // 'AnnAssign'
 * node.target._type; // 'Name'
 * node.annotation._type; // 'Name'
 * node.value?._type; // 'Constant'
 * node.simple; // 1
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 10]
 * ```
 */
export interface AnnAssign extends Located {
  _type: 'AnnAssign';
  target: Expr;
  annotation: Expr;
  value: Expr | null;
  /** 1 for a bare name target not in parentheses, else 0. */
  simple: 0 | 1;
}

/**
 * `for` (and `async for`), with its `else` block (`ast.For`, `ast.AsyncFor`).
 *
 * @example
 * ```ts
 * import { parsePython, type For } from '@pymm/python';
 * const parsed = await parsePython('for i in range(3):\n    pass\nelse:\n    pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as For;
 * node._type; // 'For'
 * node.target._type; // 'Name'
 * node.iter._type; // 'Call'
 * node.body.map((n) => n._type); // ['Pass']
 * node.orelse.map((n) => n._type); // ['Pass']
 * node.type_comment; // null
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 4, 8]
 * ```
 */
export interface For extends Located {
  _type: 'For' | 'AsyncFor';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
  type_comment: null;
}

/**
 * `while`, with its `else` block (`ast.While`).
 *
 * @example
 * ```ts
 * import { parsePython, type While } from '@pymm/python';
 * const parsed = await parsePython('while x:\n    break\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as While;
 * node._type; // 'While'
 * node.test._type; // 'Name'
 * node.body.map((n) => n._type); // ['Break']
 * node.orelse; // []
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 2, 9]
 * ```
 */
export interface While extends Located {
  _type: 'While';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}

/**
 * `if`; an `elif` is an `If` alone in the `orelse` of the one before (`ast.If`).
 *
 * @example
 * ```ts
 * import { parsePython, type If } from '@pymm/python';
 * const parsed = await parsePython('if x:\n    pass\nelif y:\n    pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as If;
 * node._type; // 'If'
 * node.test._type; // 'Name'
 * node.body.map((n) => n._type); // ['Pass']
 * node.orelse.map((n) => n._type); // ['If']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 4, 8]
 * ```
 */
export interface If extends Located {
  _type: 'If';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}

/**
 * `with` (and `async with`) and its items (`ast.With`, `ast.AsyncWith`).
 *
 * @example
 * ```ts
 * import { parsePython, type With } from '@pymm/python';
 * const parsed = await parsePython('with open(p) as f, lock:\n    pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as With;
 * node._type; // 'With'
 * node.items.map((n) => n._type); // ['withitem', 'withitem']
 * node.body.map((n) => n._type); // ['Pass']
 * node.type_comment; // null
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 2, 8]
 * ```
 */
export interface With extends Located {
  _type: 'With' | 'AsyncWith';
  items: WithItem[];
  body: Stmt[];
  type_comment: null;
}

/**
 * `match` and its cases (`ast.Match`).
 *
 * @example
 * ```ts
 * import { parsePython, type Match } from '@pymm/python';
 * const parsed = await parsePython('match command:\n    case 1:\n        pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as Match;
 * node._type; // 'Match'
 * node.subject._type; // 'Name'
 * node.cases.map((n) => n._type); // ['match_case']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 3, 12]
 * ```
 */
export interface Match extends Located {
  _type: 'Match';
  subject: Expr;
  cases: MatchCase[];
}

/**
 * `raise`, `raise exc` or `raise exc from cause` (`ast.Raise`).
 *
 * @example
 * ```ts
 * import { parsePython, type Raise } from '@pymm/python';
 * const parsed = await parsePython('raise ValueError() from err\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as Raise;
 * node._type; // 'Raise'
 * node.exc?._type; // 'Call'
 * node.cause?._type; // 'Name'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 27]
 * ```
 */
export interface Raise extends Located {
  _type: 'Raise';
  exc: Expr | null;
  cause: Expr | null;
}

/**
 * `try` with its handlers, `else` and `finally` blocks (`ast.Try`; `ast.TryStar` for `except*`).
 *
 * @example
 * ```ts
 * import { parsePython, type Try } from '@pymm/python';
 * const parsed = await parsePython('try:\n    pass\nexcept OSError as e:\n    pass\nfinally:\n    pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as Try;
 * node._type; // 'Try'
 * node.body.map((n) => n._type); // ['Pass']
 * node.handlers.map((n) => n._type); // ['ExceptHandler']
 * node.orelse; // []
 * node.finalbody.map((n) => n._type); // ['Pass']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 6, 8]
 * ```
 */
export interface Try extends Located {
  _type: 'Try' | 'TryStar';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}

/**
 * `assert test, msg` (`ast.Assert`).
 *
 * @example
 * ```ts
 * import { parsePython, type Assert } from '@pymm/python';
 * const parsed = await parsePython("assert x, 'message'\n");
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as Assert;
 * node._type; // 'Assert'
 * node.test._type; // 'Name'
 * node.msg?._type; // 'Constant'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 19]
 * ```
 */
export interface Assert extends Located {
  _type: 'Assert';
  test: Expr;
  msg: Expr | null;
}

/**
 * `import a.b as c, d` (`ast.Import`).
 *
 * @example
 * ```ts
 * import { parsePython, type Import } from '@pymm/python';
 * const parsed = await parsePython('import os.path as p, sys\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as Import;
 * node._type; // 'Import'
 * node.names.map((n) => n._type); // ['alias', 'alias']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 24]
 * ```
 */
export interface Import extends Located {
  _type: 'Import';
  names: Alias[];
}

/**
 * `from module import names`; `level` counts the leading dots (`ast.ImportFrom`).
 *
 * @example
 * ```ts
 * import { parsePython, type ImportFrom } from '@pymm/python';
 * const parsed = await parsePython('from ..pkg import a as b\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as ImportFrom;
 * node._type; // 'ImportFrom'
 * node.module; // 'pkg'
 * node.names.map((n) => n._type); // ['alias']
 * node.level; // 2
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 24]
 * ```
 */
export interface ImportFrom extends Located {
  _type: 'ImportFrom';
  module: string | null;
  names: Alias[];
  level: number;
}

/**
 * `global` and `nonlocal` declarations (`ast.Global`, `ast.Nonlocal`).
 *
 * @example
 * ```ts
 * import { parsePython, type Global } from '@pymm/python';
 * const parsed = await parsePython('global counter, total\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as Global;
 * node._type; // 'Global'
 * node.names; // ['counter', 'total']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 21]
 * ```
 */
export interface Global extends Located {
  _type: 'Global' | 'Nonlocal';
  names: string[];
}

/**
 * An expression used as a statement (`ast.Expr`; named `ExprStmt` here so that `Expr` can name any
 * expression).
 *
 * @example
 * ```ts
 * import { parsePython, type ExprStmt } from '@pymm/python';
 * const parsed = await parsePython("print('hi')\n");
 * if (!parsed.ok) throw parsed.error;
 * const node = parsed.module.body[0] as ExprStmt;
 * node._type; // 'Expr'
 * node.value._type; // 'Call'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [1, 0, 1, 11]
 * ```
 */
export interface ExprStmt extends Located {
  _type: 'Expr';
  value: Expr;
}

/**
 * `pass`, `break` and `continue` (`ast.Pass`, `ast.Break`, `ast.Continue`), which have only a
 * position.
 *
 * @example
 * ```ts
 * import { parsePython, type SimpleStmt, type While } from '@pymm/python';
 * const parsed = await parsePython('while True:\n    continue\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (parsed.module.body[0] as While).body[0] as SimpleStmt;
 * node._type; // 'Continue'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 4, 2, 12]
 * ```
 */
export interface SimpleStmt extends Located {
  _type: 'Pass' | 'Break' | 'Continue';
}

/**
 * Any statement (`ast.stmt`); `_type` tells which, and narrows the type.
 *
 * @example
 * ```ts
 * import { parsePython, type Stmt } from '@pymm/python';
 * const parsed = await parsePython('import gc\nx = 1\nif x:\n    del x\n');
 * const body: Stmt[] = parsed.ok ? parsed.module.body : [];
 * body.map((s) => s._type); // ['Import', 'Assign', 'If']
 * const last = body[2];
 * last._type === 'If' && last.body[0]._type; // 'Delete'
 * ```
 */
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
