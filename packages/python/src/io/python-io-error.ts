/**
 * The errors the file model raises, as the Python exceptions CPython's `_io` module and `open()` raise:
 * the exception's name, its `errno` for the `OSError` family, and the text `str(exception)` prints.
 * The interpreter turns a {@link PythonIOError} into the Python exception of that name.
 */

/** The Python exception classes the file model raises. */
export type PythonIOErrorType =
  | 'OSError'
  | 'FileNotFoundError'
  | 'FileExistsError'
  | 'IsADirectoryError'
  | 'NotADirectoryError'
  | 'PermissionError'
  | 'ValueError'
  | 'TypeError'
  | 'LookupError'
  | 'UnicodeDecodeError'
  | 'UnicodeEncodeError'
  | 'UnsupportedOperation';

/**
 * A Python exception raised by the file model. `pythonType` is the class name (`UnsupportedOperation` is
 * `io.UnsupportedOperation`, a subclass of both `OSError` and `ValueError`); `errno`, `strerror` and
 * `filename` are set for the `OSError` family as CPython sets them; `pythonMessage` is `str(exception)`.
 */
export class PythonIOError extends Error {
  /** The Python exception class name. */
  readonly pythonType: PythonIOErrorType;
  /** `exception.errno`, or `null` when the exception has none. */
  readonly errno: number | null;
  /** `exception.strerror`, or `null`. */
  readonly strerror: string | null;
  /** `exception.filename`, or `null`. */
  readonly filename: string | null;
  /** `str(exception)`, exactly as CPython prints it. */
  readonly pythonMessage: string;

  constructor(
    pythonType: PythonIOErrorType,
    pythonMessage: string,
    errno: number | null = null,
    strerror: string | null = null,
    filename: string | null = null,
  ) {
    super(`${pythonType}: ${pythonMessage}`);
    this.name = 'PythonIOError';
    this.pythonType = pythonType;
    this.pythonMessage = pythonMessage;
    this.errno = errno;
    this.strerror = strerror;
    this.filename = filename;
  }
}

/** The `errno` values the file model uses, with their Linux `strerror` texts. */
export const ERRNO = {
  ENOENT: [2, 'No such file or directory'],
  ENXIO: [6, 'No such device or address'],
  EBADF: [9, 'Bad file descriptor'],
  EACCES: [13, 'Permission denied'],
  EEXIST: [17, 'File exists'],
  ENOTDIR: [20, 'Not a directory'],
  EISDIR: [21, 'Is a directory'],
  EINVAL: [22, 'Invalid argument'],
} as const satisfies Record<string, readonly [number, string]>;

const OS_ERROR_TYPE: Record<keyof typeof ERRNO, PythonIOErrorType> = {
  ENOENT: 'FileNotFoundError',
  ENXIO: 'OSError',
  EBADF: 'OSError',
  EACCES: 'PermissionError',
  EEXIST: 'FileExistsError',
  ENOTDIR: 'NotADirectoryError',
  EISDIR: 'IsADirectoryError',
  EINVAL: 'OSError',
};

/**
 * The `OSError` subclass CPython raises for `code` (the subclass `OSError.__new__` picks from the errno),
 * with its message: `[Errno 2] No such file or directory: 'missing.txt'`, or without the file name when
 * there is none.
 */
export function osError(code: keyof typeof ERRNO, filename: string | null = null): PythonIOError {
  const [errno, strerror] = ERRNO[code];
  const message =
    filename === null
      ? `[Errno ${errno}] ${strerror}`
      : `[Errno ${errno}] ${strerror}: ${pythonStrRepr(filename)}`;
  return new PythonIOError(OS_ERROR_TYPE[code], message, errno, strerror, filename);
}

/** `ValueError(message)`. */
export const valueError = (message: string): PythonIOError => new PythonIOError('ValueError', message);

/** `TypeError(message)`. */
export const typeError = (message: string): PythonIOError => new PythonIOError('TypeError', message);

/** `io.UnsupportedOperation(message)`. */
export const unsupported = (message: string): PythonIOError =>
  new PythonIOError('UnsupportedOperation', message);

/**
 * `repr(s)` of a Python `str`, as `unicode_repr` writes it: single quotes unless the text holds a single
 * quote and no double quote; `\\`, `\t`, `\n`, `\r` and the quote escaped; other non-printable ASCII and
 * C1 controls as `\xNN`.
 */
export function pythonStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}
