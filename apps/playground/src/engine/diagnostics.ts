/**
 * What the editor underlines: a program too large to run, `@pymm/python`'s SyntaxErrors, validation
 * errors and refusals of unsupported constructs (from `checkProgramSync`, with their line and
 * column), and, after a run, the line of an uncaught exception or of a construct the compiler
 * refused (read from the traceback the run printed).
 *
 * @module
 */

import { checkProgramSync } from '@pymm/python';

/** One message on one line of the program. */
export interface Diagnostic {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (1 when only the line is known). */
  readonly column: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** Largest program the playground runs, in characters and in lines. */
export const MAX_SOURCE_CHARS = 100_000;
export const MAX_SOURCE_LINES = 3_000;

/** The refusal of a program past {@link MAX_SOURCE_CHARS} or {@link MAX_SOURCE_LINES}, or null. */
export function sizeRefusal(source: string): Diagnostic | null {
  const lines = source.split('\n').length;
  if (source.length <= MAX_SOURCE_CHARS && lines <= MAX_SOURCE_LINES) return null;
  return {
    line: 1,
    column: 1,
    severity: 'error',
    message:
      `the program is too large for the playground (${source.length.toLocaleString('en')} characters, ` +
      `${lines.toLocaleString('en')} lines; at most ${MAX_SOURCE_CHARS.toLocaleString('en')} characters and ` +
      `${MAX_SOURCE_LINES.toLocaleString('en')} lines): run it with \`pymm run\` instead`,
  };
}

/** The size refusal, or the parser's, the validator's and the subset check's first error (load the parser first). */
export function checkDiagnostics(source: string, filename: string): Diagnostic[] {
  const refusal = sizeRefusal(source);
  if (refusal) return [refusal];
  const checked = checkProgramSync(source, { filename });
  if (checked.ok) return [];
  const error = checked.error;
  const kind = 'construct' in error ? '' : `${error.kind ?? 'SyntaxError'}: `;
  return [{ line: error.line, column: error.column, severity: 'error', message: `${kind}${error.message}` }];
}

/**
 * The error a finished run reports on a line of `filename`: a compiler refusal
 * (`prog.py:3: ... is not supported`), or an uncaught exception (the last `File "prog.py", line N`
 * of its traceback, with the traceback's last line as the message). `lastLine` caps the line (the
 * closing statement the stepper adds is past the program).
 */
export function runDiagnostics(stderr: string, filename: string, lastLine: number): Diagnostic[] {
  const refused = new RegExp(`^${escapeRegExp(filename)}:(\\d+): (.*)$`, 'm').exec(stderr);
  if (refused) return [at(Number(refused[1]), refused[2], lastLine)];
  const frames = [...stderr.matchAll(new RegExp(`File "${escapeRegExp(filename)}", line (\\d+)`, 'g'))];
  if (frames.length === 0) return [];
  const message = stderr.trimEnd().split('\n').at(-1) ?? '';
  return [at(Number(frames.at(-1)?.[1]), message, lastLine)];
}

function at(line: number, message: string, lastLine: number): Diagnostic {
  return { line: Math.min(Math.max(1, line), lastLine), column: 1, severity: 'error', message };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
