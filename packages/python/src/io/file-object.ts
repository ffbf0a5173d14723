/**
 * `open()` as CPython 3.11's `_io.open` (`Modules/_io/_iomodule.c`) builds it: the mode and argument
 * checks with their messages, the raw FileIO, the buffer sized from `st_blksize`, and the TextIOWrapper
 * for text mode; plus the figures the report shows for an open file.
 */

import { BufferedFile, type BufferedKind, type CPythonVersion } from './buffered-file.js';
import { PythonIOError, pythonStrRepr, valueError } from './python-io-error.js';
import { RawFile } from './raw-file.js';
import { lookupCodec } from './text-codec.js';
import { TextFile } from './text-file.js';
import type { OpenIntent, VirtualFileSystem } from './virtual-file-system.js';

/** `io.DEFAULT_BUFFER_SIZE`: the buffer size when the file's `st_blksize` is not above 1. */
export const DEFAULT_BUFFER_SIZE = 8192;

/** What `open()` returns: a text file, a buffered binary file, or (with `buffering=0`) the raw FileIO. */
export type FileObject = TextFile | BufferedFile | RawFile;

/** The keyword arguments of `open()` the model takes (`closefd` and `opener` are not modelled). */
export interface OpenOptions {
  /** `buffering`: `-1` (default: `st_blksize`), `0` (unbuffered, binary only), `1` (line buffering, text only), or a size. */
  readonly buffering?: number;
  /** `encoding`: a name of UTF-8, ASCII or Latin-1 (as `codecs.lookup` takes it); `null` for the locale's (UTF-8). */
  readonly encoding?: string | null;
  /** `errors`: `'strict'` only; `null` for the default (strict). */
  readonly errors?: string | null;
  /** `newline`: `null`, `''`, `'\n'`, `'\r'` or `'\r\n'`. */
  readonly newline?: string | null;
}

/** What `open()` may print as a warning (CPython's `RuntimeWarning` for `buffering=1` in binary mode). */
export const BINARY_LINE_BUFFERING_WARNING =
  "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used";

/** The result of {@link openFile}: the file object, and the warning `open()` emitted, if any. */
export interface OpenResult {
  /** The file object. */
  readonly file: FileObject;
  /** The `RuntimeWarning` text, or `null`. */
  readonly warning: string | null;
}

interface ParsedMode {
  creating: boolean;
  reading: boolean;
  writing: boolean;
  appending: boolean;
  updating: boolean;
  text: boolean;
  binary: boolean;
}

/** Decodes `mode` as `_io_open_impl` does, raising its `ValueError`s in its order. */
function parseMode(mode: string): ParsedMode {
  const parsed: ParsedMode = {
    creating: false,
    reading: false,
    writing: false,
    appending: false,
    updating: false,
    text: false,
    binary: false,
  };
  const flags: Record<string, keyof ParsedMode> = {
    x: 'creating',
    r: 'reading',
    w: 'writing',
    a: 'appending',
    '+': 'updating',
    t: 'text',
    b: 'binary',
  };
  for (let i = 0; i < mode.length; i++) {
    const flag = flags[mode[i]];
    if (flag === undefined || mode.indexOf(mode[i], i + 1) >= 0) throw valueError(`invalid mode: '${mode}'`);
    parsed[flag] = true;
  }
  if (parsed.text && parsed.binary) throw valueError("can't have text and binary mode at once");
  const kinds =
    Number(parsed.creating) + Number(parsed.reading) + Number(parsed.writing) + Number(parsed.appending);
  if (kinds > 1) throw valueError('must have exactly one of create/read/write/append mode');
  if (kinds === 0)
    throw valueError('Must have exactly one of create/read/write/append mode and at most one plus');
  return parsed;
}

/**
 * `open(path, mode, buffering, encoding, errors, newline)` on `vfs`, as CPython 3.11 does it: the mode
 * checks, then the raw open (so `'w'` truncates even when a later check fails, as in CPython), then the
 * buffer (`st_blksize` of the file when above 1, else {@link DEFAULT_BUFFER_SIZE}), then the text layer.
 * `version` picks the CPython whose `_io` it follows (3.11 by default). Throws {@link PythonIOError}
 * with CPython's exception and message.
 */
