/**
 * What every step of the conversion from tree-sitter's concrete tree to pymm's {@link Module} shares:
 * the source with its line table, the file name, and how a node's position and a syntax error are
 * written. A conversion stops at the first error by throwing a {@link SyntaxErrorSignal}, which the
 * public functions return as a value.
 *
 * @example
 * ```ts
 * import { ConvertContext } from './convert-context.js';
 * const cx = new ConvertContext('x = 1\n', 'prog.py');
 * cx.spanOf(0, 5); // { lineno: 1, col_offset: 0, end_lineno: 1, end_col_offset: 5 }
 * ```
 */
import type { Node as TSNode } from 'web-tree-sitter';
import type { Located } from './ast-nodes.js';
import { SourceText } from './source-positions.js';
import { SyntaxErrorSignal, syntaxErrorAt } from './syntax-error.js';

export type { TSNode };

export class ConvertContext {
  readonly source: SourceText;

  constructor(
    readonly text: string,
    readonly filename: string,
  ) {
    this.source = new SourceText(text);
  }

  /** The CPython position of the string range `[start, end)`. */
  spanOf(start: number, end: number): Located {
    const lineno = this.source.lineOf(start);
    const endLine = this.source.lineOf(end);
    return {
      lineno,
      col_offset: this.source.byteColumn(start, lineno),
      end_lineno: endLine,
      end_col_offset: this.source.byteColumn(end, endLine),
    };
  }

  /** The CPython position of a tree-sitter node. */
  loc(node: TSNode): Located {
    return this.spanOf(node.startIndex, node.endIndex);
  }

  /** A position from the start of `first` to the end of `last` (each a node or a position). */
  between(first: TSNode | Located, last: TSNode | Located): Located {
    const a = 'startIndex' in first ? this.loc(first) : first;
    const b = 'startIndex' in last ? this.loc(last) : last;
    return {
      lineno: a.lineno,
      col_offset: a.col_offset,
      end_lineno: b.end_lineno,
      end_col_offset: b.end_col_offset,
    };
  }

  /** Source text of a node. */
  textOf(node: TSNode): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  /** Stops the conversion with a `SyntaxError` at `at`. */
  fail(message: string, at: TSNode | Located): never {
    const where = 'startIndex' in at ? this.loc(at) : at;
    throw new SyntaxErrorSignal(syntaxErrorAt(this.source, this.filename, message, where));
  }
}

/** The node's children that are named (not punctuation, not comments). */
export function namedChildren(node: TSNode): TSNode[] {
  const out: TSNode[] = [];
  for (const child of node.namedChildren)
    if (child && child.type !== 'comment' && child.type !== 'line_continuation') out.push(child);
  return out;
}

/** All the node's children (tokens included), comments left out. */
export function allChildren(node: TSNode): TSNode[] {
  const out: TSNode[] = [];
  for (const child of node.children)
    if (child && child.type !== 'comment' && child.type !== 'line_continuation') out.push(child);
  return out;
}
