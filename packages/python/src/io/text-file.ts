/**
 * `_io.TextIOWrapper` (`Modules/_io/textio.c`) over a {@link BufferedFile}: `str` in and out, UTF-8.
 * Writes are encoded into its own pending list and handed to the buffer when they reach the chunk size
 * (8192), on `flush()`, `close()`, `tell()`, and with line buffering after a write holding `'\n'` or `'\r'`.
 * Reads decode a chunk at a time through {@link IncrementalTextDecoder}.
 */

import type { BufferedFile, CPythonVersion } from './buffered-file.js';
import { concat } from './buffered-file.js';
import { PythonIOError, typeError, unsupported, valueError } from './python-io-error.js';
import { type CodecName, encodeSingleByte } from './text-codec.js';
import {
  codePointIndex,
  codePointLength,
  parseCookie,
  reconstructCookie,
  type Snapshot,
} from './text-cookie.js';
import { IncrementalTextDecoder } from './text-decoder.js';

/** The text layer's chunk size (`_CHUNK_SIZE`). */
export const TEXT_CHUNK_SIZE = 8192;

const encoder = new TextEncoder();

/** Options of {@link TextFile} (what `open()` passes to `TextIOWrapper`). */
export interface TextFileOptions {
  /** The mode string given to `open()` (`f.mode`). */
  readonly mode: string;
  /** `f.encoding` as given (`'UTF-8'`, the locale's, when absent). */
  readonly encoding: string;
  /** `newline`: `null` (universal, translated), `''`, `'\n'`, `'\r'` or `'\r\n'`. */
  readonly newline: string | null;
  /** Line buffering (`buffering=1`). */
  readonly lineBuffering: boolean;
  /** The CPython whose TextIOWrapper this follows (3.11 by default). */
  readonly version?: CPythonVersion;
  /** The codec `encoding` names (UTF-8 by default). */
  readonly codec?: CodecName;
}

/** A text file: TextIOWrapper over a buffered binary file. */
export class TextFile {
  /** `f.buffer`. */
  readonly buffer: BufferedFile;
  /** `f.mode`. */
  readonly mode: string;
  /** `f.encoding`. */
  readonly encoding: string;
  /** `f.line_buffering`. */
  readonly lineBuffering: boolean;
  private readonly decoder: IncrementalTextDecoder | null;
  private readonly codec: CodecName;
  private readonly canWrite: boolean;
  private readonly readNewline: string | null;
  private readonly writeNewline: string | null;
  private pending: Uint8Array[] = [];
  private pendingCount = 0;
  private decoded = '';
  private decodedUsed = 0;
  /** Bytes of the last chunk per decoded char ratio (`b2cratio`). */
  private bytesPerChar = 0;
  /** `snapshot`: the decoder's flags before the bytes behind `decoded`, and those bytes; `null` when there is none. */
  private snapshot: Snapshot | null = null;
  private telling: boolean;
  /**
   * 3.10–3.12 hand the pending bytes to the buffer before a write would take them past the chunk size;
   * 3.13 does so only before a write of a whole chunk or more (CPython issue 87426).
   */
  private readonly flushBeforeOverflow: boolean;

  constructor(buffer: BufferedFile, options: TextFileOptions) {
    this.buffer = buffer;
    this.mode = options.mode;
    this.encoding = options.encoding;
    this.lineBuffering = options.lineBuffering;
    const { newline } = options;
    this.codec = options.codec ?? 'utf-8';
    this.decoder =
      buffer.kind === 'writer'
        ? null
        : new IncrementalTextDecoder(newline === null || newline === '', newline === null, this.codec);
    this.canWrite = buffer.kind !== 'reader';
    this.readNewline = newline === null || newline === '' ? null : newline;
    this.writeNewline = newline === '\r' || newline === '\r\n' ? newline : null;
    this.telling = true;
    this.flushBeforeOverflow = options.version !== '3.13';
  }

  /** `f.name`. */
  get name(): string {
    return this.buffer.name;
  }

  /** `f.closed`. */
  get closed(): boolean {
    return this.buffer.closed;
  }

  /** Encoded bytes waiting in the wrapper's own pending list (not yet in the buffer). */
  get pendingBytes(): number {
    return this.pendingCount;
  }

  /** `f.readable()`, `f.writable()`, `f.seekable()`: the buffer's. */
  readable(): boolean {
    return this.buffer.readable();
  }

  /** See {@link readable}. */
  writable(): boolean {
    return this.buffer.writable();
  }

  /** See {@link readable}. */
  seekable(): boolean {
    return this.buffer.seekable();
  }

  private checkClosed(): void {
    if (this.buffer.closed) throw valueError('I/O operation on closed file.');
  }