export function openFile(
  vfs: VirtualFileSystem,
  path: string,
  mode = 'r',
  options: OpenOptions = {},
  version: CPythonVersion = '3.11',
): OpenResult {
  const parsed = parseMode(mode);
  let buffering = options.buffering ?? -1;
  const encoding = options.encoding ?? null;
  const errors = options.errors ?? null;
  const newline = options.newline ?? null;
  if (parsed.binary && encoding !== null) throw valueError("binary mode doesn't take an encoding argument");
  if (parsed.binary && errors !== null) throw valueError("binary mode doesn't take an errors argument");
  if (parsed.binary && newline !== null) throw valueError("binary mode doesn't take a newline argument");
  const warning = parsed.binary && buffering === 1 ? BINARY_LINE_BUFFERING_WARNING : null;

  const intent: OpenIntent = parsed.creating
    ? 'create'
    : parsed.writing
      ? 'write'
      : parsed.appending
        ? 'append'
        : parsed.updating
          ? 'update'
          : 'read';
  const raw = new RawFile(
    vfs.open(path, intent),
    path,
    {
      readable: parsed.reading || parsed.updating,
      writable: !parsed.reading || parsed.updating,
      appending: parsed.appending,
      created: parsed.creating,
    },
    vfs.blockSize,
  );
  try {
    let lineBuffering = false;
    if (buffering === 1) {
      buffering = -1;
      lineBuffering = true;
    }
    if (buffering < 0) buffering = raw.blockSize > 1 ? raw.blockSize : DEFAULT_BUFFER_SIZE;
    if (buffering === 0) {
      if (parsed.binary) return { file: raw, warning };
      throw valueError("can't have unbuffered text I/O");
    }
    const kind: BufferedKind = parsed.updating ? 'random' : parsed.reading ? 'reader' : 'writer';
    const buffer = new BufferedFile(raw, buffering, kind, version);
    if (parsed.binary) return { file: buffer, warning };
    if (newline !== null && !['', '\n', '\r', '\r\n'].includes(newline)) {
      throw valueError(`illegal newline value: ${newline}`);
    }
    const codec = encoding === null ? 'utf-8' : lookupCodec(encoding);
    if (codec === null) {
      throw new PythonIOError(
        'LookupError',
        `pymm's files know the UTF-8, ASCII and Latin-1 encodings, not '${encoding}'`,
      );
    }
    if (errors !== null && errors !== 'strict') {
      throw new PythonIOError(
        'LookupError',
        `pymm's files know only the 'strict' error handler, not '${errors}'`,
      );
    }
    return {
      file: new TextFile(buffer, {
        mode,
        encoding: encoding ?? 'UTF-8',
        newline,
        lineBuffering,
        version,
        codec,
      }),
      warning,
    };
  } catch (error) {
    raw.close();
    throw error;
  }
}

/** What the report shows for one open file (core's `File` object accounts for `bufferSize`). */
export interface FileStats {
  /** The buffer's size in bytes (`0` for an unbuffered raw file). */
  readonly bufferSize: number;
  /** Bytes written by the program and not yet in the file: the text layer's pending bytes plus the buffer's. */
  readonly bufferedBytes: number;
  /** Of those, the text layer's own pending bytes. */
  readonly textPendingBytes: number;
  /** Bytes read from the file into the buffer and not yet returned to the program. */
  readonly readAheadBytes: number;
  /** Bytes that reached the file. */
  readonly bytesWritten: number;
  /** `write(2)` calls: the system calls a lesson on buffered I/O counts. */
  readonly osWrites: number;
  /** `read(2)` calls. */
  readonly osReads: number;
  /** Bytes read from the file. */
  readonly bytesRead: number;
}

/** The {@link FileStats} of `file` now. */
export function fileStats(file: FileObject): FileStats {
  const text = file instanceof TextFile ? file : null;
  const buffer = text ? text.buffer : file instanceof BufferedFile ? file : null;
  const raw = buffer ? buffer.raw : (file as RawFile);
  const textPendingBytes = text ? text.pendingBytes : 0;
  return {
    bufferSize: buffer ? buffer.bufferSize : 0,
    bufferedBytes: textPendingBytes + (buffer ? buffer.pendingWriteBytes : 0),
    textPendingBytes,
    readAheadBytes: buffer ? buffer.readAheadBytes : 0,
    bytesWritten: raw.counters.bytesWritten,
    osWrites: raw.counters.osWrites,
    osReads: raw.counters.osReads,
    bytesRead: raw.counters.bytesRead,
  };
}

/**
 * `repr(file)` as CPython prints it (and as a `ResourceWarning` names it: `unclosed file <...>`):
 * `<_io.TextIOWrapper name='a.txt' mode='r' encoding='UTF-8'>`, `<_io.BufferedReader name='a.txt'>`,
 * `<_io.FileIO name='a.txt' mode='rb' closefd=True>`, `<_io.FileIO [closed]>`.
 */
export function fileRepr(file: FileObject): string {
  const name = pythonStrRepr(file.name);
  if (file instanceof TextFile) {
    return `<_io.TextIOWrapper name=${name} mode=${pythonStrRepr(file.mode)} encoding=${pythonStrRepr(file.encoding)}>`;
  }
  if (file instanceof BufferedFile) {
    const kind = { reader: 'BufferedReader', writer: 'BufferedWriter', random: 'BufferedRandom' }[file.kind];
    return `<_io.${kind} name=${name}>`;
  }
  if (file.closed) return '<_io.FileIO [closed]>';
  return `<_io.FileIO name=${name} mode=${pythonStrRepr(file.mode)} closefd=True>`;
}

/**
 * `IOBase._checkClosed`: what `iter(f)` and `with f:` (`f.__enter__()`) do first; raises
 * `ValueError: I/O operation on closed file.` on a closed file.
 */
export function checkNotClosed(file: FileObject): void {
  if (file.closed) throw valueError('I/O operation on closed file.');
}
