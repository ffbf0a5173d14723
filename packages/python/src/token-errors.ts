/**
 * The errors CPython's tokenizer reports on its own, which win over the parser's generic
 * `invalid syntax` (`_PyPegen_tokenize_full_source_to_check_for_errors`): an unterminated string,
 * a closing bracket with no opener or the wrong one, and a bracket still open at the end of the
 * file. The source is scanned as `Parser/tokenizer.c` scans it (comments, strings with their
 * prefixes and escapes, triple quotes, backslash joins), with CPython's messages and positions.
 *
 * @module
 */

/** A tokenizer error: the message and its 1-based line and column. */
export interface TokenProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

const CLOSER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** The first tokenizer error of `source`, or null. */
export function tokenProblem(source: string): TokenProblem | null {
  const open: { char: string; line: number; column: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = source.length;
  const column = (at: number) => at - lineStart + 1;
  while (i < n) {
    const ch = source[i];
    if (ch === '#') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (ch === '\n') {
      line++;
      lineStart = ++i;
      continue;
    }
    if (ch === '\\' && source[i + 1] === '\n') {
      i += 2;
      line++;
      lineStart = i;
      continue;
    }
    if (ch === '"' || ch === "'") {
      // The string starts at its prefix (`rb'...'`), as CPython's token does.
      let start = i;
      while (start > lineStart && /[rRbBuUfF]/.test(source[start - 1]) && i - start < 2) start--;
      if (start > lineStart && /[\w]/.test(source[start - 1])) start = i;
      const startLine = line;
      const startColumn = column(start);
      const triple = source.startsWith(ch.repeat(3), i);
      const quote = triple ? ch.repeat(3) : ch;
      i += quote.length;
      let closed = false;
      while (i < n) {
        if (source.startsWith(quote, i)) {
          closed = true;
          i += quote.length;
          break;
        }
        const c = source[i];
        if (c === '\\') {
          if (source[i + 1] === '\n') {
            line++;
            lineStart = i + 2;
          }
          i += 2;
          continue;
        }
        if (c === '\n') {
          if (!triple) break;
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (!closed) {
        const kind = triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal';
        const detected = triple ? source.replace(/\n$/, '').split('\n').length : startLine;
        return { message: `${kind} (detected at line ${detected})`, line: startLine, column: startColumn };
      }
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') open.push({ char: ch, line, column: column(i) });
    else if (ch === ')' || ch === ']' || ch === '}') {
      const opener = open.pop();
      if (!opener) return { message: `unmatched '${ch}'`, line, column: column(i) };
      if (opener.char !== CLOSER[ch]) {
        const where = opener.line === line ? '' : ` on line ${opener.line}`;
        return {
          message: `closing parenthesis '${ch}' does not match opening parenthesis '${opener.char}'${where}`,
          line,
          column: column(i),
        };
      }
    }
    i++;
  }
  const unclosed = open.at(-1);
  if (unclosed)
    return { message: `'${unclosed.char}' was never closed`, line: unclosed.line, column: unclosed.column };
  return null;
}
