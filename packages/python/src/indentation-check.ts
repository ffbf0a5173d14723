/**
 * The indentation errors of CPython's tokenizer and parser, which the grammar library does not
 * report (it reads `x = 1` then `    y = 2` as one block): the logical lines are found as
 * `Parser/tokenizer.c` finds them (skipping strings, comments, bracketed continuations and
 * backslash joins), and each line's indentation is compared with the stack of open blocks, with
 * CPython's messages: `unexpected indent`, `unindent does not match any outer indentation level`,
 * `expected an indented block after 'if' statement on line 1`, and `TabError` when tabs and
 * spaces disagree.
 *
 * @module
 */

/** An indentation error: the message, its class, and its 1-based line and column. */
export interface IndentationProblem {
  readonly message: string;
  readonly kind: 'IndentationError' | 'TabError';
  readonly line: number;
  readonly column: number;
}

const TAB_SIZE = 8;
const HEADERS: readonly [RegExp, (line: number) => string][] = [
  [/^(?:async\s+)?def\b/, (n) => `function definition on line ${n}`],
  [/^class\b/, (n) => `class definition on line ${n}`],
  [/^(if|elif|else|while|for|with|try|except|finally)\b/, (n) => `statement on line ${n}`],
];

/** The text after `expected an indented block after` for a header line, or null when it is no compound header. */
function headerName(text: string, line: number): string | null {
  const trimmed = text.trimStart();
  for (const [pattern, describe] of HEADERS) {
    const m = pattern.exec(trimmed);
    if (!m) continue;
    const word = m[1] ?? '';
    const async = /^async\s+for\b/.test(trimmed) ? 'async for' : word;
    return word ? `'${async}' ${describe(line)}` : describe(line);
  }
  return null;
}

/** The first indentation error of `source`, or null. */
export function indentationProblem(source: string): IndentationProblem | null {
  const cols = [0];
  const altcols = [0];
  let i = 0;
  let line = 1;
  let depth = 0;
  /** The last logical line ended with ':' (a block opens), and the header's text and line. */
  let header: { text: string; line: number } | null = null;
  const n = source.length;
  while (i < n) {
    // The start of a logical line: measure its indentation.
    let col = 0;
    let altcol = 0;
    const lineStart = i;
    while (i < n && (source[i] === ' ' || source[i] === '\t' || source[i] === '\f')) {
      if (source[i] === ' ') {
        col++;
        altcol++;
      } else if (source[i] === '\t') {
        col = (Math.floor(col / TAB_SIZE) + 1) * TAB_SIZE;
        altcol++;
      } else col = altcol = 0;
      i++;
    }
    const c = source[i];
    const blank = i >= n || c === '#' || c === '\n' || c === '\r' || (c === '\\' && source[i + 1] === '\n');
    if (!blank) {
      const top = cols.length - 1;
      const problem = (message: string, kind: IndentationProblem['kind'] = 'IndentationError') => ({
        message,
        kind,
        line,
        column: kind === 'TabError' ? 1 : i - lineStart + 1,
      });
      if (col === cols[top]) {
        if (altcol !== altcols[top])
          return problem('inconsistent use of tabs and spaces in indentation', 'TabError');
        if (header) {
          const name = headerName(header.text, header.line);
          if (name) return problem(`expected an indented block after ${name}`);
        }
      } else if (col > cols[top]) {
        if (altcol <= altcols[top])
          return problem('inconsistent use of tabs and spaces in indentation', 'TabError');
        if (!header) return { ...problem('unexpected indent'), column: i - lineStart };
        cols.push(col);
        altcols.push(altcol);
      } else {
        while (cols.length > 1 && col < cols[cols.length - 1]) {
          cols.pop();
          altcols.pop();
        }
        if (col !== cols[cols.length - 1])
          return {
            ...problem('unindent does not match any outer indentation level'),
            column: lineEnd(source, i) - lineStart + 1,
          };
        if (altcol !== altcols[altcols.length - 1])
          return problem('inconsistent use of tabs and spaces in indentation', 'TabError');
        if (header) {
          const name = headerName(header.text, header.line);
          if (name) return problem(`expected an indented block after ${name}`);
        }
      }
    }
    // The rest of the logical line: strings, comments, brackets, continuations.
    const startLine = line;
    let last = '';
    while (i < n) {
      const ch = source[i];
      if (ch === '#') {
        while (i < n && source[i] !== '\n') i++;
        continue;
      }
      if (ch === '"' || ch === "'") {
        const triple = source.startsWith(ch.repeat(3), i);
        const quote = triple ? ch.repeat(3) : ch;
        i += quote.length;
        while (i < n && !source.startsWith(quote, i)) {
          if (source[i] === '\\') i++;
          else if (source[i] === '\n') {
            if (!triple) break;
            line++;
          }
          if (source[i] === '\n' && source[i - 1] === '\\') line++;
          i++;
        }
        i += quote.length;
        last = ch;
        continue;
      }
      if (ch === '\\' && source[i + 1] === '\n') {
        i += 2;
        line++;
        continue;
      }
      if (ch === '\n') {
        line++;
        i++;
        if (depth === 0) break;
        continue;
      }
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
      if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '\f') last = ch;
      i++;
    }
    if (!blank)
      header =
        last === ':' ? { text: source.slice(lineStart, lineEnd(source, lineStart)), line: startLine } : null;
  }
  const name = header && headerName(header.text, header.line);
  if (header && name && depth === 0)
    return {
      message: `expected an indented block after ${name}`,
      kind: 'IndentationError',
      line: header.line,
      column: header.text.length + 1,
    };
  return null;
}

function lineEnd(source: string, from: number): number {
  const end = source.indexOf('\n', from);
  const stop = end < 0 ? source.length : end;
  return source[stop - 1] === '\r' ? stop - 1 : stop;
}
