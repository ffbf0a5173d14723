/**
 * The `case` pattern nodes of pymm's Python syntax tree (`ast.pattern` and its subclasses), shaped as
 * in CPython 3.11's `ast` module (see `ast-nodes.ts`).
 */
import type { Expr, Located } from './ast-nodes.js';

/**
 * A value pattern, `case Color.RED:` (`ast.MatchValue`).
 *
 * @example
 * ```ts
 * import { parsePython, type Match, type MatchCase, type MatchValue } from '@pymm/python';
 * const parsed = await parsePython('match x:\n    case Color.RED:\n        pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as Match).cases[0] as MatchCase).pattern as MatchValue;
 * node._type; // 'MatchValue'
 * node.value._type; // 'Attribute'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 9, 2, 18]
 * ```
 */
export interface MatchValue extends Located {
  _type: 'MatchValue';
  value: Expr;
}

/**
 * `case None:`, `case True:`, `case False:` (`ast.MatchSingleton`).
 *
 * @example
 * ```ts
 * import { parsePython, type Match, type MatchCase, type MatchSingleton } from '@pymm/python';
 * const parsed = await parsePython('match x:\n    case None:\n        pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as Match).cases[0] as MatchCase).pattern as MatchSingleton;
 * node._type; // 'MatchSingleton'
 * node.value; // null
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 9, 2, 13]
 * ```
 */
export interface MatchSingleton extends Located {
  _type: 'MatchSingleton';
  value: null | boolean;
}

/**
 * A sequence pattern, `case [a, *rest]:` (`ast.MatchSequence`).
 *
 * @example
 * ```ts
 * import { parsePython, type Match, type MatchCase, type MatchSequence } from '@pymm/python';
 * const parsed = await parsePython('match x:\n    case [a, *rest]:\n        pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as Match).cases[0] as MatchCase).pattern as MatchSequence;
 * node._type; // 'MatchSequence'
 * node.patterns.map((n) => n._type); // ['MatchAs', 'MatchStar']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 9, 2, 19]
 * ```
 */
export interface MatchSequence extends Located {
  _type: 'MatchSequence';
  patterns: Pattern[];
}

/**
 * A mapping pattern, `case {'k': v, **rest}:` (`ast.MatchMapping`).
 *
 * @example
 * ```ts
 * import { parsePython, type Match, type MatchCase, type MatchMapping } from '@pymm/python';
 * const parsed = await parsePython("match x:\n    case {'k': v, **rest}:\n        pass\n");
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as Match).cases[0] as MatchCase).pattern as MatchMapping;
 * node._type; // 'MatchMapping'
 * node.keys.map((n) => n._type); // ['Constant']
 * node.patterns.map((n) => n._type); // ['MatchAs']
 * node.rest; // 'rest'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 9, 2, 25]
 * ```
 */
export interface MatchMapping extends Located {
  _type: 'MatchMapping';
  keys: Expr[];
  patterns: Pattern[];
  rest: string | null;
}

/**
 * A class pattern, `case Point(0, y=1):` (`ast.MatchClass`).
 *
 * @example
 * ```ts
 * import { parsePython, type Match, type MatchCase, type MatchClass } from '@pymm/python';
 * const parsed = await parsePython('match x:\n    case Point(0, y=1):\n        pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as Match).cases[0] as MatchCase).pattern as MatchClass;
 * node._type; // 'MatchClass'
 * node.cls._type; // 'Name'
 * node.patterns.map((n) => n._type); // ['MatchValue']
 * node.kwd_attrs; // ['y']
 * node.kwd_patterns.map((n) => n._type); // ['MatchValue']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 9, 2, 22]
 * ```
 */
export interface MatchClass extends Located {
  _type: 'MatchClass';
  cls: Expr;
  patterns: Pattern[];
  kwd_attrs: string[];
  kwd_patterns: Pattern[];
}

/**
 * `*name` inside a sequence pattern (`ast.MatchStar`).
 *
 * @example
 * ```ts
 * import { parsePython, type Match, type MatchCase, type MatchSequence, type MatchStar } from '@pymm/python';
 * const parsed = await parsePython('match x:\n    case [a, *rest]:\n        pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = (((parsed.module.body[0] as Match).cases[0] as MatchCase).pattern as MatchSequence).patterns[1] as MatchStar;
 * node._type; // 'MatchStar'
 * node.name; // 'rest'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 13, 2, 18]
 * ```
 */
export interface MatchStar extends Located {
  _type: 'MatchStar';
  name: string | null;
}

/**
 * A capture pattern, `case name:`, or `pattern as name` (`ast.MatchAs`).
 *
 * @example
 * ```ts
 * import { parsePython, type Match, type MatchAs, type MatchCase } from '@pymm/python';
 * const parsed = await parsePython('match x:\n    case [a] as whole:\n        pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as Match).cases[0] as MatchCase).pattern as MatchAs;
 * node._type; // 'MatchAs'
 * node.pattern?._type; // 'MatchSequence'
 * node.name; // 'whole'
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 9, 2, 21]
 * ```
 */
export interface MatchAs extends Located {
  _type: 'MatchAs';
  pattern: Pattern | null;
  name: string | null;
}

/**
 * Alternatives, `case 1 | 2:` (`ast.MatchOr`).
 *
 * @example
 * ```ts
 * import { parsePython, type Match, type MatchCase, type MatchOr } from '@pymm/python';
 * const parsed = await parsePython('match x:\n    case 1 | 2:\n        pass\n');
 * if (!parsed.ok) throw parsed.error;
 * const node = ((parsed.module.body[0] as Match).cases[0] as MatchCase).pattern as MatchOr;
 * node._type; // 'MatchOr'
 * node.patterns.map((n) => n._type); // ['MatchValue', 'MatchValue']
 * [node.lineno, node.col_offset, node.end_lineno, node.end_col_offset]; // [2, 9, 2, 14]
 * ```
 */
export interface MatchOr extends Located {
  _type: 'MatchOr';
  patterns: Pattern[];
}

/**
 * A `case` pattern (`ast.pattern`); `_type` tells which, and narrows the type.
 *
 * @example
 * ```ts
 * import { type Match, type Pattern, parsePython } from '@pymm/python';
 * const parsed = await parsePython('match p:\n    case (0, 0):\n        pass\n    case _:\n        pass\n');
 * const patterns: Pattern[] = parsed.ok ? (parsed.module.body[0] as Match).cases.map((c) => c.pattern) : [];
 * patterns.map((p) => p._type); // ['MatchSequence', 'MatchAs']
 * ```
 */
export type Pattern =
  | MatchValue
  | MatchSingleton
  | MatchSequence
  | MatchMapping
  | MatchClass
  | MatchStar
  | MatchAs
  | MatchOr;
