/**
 * Statements: tree-sitter's statement nodes turned into `ast.stmt` nodes. A compound statement
 * spans from its keyword (`def`, not its decorators) to the end of its last inner statement; `elif`
 * is an `If` in the `orelse` of the one before; `a = b = c` is one `Assign` with two targets.
 *
 * @example
 * ```ts
 * import { loadParser, parsePythonSync } from '@pymm/python';
 * await loadParser();
 * const parsed = parsePythonSync('if a:\n    pass\nelif b:\n    pass\n');
 * const [stmt] = (parsed.ok ? parsed.module.body : []) as any[];
 * stmt.orelse[0]._type; // 'If'
 * stmt.end_lineno; // 4
 * ```
 */
import type { Alias, ExceptHandler, Expr, Located, Module, Stmt, WithItem } from './ast-nodes.js';
import { convertParameters } from './convert-arguments.js';
import { allChildren, type ConvertContext, namedChildren, type TSNode } from './convert-context.js';
import {
  BINARY_OPERATORS,
  callArguments,
  convertExpression,
  convertTarget,
  identifier,
  implicitTuple,
} from './convert-expressions.js';
import { convertMatch } from './convert-patterns.js';

/** Converts the `module` node. */
export function convertModule(cx: ConvertContext, root: TSNode): Module {
  return { _type: 'Module', body: statementList(cx, namedChildren(root)), type_ignores: [] };
}

/** Converts the statements of a `block` (or the module). */
export function statementList(cx: ConvertContext, nodes: TSNode[]): Stmt[] {
  const out: Stmt[] = [];
  for (const node of nodes) out.push(convertStatement(cx, node));
  return out;
}

function block(cx: ConvertContext, node: TSNode | null): Stmt[] {
  if (!node) return [];
  return statementList(cx, namedChildren(node));
}

/**
 * The span from `first` to the end of the last statement of `body`. Like CPython's, it ends at the
 * last token of the block, which is the `;` when its last line ends with one (`pass;`).
 */
function through(cx: ConvertContext, first: TSNode, body: Stmt[] | Located): Located {
  const last = Array.isArray(body) ? body[body.length - 1] : body;
  if (!last) return cx.loc(first);
  const span = cx.between(first, last);
  const text = cx.source.text;
  let i = cx.source.indexOf(last.end_lineno, last.end_col_offset);
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) !== 59) return span;
  return { ...span, end_col_offset: cx.source.byteColumn(i + 1, last.end_lineno) };
}

