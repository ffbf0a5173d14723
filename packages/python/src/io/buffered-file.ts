/**
 * `_io.BufferedReader`, `_io.BufferedWriter` and `_io.BufferedRandom` (`Modules/_io/bufferedio.c`):
 * one buffer of `buffer_size` bytes between the program and the raw file. Writes stay in it until it
 * would overflow, `flush()` or `close()`; reads fill it a block at a time.
 */

import { typeError, unsupported, valueError } from './python-io-error.js';
import type { RawFile } from './raw-file.js';

/** Which buffered class `open()` built: reader (`'r'`), writer (`'w'`, `'a'`, `'x'`), random (`'+'`). */
export type BufferedKind = 'reader' | 'writer' | 'random';

const EMPTY = new Uint8Array(0);
const NEWLINE = 0x0a;

/** A buffered binary file over a {@link RawFile}. */
export class BufferedFile {
  /** The raw FileIO underneath (`f.raw`). */
  readonly raw: RawFile;
  /** `buffer_size` in bytes (what `sys.getsizeof` adds for the buffer). */
  readonly bufferSize: number;
  /** Which of CPython's three classes this is. */
  readonly kind: BufferedKind;
  private readonly canRead: boolean;
  private readonly canWrite: boolean;
  /** Read-ahead: bytes `readPos..readEnd` of `readBuffer` are read from the file but not yet returned. */
  private readBuffer: Uint8Array = EMPTY;
  private readPos = 0;
  private readEnd = 0;
  /** Pending writes: `writeBuffer[0..writeLen]`, to be written at the raw file's offset. */
  private readonly writeBuffer: Uint8Array;
  private writeLen = 0;

  constructor(raw: RawFile, bufferSize: number, kind: BufferedKind) {
    this.raw = raw;
    this.bufferSize = bufferSize;
    this.kind = kind;
    this.canRead = kind !== 'writer';
    this.canWrite = kind !== 'reader';
    this.writeBuffer = this.canWrite ? new Uint8Array(bufferSize) : EMPTY;
  }

  /** `f.name`. */
  get name(): string {
    return this.raw.name;
  }

  /** `f.mode`: the raw file's. */
  get mode(): string {
    return this.raw.mode;
  }

  /** `f.closed`. */
  get closed(): boolean {
    return this.raw.closed;
  }

  /** Bytes written to the buffer and not yet to the file. */
  get pendingWriteBytes(): number {
    return this.writeLen;
  }

  /** Bytes read from the file into the buffer and not yet returned. */
  get readAheadBytes(): number {
    return this.readEnd - this.readPos;
  }

  /** `f.readable()`. */
  readable(): boolean {
    if (this.kind === 'writer') return false;
    return this.raw.readable();
  }

  /** `f.writable()`. */
  writable(): boolean {
    if (this.kind === 'reader') return false;
    return this.raw.writable();
  }

  /** `f.seekable()`. */
  seekable(): boolean {
    return this.raw.seekable();
  }

  private checkClosed(what: string): void {
    if (this.raw.closed) throw valueError(what);
  }

  private checkReadable(what = 'read'): void {
    if (!this.canRead) throw unsupported(what);
  }

  /** `f.write(b)`: buffers `b`, or flushes and writes it through when it does not fit (see the module comment). */
  write(data: Uint8Array | string): number {
    if (!this.canWrite) throw unsupported('write');
    if (typeof data === 'string') throw typeError("a bytes-like object is required, not 'str'");
    this.checkClosed('write to closed file');
    this.dropReadAhead();
    const length = data.length;
    if (length <= this.bufferSize - this.writeLen) {
      this.writeBuffer.set(data, this.writeLen);
      this.writeLen += length;
      return length;
    }
    this.flushUnlocked();
    let written = 0;
    let remaining = length;
    while (remaining > this.bufferSize) {
      const n = this.raw.osWrite(written === 0 ? data : data.subarray(written));
      written += n;
      remaining -= n;
    }
    if (remaining > 0) {
      this.writeBuffer.set(data.subarray(written), 0);
      this.writeLen = remaining;
    }
    return length;
  }

  /** `f.flush()`: writes the pending bytes with one raw write. */
  flush(): void {
    if (this.kind === 'reader') {
      if (this.raw.closed) throw valueError('I/O operation on closed file.');
      return;
    }
    this.checkClosed('flush of closed file');
    this.flushUnlocked();
  }

  /** `_bufferedwriter_flush_unlocked`: the pending bytes to the raw file. */
  private flushUnlocked(): void {
    if (this.writeLen === 0) return;
    this.raw.osWrite(this.writeBuffer.slice(0, this.writeLen));
    this.writeLen = 0;
  }

  /** Before a write on a BufferedRandom that has read ahead: the raw offset goes back to the logical one. */
  private dropReadAhead(): void {
    if (this.readEnd === this.readPos && this.readEnd === 0) return;
    const ahead = this.readEnd - this.readPos;
    if (ahead > 0) this.raw.seek(-ahead, 1);
    this.resetReadBuffer();
  }

  private resetReadBuffer(): void {
    this.readBuffer = EMPTY;
    this.readPos = 0;
    this.readEnd = 0;
  }

  /** Takes `n` bytes of read-ahead. */
  private take(n: number): Uint8Array {
    const out = this.readBuffer.slice(this.readPos, this.readPos + n);
    this.readPos += n;
    return out;
  }

