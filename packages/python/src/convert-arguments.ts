/**
 * Parameter lists of `def` and `lambda` as `ast.arguments`: positional-only (before `/`), ordinary,
 * `*args`, keyword-only (after `*` or `*args`, with `kw_defaults` holding `None` where there is no
 * default), `**kwargs`, and the defaults of the last positional ones, with CPython's errors for a
 * parameter without a default after one with.
 *
 * @example
 * ```ts
 * import { loadParser, parsePythonSync } from '@pymm/python';
 * await loadParser();
 * const parsed = parsePythonSync('def f(a, /, b=2, *args, c, **kw): pass\n');
 * const [f] = (parsed.ok ? parsed.module.body : []) as any[];
 * f.args.posonlyargs.map((a: any) => a.arg); // ['a']
 * f.args.kwonlyargs.map((a: any) => a.arg); // ['c']
 * f.args.kw_defaults; // [null]
 * ```
 */
import type { Arg, Arguments, Expr } from './ast-nodes.js';
import { type ConvertContext, namedChildren, type TSNode } from './convert-context.js';
import { convertExpression, identifier } from './convert-expressions.js';

/** Converts a `def`'s `parameters` node. */
export function convertParameters(cx: ConvertContext, node: TSNode | null): Arguments {
  return parameterList(cx, node ? namedChildren(node) : [], true);
}

/** Converts a `lambda`'s `lambda_parameters` node (absent for `lambda: ...`). */
export function convertLambdaParameters(cx: ConvertContext, node: TSNode | null): Arguments {
  return parameterList(cx, node ? namedChildren(node) : [], false);
}

function parameterList(cx: ConvertContext, items: TSNode[], annotated: boolean): Arguments {
  const args: Arguments = {
    _type: 'arguments',
    posonlyargs: [],
    args: [],
    vararg: null,
    kwonlyargs: [],
    kw_defaults: [],
    kwarg: null,
    defaults: [],
  };
  let keywordOnly = false;
  for (const item of items) {
    switch (item.type) {
      case 'positional_separator':
        if (keywordOnly || args.posonlyargs.length > 0) cx.fail('/ may appear only once', item);
        if (args.args.length === 0) cx.fail('at least one argument must precede /', item);
        args.posonlyargs = args.args;
        args.args = [];
        break;
      case 'keyword_separator':
        if (keywordOnly) cx.fail('* argument may appear only once', item);
        keywordOnly = true;
        break;
      case 'list_splat_pattern':
        if (keywordOnly) cx.fail('* argument may appear only once', item);
        args.vararg = arg(cx, namedChildren(item)[0], null, namedChildren(item)[0]);
        keywordOnly = true;
        break;
      case 'dictionary_splat_pattern':
        args.kwarg = arg(cx, namedChildren(item)[0], null, namedChildren(item)[0]);
        break;
      case 'typed_parameter': {
        const inner = namedChildren(item)[0];
        const annotation = convertExpression(cx, item.childForFieldName('type')!);
        if (inner.type === 'list_splat_pattern') {
          if (keywordOnly) cx.fail('* argument may appear only once', item);
          const name = namedChildren(inner)[0];
          args.vararg = arg(cx, name, annotation, name, item);
          keywordOnly = true;
        } else if (inner.type === 'dictionary_splat_pattern') {
          if (annotation._type === 'Starred') cx.fail('invalid syntax', annotation);
          const name = namedChildren(inner)[0];
          args.kwarg = arg(cx, name, annotation, name, item);
        } else {
          // A starred annotation (`*Ts`, PEP 646) is for `*args` only.
          if (annotation._type === 'Starred') cx.fail('invalid syntax', annotation);
          addParameter(cx, args, arg(cx, inner, annotation, inner, item), null, keywordOnly, item);
        }
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = item.childForFieldName('name')!;
        if (name.type !== 'identifier') cx.fail('invalid syntax', name);
        const type = item.childForFieldName('type');
        const annotation = type ? convertExpression(cx, type) : null;
        const value = convertExpression(cx, item.childForFieldName('value')!);
        addParameter(cx, args, arg(cx, name, annotation, name, type ?? name), value, keywordOnly, item);
        break;
      }
      case 'identifier':
        addParameter(cx, args, arg(cx, item, null, item), null, keywordOnly, item);
        break;
      default:
        cx.fail(item.type === 'tuple_pattern' ? 'invalid syntax' : 'invalid syntax', item);
    }
  }
  if (keywordOnly && !args.vararg && args.kwonlyargs.length === 0) {
    const star = items.find((i) => i.type === 'keyword_separator')!;
    cx.fail('named arguments must follow bare *', star);
  }
  if (!annotated) {
    for (const a of [...args.posonlyargs, ...args.args, ...args.kwonlyargs]) a.annotation = null;
  }
  return args;
}

function addParameter(
  cx: ConvertContext,
  args: Arguments,
  parameter: Arg,
  value: Expr | null,
  keywordOnly: boolean,
  at: TSNode,
): void {
  if (keywordOnly) {
    args.kwonlyargs.push(parameter);
    args.kw_defaults.push(value);
    return;
  }
  if (value) args.defaults.push(value);
  else if (args.defaults.length > 0) cx.fail('non-default argument follows default argument', at);
  args.args.push(parameter);
}

function arg(
  cx: ConvertContext,
  name: TSNode,
  annotation: Expr | null,
  first: TSNode,
  last: TSNode = first,
): Arg {
  if (name.type !== 'identifier') cx.fail('invalid syntax', name);
  return {
    _type: 'arg',
    arg: identifier(cx, name),
    annotation,
    type_comment: null,
    ...cx.between(first, last),
  };
}