function convertStatement(cx: ConvertContext, node: TSNode): Stmt {
  const at = (): Located => cx.loc(node);
  switch (node.type) {
    case 'expression_statement':
      return expressionStatement(cx, node);
    case 'pass_statement':
      return { _type: 'Pass', ...at() };
    case 'break_statement':
      return { _type: 'Break', ...at() };
    case 'continue_statement':
      return { _type: 'Continue', ...at() };
    case 'return_statement': {
      const value = namedChildren(node)[0];
      return { _type: 'Return', value: value ? convertExpression(cx, value) : null, ...at() };
    }
    case 'delete_statement': {
      const target = namedChildren(node)[0];
      const items = target.type === 'expression_list' ? namedChildren(target) : [target];
      return { _type: 'Delete', targets: items.map((t) => convertTarget(cx, t, 'Del')), ...at() };
    }
    case 'raise_statement': {
      const cause = node.childForFieldName('cause');
      const exc = namedChildren(node).find((c) => !cause || c.startIndex !== cause.startIndex);
      return {
        _type: 'Raise',
        exc: exc ? convertExpression(cx, exc) : null,
        cause: cause ? convertExpression(cx, cause) : null,
        ...at(),
      };
    }
    case 'global_statement':
    case 'nonlocal_statement':
      return {
        _type: node.type === 'global_statement' ? 'Global' : 'Nonlocal',
        names: namedChildren(node).map((n) => identifier(cx, n)),
        ...at(),
      };
    case 'assert_statement': {
      const [test, msg] = namedChildren(node);
      return {
        _type: 'Assert',
        test: convertExpression(cx, test),
        msg: msg ? convertExpression(cx, msg) : null,
        ...at(),
      };
    }
    case 'import_statement':
      return { _type: 'Import', names: node.childrenForFieldName('name').map((n) => alias(cx, n)), ...at() };
    case 'import_from_statement':
    case 'future_import_statement':
      return importFrom(cx, node);
    case 'if_statement':
      return ifStatement(cx, node, node);
    case 'for_statement': {
      const body = block(cx, node.childForFieldName('body'));
      const orelse = elseBlock(cx, node.childForFieldName('alternative'));
      const isAsync = allChildren(node)[0].type === 'async';
      return {
        _type: isAsync ? 'AsyncFor' : 'For',
        target: convertTarget(cx, node.childForFieldName('left')!, 'Store'),
        iter: convertExpression(cx, node.childForFieldName('right')!),
        body,
        orelse,
        type_comment: null,
        ...through(cx, node, orelse.length ? orelse : body),
      };
    }
    case 'while_statement': {
      const body = block(cx, node.childForFieldName('body'));
      const orelse = elseBlock(cx, node.childForFieldName('alternative'));
      return {
        _type: 'While',
        test: convertExpression(cx, node.childForFieldName('condition')!),
        body,
        orelse,
        ...through(cx, node, orelse.length ? orelse : body),
      };
    }
    case 'try_statement':
      return tryStatement(cx, node);
    case 'with_statement':
      return withStatement(cx, node);
    case 'function_definition':
      return functionDefinition(cx, node, []);
    case 'class_definition':
      return classDefinition(cx, node, []);
    case 'decorated_definition': {
      const decorators = namedChildren(node)
        .filter((c) => c.type === 'decorator')
        .map((d) => convertExpression(cx, namedChildren(d)[0]));
      const definition = node.childForFieldName('definition')!;
      return definition.type === 'class_definition'
        ? classDefinition(cx, definition, decorators)
        : functionDefinition(cx, definition, decorators);
    }
    case 'match_statement':
      return convertMatch(cx, node);
    case 'print_statement':
      return printChevron(cx, node);
    case 'exec_statement':
      return cx.fail("Missing parentheses in call to 'exec'. Did you mean exec(...)?", node);
    default:
      return cx.fail('invalid syntax', node);
  }
}

function expressionStatement(cx: ConvertContext, node: TSNode): Stmt {
  const items = namedChildren(node);
  const first = items[0];
  if (items.length === 1 && first.type === 'assignment') return assignment(cx, first);
  if (items.length === 1 && first.type === 'augmented_assignment') {
    const operator = cx.textOf(first.childForFieldName('operator')!).slice(0, -1);
    const target = convertTarget(cx, first.childForFieldName('left')!, 'Store');
    if (target._type === 'Tuple' || target._type === 'List' || target._type === 'Starred')
      cx.fail(
        `'${target._type === 'Starred' ? 'starred' : target._type.toLowerCase()}' is an illegal expression for augmented assignment`,
        target,
      );
    return {
      _type: 'AugAssign',
      target,
      op: BINARY_OPERATORS[operator],
      value: convertValue(cx, first.childForFieldName('right')!),
      ...cx.loc(first),
    };
  }
  for (const item of items)
    if (item.type === 'assignment' || item.type === 'augmented_assignment') cx.fail('invalid syntax', item);
  // `f(x),` is a tuple of one item: the grammar keeps the comma as a token of the statement.
  const tuple = items.length > 1 || allChildren(node).some((t) => t.type === ',');
  const value = tuple ? implicitTuple(cx, node, items) : convertExpression(cx, first);
  if (value._type === 'Starred') cx.fail("can't use starred expression here", value);
  return { _type: 'Expr', value, ...cx.loc(node) };
}

