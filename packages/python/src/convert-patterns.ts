/**
 * `match` statements and their `case` patterns (`ast.Match`, `ast.match_case`, `ast.pattern`). pymm
 * refuses `match` (see the subset check), but the tree is still exact so that errors and refusals
 * point at the right place.
 *
 * @example
 * ```ts
 * import { loadParser, parsePythonSync } from '@pymm/python';
 * await loadParser();
 * const parsed = parsePythonSync('match p:\n    case [x, *rest] | None:\n        pass\n');
 * const [m] = (parsed.ok ? parsed.module.body : []) as any[];
 * m.cases[0].pattern._type; // 'MatchOr'
 * ```
 */
import type { Expr, MatchCase, MatchValue, Pattern, Stmt } from './ast-nodes.js';
import { allChildren, type ConvertContext, namedChildren, type TSNode } from './convert-context.js';
import { convertExpression, identifier } from './convert-expressions.js';
import { statementList } from './convert-statements.js';

/** Converts a `match_statement`. */
export function convertMatch(cx: ConvertContext, node: TSNode): Stmt {
  const subjects = node.childrenForFieldName('subject').filter((s) => s.isNamed && s.type !== 'comment');
  const tokens = allChildren(node);
  const colon = tokens.findIndex((t) => t.type === ':');
  const trailingComma = tokens[colon - 1]?.type === ',';
  const subject: Expr =
    subjects.length === 1 && !trailingComma
      ? convertExpression(cx, subjects[0])
      : implicitTupleUpTo(cx, subjects, tokens[colon - 1]);
  const body = node.childForFieldName('body')!;
  const cases: MatchCase[] = body.childrenForFieldName('alternative').map((c) => matchCase(cx, c));
  const lastCase = cases[cases.length - 1];
  const end = lastCase.body[lastCase.body.length - 1];
  return { _type: 'Match', subject, cases, ...cx.between(node, end) };
}

function implicitTupleUpTo(cx: ConvertContext, items: TSNode[], last: TSNode): Expr {
  return {
    _type: 'Tuple',
    elts: items.map((i) => convertExpression(cx, i)),
    ctx: 'Load',
    ...cx.between(items[0], last),
  };
}

function matchCase(cx: ConvertContext, node: TSNode): MatchCase {
  const patterns = namedChildren(node).filter((c) => c.type === 'case_pattern');
  const tokens = allChildren(node);
  const colon = tokens.findIndex(
    (t) => t.type === ':' && t.startIndex > patterns[patterns.length - 1].startIndex,
  );
  const trailingComma =
    tokens[colon - 1]?.type === ',' ||
    tokens.some((t, i) => t.type === ',' && i < colon && t.parent?.equals(node));
  const pattern: Pattern =
    patterns.length === 1 && !trailingComma
      ? convertPattern(cx, patterns[0])
      : {
          _type: 'MatchSequence',
          patterns: patterns.map((p) => convertPattern(cx, p)),
          ...cx.between(patterns[0], tokens[colon - 1]),
        };
  const guard = node.childForFieldName('guard');
  return {
    _type: 'match_case',
    pattern,
    guard: guard ? convertExpression(cx, namedChildren(guard)[0]) : null,
    body: statementList(cx, namedChildren(node.childForFieldName('consequence')!)),
  };
}

