/**
 * The cookie `TextIOWrapper.tell()` returns and `seek()` takes (`Modules/_io/textio.c`): a safe start
 * position in bytes, the decoder's flags there, the bytes to feed the decoder and the characters to
 * skip after them, packed into one integer as CPython packs its `cookie_type` struct. For UTF-8 read to
 * a character boundary with no `'\r'` held back, the cookie is just the byte position.
 */

import { PythonIOError } from './python-io-error.js';
import type { IncrementalTextDecoder } from './text-decoder.js';

/** `cookie_type`. */
export interface Cookie {
  startPos: number;
  decFlags: number;
  bytesToFeed: number;
  charsToSkip: number;
  needEof: boolean;
}

/** What the text layer keeps of its last chunk for `tell()`: the decoder flags before it and the bytes fed. */
export interface Snapshot {
  readonly decFlags: number;
  readonly input: Uint8Array;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `textiowrapper_build_cookie`: a `number` when it is small enough to be exact, else a `bigint`. */
export function buildCookie(cookie: Cookie): number | bigint {
  const packed =
    BigInt(cookie.startPos) |
    (BigInt(cookie.decFlags) << 64n) |
    (BigInt(cookie.bytesToFeed) << 96n) |
    (BigInt(cookie.charsToSkip) << 128n) |
    (BigInt(cookie.needEof ? 1 : 0) << 160n);
  return packed <= SAFE ? Number(packed) : packed;
}

/** `textiowrapper_parse_cookie`. */
export function parseCookie(value: number | bigint): Cookie {
  const packed = BigInt(value);
  const field = (shift: bigint, bits: bigint): number => Number((packed >> shift) & ((1n << bits) - 1n));
  return {
    startPos: field(0n, 64n),
    decFlags: field(64n, 32n),
    bytesToFeed: field(96n, 32n),
    charsToSkip: field(128n, 32n),
    needEof: field(160n, 8n) !== 0,
  };
}

/**
 * The first `length` bytes of `input`. CPython's estimate can run past the snapshot's end, where it
 * reads the bytes object's terminating NUL; the bytes past the end are zeros here, as there.
 */
function prefix(input: Uint8Array, length: number): Uint8Array {
  if (length <= input.length) return input.subarray(0, length);
  const padded = new Uint8Array(length);
  padded.set(input, 0);
  return padded;
}

/** The number of code points in `text` (`len()` of the Python `str`). */
export function codePointLength(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) count--;
  }
  return count;
}

/** The UTF-16 index of code point `n` in `text`. */
export function codePointIndex(text: string, n: number): number {
  let index = 0;
  for (let k = 0; k < n && index < text.length; k++) {
    const c = text.charCodeAt(index);
    index += c >= 0xd800 && c < 0xdc00 ? 2 : 1;
  }
  return index;
}

/**
 * `_io_TextIOWrapper_tell_impl` after the flush: from the snapshot and the `charsUsed` code points
 * already returned, finds the nearest safe start point and what to feed and skip from there.
 */
export function reconstructCookie(
  decoder: IncrementalTextDecoder,
  snapshot: Snapshot,
  position: number,
  charsUsed: number,
  bytesPerChar: number,
): number | bigint {
  const cookie: Cookie = {
    startPos: position - snapshot.input.length,
    decFlags: snapshot.decFlags,
    bytesToFeed: 0,
    charsToSkip: 0,
    needEof: false,
  };
  if (charsUsed === 0) return buildCookie(cookie);
  let charsToSkip = charsUsed;
  const saved = decoder.getState();
  const input = snapshot.input;
  try {
    let skipBytes = Math.trunc(bytesPerChar * charsToSkip);
    let skipBack = 1;
    while (skipBytes > 0) {
      decoder.setState(cookie.decFlags);
      const decoded = codePointLength(decoder.decode(prefix(input, skipBytes), false));
      if (decoded <= charsToSkip) {
        const state = decoder.getState();
        if (state.buffer.length === 0) {
          cookie.decFlags = state.flags;
          charsToSkip -= decoded;
          break;
        }
        skipBytes -= state.buffer.length;
        skipBack = 1;
      } else {
        skipBytes -= skipBack;
        skipBack *= 2;
      }
    }
    if (skipBytes <= 0) {
      skipBytes = 0;
      decoder.setState(cookie.decFlags);
    }
    cookie.startPos += skipBytes;
    cookie.charsToSkip = charsToSkip;
    if (charsToSkip === 0) return buildCookie(cookie);
    let charsDecoded = 0;
    let at = skipBytes;
    for (; at < input.length; at++) {
      charsDecoded += codePointLength(decoder.decode(input.subarray(at, at + 1), false));
      cookie.bytesToFeed += 1;
      const state = decoder.getState();
      if (state.buffer.length === 0 && charsDecoded <= charsToSkip) {
        cookie.startPos += cookie.bytesToFeed;
        charsToSkip -= charsDecoded;
        cookie.decFlags = state.flags;
        cookie.bytesToFeed = 0;
        charsDecoded = 0;
      }
      if (charsDecoded >= charsToSkip) break;
    }
    if (at >= input.length) {
      charsDecoded += codePointLength(decoder.decode(new Uint8Array(0), true));
      cookie.needEof = true;
      if (charsDecoded < charsToSkip)
        throw new PythonIOError('OSError', "can't reconstruct logical file position");
    }
    cookie.charsToSkip = charsToSkip;
    return buildCookie(cookie);
  } finally {
    decoder.restore(saved);
  }
}