/** The right-hand side of an assignment: an expression, an implicit tuple or a `yield`. */
function convertValue(cx: ConvertContext, node: TSNode): Expr {
  return convertExpression(cx, node);
}

function assignment(cx: ConvertContext, node: TSNode): Stmt {
  const type = node.childForFieldName('type');
  const left = node.childForFieldName('left')!;
  const right = node.childForFieldName('right');
  if (type) {
    const target = convertTarget(cx, left, 'Store');
    if (target._type === 'Tuple') cx.fail('only single target (not tuple) can be annotated', target);
    if (target._type === 'List') cx.fail('only single target (not list) can be annotated', target);
    if (target._type !== 'Name' && target._type !== 'Attribute' && target._type !== 'Subscript')
      cx.fail('illegal target for annotation', target);
    if (right?.type === 'assignment') cx.fail('invalid syntax', right);
    const simple = target._type === 'Name' && left.type === 'identifier' ? 1 : 0;
    const annotation = convertExpression(cx, type);
    if (annotation._type === 'Starred') cx.fail('invalid syntax', annotation);
    return {
      _type: 'AnnAssign',
      target,
      annotation,
      value: right ? convertValue(cx, right) : null,
      simple,
      ...cx.loc(node),
    };
  }
  const targets: Expr[] = [convertTarget(cx, left, 'Store')];
  let value = right!;
  while (value.type === 'assignment') {
    if (value.childForFieldName('type')) cx.fail('invalid syntax', value);
    targets.push(convertTarget(cx, value.childForFieldName('left')!, 'Store'));
    value = value.childForFieldName('right')!;
  }
  if (value.type === 'augmented_assignment') cx.fail('invalid syntax', value);
  for (const target of targets)
    if (target._type === 'Starred') cx.fail('starred assignment target must be in a list or tuple', target);
  return { _type: 'Assign', targets, value: convertValue(cx, value), type_comment: null, ...cx.loc(node) };
}

function alias(cx: ConvertContext, node: TSNode): Alias {
  if (node.type === 'aliased_import') {
    return {
      _type: 'alias',
      name: dottedName(cx, node.childForFieldName('name')!),
      asname: identifier(cx, node.childForFieldName('alias')!),
      ...cx.loc(node),
    };
  }
  return { _type: 'alias', name: dottedName(cx, node), asname: null, ...cx.loc(node) };
}

function dottedName(cx: ConvertContext, node: TSNode): string {
  return namedChildren(node)
    .map((n) => identifier(cx, n))
    .join('.');
}

function importFrom(cx: ConvertContext, node: TSNode): Stmt {
  let module: string | null = '__future__';
  let level = 0;
  if (node.type === 'import_from_statement') {
    const moduleName = node.childForFieldName('module_name')!;
    if (moduleName.type === 'relative_import') {
      const parts = namedChildren(moduleName);
      const prefix = parts.find((p) => p.type === 'import_prefix');
      level = prefix ? cx.textOf(prefix).replace(/[^.]/g, '').length : 0;
      const name = parts.find((p) => p.type === 'dotted_name');
      module = name ? dottedName(cx, name) : null;
    } else module = dottedName(cx, moduleName);
  }
  const wildcard = namedChildren(node).find((c) => c.type === 'wildcard_import');
  const names = wildcard
    ? [{ _type: 'alias' as const, name: '*', asname: null, ...cx.loc(wildcard) }]
    : node.childrenForFieldName('name').map((n) => alias(cx, n));
  const tokens = allChildren(node);
  const last = tokens[tokens.length - 1];
  if (last.type === ',') cx.fail('trailing comma not allowed without surrounding parentheses', last);
  return { _type: 'ImportFrom', module, names, level, ...cx.loc(node) };
}

