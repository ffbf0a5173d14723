/**
 * String literals, as CPython 3.11 builds them: adjacent literals are one `Constant` (`str` or
 * `bytes`, `kind='u'` after a `u` prefix), and as soon as one of them is an f-string the whole is a
 * `JoinedStr` whose literal pieces are merged and whose `{...}` are `FormattedValue`s. Positions follow
 * CPython 3.11: the pieces of a `JoinedStr` carry the span of the whole concatenation, a format spec
 * the span of the literal that holds it, and the expressions inside their own.
 *
 * @example
 * ```ts
 * import { loadParser, parsePythonSync } from '@pymm/python';
 * await loadParser();
 * const parsed = parsePythonSync('s = "a" "b"\nt = f"{x!r}!"\n');
 * const [s, t] = (parsed.ok ? parsed.module.body : []) as any[];
 * s.value.value; // 'ab'
 * t.value.values.map((v: any) => v._type); // ['FormattedValue', 'Constant']
 * ```
 */
import type { Constant, Expr, FormattedValue, JoinedStr, Located } from './ast-nodes.js';
import { allChildren, type ConvertContext, type TSNode } from './convert-context.js';
import { convertExpression } from './convert-expressions.js';
import { decodeStringBody, latin1Bytes, parseStringPrefix } from './literals.js';

type Piece = { literal: string } | { value: FormattedValue };

/** Converts a `string` or `concatenated_string` node. */
export function convertString(cx: ConvertContext, node: TSNode): Expr {
  const parts = node.type === 'concatenated_string' ? allChildren(node) : [node];
  const whole = cx.loc(node);
  let anyFormat = false;
  let anyBytes = false;
  let anyText = false;
  const pieces: Piece[] = [];
  const firstPrefix = parseStringPrefix(cx.textOf(parts[0]));
  for (const part of parts) {
    const text = cx.textOf(part);
    const prefix = parseStringPrefix(text);
    if (prefix.bytes) anyBytes = true;
    else anyText = true;
    if (anyBytes && anyText) cx.fail('cannot mix bytes and nonbytes literals', node);
    if (prefix.format) {
      anyFormat = true;
      formatPieces(cx, part, prefix.raw, whole, pieces);
    } else {
      const bodyStart = prefix.prefixLength + prefix.quote.length;
      const body = normalizeNewlines(text.slice(bodyStart, text.length - prefix.quote.length));
      const decoded = decodeStringBody(body, prefix.raw, prefix.bytes);
      if ('error' in decoded) cx.fail(decoded.error, part);
      pieces.push({ literal: decoded.value });
    }
  }
  if (!anyFormat) {
    const literal = pieces.map((p) => ('literal' in p ? p.literal : '')).join('');
    return {
      _type: 'Constant',
      value: anyBytes ? latin1Bytes(literal) : literal,
      kind: firstPrefix.unicode ? 'u' : null,
      ...whole,
    };
  }
  return { _type: 'JoinedStr', values: joinPieces(pieces, whole), ...whole };
}

/**
 * Merges adjacent literal pieces into one `Constant` each, dropping empty ones. A literal is placed
 * at `whole`, the last one (after every field) at `last`.
 */
function joinPieces(pieces: Piece[], whole: Located, last: Located = whole): (Constant | FormattedValue)[] {
  const values: (Constant | FormattedValue)[] = [];
  let literal = '';
  for (const piece of pieces) {
    if ('literal' in piece) literal += piece.literal;
    else {
      if (literal !== '') values.push({ _type: 'Constant', value: literal, kind: null, ...whole });
      literal = '';
      values.push(piece.value);
    }
  }
  if (literal !== '') values.push({ _type: 'Constant', value: literal, kind: null, ...last });
  return values;
}

