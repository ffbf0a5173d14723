/**
 * Test support: the outcome of calling a library function, written as
 * {@link PYTHON_PRELUDE} writes CPython's (ints in decimal, floats as `repr`,
 * tuples in parentheses, complex results as `complex`, errors as class and message).
 */
import { floatRepr } from './float-repr.js';
import type { Outcome } from './oracle.js';
import { PyLibError } from './python-error.js';

type Value = bigint | number | boolean | string | null | readonly Value[];

function write(value: Value): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return floatRepr(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return 'complex';
  if (typeof value === 'string') return value;
  return `(${value.map(write).join(', ')})`;
}

/** Calls `fn` and writes its result or its {@link PyLibError}; other errors propagate. */
export function outcome(fn: () => Value): Outcome {
  try {
    return ['ok', write(fn())];
  } catch (error) {
    if (error instanceof PyLibError) return ['err', error.pyType, error.message];
    throw error;
  }
}
