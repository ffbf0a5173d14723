/**
 * Parsing: Python source to pymm's {@link Module}, or the first syntax error as a
 * {@link PythonSyntaxError}. Errors the grammar finds are reported at the first place the parse
 * failed (`invalid syntax`, or `expected ':'` where a colon is missing); errors found while building
 * the tree (bad literals, targets, parameter order) carry CPython's own messages.
 *
 * @example
 * ```ts
 * import { loadParser, parsePythonSync } from '@pymm/python';
 * await loadParser();
 * const good = parsePythonSync('x = 1\n');
 * good.ok && good.module.body[0]._type; // 'Assign'
 * const bad = parsePythonSync('x = 08\n', { filename: 'prog.py' });
 * bad.ok || bad.error.toString(); // 'prog.py:1:5: SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'
 * ```
 */
import type { Module } from './ast-nodes.js';
import { ConvertContext, type TSNode } from './convert-context.js';
import { convertModule } from './convert-statements.js';
import { indentationProblem } from './indentation-check.js';
import { loadParser, parseTree } from './load-parser.js';
import { PythonSyntaxError, SyntaxErrorSignal } from './syntax-error.js';
import { tokenProblem } from './token-errors.js';

/**
 * Options of the parse functions.
 *
 * @example
 * ```ts
 * import { type ParseOptions, parsePython } from '@pymm/python';
 * const options: ParseOptions = { filename: 'prog.py' };
 * const result = await parsePython('x = (1,\n', options);
 * result.ok || [result.error.filename, result.error.line]; // ['prog.py', 1]
 * ```
 */
export interface ParseOptions {
  /** The file name errors name (default `<unknown>`, as `ast.parse`). */
  readonly filename?: string;
}

/**
 * A parsed module, or the syntax error that stopped the parse.
 *
 * @example
 * ```ts
 * import { type ParseResult, parsePython } from '@pymm/python';
 * const result: ParseResult = await parsePython('print("hi")\n');
 * result.ok ? result.module.body.length : result.error.message; // 1
 * ```
 */
export type ParseResult = { ok: true; module: Module } | { ok: false; error: PythonSyntaxError };

/**
 * Parses Python 3.11 source, synchronously. The parser must be loaded ({@link loadParser}).
 *
 * @example
 * ```ts
 * import { type Assign, loadParser, parsePythonSync } from '@pymm/python';
 * await loadParser();
 * const result = parsePythonSync('big = 2**100\n');
 * result.ok && (result.module.body[0] as Assign).value._type; // 'BinOp'
 * ```
 */
export function parsePythonSync(source: string, options: ParseOptions = {}): ParseResult {
  const filename = options.filename ?? '<unknown>';
  const cx = new ConvertContext(source, filename);
  const tree = parseWithoutTypeStatements(source);
  // The grammar library accepts bad indentation; CPython's tokenizer and parser stop there.
  const indentation = indentationProblem(source);
  const indentationError = () =>
    new PythonSyntaxError({
      ...indentation!,
      filename,
      text: indentation!.line <= cx.source.lineStarts.length ? cx.source.lineText(indentation!.line) : null,
    });
  try {
    const root = tree.rootNode;
    if (root.hasError) reportParseError(cx, root);
    const module = convertModule(cx, root);
    if (indentation) return { ok: false, error: indentationError() };
    return { ok: true, module };
  } catch (e) {
    if (e instanceof SyntaxErrorSignal) {
      if (indentation && indentation.line <= e.error.line) return { ok: false, error: indentationError() };
      return { ok: false, error: tokenizerError(cx, e.error) ?? e.error };
    }
    throw e;
  } finally {
    tree.delete();
  }
}

/**
 * Runs the grammar. It knows Python 3.12's `type X = ...` statement, so it reads `type(x).attr = 1`
 * as one; Python 3.11 has no such statement, and `type` there is a plain name. Where the grammar
 * found one, the word is parsed again as another name of the same length (`typE`), so that every
 * position stays where it was; the converter reads names from the original source, so the tree
 * says `type`.
 */