  /** `f.write(s)`: returns the number of characters. */
  write(text: string | Uint8Array): number {
    if (typeof text !== 'string') throw typeError('write() argument must be str, not bytes');
    this.checkClosed();
    if (!this.canWrite) throw unsupported('not writable');
    const hasLF = (this.writeNewline !== null || this.lineBuffering) && text.includes('\n');
    let out = text;
    if (hasLF && this.writeNewline !== null) out = out.replaceAll('\n', this.writeNewline);
    const needFlush = this.lineBuffering && (hasLF || text.includes('\r'));
    const bytes = this.codec === 'utf-8' ? encoder.encode(out) : encodeSingleByte(out, this.codec);
    if (this.flushBeforeOverflow) {
      if (this.pendingCount + bytes.length > TEXT_CHUNK_SIZE) this.writeFlush();
    } else if (bytes.length >= TEXT_CHUNK_SIZE) this.writeFlush();
    this.pending.push(bytes);
    this.pendingCount += bytes.length;
    if (this.pendingCount >= TEXT_CHUNK_SIZE || needFlush) this.writeFlush();
    if (needFlush) this.buffer.flush();
    this.clearDecoded();
    this.decoder?.reset();
    return codePointLength(text);
  }

  /** `f.writelines(lines)`: `write` of each. */
  writelines(lines: Iterable<string | Uint8Array>): void {
    this.checkClosed();
    for (const line of lines) this.write(line);
  }

  /** `_textiowrapper_writeflush`: the pending bytes to the buffer in one `write`. */
  private writeFlush(): void {
    if (this.pendingCount === 0 && this.pending.length === 0) return;
    const bytes = concat(this.pending);
    this.pending = [];
    this.pendingCount = 0;
    this.buffer.write(bytes);
  }

  /** `f.flush()`. */
  flush(): void {
    this.checkClosed();
    this.telling = true;
    this.writeFlush();
    this.buffer.flush();
  }

  /** `f.truncate(size)`: flushes, then the buffer's `truncate`. */
  truncate(size: number | null = null): number {
    this.flush();
    return this.buffer.truncate(size);
  }

  /** `f.close()`: flushes, then closes the buffer (even when the flush fails); idempotent. */
  close(): void {
    if (this.buffer.closed) return;
    try {
      this.flush();
    } finally {
      this.buffer.close();
    }
  }

  private clearDecoded(): void {
    this.decoded = '';
    this.decodedUsed = 0;
    this.snapshot = null;
  }

  private requireDecoder(): IncrementalTextDecoder {
    if (this.decoder === null) throw unsupported('not readable');
    return this.decoder;
  }

  /** `textiowrapper_read_chunk`: one `read1` from the buffer, decoded; `false` at the end of the file. */
  private readChunk(sizeHint: number): boolean {
    const decoder = this.requireDecoder();
    const state = this.telling ? decoder.getState() : null;
    const hint = sizeHint > 0 ? Math.trunc(Math.max(this.bytesPerChar, 1) * sizeHint) : sizeHint;
    const input = this.buffer.read1(Math.max(TEXT_CHUNK_SIZE, hint));
    const chars = decoder.decode(input, input.length === 0);
    this.decoded = chars;
    this.decodedUsed = 0;
    const count = codePointLength(chars);
    this.bytesPerChar = count > 0 ? input.length / count : 0;
    if (state !== null) this.snapshot = { decFlags: state.flags, input: concat([state.buffer, input]) };
    return input.length > 0 || count > 0;
  }

  /** Takes up to `n` decoded characters (code points; all with `n < 0`). */
  private takeDecoded(n: number): string {
    const end =
      n < 0
        ? this.decoded.length
        : this.decodedUsed + codePointIndex(this.decoded.slice(this.decodedUsed), n);
    const out = this.decoded.slice(this.decodedUsed, end);
    this.decodedUsed = end;
    return out;
  }

  /** `f.read(size)`: `size` characters, or all to the end when `size` is negative or absent. */
  read(sizeArgument: number | null = -1): string {
    const size = sizeArgument ?? -1;
    this.checkClosed();
    const decoder = this.requireDecoder();
    this.writeFlush();
    if (size < 0) {
      const rest = this.takeDecoded(-1) + decoder.decode(this.buffer.read(), true);
      this.clearDecoded();
      return rest;
    }
    let result = this.takeDecoded(size);
    let remaining = size - codePointLength(result);
    while (remaining > 0) {
      if (!this.readChunk(remaining)) break;
      const more = this.takeDecoded(remaining);
      result += more;
      remaining -= codePointLength(more);
    }
    return result;
  }

