/**
 * The decoder a text file reads through: CPython's incremental UTF-8 decoder (`codecs.getincrementaldecoder
 * ('utf-8')`) wrapped, for universal newlines, in `_io.IncrementalNewlineDecoder` (`Modules/_io/textio.c`),
 * which holds back a final `'\r'` until it knows whether `'\n'` follows, and with `translate` turns
 * `'\r\n'` and `'\r'` into `'\n'`.
 */

import { PythonIOError } from './python-io-error.js';
import { type CodecName, decodeSingleByte } from './text-codec.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The incremental decoder of one text file. */
export class IncrementalTextDecoder {
  /** Whether newlines are recognised in all three forms (`newline=None` or `''`). */
  readonly universal: boolean;
  /** Whether they are translated to `'\n'` (`newline=None`). */
  readonly translate: boolean;
  /** Bytes of an incomplete UTF-8 sequence held from the last input (`decoder.getstate()[0]`). */
  private held: Uint8Array = new Uint8Array(0);
  /** A `'\r'` held back at the end of the last output (`IncrementalNewlineDecoder.pendingcr`). */
  pendingCR = false;

  /** The codec (`'utf-8'` unless the file was opened with another encoding). */
  readonly codec: CodecName;

  constructor(universal: boolean, translate: boolean, codec: CodecName = 'utf-8') {
    this.codec = codec;
    this.universal = universal;
    this.translate = translate;
  }

  /**
   * `decoder.getstate()`: the bytes the UTF-8 decoder holds, and the flags (`1` when a `'\r'` is held
   * back: IncrementalNewlineDecoder's `pendingcr`, the UTF-8 decoder's own flag being `0`).
   */
  getState(): { buffer: Uint8Array; flags: number } {
    return { buffer: this.held, flags: this.universal && this.pendingCR ? 1 : 0 };
  }

  /** `decoder.setstate((b'', flags))`. */
  setState(flags: number): void {
    this.held = new Uint8Array(0);
    this.pendingCR = this.universal && (flags & 1) === 1;
  }

  /** `decoder.decode(input, final)`. */
  decode(input: Uint8Array, final: boolean): string {
    let data = input;
    if (this.held.length > 0) {
      data = new Uint8Array(this.held.length + input.length);
      data.set(this.held, 0);
      data.set(input, this.held.length);
    }
    let output: string;
    if (this.codec === 'utf-8') {
      const cut = final ? data.length : completeLength(data);
      this.held = data.slice(cut);
      try {
        output = utf8.decode(data.subarray(0, cut));
      } catch {
        throw utf8DecodeError(data.subarray(0, cut), final);
      }
    } else {
      output = decodeSingleByte(data, this.codec);
    }
    if (!this.universal) return output;
    if (this.pendingCR && (output.length > 0 || final)) {
      output = `\r${output}`;
      this.pendingCR = false;
    }
    if (!final && output.endsWith('\r')) {
      output = output.slice(0, -1);
      this.pendingCR = true;
    }
    if (this.translate && output.includes('\r')) output = output.replace(/\r\n?/g, '\n');
    return output;
  }

  /** Puts back a state from {@link getState}. */
  restore(state: { buffer: Uint8Array; flags: number }): void {
    this.held = state.buffer;
    this.pendingCR = this.universal && (state.flags & 1) === 1;
  }

  /** `decoder.reset()`. */
  reset(): void {
    this.held = new Uint8Array(0);
    this.pendingCR = false;
  }
}

/** The length of `data` without a trailing incomplete (but so far valid) UTF-8 sequence. */
function completeLength(data: Uint8Array): number {
  const end = data.length;
  for (let back = 1; back <= 3 && back <= end; back++) {
    const byte = data[end - back];
    if ((byte & 0xc0) === 0x80) continue;
    const need =
      byte >= 0xf0 && byte <= 0xf4
        ? 4
        : byte >= 0xe0 && byte < 0xf0
          ? 3
          : byte >= 0xc2 && byte < 0xe0
            ? 2
            : 1;
    return need > back ? end - back : end;
  }
  return end;
}

/** The length of the UTF-8 sequence a lead byte starts, or `0` for an invalid start byte. */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte < 0xe0) return 2;
  if (byte >= 0xe0 && byte < 0xf0) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/** Whether `byte` may follow `lead` as the first continuation byte (the ranges of RFC 3629). */
function validSecond(lead: number, byte: number): boolean {
  if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf;
  if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f;
  if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf;
  if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f;
  return (byte & 0xc0) === 0x80;
}

/**
 * The `UnicodeDecodeError` CPython's UTF-8 decoder raises for the first bad sequence of `data`:
 * `'utf-8' codec can't decode byte 0xff in position 0: invalid start byte`.
 */
function utf8DecodeError(data: Uint8Array, final: boolean): PythonIOError {
  let at = 0;
  while (at < data.length) {
    const lead = data[at];
    const length = sequenceLength(lead);
    if (length === 0) return decodeError(data, at, at + 1, 'invalid start byte');
    let good = 1;
    while (good < length && at + good < data.length) {
      const byte = data[at + good];
      const ok = good === 1 ? validSecond(lead, byte) : (byte & 0xc0) === 0x80;
      if (!ok) return decodeError(data, at, at + good, 'invalid continuation byte');
      good++;
    }
    if (good < length)
      return decodeError(data, at, final ? data.length : at + good, 'unexpected end of data');
    at += length;
  }
  return decodeError(data, 0, 1, 'invalid start byte');
}

function decodeError(data: Uint8Array, start: number, end: number, reason: string): PythonIOError {
  const where =
    end - start === 1
      ? `byte 0x${data[start].toString(16).padStart(2, '0')} in position ${start}`
      : `bytes in position ${start}-${end - 1}`;
  return new PythonIOError('UnicodeDecodeError', `'utf-8' codec can't decode ${where}: ${reason}`);
}
