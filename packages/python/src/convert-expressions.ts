/**
 * Expressions: tree-sitter's expression nodes turned into `ast.expr` nodes with CPython's shapes and
 * positions (parentheses are not part of a node's span except for tuples and generator expressions;
 * `a and b and c` is one `BoolOp`; `a < b < c` one `Compare`; `-1` stays `UnaryOp(USub, 1)`), and
 * assignment targets given their `Store`/`Del` context with CPython's "cannot assign to" errors.
 *
 * @example
 * ```ts
 * import { loadParser, parsePythonSync } from '@pymm/python';
 * await loadParser();
 * const parsed = parsePythonSync('not a and b\n');
 * const [stmt] = (parsed.ok ? parsed.module.body : []) as any[];
 * stmt.value._type; // 'BoolOp'
 * stmt.value.values[0]._type; // 'UnaryOp'
 * ```
 */
import type {
  BoolOperator,
  CmpOperator,
  Comprehension,
  Expr,
  ExprContext,
  Keyword,
  Located,
  Operator,
  UnaryOperator,
} from './ast-nodes.js';
import { ELLIPSIS } from './ast-nodes.js';
import { convertLambdaParameters } from './convert-arguments.js';
import { allChildren, type ConvertContext, namedChildren, type TSNode } from './convert-context.js';
import { bitwiseChain, starOutside, unionType } from './convert-regrouped.js';
import { convertString } from './convert-strings.js';
import { parseNumber } from './literals.js';

export const BINARY_OPERATORS: Record<string, Operator> = {
  '+': 'Add',
  '-': 'Sub',
  '*': 'Mult',
  '@': 'MatMult',
  '/': 'Div',
  '%': 'Mod',
  '**': 'Pow',
  '<<': 'LShift',
  '>>': 'RShift',
  '|': 'BitOr',
  '^': 'BitXor',
  '&': 'BitAnd',
  '//': 'FloorDiv',
};
const UNARY_OPERATORS: Record<string, UnaryOperator> = { '+': 'UAdd', '-': 'USub', '~': 'Invert' };
const COMPARISONS: Record<string, CmpOperator> = {
  '==': 'Eq',
  '!=': 'NotEq',
  '<': 'Lt',
  '<=': 'LtE',
  '>': 'Gt',
  '>=': 'GtE',
  is: 'Is',
  'is not': 'IsNot',
  in: 'In',
  'not in': 'NotIn',
};

