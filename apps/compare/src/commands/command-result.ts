/**
 * What a command produces: text for standard output and standard error, and
 * the exit code. Commands are pure functions returning this; `cli.ts` prints.
 *
 * @module
 */

/** Exit codes of the `pymm` command. */
export const ExitCode = {
  /** Success. */
  Ok: 0,
  /** The input is invalid (for example a trace with an invalid operation). */
  InvalidInput: 1,
  /** Usage error: unknown command, strategy or profile, missing file. */
  Usage: 2,
  /** An unexpected internal error (a bug in pymm: please report it). */
  Internal: 3,
} as const;

/** A command's whole output. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** A usage error result. */
export function usage(message: string): CommandResult {
  return { stdout: '', stderr: `pymm: ${message}\n`, exitCode: ExitCode.Usage };
}
