/**
 * `_io.BufferedReader`, `_io.BufferedWriter` and `_io.BufferedRandom` (`Modules/_io/bufferedio.c`):
 * one buffer of `buffer_size` bytes between the program and the raw file. Writes stay in it until it
 * would overflow, `flush()` or `close()`; reads fill it a block at a time.
 */

import { typeError, unsupported, valueError } from './python-io-error.js';
import type { RawFile } from './raw-file.js';

/** The CPython versions whose `_io` the model follows (3.11 by default; see each difference where it is made). */
export type CPythonVersion = '3.10' | '3.11' | '3.12' | '3.13';

/** Which buffered class `open()` built: reader (`'r'`), writer (`'w'`, `'a'`, `'x'`), random (`'+'`). */
export type BufferedKind = 'reader' | 'writer' | 'random';

const EMPTY = new Uint8Array(0);
const NEWLINE = 0x0a;

/**
 * A buffered binary file over a {@link RawFile}, with CPython's `buffered` state: one buffer whose
 * `pos` is the logical position, `raw_pos` the raw file's offset, `read_end` the end of valid read data
 * (`-1`: none) and `write_pos..write_end` the bytes not yet written (`write_end` `-1`: none), all relative
 * to the buffer's start.
 */
export class BufferedFile {
  /** The raw FileIO underneath (`f.raw`). */
  readonly raw: RawFile;
  /** `buffer_size` in bytes (what `sys.getsizeof` adds for the buffer). */
  readonly bufferSize: number;
  /** Which of CPython's three classes this is. */
  readonly kind: BufferedKind;
  private readonly canRead: boolean;
  private readonly canWrite: boolean;
  private readonly buffer: Uint8Array;
  private pos = 0;
  private rawPos = 0;
  private readEnd = -1;
  private writePos = 0;
  private writeEnd = -1;

  /**
   * 3.13: a write of a whole buffer or more goes straight to the file (3.10–3.12 buffer exactly one
   * buffer's worth), and `read1` flushes pending writes first.
   */
  private readonly writeWholeBuffers: boolean;

  constructor(raw: RawFile, bufferSize: number, kind: BufferedKind, version: CPythonVersion = '3.11') {
    this.raw = raw;
    this.bufferSize = bufferSize;
    this.kind = kind;
    this.writeWholeBuffers = version === '3.13';
    this.canRead = kind !== 'writer';
    this.canWrite = kind !== 'reader';
    this.buffer = new Uint8Array(bufferSize);
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
    return this.validWrite() ? this.writeEnd - this.writePos : 0;
  }

  /** Bytes read from the file into the buffer and not yet returned (`READAHEAD`). */
  get readAheadBytes(): number {
    return this.validRead() ? this.readEnd - this.pos : 0;
  }

  private validRead(): boolean {
    return this.canRead && this.readEnd !== -1;
  }

  private validWrite(): boolean {
    return this.canWrite && this.writeEnd !== -1;
  }

  /** `RAW_OFFSET`: how far the raw file's offset is ahead of the logical position. */
  private rawOffset(): number {
    return (this.validRead() || this.validWrite()) && this.rawPos >= 0 ? this.rawPos - this.pos : 0;
  }

  /** `ADJUST_POSITION`. */
  private adjustPosition(position: number): void {
    this.pos = position;
    if (this.validRead() && this.readEnd < this.pos) this.readEnd = this.pos;
  }

  private resetReadBuffer(): void {
    this.readEnd = -1;
  }