/** Converts an expression node (in `Load` context). */
export function convertExpression(cx: ConvertContext, node: TSNode): Expr {
  const at = (): Located => cx.loc(node);
  switch (node.type) {
    case 'identifier':
      return { _type: 'Name', id: identifier(cx, node), ctx: 'Load', ...at() };
    case 'true':
    case 'false':
      return { _type: 'Constant', value: node.type === 'true', kind: null, ...at() };
    case 'none':
      return { _type: 'Constant', value: null, kind: null, ...at() };
    case 'ellipsis':
      return { _type: 'Constant', value: ELLIPSIS, kind: null, ...at() };
    case 'integer':
    case 'float': {
      const result = parseNumber(cx.textOf(node));
      if ('error' in result) cx.fail(result.error, node);
      return { _type: 'Constant', value: result.value, kind: null, ...at() };
    }
    case 'string':
    case 'concatenated_string':
      return convertString(cx, node);
    case 'parenthesized_expression':
      return parenthesized(cx, node);
    case 'type':
      return convertExpression(cx, namedChildren(node)[0]);
    case 'generic_type':
      return genericType(cx, node);
    case 'union_type':
      return unionType(cx, node);
    case 'splat_type':
      // `*args: *Ts` (PEP 646).
      return { _type: 'Starred', value: convertExpression(cx, namedChildren(node)[0]), ctx: 'Load', ...at() };
    case 'attribute': {
      const object = node.childForFieldName('object')!;
      const attribute = node.childForFieldName('attribute')!;
      return starOutside({
        _type: 'Attribute',
        value: convertExpression(cx, object),
        attr: identifier(cx, attribute),
        ctx: 'Load',
        ...at(),
      });
    }
    case 'subscript':
      return starOutside(subscript(cx, node));
    case 'slice':
      return slice(cx, node);
    case 'call':
      return starOutside(call(cx, node));
    case 'binary_operator': {
      const operator = node.childForFieldName('operator')!;
      if (operator.type === '&' || operator.type === '^') {
        const regrouped = bitwiseChain(cx, node);
        if (regrouped) return regrouped;
      }
      return {
        _type: 'BinOp',
        left: convertExpression(cx, node.childForFieldName('left')!),
        op: BINARY_OPERATORS[operator.type],
        right: convertExpression(cx, node.childForFieldName('right')!),
        ...at(),
      };
    }
    case 'unary_operator': {
      const operator = node.childForFieldName('operator')!;
      return {
        _type: 'UnaryOp',
        op: UNARY_OPERATORS[operator.type],
        operand: convertExpression(cx, node.childForFieldName('argument')!),
        ...at(),
      };
    }
    case 'not_operator':
      return {
        _type: 'UnaryOp',
        op: 'Not',
        operand: convertExpression(cx, node.childForFieldName('argument')!),
        ...at(),
      };
    case 'boolean_operator':
      return booleanOperator(cx, node);
    case 'comparison_operator':
      return comparison(cx, node);
    case 'conditional_expression': {
      const [body, test, orelse] = namedChildren(node);
      return {
        _type: 'IfExp',
        test: convertExpression(cx, test),
        body: convertExpression(cx, body),
        orelse: convertExpression(cx, orelse),
        ...at(),
      };
    }
    case 'lambda': {
      const parameters = node.childForFieldName('parameters');
      return {
        _type: 'Lambda',
        args: convertLambdaParameters(cx, parameters),
        body: convertExpression(cx, node.childForFieldName('body')!),
        ...at(),
      };
    }
    case 'named_expression': {
      const name = node.childForFieldName('name')!;
      return {
        _type: 'NamedExpr',
        target: { _type: 'Name', id: identifier(cx, name), ctx: 'Store', ...cx.loc(name) },
        value: convertExpression(cx, node.childForFieldName('value')!),
        ...at(),
      };
    }
    case 'await':
      return { _type: 'Await', value: convertExpression(cx, namedChildren(node)[0]), ...at() };
    case 'yield':
      return yieldExpression(cx, node);
    case 'list_splat':
    case 'list_splat_pattern':
      return { _type: 'Starred', value: convertExpression(cx, namedChildren(node)[0]), ctx: 'Load', ...at() };
    case 'tuple_pattern':
      // A target in parentheses without a comma (`(x): int = 1`) is the target itself.
      if (namedChildren(node).length === 1 && !allChildren(node).some((t) => t.type === ','))
        return convertExpression(cx, namedChildren(node)[0]);
      return { _type: 'Tuple', elts: elements(cx, node), ctx: 'Load', ...at() };
    case 'tuple':
      return { _type: 'Tuple', elts: elements(cx, node), ctx: 'Load', ...at() };
    case 'list':
    case 'list_pattern':
      return { _type: 'List', elts: elements(cx, node), ctx: 'Load', ...at() };
    case 'set':
      return { _type: 'Set', elts: elements(cx, node), ...at() };
    case 'expression_list':
    case 'pattern_list':
      return implicitTuple(cx, node, namedChildren(node));
    case 'dictionary':
      return dictionary(cx, node);
    case 'list_comprehension':
    case 'set_comprehension':
    case 'generator_expression': {
      const kind =
        node.type === 'list_comprehension'
          ? 'ListComp'
          : node.type === 'set_comprehension'
            ? 'SetComp'
            : 'GeneratorExp';
      return {
        _type: kind,
        elt: convertExpression(cx, node.childForFieldName('body')!),
        generators: comprehensionClauses(cx, node),
        ...at(),
      };
    }
    case 'dictionary_comprehension': {
      const pair = node.childForFieldName('body')!;
      return {
        _type: 'DictComp',
        key: convertExpression(cx, pair.childForFieldName('key')!),
        value: convertExpression(cx, pair.childForFieldName('value')!),
        generators: comprehensionClauses(cx, node),
        ...at(),
      };
    }
    case 'as_pattern':
      return cx.fail('invalid syntax', node);
    case 'parenthesized_list_splat':
      return cx.fail('cannot use starred expression here', node);
    case 'print_statement':
      return cx.fail("Missing parentheses in call to 'print'. Did you mean print(...)?", node);
    default:
      return cx.fail('invalid syntax', node);
  }
}