  /** `_bufferedreader_fill_buffer` after a reset: one raw read of `buffer_size` bytes. */
  private fillBuffer(): number {
    this.readBuffer = this.raw.osRead(this.bufferSize);
    this.readPos = 0;
    this.readEnd = this.readBuffer.length;
    return this.readEnd;
  }

  /** `f.read(size)`: `-1` reads to the end; otherwise whole blocks straight from the file, then one buffer fill. */
  read(size = -1): Uint8Array {
    this.checkReadable();
    this.checkClosed('read of closed file');
    if (size < -1) throw valueError('read length must be non-negative or -1');
    if (size === -1) return this.readAll();
    const have = this.readEnd - this.readPos;
    if (size <= have) return this.take(size);
    const out = new Uint8Array(size);
    let written = 0;
    if (have > 0) {
      out.set(this.take(have), 0);
      written = have;
    }
    this.flushUnlocked();
    this.resetReadBuffer();
    let remaining = size - written;
    for (;;) {
      const block = remaining - (remaining % this.bufferSize);
      if (block === 0) break;
      const chunk = this.raw.osRead(block);
      if (chunk.length === 0) return out.slice(0, written);
      out.set(chunk, written);
      written += chunk.length;
      remaining -= chunk.length;
    }
    while (remaining > 0) {
      const filled = this.fillBuffer();
      if (filled === 0) return out.slice(0, written);
      const n = Math.min(remaining, filled);
      out.set(this.take(n), written);
      written += n;
      remaining -= n;
    }
    return out;
  }

  /** `_bufferedreader_read_all`: the read-ahead, then the raw file's `readall()`. */
  private readAll(): Uint8Array {
    const ahead = this.take(this.readEnd - this.readPos);
    this.flushUnlocked();
    this.resetReadBuffer();
    const rest = this.raw.readall();
    if (ahead.length === 0) return rest;
    const out = new Uint8Array(ahead.length + rest.length);
    out.set(ahead, 0);
    out.set(rest, ahead.length);
    return out;
  }

  /** `f.read1(size)`: buffered bytes if any, else one raw read of `size` bytes (`buffer_size` when negative). */
  read1(size = -1): Uint8Array {
    this.checkReadable('read1');
    this.checkClosed('read of closed file');
    const n = size < 0 ? this.bufferSize : size;
    if (n === 0) return EMPTY;
    const have = this.readEnd - this.readPos;
    if (have > 0) return this.take(Math.min(have, n));
    this.flushUnlocked();
    this.resetReadBuffer();
    return this.raw.osRead(n);
  }

  /** `f.readline(size)`: `_buffered_readline`, scanning the buffer and refilling it a block at a time. */
  readline(size = -1): Uint8Array {
    this.checkReadable();
    this.checkClosed('readline of closed file');
    let limit = size;
    let n = this.readEnd - this.readPos;
    if (limit >= 0 && n > limit) n = limit;
    const found = this.readBuffer.subarray(this.readPos, this.readPos + n).indexOf(NEWLINE);
    if (found >= 0) return this.take(found + 1);
    if (n === limit) return this.take(n);
    const chunks: Uint8Array[] = [];
    if (n > 0) {
      chunks.push(this.take(n));
      if (limit >= 0) limit -= n;
    }
    this.flushUnlocked();
    for (;;) {
      this.resetReadBuffer();
      let filled = this.fillBuffer();
      if (filled === 0) break;
      if (limit >= 0 && filled > limit) filled = limit;
      const at = this.readBuffer.subarray(0, filled).indexOf(NEWLINE);
      if (at >= 0) {
        chunks.push(this.take(at + 1));
        break;
      }
      chunks.push(this.take(filled));
      if (filled === limit) break;
      if (limit >= 0) limit -= filled;
    }
    return concat(chunks);
  }

  /** `f.tell()`: the raw offset, less the read-ahead, plus the pending writes. */
  tell(): number {
    if (this.raw.closed) throw valueError('I/O operation on closed file');
    return this.raw.tell() - (this.readEnd - this.readPos) + this.writeLen;
  }

  /** `f.seek(offset, whence)`: inside the read-ahead without touching the file, else flush and `lseek`. */
  seek(offset: number, whence = 0): number {
    if (whence < 0 || whence > 2) throw valueError(`whence value ${whence} unsupported`);
    this.checkClosed('seek of closed file');
    if (whence !== 2 && this.readEnd > 0) {
      const current = this.tell();
      const target = whence === 0 ? offset : current + offset;
      const bufferStart = this.raw.tell() - this.readEnd;
      if (target >= bufferStart && target <= this.raw.tell()) {
        this.readPos = target - bufferStart;
        return target;
      }
    }
    const logical = whence === 1 ? this.tell() + offset : offset;
    this.flushUnlocked();
    this.resetReadBuffer();
    return this.raw.seek(whence === 1 ? logical : offset, whence === 1 ? 0 : whence);
  }

  /** `next(f)`: the next line, or `null` at the end of the file (StopIteration). */
  next(): Uint8Array | null {
    const line = this.readline();
    return line.length > 0 ? line : null;
  }

  /** `f.readlines(hint)`: IOBase's, the remaining lines (stopping once `hint` bytes are read, when positive). */
  readlines(hint = -1): Uint8Array[] {
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

  /** `f.close()`: flushes, then closes the raw file; idempotent. */
  close(): void {
    if (this.raw.closed) return;
    try {
      if (this.canWrite) this.flushUnlocked();
    } finally {
      this.raw.close();
    }
  }
}

/** The bytes of `chunks`, joined. */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  let total = 0;
  for (const chunk of chunks) total += chunk.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
