/**
 * What the interpreter throws on the host stack: a raised Python exception (it carries the
 * exception object's slot and owns one reference to it), and the step limit, which no Python
 * `try` can catch.
 *
 * @module
 */

/** A Python exception travelling up the host stack: `exc` is its slot, with one reference owned by this signal. */
export class PyRaise extends Error {
  override readonly name = 'PyRaise';
  /** The frame whose traceback entry was added last on this pass (so each frame adds one). */
  tbFrame: unknown = null;
  constructor(
    /** The exception object's slot. */
    readonly exc: number,
  ) {
    super('Python exception');
  }
}

/** `--max-steps` ran out: the program is stopped (not a Python exception; nothing can catch it). */
export class StepLimitExceeded extends Error {
  override readonly name = 'StepLimitExceeded';
  constructor(readonly steps: number) {
    super(`pymm: the program was stopped after ${steps} steps (the --max-steps limit)`);
  }
}

/** `sys.exit(code)` unwinding to the top (a `SystemExit` no handler caught). */
export class ExitSignal extends Error {
  override readonly name = 'ExitSignal';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Whether the host ran out of stack (deep Python recursion below the recursion limit). */
export function isHostStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && error.message.includes('call stack');
}

/** Whether the host refused to build a value that large (a string, array or bigint past its limits). */
export function isHostAllocationFailure(error: unknown): boolean {
  return (
    error instanceof RangeError &&
    /Invalid (string|array|typed array) length|Maximum BigInt size|Array buffer allocation failed/.test(
      error.message,
    )
  );
}
