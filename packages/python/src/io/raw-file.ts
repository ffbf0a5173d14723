/**
 * `_io.FileIO`, the raw layer (`Modules/_io/fileio.c`): every read and write is one system call on the
 * (virtual) file, at the file object's own offset; `O_APPEND` writes go to the end.
 */

import { osError, PythonIOError, typeError, unsupported, valueError } from './python-io-error.js';
import type { VirtualFile } from './virtual-file-system.js';

/** What one open file has done at the system level, for the report (a lesson on buffered I/O shows it). */
export interface IOCounters {
  /** `write(2)` calls. */
  osWrites: number;
  /** `read(2)` calls. */
  osReads: number;
  /** Bytes that reached the file. */
  bytesWritten: number;
  /** Bytes read from the file. */
  bytesRead: number;
}

/** The raw file: FileIO over one {@link VirtualFile}. */
export class RawFile {
  /** `f.name`: the path as given to `open()`. */
  readonly name: string;
  /** `f.mode`: FileIO's mode (`'rb'`, `'wb'`, `'ab'`, `'xb'`, `'rb+'`, `'ab+'`, `'xb+'`). */
  readonly mode: string;
  /** The system-level counters. */
  readonly counters: IOCounters = { osWrites: 0, osReads: 0, bytesWritten: 0, bytesRead: 0 };
  /** `st_blksize` of the file. */
  readonly blockSize: number;
  private readonly file: VirtualFile;
  private readonly canRead: boolean;
  private readonly canWrite: boolean;
  private readonly appending: boolean;
  private position = 0;
  private isClosed = false;

  constructor(
    file: VirtualFile,
    name: string,
    flags: { readable: boolean; writable: boolean; appending: boolean; created: boolean },
    blockSize: number,
  ) {
    this.file = file;
    this.name = name;
    this.canRead = flags.readable;
    this.canWrite = flags.writable;
    this.appending = flags.appending;
    this.blockSize = blockSize;
    const plus = flags.readable && flags.writable ? '+' : '';
    if (flags.created) this.mode = `xb${plus}`;
    else if (flags.appending) this.mode = `ab${plus}`;
    else this.mode = flags.readable ? `rb${plus}` : 'wb';
    if (flags.appending) this.position = file.size;
  }

  /** `f.closed`. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** The file's current size (what `os.fstat` reports). */
  get fileSize(): number {
    return this.file.size;
  }

  /** Raises `ValueError: I/O operation on closed file` (FileIO's text, without a period). */
  checkClosed(): void {
    if (this.isClosed) throw valueError('I/O operation on closed file');
  }

  /** `f.readable()`. */
  readable(): boolean {
    this.checkClosed();
    return this.canRead;
  }

  /** `f.writable()`. */
  writable(): boolean {
    this.checkClosed();
    return this.canWrite;
  }

  /** `f.seekable()`: a regular file always is. */
  seekable(): boolean {
    this.checkClosed();
    return true;
  }

  /** `f.read(size)`: one `read(2)` of up to `size` bytes; `size < 0` reads all ({@link readall}). */
  read(sizeArgument: number | null = -1): Uint8Array {
    const size = sizeArgument ?? -1;
    this.checkClosed();
    if (!this.canRead) throw unsupported('File not open for reading');
    if (size < 0) return this.readall();
    return this.osRead(size);
  }

  /**
   * `f.readall()`: FileIO sizes its buffer from `fstat` (`size - pos + 1`) and reads until a read returns
   * nothing: two `read(2)` calls when there is data left, one at the end of the file. It does not check
   * the mode: on a file not open for reading, `read(2)` fails with EBADF.
   */
  readall(): Uint8Array {
    this.checkClosed();
    if (!this.canRead) throw osError('EBADF');
    const data = this.osRead(Math.max(0, this.file.size - this.position));
    if (data.length > 0) this.osRead(1);
    return data;
  }

  /** One `read(2)` of up to `size` bytes at the offset, as new bytes. */
  osRead(size: number): Uint8Array {
    const start = Math.min(this.position, this.file.size);
    const out = new Uint8Array(Math.max(0, Math.min(this.file.size, start + size) - start));
    this.osReadInto(out, 0, out.length);
    return out;
  }

  /** One `read(2)` of up to `size` bytes into `out` at `at` (the buffered layer's `readinto`); returns the count. */
  osReadInto(out: Uint8Array, at: number, size: number): number {
    const start = Math.min(this.position, this.file.size);
    const end = Math.min(this.file.size, start + size);
    out.set(this.file.data.subarray(start, end), at);
    this.counters.osReads += 1;
    this.counters.bytesRead += end - start;
    this.position = Math.max(this.position, end);
    return end - start;
  }