  /** `f.readline(size)`: up to and including the next line ending (`''` at the end of the file); 3.11 refuses `None`. */
  readline(sizeArgument: number | null = -1): string {
    if (sizeArgument === null) throw typeError("'NoneType' object cannot be interpreted as an integer");
    const size = sizeArgument;
    this.checkClosed();
    this.writeFlush();
    let chunks = '';
    let remaining = '';
    for (;;) {
      while (this.decodedUsed >= this.decoded.length) {
        if (!this.readChunk(0)) {
          this.clearDecoded();
          return chunks + remaining;
        }
      }
      // The characters set aside without a line ending are searched again with the new chunk: a
      // two-character newline may straddle the chunks.
      const offset = remaining.length;
      const line = remaining + this.decoded.slice(this.decodedUsed);
      const found = this.findLineEnding(line);
      let end = found.end >= 0 ? found.end : found.consumed;
      const chunked = codePointLength(chunks);
      const limited = size >= 0 && codePointLength(line.slice(0, end)) + chunked >= size;
      if (limited) end = codePointIndex(line, size - chunked);
      if (found.end >= 0 || limited) {
        this.decodedUsed += Math.max(0, end - offset);
        return chunks + line.slice(0, end);
      }
      chunks += line.slice(0, end);
      remaining = line.slice(end);
      this.clearDecoded();
    }
  }

  /** `_PyIO_find_line_ending`: the index after the line ending in `line`, or `-1` and how much can be set aside. */
  private findLineEnding(line: string): { end: number; consumed: number } {
    if (this.decoder?.translate || this.readNewline === '\n') {
      const at = line.indexOf('\n');
      return { end: at < 0 ? -1 : at + 1, consumed: line.length };
    }
    if (this.readNewline === null) {
      for (let i = 0; i < line.length; i++) {
        const c = line.charCodeAt(i);
        if (c === 0x0a) return { end: i + 1, consumed: line.length };
        if (c === 0x0d)
          return { end: line.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1, consumed: line.length };
      }
      return { end: -1, consumed: line.length };
    }
    const at = line.indexOf(this.readNewline);
    if (at >= 0) return { end: at + this.readNewline.length, consumed: line.length };
    return { end: -1, consumed: Math.max(0, line.length - this.readNewline.length + 1) };
  }

  /** `next(f)`: the next line, or `null` at the end (StopIteration); disables `tell()` until then. */
  next(): string | null {
    this.telling = false;
    const line = this.readline();
    if (line.length > 0) return line;
    this.snapshot = null;
    this.telling = true;
    return null;
  }

  /** `f.readlines(hint)`: the remaining lines (stopping once `hint` characters are read, when positive). */
  readlines(hintArgument: number | null = -1): string[] {
    const hint = hintArgument ?? -1;
    this.checkClosed();
    const lines: string[] = [];
    let total = 0;
    for (let line = this.next(); line !== null; line = this.next()) {
      lines.push(line);
      total += codePointLength(line);
      if (hint > 0 && total >= hint) break;
    }
    return lines;
  }

  /**
   * `f.tell()`: flushes, then CPython's cookie: the byte position for UTF-8 read to a character boundary,
   * a larger integer (a `bigint` above 2^53) when the decoder holds a `'\r'` there.
   */
  tell(): number | bigint {
    this.checkClosed();
    if (!this.telling) throw new PythonIOError('OSError', 'telling position disabled by next() call');
    this.writeFlush();
    this.flush();
    const position = this.buffer.tell();
    const snapshot = this.snapshot;
    if (this.decoder === null || snapshot === null) return position;
    const used = codePointLength(this.decoded.slice(0, this.decodedUsed));
    return reconstructCookie(this.decoder, snapshot, position, used, this.bytesPerChar);
  }

  /** `f.seek(cookie, whence)`: to a cookie from `tell()`, or to the start or end. */
  seek(cookie: number | bigint, whence = 0): number | bigint {
    this.checkClosed();
    let target = cookie;
    if (whence === 1) {
      if (cookie !== 0 && cookie !== 0n) throw unsupported("can't do nonzero cur-relative seeks");
      target = this.tell();
    } else if (whence === 2) {
      if (cookie !== 0 && cookie !== 0n) throw unsupported("can't do nonzero end-relative seeks");
      this.flush();
      this.clearDecoded();
      this.decoder?.reset();
      return this.buffer.seek(0, 2);
    } else if (whence !== 0) {
      throw valueError(`invalid whence (${whence}, should be 0, 1 or 2)`);
    }
    if (target < 0) throw valueError(`negative seek position ${target}`);
    this.flush();
    const parsed = parseCookie(target);
    this.buffer.seek(parsed.startPos, 0);
    this.clearDecoded();
    const decoder = this.decoder;
    if (decoder !== null) {
      if (parsed.startPos === 0 && parsed.decFlags === 0) decoder.reset();
      else decoder.setState(parsed.decFlags);
    }
    if (parsed.charsToSkip > 0 && decoder !== null) {
      const input = this.buffer.read(parsed.bytesToFeed);
      this.snapshot = { decFlags: parsed.decFlags, input };
      this.decoded = decoder.decode(input, parsed.needEof);
      if (codePointLength(this.decoded) < parsed.charsToSkip) {
        throw new PythonIOError('OSError', "can't restore logical file position");
      }
      this.decodedUsed = codePointIndex(this.decoded, parsed.charsToSkip);
    } else {
      this.snapshot = { decFlags: parsed.decFlags, input: new Uint8Array(0) };
    }
    return target;
  }
}