function ifStatement(cx: ConvertContext, node: TSNode, start: TSNode): Stmt {
  const body = block(cx, node.childForFieldName('consequence'));
  const alternatives = node.childrenForFieldName('alternative').filter((a) => a.type !== 'comment');
  const orelse = elifChain(cx, alternatives);
  return {
    _type: 'If',
    test: convertExpression(cx, node.childForFieldName('condition')!),
    body,
    orelse,
    ...through(cx, start, orelse.length ? orelse : body),
  };
}

function elifChain(cx: ConvertContext, alternatives: TSNode[]): Stmt[] {
  if (alternatives.length === 0) return [];
  const [first, ...rest] = alternatives;
  if (first.type === 'else_clause') return block(cx, first.childForFieldName('body'));
  const body = block(cx, first.childForFieldName('consequence'));
  const orelse = elifChain(cx, rest);
  return [
    {
      _type: 'If',
      test: convertExpression(cx, first.childForFieldName('condition')!),
      body,
      orelse,
      ...through(cx, first, orelse.length ? orelse : body),
    },
  ];
}

function elseBlock(cx: ConvertContext, node: TSNode | null): Stmt[] {
  return node ? block(cx, node.childForFieldName('body')) : [];
}

function tryStatement(cx: ConvertContext, node: TSNode): Stmt {
  const body = block(cx, node.childForFieldName('body'));
  const handlers: ExceptHandler[] = [];
  let orelse: Stmt[] = [];
  let finalbody: Stmt[] = [];
  let star: boolean | null = null;
  for (const clause of namedChildren(node)) {
    if (clause.type === 'except_clause') {
      const tokens = allChildren(clause);
      const isStar = tokens[1]?.type === '*';
      if (star !== null && star !== isStar)
        cx.fail("cannot have both 'except' and 'except*' on the same 'try'", clause);
      star = isStar;
      handlers.push(exceptHandler(cx, clause, isStar));
    } else if (clause.type === 'else_clause') orelse = block(cx, clause.childForFieldName('body'));
    else if (clause.type === 'finally_clause')
      finalbody = block(cx, namedChildren(clause).find((c) => c.type === 'block') ?? null);
  }
  if (handlers.length === 0 && finalbody.length === 0) {
    // CPython stops at the first token after the `try` body.
    const next = node.nextNamedSibling;
    const at = next ? next.startIndex : node.endIndex;
    cx.fail("expected 'except' or 'finally' block", cx.spanOf(at, at));
  }
  const last = finalbody.length ? finalbody : orelse.length ? orelse : null;
  const end = last
    ? last[last.length - 1]
    : handlers.length
      ? handlers[handlers.length - 1]
      : body[body.length - 1];
  return { _type: star ? 'TryStar' : 'Try', body, handlers, orelse, finalbody, ...cx.between(node, end) };
}

function exceptHandler(cx: ConvertContext, clause: TSNode, isStar: boolean): ExceptHandler {
  const blockNode = namedChildren(clause).find((c) => c.type === 'block') ?? null;
  const body = block(cx, blockNode);
  let typeNode = clause.childForFieldName('value');
  let name: string | null = null;
  const aliasNode = clause.childForFieldName('alias');
  if (typeNode?.type === 'as_pattern') {
    const [value] = namedChildren(typeNode);
    const target = typeNode.childForFieldName('alias')!;
    const targetName = namedChildren(target)[0];
    if (targetName?.type !== 'identifier') cx.fail('invalid syntax', target);
    name = identifier(cx, targetName);
    typeNode = value;
  } else if (aliasNode) {
    const comma = allChildren(clause).some((t) => t.type === ',');
    if (comma) cx.fail('multiple exception types must be parenthesized', typeNode!);
    name = identifier(cx, aliasNode);
  }
  if (isStar && !typeNode) cx.fail('expected one or more exception types', clause);
  const type = typeNode ? convertExpression(cx, typeNode) : null;
  return { _type: 'ExceptHandler', type, name, body, ...through(cx, clause, body) };
}

/**
 * The grammar knows Python 2's `print` statement. `print x` is an error in Python 3 (CPython's own
 * message), but `print >> f, x` is a valid expression: a tuple whose first item is `print >> f`.
 */
