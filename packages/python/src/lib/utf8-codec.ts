/**
 * UTF-8 decoding as CPython's `unicode_decode_utf8` does it, with the reasons its
 * `UnicodeDecodeError` gives (`invalid start byte`, `invalid continuation byte`, `unexpected end of
 * data`) and the length of each invalid sequence the error handlers skip.
 *
 * @module
 */

/** An invalid sequence: where it starts, how many bytes it spans, and why. */
export interface Utf8Error {
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

/** The text of `data`, calling `onError` for each invalid sequence (its return value is inserted). */
export function decodeUtf8(data: Uint8Array, onError: (error: Utf8Error) => string): string {
  let out = '';
  let i = 0;
  const n = data.length;
  while (i < n) {
    const b = data[i];
    if (b < 0x80) {
      let j = i;
      while (j < n && data[j] < 0x80 && j - i < 8192) j++;
      out += String.fromCharCode(...data.subarray(i, j));
      i = j;
      continue;
    }
    let need: number;
    let code: number;
    if (b >= 0xc2 && b <= 0xdf) [need, code] = [1, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, code] = [2, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, code] = [3, b & 0x07];
    else {
      out += onError({ start: i, end: i + 1, reason: 'invalid start byte' });
      i++;
      continue;
    }
    let k = 1;
    let bad = false;
    for (; k <= need; k++) {
      if (i + k >= n) break;
      const c = data[i + k];
      // The second byte's range is narrower for E0, ED, F0 and F4 (no overlongs, surrogates or > U+10FFFF).
      const lo = k === 1 && b === 0xe0 ? 0xa0 : k === 1 && b === 0xf0 ? 0x90 : 0x80;
      const hi = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf;
      if (c < lo || c > hi) {
        bad = true;
        break;
      }
      code = (code << 6) | (c & 0x3f);
    }
    if (bad) {
      out += onError({ start: i, end: i + k, reason: 'invalid continuation byte' });
      i += k;
      continue;
    }
    if (k <= need) {
      out += onError({ start: i, end: n, reason: 'unexpected end of data' });
      break;
    }
    out += String.fromCodePoint(code);
    i += need + 1;
  }
  return out;
}
