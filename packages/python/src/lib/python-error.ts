/**
 * The one error the pure Python-semantics libraries throw: a Python exception
 * class name and CPython's message. The interpreter catches it and raises the
 * Python exception of that class with that message.
 */

/** The Python exception classes the libraries raise. */
export type PyLibErrorType =
  | 'ValueError'
  | 'OverflowError'
  | 'ZeroDivisionError'
  | 'TypeError'
  | 'MemoryError'
  | 'KeyError';

/** A Python exception raised by a library function: `pyType` is its class, `message` CPython's text. */
export class PyLibError extends Error {
  /** The Python exception class to raise. */
  readonly pyType: PyLibErrorType;

  constructor(pyType: PyLibErrorType, message: string) {
    super(message);
    this.name = 'PyLibError';
    this.pyType = pyType;
  }
}
