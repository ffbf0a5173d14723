/**
 * How every command reports an invalid trace: one line on standard error
 * naming the file, the line, the operation and the reason, nothing on
 * standard output, and exit 1.
 *
 * @module
 */

import { TraceError } from '@pymm/core/trace';
import { type CommandResult, ExitCode } from './command-result.js';

/**
 * The result of a command that met an invalid trace in `file`.
 *
 * @example
 * ```ts
 * import { TraceError } from '@pymm/core/trace';
 * import { invalidTrace } from './trace-error.js';
 * invalidTrace('t.jsonl', new TraceError(3, 'append', 'v[0] holds a tuple, not a list')).stderr;
 * // 'pymm: t.jsonl: line 3: append: v[0] holds a tuple, not a list\n'
 * ```
 */
export function invalidTrace(file: string, error: TraceError): CommandResult {
  return { stdout: '', stderr: `pymm: ${file}: ${error.message}\n`, exitCode: ExitCode.InvalidInput };
}

/**
 * Runs a command's work on the trace `file`: a {@link TraceError} it throws becomes
 * {@link invalidTrace}; any other error goes on (an internal error).
 *
 * @example
 * ```ts
 * import { TraceError } from '@pymm/core/trace';
 * import { onTraceFile } from './trace-error.js';
 * onTraceFile('t.jsonl', () => {
 *   throw new TraceError(1, 'header', 'not JSON');
 * }).exitCode; // 1
 * ```
 */
export function onTraceFile(file: string, body: () => CommandResult): CommandResult {
  try {
    return body();
  } catch (error) {
    if (error instanceof TraceError) return invalidTrace(file, error);
    throw error;
  }
}

/**
 * A {@link TraceError} met in one file of several (a corpus): which file, and the error.
 *
 * @example
 * ```ts
 * import { TraceError } from '@pymm/core/trace';
 * import { TraceFileError, invalidTrace } from './trace-error.js';
 * const error = new TraceFileError('t.jsonl', new TraceError(2, 'list', 'expected 1 argument (d), got 0'));
 * invalidTrace(error.file, error.error).exitCode; // 1
 * ```
 */
export class TraceFileError extends Error {
  override readonly name = 'TraceFileError';
  constructor(
    /** The trace file. */
    readonly file: string,
    /** What is wrong in it. */
    readonly error: TraceError,
  ) {
    super(`${file}: ${error.message}`);
  }
}