  private resetWriteBuffer(): void {
    this.writePos = 0;
    this.writeEnd = -1;
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

  private checkClosed(message: string): void {
    if (this.raw.closed) throw valueError(message);
  }

  private checkReadable(what = 'read'): void {
    if (!this.canRead) throw unsupported(what);
  }

  /** `f.write(b)` (`_io__Buffered_write_impl`): into the buffer if it fits, else flush and write through. */
  write(data: Uint8Array | string): number {
    if (!this.canWrite) throw unsupported('write');
    if (typeof data === 'string') throw typeError("a bytes-like object is required, not 'str'");
    this.checkClosed('write to closed file');
    if (!this.validRead() && !this.validWrite()) {
      this.pos = 0;
      this.rawPos = 0;
    }
    const length = data.length;
    if (length <= this.bufferSize - this.pos && (length < this.bufferSize || !this.writeWholeBuffers)) {
      this.buffer.set(data, this.pos);
      if (!this.validWrite() || this.writePos > this.pos) this.writePos = this.pos;
      this.adjustPosition(this.pos + length);
      if (this.pos > this.writeEnd) this.writeEnd = this.pos;
      return length;
    }
    this.flushUnlocked();
    const offset = this.rawOffset();
    if (offset !== 0) {
      this.raw.seek(-offset, 1);
      this.rawPos -= offset;
    }
    let written = 0;
    let remaining = length;
    while (remaining > this.bufferSize || (remaining === this.bufferSize && this.writeWholeBuffers)) {
      const n = this.raw.osWrite(written === 0 ? data : data.subarray(written));
      written += n;
      remaining -= n;
    }
    if (this.canRead) this.resetReadBuffer();
    this.resetWriteBuffer();
    if (remaining > 0) this.buffer.set(data.subarray(written), 0);
    this.writePos = 0;
    this.writeEnd = remaining;
    this.adjustPosition(remaining);
    this.rawPos = 0;
    return length;
  }

  /** `f.flush()`: a writer's pending bytes in one raw write; a BufferedRandom also rewinds its read-ahead. */
  flush(): void {
    if (this.kind === 'reader') {
      if (this.raw.closed) throw valueError('I/O operation on closed file.');
      return;
    }
    this.checkClosed('flush of closed file');
    this.flushAndRewind();
  }

  /** `_bufferedwriter_flush_unlocked`: the dirty bytes to the raw file, after moving it back to where they start. */
  private flushUnlocked(): void {
    if (this.validWrite() && this.writePos !== this.writeEnd) {
      const rewind = this.rawOffset() + (this.pos - this.writePos);
      if (rewind !== 0) {
        this.raw.seek(-rewind, 1);
        this.rawPos -= rewind;
      }
      while (this.writePos < this.writeEnd) {
        this.writePos += this.raw.osWrite(this.buffer.subarray(this.writePos, this.writeEnd));
        this.rawPos = this.writePos;
      }
    }
    this.resetWriteBuffer();
  }

  /** `buffered_flush_and_rewind_unlocked`: flush, then bring the raw offset back to the logical position. */
  private flushAndRewind(): void {
    if (!this.canWrite) return;
    this.flushUnlocked();
    if (this.canRead) {
      const offset = this.rawOffset();
      if (offset !== 0) this.raw.seek(-offset, 1);
      this.resetReadBuffer();
    }
  }

  /** `_bufferedreader_raw_read`: one raw `readinto` of up to `size` bytes at `at` in the buffer (or `out`). */
  private rawRead(size: number, out: Uint8Array, at: number): number {
    return this.raw.osReadInto(out, at, size);
  }

  /** `_bufferedreader_fill_buffer`: reads into the buffer after its valid read data. */
  private fillBuffer(): number {
    const start = this.validRead() ? this.readEnd : 0;
    const n = this.rawRead(this.bufferSize - start, this.buffer, start);
    if (n <= 0) return n;
    this.readEnd = start + n;
    this.rawPos = start + n;
    return n;
  }

  /** `_bufferedreader_read_fast`: `n` bytes from the read-ahead, or `null` when there are fewer. */
  private readFast(n: number): Uint8Array | null {
    if (n > this.readAheadBytes) return null;
    const out = this.buffer.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** `f.read(size)`: `-1` reads to the end; otherwise whole blocks straight from the file, then one buffer fill. */
  read(sizeArgument: number | null = -1): Uint8Array {
    const size = sizeArgument ?? -1;
    this.checkReadable();
    if (size < -1) throw valueError('read length must be non-negative or -1');
    this.checkClosed('read of closed file');
    if (size === -1) return this.readAll();
    return this.readFast(size) ?? this.readGeneric(size);
  }

  /** `_bufferedreader_read_generic`. */
  private readGeneric(n: number): Uint8Array {
    const currentSize = this.readAheadBytes;
    const out = new Uint8Array(n);
    let remaining = n;
    let written = 0;
    if (currentSize > 0) {
      out.set(this.buffer.subarray(this.pos, this.pos + currentSize), 0);
      remaining -= currentSize;
      written += currentSize;
      this.pos += currentSize;
    }
    this.flushAndRewind();
    this.resetReadBuffer();
    while (remaining > 0) {
      const block = remaining - (remaining % this.bufferSize);
      if (block === 0) break;
      const r = this.rawRead(block, out, written);
      if (r === 0) return out.slice(0, written);
      remaining -= r;
      written += r;
    }
    this.pos = 0;
    this.rawPos = 0;
    this.readEnd = 0;
    while (remaining > 0 && this.readEnd < this.bufferSize) {
      const r = this.fillBuffer();
      if (r === 0) return out.slice(0, written);
      const take = Math.min(remaining, r);
      out.set(this.buffer.subarray(this.pos, this.pos + take), written);
      written += take;
      this.pos += take;
      remaining -= take;
    }
    return out;
  }

  /** `_bufferedreader_read_all`: the read-ahead, then the raw file's `readall()`. */
  private readAll(): Uint8Array {
    const currentSize = this.readAheadBytes;
    const ahead = this.buffer.slice(this.pos, this.pos + currentSize);
    this.pos += currentSize;
    this.flushAndRewind();
    this.resetReadBuffer();
    const rest = this.raw.readall();
    return currentSize === 0 ? rest : concat([ahead, rest]);
  }

  /**
   * `f.read1(size)`: buffered bytes if any, else one raw read of `size` bytes (`buffer_size` when
   * negative); 3.10–3.12 do not flush pending writes first, 3.13 does.
   */
  read1(sizeArgument: number | null = -1): Uint8Array {
    const size = sizeArgument ?? -1;
    this.checkReadable('read1');
    const n = size < 0 ? this.bufferSize : size;
    this.checkClosed('read of closed file');
    if (n === 0) return EMPTY;
    const have = this.readAheadBytes;
    if (have > 0) return this.readFast(Math.min(have, n)) as Uint8Array;
    if (this.writeWholeBuffers) this.flushAndRewind();
    this.resetReadBuffer();
    return this.raw.osRead(n);
  }

  /** `f.readline(size)`: `_buffered_readline`, scanning the buffer and refilling it a block at a time. */
  readline(sizeArgument: number | null = -1): Uint8Array {
    const size = sizeArgument ?? -1;
    if (!this.canRead) {
      // BufferedWriter has no readline: IOBase's reads nothing for size 0, else fails in read(1).
      if (size === 0) return EMPTY;
      throw unsupported('read');
    }
    this.checkClosed('readline of closed file');
    let limit = size;
    let n = this.readAheadBytes;
    if (limit >= 0 && n > limit) n = limit;
    const found = this.buffer.subarray(this.pos, this.pos + n).indexOf(NEWLINE);
    if (found >= 0) return this.readFast(found + 1) as Uint8Array;
    if (n === limit) return this.readFast(n) as Uint8Array;
    const chunks: Uint8Array[] = [];
    if (n > 0) {
      chunks.push(this.readFast(n) as Uint8Array);
      if (limit >= 0) limit -= n;
    }
    this.flushAndRewind();
    for (;;) {
      this.resetReadBuffer();
      let filled = this.fillBuffer();
      if (filled <= 0) break;
      if (limit >= 0 && filled > limit) filled = limit;
      const at = this.buffer.subarray(0, filled).indexOf(NEWLINE);
      if (at >= 0) {
        chunks.push(this.buffer.slice(0, at + 1));
        this.pos = at + 1;
        break;
      }
      chunks.push(this.buffer.slice(0, filled));
      if (filled === limit) {
        this.pos = filled;
        break;
      }
      if (limit >= 0) limit -= filled;
    }
    return concat(chunks);
  }

  /** `f.truncate(size)`: flushes, then truncates the raw file at `size` (the current position by default). */
  truncate(size: number | null = null): number {
    this.checkClosed('truncate of closed file');
    if (!this.canWrite) throw unsupported('truncate');
    this.flushAndRewind();
    return this.raw.truncate(size ?? this.raw.tell());
  }

  /** `f.tell()`: the raw offset, less `RAW_OFFSET`. */
  tell(): number {
    if (this.raw.closed) throw valueError('I/O operation on closed file');
    return this.raw.tell() - this.rawOffset();
  }

  /**
   * `f.seek(offset, whence)`: inside the read-ahead without touching the file when it can, else flush
   * and `lseek` (`whence` 3 and 4 are Linux's SEEK_DATA and SEEK_HOLE).
   */
  seek(offset: number, whence = 0): number {
    if (whence < 0 || whence > 4) throw valueError(`whence value ${whence} unsupported`);
    this.checkClosed('seek of closed file');
    let target = offset;
    if ((whence === 0 || whence === 1) && this.canRead) {
      const current = this.raw.tell();
      const avail = this.readAheadBytes;
      if (avail > 0) {
        const move = whence === 0 ? target - (current - this.rawOffset()) : target;
        if (move >= -this.pos && move <= avail) {
          this.pos += move;
          return current - avail + move;
        }
      }
    }
    if (this.canWrite) this.flushUnlocked();
    if (whence === 1) target -= this.rawOffset();
    const n = this.raw.seek(target, whence);
    this.rawPos = -1;
    if (this.canRead) this.resetReadBuffer();
    return n;
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

  /** `f.close()`: flushes, then closes the raw file; idempotent. */
  close(): void {
    if (this.raw.closed) return;
    try {
      if (this.canWrite) this.flush();
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