/** The name an identifier spells, NFKC-normalised as CPython's tokenizer does for non-ASCII names. */
export function identifier(cx: ConvertContext, node: TSNode): string {
  const text = cx.textOf(node);
  if (text === '__debug__') return text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range
  return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKC');
}

function parenthesized(cx: ConvertContext, node: TSNode): Expr {
  const inner = namedChildren(node);
  if (inner.length !== 1) return cx.fail('invalid syntax', node);
  if (inner[0].type === 'list_splat') return cx.fail('cannot use starred expression here', inner[0]);
  return convertExpression(cx, inner[0]);
}

/** The elements of a tuple, list or set display. */
function elements(cx: ConvertContext, node: TSNode): Expr[] {
  return namedChildren(node).map((child) =>
    child.type === 'parenthesized_list_splat'
      ? convertExpression(cx, namedChildren(child)[0])
      : convertExpression(cx, child),
  );
}

/**
 * A tuple without parentheses (`return a, b`, `x = 1,`): it spans from its first element to its last
 * token, a trailing comma included.
 */
export function implicitTuple(cx: ConvertContext, node: TSNode, items: TSNode[]): Expr {
  const tokens = allChildren(node);
  const last = tokens[tokens.length - 1];
  return {
    _type: 'Tuple',
    elts: items.map((item) => convertExpression(cx, item)),
    ctx: 'Load',
    ...cx.between(items[0], last),
  };
}

function subscript(cx: ConvertContext, node: TSNode): Expr {
  const value = convertExpression(cx, node.childForFieldName('value')!);
  const indices = node.childrenForFieldName('subscript').filter((c) => c.type !== 'comment');
  const tokens = allChildren(node);
  const closing = tokens[tokens.length - 1];
  let index: Expr;
  const trailingComma = tokens[tokens.length - 2]?.type === ',';
  const single = indices.length === 1 && !trailingComma ? convertExpression(cx, indices[0]) : null;
  // `x[*a]` is a tuple of one starred item (PEP 646).
  if (single && single._type !== 'Starred') index = single;
  else if (single) index = { _type: 'Tuple', elts: [single], ctx: 'Load', ...cx.loc(indices[0]) };
  else {
    const lastToken = tokens[tokens.indexOf(closing) - 1];
    index = {
      _type: 'Tuple',
      elts: indices.map((i) => convertExpression(cx, i)),
      ctx: 'Load',
      ...cx.between(indices[0], lastToken),
    };
  }
  return { _type: 'Subscript', value, slice: index, ctx: 'Load', ...cx.loc(node) };
}

/** `List[int]` in an annotation, which tree-sitter reads as a generic type: a `Subscript`. */
function genericType(cx: ConvertContext, node: TSNode): Expr {
  const [name, parameters] = namedChildren(node);
  if (name?.type !== 'identifier' || parameters?.type !== 'type_parameter')
    return cx.fail('invalid syntax', node);
  const types = namedChildren(parameters);
  const tokens = allChildren(parameters);
  const beforeClosing = tokens[tokens.length - 2];
  const single = types.length === 1 && beforeClosing.type !== ',' ? convertExpression(cx, types[0]) : null;
  // `Tuple[*Ts]` is a tuple of one starred item (PEP 646), as `x[*a]`.
  const index: Expr =
    single && single._type !== 'Starred'
      ? single
      : {
          _type: 'Tuple',
          elts: single ? [single] : types.map((t) => convertExpression(cx, t)),
          ctx: 'Load',
          ...(single ? cx.loc(types[0]) : cx.between(types[0], beforeClosing)),
        };
  return {
    _type: 'Subscript',
    value: convertExpression(cx, name),
    slice: index,
    ctx: 'Load',
    ...cx.loc(node),
  };
}

function slice(cx: ConvertContext, node: TSNode): Expr {
  const parts: (Expr | null)[] = [null, null, null];
  let slot = 0;
  for (const child of allChildren(node)) {
    if (child.type === ':') slot++;
    else parts[slot] = convertExpression(cx, child);
  }
  return { _type: 'Slice', lower: parts[0], upper: parts[1], step: parts[2], ...cx.loc(node) };
}