function printChevron(cx: ConvertContext, node: TSNode): Stmt {
  const tokens = allChildren(node);
  const chevron = tokens.find((t) => t.type === 'chevron');
  if (!chevron) return cx.fail("Missing parentheses in call to 'print'. Did you mean print(...)?", node);
  const print = tokens[0];
  const shifted: Expr = {
    _type: 'BinOp',
    left: { _type: 'Name', id: 'print', ctx: 'Load', ...cx.loc(print) },
    op: 'RShift',
    right: convertExpression(cx, namedChildren(chevron)[0]),
    ...cx.between(print, chevron),
  };
  const rest = namedChildren(node).filter((n) => n.type !== 'chevron');
  const tuple = rest.length > 0 || tokens.some((t) => t.type === ',');
  const value: Expr = tuple
    ? {
        _type: 'Tuple',
        elts: [shifted, ...rest.map((n) => convertExpression(cx, n))],
        ctx: 'Load',
        ...cx.between(print, tokens[tokens.length - 1]),
      }
    : shifted;
  return { _type: 'Expr', value, ...cx.loc(node) };
}

function withStatement(cx: ConvertContext, node: TSNode): Stmt {
  const body = block(cx, node.childForFieldName('body'));
  const clause = namedChildren(node).find((c) => c.type === 'with_clause')!;
  const items: WithItem[] = [];
  for (const item of namedChildren(clause)) {
    let value = item.childForFieldName('value')!;
    // `with (manager() as x):` is one item in parentheses, not a parenthesized expression.
    const inner = value.type === 'parenthesized_expression' ? namedChildren(value) : [];
    if (inner.length === 1 && inner[0].type === 'as_pattern') value = inner[0];
    if (value.type === 'as_pattern') {
      const [expr] = namedChildren(value);
      const alias = value.childForFieldName('alias') ?? namedChildren(value).at(-1)!;
      const target = namedChildren(alias)[0];
      items.push({
        _type: 'withitem',
        context_expr: convertExpression(cx, expr),
        optional_vars: convertTarget(cx, target, 'Store'),
      });
    } else items.push({ _type: 'withitem', context_expr: convertExpression(cx, value), optional_vars: null });
  }
  const isAsync = allChildren(node)[0].type === 'async';
  return {
    _type: isAsync ? 'AsyncWith' : 'With',
    items,
    body,
    type_comment: null,
    ...through(cx, node, body),
  };
}

function functionDefinition(cx: ConvertContext, node: TSNode, decorators: Expr[]): Stmt {
  if (node.childForFieldName('type_parameters'))
    cx.fail('invalid syntax', node.childForFieldName('type_parameters')!);
  const body = block(cx, node.childForFieldName('body'));
  const returns = node.childForFieldName('return_type');
  const isAsync = allChildren(node)[0].type === 'async';
  return {
    _type: isAsync ? 'AsyncFunctionDef' : 'FunctionDef',
    name: identifier(cx, node.childForFieldName('name')!),
    args: convertParameters(cx, node.childForFieldName('parameters')),
    body,
    decorator_list: decorators,
    returns: returns ? convertExpression(cx, returns) : null,
    type_comment: null,
    ...through(cx, node, body),
  };
}

function classDefinition(cx: ConvertContext, node: TSNode, decorators: Expr[]): Stmt {
  if (node.childForFieldName('type_parameters'))
    cx.fail('invalid syntax', node.childForFieldName('type_parameters')!);
  const body = block(cx, node.childForFieldName('body'));
  const superclasses = node.childForFieldName('superclasses');
  const { args, keywords } = superclasses ? callArguments(cx, superclasses) : { args: [], keywords: [] };
  return {
    _type: 'ClassDef',
    name: identifier(cx, node.childForFieldName('name')!),
    bases: args,
    keywords,
    body,
    decorator_list: decorators,
    ...through(cx, node, body),
  };
}
