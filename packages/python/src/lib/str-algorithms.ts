/**
 * The text algorithms behind the methods of `str`, `bytes` and `bytearray`
 * (`Objects/stringlib/split.h`, `transmogrify.h`, `fastsearch.h`), on JavaScript strings whose
 * characters are code points (a `str` without astral characters) or bytes (a `bytes` read as
 * Latin-1). What a "space" or a "line break" is differs between `str` and `bytes`, so the callers
 * pass it as a {@link CharClass}.
 *
 * @module
 */

/** What counts as whitespace and as a line break (`Py_UNICODE_ISSPACE` or `Py_ISSPACE`, ...). */
export interface CharClass {
  readonly space: string;
  readonly lineBreak: string;
}

/** `str`'s classes: Unicode whitespace (`_Py_ascii_whitespace` and the Unicode `Zs`/bidi ones) and line breaks. */
export const STR_CHARS: CharClass = {
  space:
    ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000',
  lineBreak: '\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029',
};

/** `bytes`' classes: ASCII whitespace, and only `\n` and `\r` as line breaks. */
export const BYTES_CHARS: CharClass = { space: ' \t\n\r\x0b\x0c', lineBreak: '\n\r' };

/** `split()` with no separator: runs of whitespace separate, at most `maxsplit` times (-1: no limit). */
export function splitWhitespace(s: string, maxsplit: number, chars: CharClass): string[] {
  const out: string[] = [];
  const space = chars.space;
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && space.includes(s[i])) i++;
    if (i === n) break;
    if (maxsplit >= 0 && out.length === maxsplit) {
      out.push(s.slice(i));
      return out;
    }
    let j = i;
    while (j < n && !space.includes(s[j])) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

/** `rsplit()` with no separator: as {@link splitWhitespace}, from the right. */
export function rsplitWhitespace(s: string, maxsplit: number, chars: CharClass): string[] {
  const out: string[] = [];
  const space = chars.space;
  let i = s.length;
  while (i > 0) {
    while (i > 0 && space.includes(s[i - 1])) i--;
    if (i === 0) break;
    if (maxsplit >= 0 && out.length === maxsplit) {
      out.push(s.slice(0, i));
      break;
    }
    let j = i;
    while (j > 0 && !space.includes(s[j - 1])) j--;
    out.push(s.slice(j, i));
    i = j;
  }
  return out.reverse();
}

/** `split(sep, maxsplit)` with a non-empty separator. */
export function splitSeparator(s: string, sep: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (maxsplit < 0 || out.length < maxsplit) {
    const at = s.indexOf(sep, i);
    if (at < 0) break;
    out.push(s.slice(i, at));
    i = at + sep.length;
  }
  out.push(s.slice(i));
  return out;
}

/** `rsplit(sep, maxsplit)` with a non-empty separator. */
export function rsplitSeparator(s: string, sep: string, maxsplit: number): string[] {
  const out: string[] = [];
  let end = s.length;
  while (maxsplit < 0 || out.length < maxsplit) {
    if (end < sep.length) break;
    const at = s.lastIndexOf(sep, end - sep.length);
    if (at < 0) break;
    out.push(s.slice(at + sep.length, end));
    end = at;
  }
  out.push(s.slice(0, end));
  return out.reverse();
}

/** `splitlines(keepends)`: `\r\n` is one break. */
export function splitLines(s: string, keepends: boolean, chars: CharClass): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    if (!chars.lineBreak.includes(s[i])) {
      i++;
      continue;
    }
    const eol = s[i] === '\r' && s[i + 1] === '\n' ? i + 2 : i + 1;
    out.push(s.slice(start, keepends ? eol : i));
    start = i = eol;
  }
  if (start < n) out.push(s.slice(start));
  return out;
}

/** `strip`/`lstrip`/`rstrip`: `chars` to remove, or whitespace when null. */
export function stripText(
  s: string,
  chars: string | null,
  which: 'strip' | 'lstrip' | 'rstrip',
  cls: CharClass,
) {
  const set = chars ?? cls.space;
  let a = 0;
  let b = s.length;
  if (which !== 'rstrip') while (a < b && set.includes(s[a])) a++;
  if (which !== 'lstrip') while (b > a && set.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** `expandtabs(tabsize)`: columns restart after `\n` and `\r`. */
export function expandTabs(s: string, tabsize: number): string {
  let out = '';
  let column = 0;
  for (const c of s) {
    if (c === '\t') {
      if (tabsize > 0) {
        const pad = tabsize - (column % tabsize);
        out += ' '.repeat(pad);
        column += pad;
      }
    } else {
      out += c;
      column = c === '\n' || c === '\r' ? 0 : column + 1;
    }
  }
  return out;
}

/** CPython's clamping of `start`/`end` to `0 .. length` (`ADJUST_INDICES`). */
export function adjustIndices(start: number, end: number, length: number): [number, number] {
  let a = start;
  let b = end;
  if (b > length) b = length;
  else if (b < 0) b = Math.max(0, b + length);
  if (a < 0) a = Math.max(0, a + length);
  return [a, b];
}

/** `find`/`rfind` in `s[start:end]` (clamped indices): the index or -1. */
export function findIn(s: string, sub: string, start: number, end: number, reverse: boolean): number {
  if (start > s.length || end - start < sub.length) return -1;
  if (reverse) {
    const at = s.lastIndexOf(sub, end - sub.length);
    return at >= start ? at : -1;
  }
  const at = s.indexOf(sub, start);
  return at >= 0 && at + sub.length <= end ? at : -1;
}

/** `count` of non-overlapping `sub` in `s[start:end]` (clamped indices). */
export function countIn(s: string, sub: string, start: number, end: number): number {
  if (start > s.length || end - start < sub.length) return 0;
  if (sub.length === 0) return end - start + 1;
  let n = 0;
  let i = start;
  for (;;) {
    const at = s.indexOf(sub, i);
    if (at < 0 || at + sub.length > end) return n;
    n++;
    i = at + sub.length;
  }
}

/** `replace(old, new, count)` (count -1: all); an empty `old` inserts `new` around every character. */
export function replaceText(s: string, old: string, rep: string, count: number): string {
  let left = count < 0 ? Number.POSITIVE_INFINITY : count;
  if (old.length === 0) {
    let out = '';
    for (let i = 0; i <= s.length; i++) {
      if (left > 0) {
        out += rep;
        left--;
      }
      if (i < s.length) out += s[i];
    }
    return out;
  }
  let out = '';
  let i = 0;
  while (left > 0) {
    const at = s.indexOf(old, i);
    if (at < 0) break;
    out += s.slice(i, at) + rep;
    i = at + old.length;
    left--;
  }
  return out + s.slice(i);
}

/** `ljust`/`rjust`/`center` (`pad()` of `unicodeobject.c`: centre puts the odd fill on the left when the width is odd). */
export function padText(
  s: string,
  length: number,
  width: number,
  fill: string,
  how: 'ljust' | 'rjust' | 'center',
) {
  const total = width - length;
  if (total <= 0) return s;
  if (how === 'ljust') return s + fill.repeat(total);
  if (how === 'rjust') return fill.repeat(total) + s;
  const left = (total >> 1) + (total & width & 1);
  return fill.repeat(left) + s + fill.repeat(total - left);
}

/** `zfill(width)`: zeros after a leading sign. */
export function zfillText(s: string, length: number, width: number): string {
  if (width <= length) return s;
  const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
  return sign + '0'.repeat(width - length) + s.slice(sign.length);
}