function call(cx: ConvertContext, node: TSNode): Expr {
  const functionNode = node.childForFieldName('function')!;
  if (functionNode.type === 'list_splat') {
    // tree-sitter reads `*f(x)` as `(*f)(x)`; Python as `*(f(x))`.
    const inner = namedChildren(functionNode)[0];
    const argumentsNode = node.childForFieldName('arguments')!;
    const { args, keywords } =
      argumentsNode.type === 'generator_expression'
        ? { args: [convertExpression(cx, argumentsNode)], keywords: [] }
        : callArguments(cx, argumentsNode);
    const value: Expr = {
      _type: 'Call',
      func: convertExpression(cx, inner),
      args,
      keywords,
      ...cx.between(inner, node),
    };
    return { _type: 'Starred', value, ctx: 'Load', ...cx.loc(node) };
  }
  const func = convertExpression(cx, functionNode);
  const argumentsNode = node.childForFieldName('arguments')!;
  if (argumentsNode.type === 'generator_expression')
    return {
      _type: 'Call',
      func,
      args: [convertExpression(cx, argumentsNode)],
      keywords: [],
      ...cx.loc(node),
    };
  const { args, keywords } = callArguments(cx, argumentsNode);
  return { _type: 'Call', func, args, keywords, ...cx.loc(node) };
}

/** Positional and keyword arguments of a call or a class's bases, with CPython's ordering errors. */
export function callArguments(cx: ConvertContext, list: TSNode): { args: Expr[]; keywords: Keyword[] } {
  const args: Expr[] = [];
  const keywords: Keyword[] = [];
  const items = namedChildren(list);
  let seenKeyword = false;
  let seenDoubleStar = false;
  for (const item of items) {
    if (item.type === 'keyword_argument') {
      const name = item.childForFieldName('name')!;
      if (name.type !== 'identifier')
        cx.fail('expression cannot contain assignment, perhaps you meant "=="?', item);
      keywords.push({
        _type: 'keyword',
        arg: identifier(cx, name),
        value: convertExpression(cx, item.childForFieldName('value')!),
        ...cx.loc(item),
      });
      seenKeyword = true;
    } else if (item.type === 'dictionary_splat') {
      keywords.push({
        _type: 'keyword',
        arg: null,
        value: convertExpression(cx, namedChildren(item)[0]),
        ...cx.loc(item),
      });
      seenDoubleStar = true;
    } else if (item.type === 'list_splat') {
      if (seenDoubleStar) cx.fail('iterable argument unpacking follows keyword argument unpacking', item);
      args.push(convertExpression(cx, item));
    } else {
      if (seenDoubleStar) cx.fail('positional argument follows keyword argument unpacking', item);
      if (seenKeyword) cx.fail('positional argument follows keyword argument', item);
      if (item.type === 'generator_expression' && items.length > 1 && !cx.textOf(item).startsWith('('))
        cx.fail('Generator expression must be parenthesized', item);
      args.push(convertExpression(cx, item));
    }
  }
  return { args, keywords };
}

function booleanOperator(cx: ConvertContext, node: TSNode): Expr {
  const operator = node.childForFieldName('operator')!.type;
  const op: BoolOperator = operator === 'and' ? 'And' : 'Or';
  const values: Expr[] = [];
  const collect = (side: TSNode): void => {
    if (side.type === 'boolean_operator' && side.childForFieldName('operator')!.type === operator) {
      collect(side.childForFieldName('left')!);
      collect(side.childForFieldName('right')!);
    } else values.push(convertExpression(cx, side));
  };
  collect(node.childForFieldName('left')!);
  collect(node.childForFieldName('right')!);
  return { _type: 'BoolOp', op, values, ...cx.loc(node) };
}

function comparison(cx: ConvertContext, node: TSNode): Expr {
  const operands: Expr[] = [];
  const ops: CmpOperator[] = [];
  let pending = '';
  for (const child of allChildren(node)) {
    if (child.isNamed) {
      if (pending) ops.push(comparisonOperator(cx, pending, child));
      pending = '';
      operands.push(convertExpression(cx, child));
    } else pending = pending ? `${pending} ${cx.textOf(child)}` : cx.textOf(child).replace(/\s+/g, ' ');
  }
  return { _type: 'Compare', left: operands[0], ops, comparators: operands.slice(1), ...cx.loc(node) };
}

function comparisonOperator(cx: ConvertContext, text: string, at: TSNode): CmpOperator {
  const op = COMPARISONS[text];
  if (!op) cx.fail('invalid syntax', at);
  return op;
}