function convertPattern(cx: ConvertContext, node: TSNode): Pattern {
  const at = cx.loc(node);
  const kids = namedChildren(node);
  switch (node.type) {
    case 'case_pattern':
      if (kids.length === 0) return { _type: 'MatchAs', pattern: null, name: null, ...at };
      return convertPattern(cx, kids[0]);
    case 'dotted_name': {
      if (kids.length === 1) {
        const name = identifier(cx, kids[0]);
        return { _type: 'MatchAs', pattern: null, name: name === '_' ? null : name, ...at };
      }
      return { _type: 'MatchValue', value: dottedValue(cx, kids), ...at };
    }
    case 'integer':
    case 'float':
      return signed(cx, node, { _type: 'MatchValue', value: convertExpression(cx, node), ...at });
    case 'string':
    case 'concatenated_string':
      return { _type: 'MatchValue', value: convertExpression(cx, node), ...at };
    case 'complex_pattern':
      return { _type: 'MatchValue', value: complexValue(cx, node), ...at };
    case 'true':
    case 'false':
    case 'none':
      return { _type: 'MatchSingleton', value: node.type === 'none' ? null : node.type === 'true', ...at };
    case 'union_pattern': {
      const patterns: Pattern[] = [];
      for (const kid of kids) {
        const p = convertPattern(cx, kid);
        if (p._type === 'MatchOr' && kid.type === 'union_pattern') patterns.push(...p.patterns);
        else patterns.push(p);
      }
      return { _type: 'MatchOr', patterns, ...at };
    }
    case 'as_pattern': {
      // `pattern as name`: the grammar gives the name as the last named child (no `alias` field).
      const alias = node.childForFieldName('alias');
      const target = alias ? namedChildren(alias)[0] : kids[kids.length - 1];
      return { _type: 'MatchAs', pattern: convertPattern(cx, kids[0]), name: identifier(cx, target), ...at };
    }
    case 'list_pattern':
    case 'tuple_pattern': {
      const tokens = allChildren(node);
      if (node.type === 'tuple_pattern' && kids.length === 1 && !tokens.some((t) => t.type === ',')) {
        return convertPattern(cx, kids[0]);
      }
      return { _type: 'MatchSequence', patterns: kids.map((k) => convertPattern(cx, k)), ...at };
    }
    case 'splat_pattern': {
      const name = kids[0] ? identifier(cx, kids[0]) : '_';
      return { _type: 'MatchStar', name: name === '_' ? null : name, ...at };
    }
    case 'dict_pattern': {
      const keys: Expr[] = [];
      const patterns: Pattern[] = [];
      let rest: string | null = null;
      const keyNodes = node.childrenForFieldName('key').filter((k) => k.type !== '-');
      const valueNodes = node.childrenForFieldName('value');
      keyNodes.forEach((key, i) => {
        const keyPattern = convertPattern(cx, key);
        keys.push(
          keyPattern._type === 'MatchValue' ? keyPattern.value : patternConstant(cx, keyPattern, key),
        );
        patterns.push(convertPattern(cx, valueNodes[i]));
      });
      const splat = kids.find((k) => k.type === 'splat_pattern' && !keyNodes.some((key) => key.equals(k)));
      if (splat) rest = identifier(cx, namedChildren(splat)[0]);
      return { _type: 'MatchMapping', keys, patterns, rest, ...at };
    }
    case 'class_pattern': {
      const [cls, ...args] = kids;
      const patterns: Pattern[] = [];
      const kwdAttrs: string[] = [];
      const kwdPatterns: Pattern[] = [];
      for (const arg of args) {
        const inner = arg.type === 'case_pattern' ? namedChildren(arg)[0] : arg;
        if (inner?.type === 'keyword_pattern') {
          const [name, value] = namedChildren(inner);
          kwdAttrs.push(identifier(cx, name));
          kwdPatterns.push(convertPattern(cx, value));
        } else patterns.push(convertPattern(cx, arg));
      }
      return {
        _type: 'MatchClass',
        cls: dottedValue(cx, namedChildren(cls)),
        patterns,
        kwd_attrs: kwdAttrs,
        kwd_patterns: kwdPatterns,
        ...at,
      };
    }
    case 'keyword_pattern':
      return cx.fail('invalid syntax', node);
    default:
      return cx.fail('invalid syntax', node);
  }
}

function patternConstant(cx: ConvertContext, pattern: Pattern, node: TSNode): Expr {
  if (pattern._type === 'MatchSingleton')
    return { _type: 'Constant', value: pattern.value, kind: null, ...cx.loc(node) };
  return cx.fail('invalid syntax', node);
}

/**
 * A number pattern. The grammar leaves a minus sign as the token before the number (`case -1:`,
 * `{-1: a}`, `x=-1`); CPython's `signed_number` is `-` applied to the number (`UnaryOp`).
 */
function signed(cx: ConvertContext, node: TSNode, pattern: MatchValue): MatchValue {
  const sign = node.previousSibling;
  if (sign?.type !== '-') return pattern;
  const at = cx.spanOf(sign.startIndex, node.endIndex);
  return {
    _type: 'MatchValue',
    value: { _type: 'UnaryOp', op: 'USub', operand: pattern.value, ...at },
    ...at,
  };
}

/** `a.b.c` as nested `Attribute`s. */
function dottedValue(cx: ConvertContext, names: TSNode[]): Expr {
  let value: Expr = { _type: 'Name', id: identifier(cx, names[0]), ctx: 'Load', ...cx.loc(names[0]) };
  for (const name of names.slice(1))
    value = {
      _type: 'Attribute',
      value,
      attr: identifier(cx, name),
      ctx: 'Load',
      ...cx.between(names[0], name),
    };
  return value;
}

/** `-1`, `1+2j`, `-1.5-2j` in a pattern. */
function complexValue(cx: ConvertContext, node: TSNode): Expr {
  const tokens = allChildren(node);
  let i = 0;
  let value: Expr;
  if (tokens[0].type === '-') {
    value = {
      _type: 'UnaryOp',
      op: 'USub',
      operand: convertExpression(cx, tokens[1]),
      ...cx.between(tokens[0], tokens[1]),
    };
    i = 2;
  } else {
    value = convertExpression(cx, tokens[0]);
    i = 1;
  }
  if (i < tokens.length) {
    const op = tokens[i].type === '+' ? 'Add' : 'Sub';
    value = {
      _type: 'BinOp',
      left: value,
      op,
      right: convertExpression(cx, tokens[i + 1]),
      ...cx.between(tokens[0], tokens[i + 1]),
    };
  }
  return value;
}