/** The literal text and replacement fields of one f-string literal, appended to `pieces`. */
function formatPieces(cx: ConvertContext, part: TSNode, raw: boolean, whole: Located, pieces: Piece[]): void {
  const children = allChildren(part);
  const start = children[0].endIndex;
  const end = children[children.length - 1].startIndex;
  let at = start;
  for (const child of children) {
    if (child.type !== 'interpolation') continue;
    if (child.startIndex > at)
      pieces.push({ literal: fstringLiteral(cx, cx.text.slice(at, child.startIndex), raw, part) });
    replacementField(cx, child, raw, whole, cx.loc(part), pieces);
    at = child.endIndex;
  }
  if (end > at) pieces.push({ literal: fstringLiteral(cx, cx.text.slice(at, end), raw, part) });
}

function fstringLiteral(cx: ConvertContext, text: string, raw: boolean, at: TSNode): string {
  const decoded = decodeStringBody(
    normalizeNewlines(text).replace(/\{\{/g, '{').replace(/\}\}/g, '}'),
    raw,
    false,
  );
  if ('error' in decoded) cx.fail(decoded.error, at);
  return decoded.value;
}

/** One `{expression[=][!conversion][:format_spec]}`. */
function replacementField(
  cx: ConvertContext,
  field: TSNode,
  raw: boolean,
  whole: Located,
  literalSpan: Located,
  pieces: Piece[],
): void {
  const expression = field.childForFieldName('expression');
  if (!expression) cx.fail("f-string: valid expression required before '}'", field);
  let conversion = -1;
  let spec: JoinedStr | null = null;
  let selfDocumenting = false;
  let specNode: TSNode | null = null;
  for (const child of allChildren(field)) {
    if (child.type === '=') selfDocumenting = true;
    else if (child.type === 'type_conversion') {
      const letter = cx.textOf(child).slice(1);
      if (letter !== 's' && letter !== 'r' && letter !== 'a')
        cx.fail("f-string: invalid conversion character: expected 's', 'r', or 'a'", child);
      conversion = letter.charCodeAt(0);
    } else if (child.type === 'format_specifier') specNode = child;
  }
  if (specNode) spec = formatSpec(cx, specNode, raw, whole, literalSpan);
  if (selfDocumenting) {
    const equals = allChildren(field).find((c) => c.type === '=')!;
    let after = equals.endIndex;
    const stop = allChildren(field).find((c) => c.startIndex >= after && c.type !== '=');
    const textEnd = stop ? stop.startIndex : field.endIndex - 1;
    after = textEnd;
    pieces.push({ literal: normalizeNewlines(cx.text.slice(field.startIndex + 1, after)) });
    if (conversion === -1 && spec === null) conversion = 'r'.charCodeAt(0);
  }
  const value = convertExpression(cx, expression);
  if (value._type === 'Tuple' && expression.type === 'expression_list') {
    // CPython 3.11 compiles the field's text in parentheses put where `{` and the character after the
    // expression are, so a tuple without its own parentheses spans from `{` through that character.
    const after = allChildren(field).find((c) => c.startIndex >= expression.endIndex)!;
    Object.assign(value, cx.spanOf(field.startIndex, after.startIndex + 1));
  }
  pieces.push({
    value: {
      _type: 'FormattedValue',
      value,
      conversion,
      format_spec: spec,
      ...whole,
    },
  });
}

/** A format spec (after `:`): its literal text and nested `{...}` fields, as a `JoinedStr`. */
function formatSpec(
  cx: ConvertContext,
  spec: TSNode,
  raw: boolean,
  whole: Located,
  literalSpan: Located,
): JoinedStr {
  const pieces: Piece[] = [];
  let at = spec.startIndex + 1; // after ':'
  for (const child of allChildren(spec)) {
    if (child.type !== 'format_expression') continue;
    if (child.startIndex > at)
      pieces.push({ literal: fstringLiteral(cx, cx.text.slice(at, child.startIndex), raw, spec) });
    replacementField(cx, child, raw, whole, literalSpan, pieces);
    at = child.endIndex;
  }
  if (spec.endIndex > at)
    pieces.push({ literal: fstringLiteral(cx, cx.text.slice(at, spec.endIndex), raw, spec) });
  // CPython 3.11 places a format spec, and the literal text at its end, at the string token that
  // holds it; literal text before a nested field gets the whole string's span, as elsewhere.
  return { _type: 'JoinedStr', values: joinPieces(pieces, whole, literalSpan), ...literalSpan };
}

function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