function yieldExpression(cx: ConvertContext, node: TSNode): Expr {
  const tokens = allChildren(node);
  const isFrom = tokens.some((t) => t.type === 'from');
  const value = namedChildren(node)[0];
  if (isFrom) return { _type: 'YieldFrom', value: convertExpression(cx, value), ...cx.loc(node) };
  return { _type: 'Yield', value: value ? convertExpression(cx, value) : null, ...cx.loc(node) };
}

function dictionary(cx: ConvertContext, node: TSNode): Expr {
  const keys: (Expr | null)[] = [];
  const values: Expr[] = [];
  for (const item of namedChildren(node)) {
    if (item.type === 'pair') {
      keys.push(convertExpression(cx, item.childForFieldName('key')!));
      values.push(convertExpression(cx, item.childForFieldName('value')!));
    } else if (item.type === 'dictionary_splat') {
      keys.push(null);
      values.push(convertExpression(cx, namedChildren(item)[0]));
    } else cx.fail('invalid syntax', item);
  }
  return { _type: 'Dict', keys, values, ...cx.loc(node) };
}

/** The `for ... in ... if ...` clauses of a comprehension. */
function comprehensionClauses(cx: ConvertContext, node: TSNode): Comprehension[] {
  const generators: Comprehension[] = [];
  for (const clause of namedChildren(node)) {
    if (clause.type === 'for_in_clause') {
      const left = clause.childForFieldName('left')!;
      const rights = clause.childrenForFieldName('right').filter((r) => r.isNamed && r.type !== 'comment');
      if (rights.length !== 1) cx.fail('invalid syntax', clause);
      const isAsync = allChildren(clause)[0].type === 'async';
      generators.push({
        _type: 'comprehension',
        target: convertTarget(cx, left, 'Store'),
        iter: convertExpression(cx, rights[0]),
        ifs: [],
        is_async: isAsync ? 1 : 0,
      });
    } else if (clause.type === 'if_clause') {
      generators[generators.length - 1].ifs.push(convertExpression(cx, namedChildren(clause)[0]));
    }
  }
  return generators;
}

/** Converts an assignment, `for`, `with ... as` or `del` target and gives it `ctx`. */
export function convertTarget(cx: ConvertContext, node: TSNode, ctx: ExprContext): Expr {
  const expr = convertExpression(cx, node);
  setContext(cx, expr, ctx, node);
  return expr;
}

/** Gives a converted target its context, or fails with CPython's "cannot assign to ..." message. */
export function setContext(cx: ConvertContext, expr: Expr, ctx: ExprContext, node: TSNode): void {
  switch (expr._type) {
    case 'Name':
    case 'Attribute':
    case 'Subscript':
      expr.ctx = ctx;
      return;
    case 'Starred':
      if (ctx === 'Del') cx.fail('cannot delete starred', expr);
      expr.ctx = ctx;
      setContext(cx, expr.value, ctx, node);
      return;
    case 'List':
    case 'Tuple':
      expr.ctx = ctx;
      for (const elt of expr.elts) setContext(cx, elt, ctx, node);
      return;
    default: {
      const verb = ctx === 'Del' ? 'delete' : 'assign to';
      cx.fail(`cannot ${verb} ${describe(expr)}`, expr);
    }
  }
}

/** How CPython names an expression in "cannot assign to ..." messages. */
function describe(expr: Expr): string {
  switch (expr._type) {
    case 'Call':
      return 'function call';
    case 'Constant':
      return expr.value === null || typeof expr.value === 'boolean'
        ? String(expr.value === null ? 'None' : expr.value ? 'True' : 'False')
        : expr.value === ELLIPSIS
          ? 'ellipsis'
          : 'literal';
    case 'Compare':
      return 'comparison';
    case 'BinOp':
    case 'UnaryOp':
      return 'expression';
    case 'BoolOp':
      return 'expression';
    case 'Lambda':
      return 'lambda';
    case 'IfExp':
      return 'conditional expression';
    case 'NamedExpr':
      return 'named expression';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'JoinedStr':
    case 'FormattedValue':
      return 'f-string expression';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'DictComp':
      return 'dict comprehension';
    case 'GeneratorExp':
      return 'generator expression';
    case 'Yield':
    case 'YieldFrom':
      return 'yield expression';
    case 'Await':
      return 'await expression';
    default:
      return 'expression';
  }
}