  /** `f.write(b)`: one `write(2)` of all of `b`; returns the count. */
  write(data: Uint8Array | string): number {
    this.checkClosed();
    if (typeof data === 'string') throw typeError("a bytes-like object is required, not 'str'");
    if (!this.canWrite) throw unsupported('File not open for writing');
    return this.osWrite(data);
  }

  /** One `write(2)` at the offset (the end with `O_APPEND`), growing the file as the kernel does. */
  osWrite(data: Uint8Array): number {
    if (this.appending) this.position = this.file.size;
    const end = this.position + data.length;
    if (end > this.file.data.length) {
      const grown = new Uint8Array(Math.max(end, this.file.data.length * 2, 64));
      grown.set(this.file.data.subarray(0, this.file.size));
      this.file.data = grown;
    }
    if (this.position > this.file.size) this.file.data.fill(0, this.file.size, this.position);
    this.file.data.set(data, this.position);
    this.position = end;
    if (end > this.file.size) this.file.size = end;
    this.counters.osWrites += 1;
    this.counters.bytesWritten += data.length;
    return data.length;
  }

  /** `f.readline(size)`: IOBase's, which (FileIO having no `peek`) reads one byte per `read(2)`. */
  readline(sizeArgument: number | null = -1): Uint8Array {
    const size = sizeArgument ?? -1;
    const line: number[] = [];
    while (size < 0 || line.length < size) {
      const byte = this.read(1);
      if (byte.length === 0) break;
      line.push(byte[0]);
      if (byte[0] === 0x0a) break;
    }
    return Uint8Array.from(line);
  }

  /** `f.flush()`: IOBase's, which only checks that the file is open. */
  flush(): void {
    if (this.isClosed) throw valueError('I/O operation on closed file.');
  }

  /**
   * `f.seek(offset, whence)`: `lseek(2)`, with Linux's SEEK_DATA (3) and SEEK_HOLE (4) on a file without
   * holes; a negative result is `OSError: [Errno 22] Invalid argument`.
   */
  seek(offset: number, whence = 0): number {
    this.checkClosed();
    let target: number;
    if (whence === 0) target = offset;
    else if (whence === 1) target = this.position + offset;
    else if (whence === 2) target = this.file.size + offset;
    else if (whence === 3 || whence === 4) {
      if (offset < 0) throw osError('EINVAL');
      if (offset >= this.file.size) throw osError('ENXIO');
      target = whence === 3 ? offset : this.file.size;
    } else throw osError('EINVAL');
    if (target < 0) throw osError('EINVAL');
    this.position = target;
    return target;
  }

  /** `f.tell()`. */
  tell(): number {
    this.checkClosed();
    return this.position;
  }

  /** `f.truncate(size)`: cuts or zero-extends the file; the offset does not move. */
  truncate(size: number | null = null): number {
    this.checkClosed();
    if (size === null) size = this.position;
    if (!this.canWrite) throw unsupported('File not open for writing');
    if (size < 0) throw osError('EINVAL');
    if (size > this.file.data.length) {
      const grown = new Uint8Array(size);
      grown.set(this.file.data.subarray(0, this.file.size));
      this.file.data = grown;
    }
    if (size > this.file.size) this.file.data.fill(0, this.file.size, size);
    this.file.size = size;
    return size;
  }

  /** `next(f)`: the next line, or `null` at the end of the file (StopIteration). */
  next(): Uint8Array | null {
    const line = this.readline();
    return line.length > 0 ? line : null;
  }

  /** `f.readlines(hint)`: IOBase's, the remaining lines (stopping once `hint` bytes are read, when positive). */
  readlines(hintArgument: number | null = -1): Uint8Array[] {
    const hint = hintArgument ?? -1;
    if (this.closed) throw valueError('I/O operation on closed file.');
    const lines: Uint8Array[] = [];
    let total = 0;
    for (let line = this.next(); line !== null; line = this.next()) {
      lines.push(line);
      total += line.length;
      if (hint > 0 && total >= hint) break;
    }
    return lines;
  }

  /** `f.writelines(lines)`: IOBase's, `write` of each. */
  writelines(lines: Iterable<Uint8Array | string>): void {
    if (this.closed) throw valueError('I/O operation on closed file.');
    for (const line of lines) this.write(line);
  }

  /** `f.isatty()`: a file is not a terminal. */
  isatty(): boolean {
    this.checkClosed();
    return false;
  }

  /** `f.close()`: idempotent. */
  close(): void {
    this.isClosed = true;
  }
}

/** Whether `error` is one the file model raised as a Python exception. */
export const isPythonIOError = (error: unknown): error is PythonIOError => error instanceof PythonIOError;