function parseWithoutTypeStatements(source: string) {
  let tree = parseTree(source);
  if (!source.includes('type')) return tree;
  const statements = tree.rootNode.descendantsOfType('type_alias_statement');
  if (statements.length === 0) return tree;
  let patched = source;
  for (const statement of statements) {
    if (!statement) continue;
    const at = statement.startIndex;
    patched = `${patched.slice(0, at)}typE${patched.slice(at + 4)}`;
  }
  tree.delete();
  tree = parseTree(patched);
  return tree;
}

/**
 * Loads the parser if needed, then parses (see {@link parsePythonSync}).
 *
 * @example
 * ```ts
 * import { parsePython } from '@pymm/python';
 * const result = await parsePython('if x\n    pass\n', { filename: 'prog.py' });
 * result.ok || result.error.toString(); // "prog.py:1:5: SyntaxError: expected ':'"
 * ```
 */
export async function parsePython(source: string, options: ParseOptions = {}): Promise<ParseResult> {
  await loadParser();
  return parsePythonSync(source, options);
}

/** Fails at the first node the grammar could not place (a missing token, else an error node), in source order. */
function reportParseError(cx: ConvertContext, root: TSNode): never {
  const stack: TSNode[] = [root];
  let error: TSNode | null = null;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isMissing) {
      if (!error || node.startIndex <= error.startIndex) {
        const message = node.type === ':' ? "expected ':'" : 'invalid syntax';
        cx.fail(message, cx.spanOf(node.startIndex, node.startIndex));
      }
    }
    if (node.type === 'ERROR') {
      error ??= node;
      continue;
    }
    if (!node.hasError) continue;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
  // The grammar gave up somewhere inside the error node; CPython reports the token it stopped at,
  // which is most often the one just after what it could read.
  const at = error ? endOfFirstLine(cx, error) : 0;
  return cx.fail(missingColon(cx, at) ? "expected ':'" : 'invalid syntax', cx.spanOf(at, at));
}

const COMPOUND_HEADER = /^\s*(?:if|elif|else|while|for|with|def|class|try|except|finally)\b/;

/**
 * Whether the error is a compound statement's header ended without its colon (`if x` then a new
 * line), for which CPython's grammar has a rule of its own (`invalid_if_stmt` and its siblings:
 * "expected ':'").
 */
function missingColon(cx: ConvertContext, at: number): boolean {
  const line = cx.source.lineOf(at);
  const text = cx.source.lineText(line);
  const rest = cx.source.text.slice(at, cx.source.lineStarts[line - 1] + text.length);
  if (!COMPOUND_HEADER.test(text) || !/^\s*(?:#.*)?$/.test(rest)) return false;
  const header = text.slice(0, at - cx.source.lineStarts[line - 1]);
  // A header continued over several lines (open brackets) is left to the general message.
  const open = header.replace(/[^([{]/g, '').length;
  const closed = header.replace(/[^)\]}]/g, '').length;
  return open === closed && !/:\s*$/.test(header);
}

/** The end of the error node's last token on its first line. */
function endOfFirstLine(cx: ConvertContext, error: TSNode): number {
  const line = cx.source.lineOf(error.startIndex);
  let end = error.startIndex;
  const stack: TSNode[] = [error];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (cx.source.lineOf(node.startIndex) !== line) continue;
    if (node.childCount === 0) end = Math.max(end, node.endIndex);
    for (const child of node.children) if (child) stack.push(child);
  }
  return end;
}

/**
 * The tokenizer's own error, which CPython reports instead of the parser's generic one (an
 * unterminated string, an unmatched or mismatched bracket anywhere; a bracket never closed when the
 * parser failed after it).
 */
function tokenizerError(cx: ConvertContext, error: PythonSyntaxError): PythonSyntaxError | null {
  if (error.message !== 'invalid syntax') return null;
  const problem = tokenProblem(cx.source.text);
  if (!problem) return null;
  // As _PyPegen_tokenize_full_source_to_check_for_errors: an unclosed bracket replaces the
  // parser's error only when the parser had read past the bracket's line (an error on a later
  // line, or at the end of the line); `def f(:` stays invalid syntax.
  if (problem.message.endsWith('was never closed')) {
    const pastLine =
      error.line > problem.line ||
      (error.line === problem.line && error.column > cx.source.lineText(error.line).trimEnd().length);
    if (!pastLine) return null;
  }
  return new PythonSyntaxError({
    ...problem,
    filename: error.filename,
    text: cx.source.lineText(problem.line),
  });
}
