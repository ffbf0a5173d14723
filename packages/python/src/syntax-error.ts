/**
 * `PythonSyntaxError`: a syntax error in a Python program, as a value. It holds what CPython's
 * `SyntaxError` holds (`filename`, `lineno`, `offset`, `end_lineno`, `end_offset`, `text`, `msg`) and
 * formats itself as CPython prints it.
 *
 * @example
 * ```ts
 * import { PythonSyntaxError } from './syntax-error.js';
 * const error = new PythonSyntaxError({
 *   message: "'return' outside function", filename: 'prog.py', line: 1, column: 1, endLine: 1, endColumn: 9,
 *   text: 'return 1',
 * });
 * error.format(); // '  File "prog.py", line 1\n    return 1\n    ^^^^^^^^\nSyntaxError: \'return\' outside function\n'
 * ```
 */
import type { SourceText } from './source-positions.js';

/**
 * What a {@link PythonSyntaxError} is made from. Columns are 1-based and count characters, as
 * `SyntaxError.offset`.
 *
 * @example
 * ```ts
 * import { PythonSyntaxError, type PythonSyntaxErrorInit } from '@pymm/python';
 * const init: PythonSyntaxErrorInit = { message: 'invalid syntax', filename: 'prog.py', line: 2, column: 3, text: 'a b' };
 * new PythonSyntaxError(init).toString(); // 'prog.py:2:3: SyntaxError: invalid syntax'
 * ```
 */
export interface PythonSyntaxErrorInit {
  readonly message: string;
  readonly filename: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** The source line the error is on, without its line ending. */
  readonly text: string | null;
  /** The exception class: `SyntaxError` (default) or `IndentationError`/`TabError`. */
  readonly kind?: 'SyntaxError' | 'IndentationError' | 'TabError';
}

/**
 * A syntax error in a Python program, with CPython's message and position. The front end returns
 * it as a value (never throws it); `format()` gives the text CPython prints.
 *
 * @example
 * ```ts
 * import { checkProgram, PythonSyntaxError } from '@pymm/python';
 * const result = await checkProgram('for x in y:\n    pass\ncontinue\n', { filename: 'prog.py' });
 * const error = result.ok ? null : result.error;
 * error instanceof PythonSyntaxError; // true
 * error instanceof PythonSyntaxError && error.format(); // '  File "prog.py", line 3\n    continue\n    ^^^^^^^^\nSyntaxError: \'continue\' not properly in loop\n'
 * ```
 */
export class PythonSyntaxError {
  readonly message: string;
  readonly filename: string;
  /** 1-based line (`SyntaxError.lineno`). */
  readonly line: number;
  /** 1-based column in characters (`SyntaxError.offset`). */
  readonly column: number;
  readonly endLine: number;
  /** 1-based column just after the error's end (`SyntaxError.end_offset`), or 0 when unknown. */
  readonly endColumn: number;
  readonly text: string | null;
  readonly kind: 'SyntaxError' | 'IndentationError' | 'TabError';

  constructor(init: PythonSyntaxErrorInit) {
    this.message = init.message;
    this.filename = init.filename;
    this.line = init.line;
    this.column = init.column;
    this.endLine = init.endLine ?? init.line;
    this.endColumn = init.endColumn ?? 0;
    this.text = init.text;
    this.kind = init.kind ?? 'SyntaxError';
  }

  /** `prog.py:3:5: message`, one line, for tools. */
  toString(): string {
    return `${this.filename}:${this.line}:${this.column}: ${this.kind}: ${this.message}`;
  }

  /**
   * The error as CPython's `traceback.format_exception_only` prints it: the file and line, the source
   * line without its indentation, carets under the error, and `SyntaxError: message`.
   */
  format(): string {
    let out = `  File "${this.filename}", line ${this.line}\n`;
    if (this.text !== null) {
      const rtext = this.text.replace(/\n+$/, '');
      const ltext = rtext.replace(/^[ \n\f]+/, '');
      const spaces = [...rtext].length - [...ltext].length;
      out += `    ${ltext}\n`;
      let offset = this.column;
      let endOffset = this.endColumn === 0 || this.endLine !== this.line ? offset : this.endColumn;
      if (offset === endOffset || endOffset === -1) endOffset = offset + 1;
      const colno = offset - 1 - spaces;
      const endColno = endOffset - 1 - spaces;
      if (colno >= 0) {
        const caretSpace = [...ltext]
          .slice(0, colno)
          .map((c) => (/\s/.test(c) ? c : ' '))
          .join('');
        out += `    ${caretSpace}${'^'.repeat(Math.max(0, endColno - colno))}\n`;
      }
      offset = 0;
    }
    return `${out}${this.kind}: ${this.message}\n`;
  }
}

/** Builds a {@link PythonSyntaxError} at a span given in CPython's node coordinates (UTF-8 byte columns). */
export function syntaxErrorAt(
  source: SourceText,
  filename: string,
  message: string,
  at: { lineno: number; col_offset: number; end_lineno?: number; end_col_offset?: number },
): PythonSyntaxError {
  const column = source.charColumn(source.indexOf(at.lineno, at.col_offset), at.lineno) + 1;
  const endLine = at.end_lineno ?? at.lineno;
  const endColumn =
    at.end_col_offset === undefined
      ? 0
      : source.charColumn(source.indexOf(endLine, at.end_col_offset), endLine) + 1;
  return new PythonSyntaxError({
    message,
    filename,
    line: at.lineno,
    column,
    endLine,
    endColumn,
    text: source.lineText(at.lineno),
  });
}

/** Thrown inside the converter to stop at the first error; the public functions turn it into a value. */
export class SyntaxErrorSignal extends Error {
  constructor(readonly error: PythonSyntaxError) {
    super(error.message);
  }
}
