import { describe, expect, it } from 'vitest';
import { xorshift } from './numeric-cases.js';
import { cpythonJson, skipOracle } from './oracle.js';
import {
  adjustIndices,
  countIn,
  expandTabs,
  findIn,
  padText,
  replaceText,
  rsplitSeparator,
  rsplitWhitespace,
  STR_CHARS,
  splitLines,
  splitSeparator,
  splitWhitespace,
  stripText,
  zfillText,
} from './str-algorithms.js';
import { isTitleText, swapcaseText, titleText } from './str-case.js';
import { decodeUtf8 } from './utf8-codec.js';

const ALPHABET = 'ab \t\n\rA-1x\x0b';

function randomText(next: () => number, max: number): string {
  let s = '';
  const n = next() % max;
  for (let i = 0; i < n; i++) s += ALPHABET[next() % ALPHABET.length];
  return s;
}

type Case = [string, string, string, number, number, number];

/** What each case computes, in the order the Python side lists them. */
function pymmResults([s, sep, chars, maxsplit, start, end]: Case): unknown[] {
  const [a, b] = adjustIndices(start, end, s.length);
  return [
    splitWhitespace(s, maxsplit, STR_CHARS),
    rsplitWhitespace(s, maxsplit, STR_CHARS),
    splitSeparator(s, sep, maxsplit),
    rsplitSeparator(s, sep, maxsplit),
    splitLines(s, false, STR_CHARS),
    splitLines(s, true, STR_CHARS),
    stripText(s, chars, 'strip', STR_CHARS),
    stripText(s, chars, 'lstrip', STR_CHARS),
    stripText(s, null, 'rstrip', STR_CHARS),
    findIn(s, sep, a, b, false),
    findIn(s, sep, a, b, true),
    findIn(s, '', a, b, false),
    countIn(s, sep, a, b),
    countIn(s, '', a, b),
    replaceText(s, sep, '<>', maxsplit),
    replaceText(s, '', '.', maxsplit),
    expandTabs(s, maxsplit + 2),
    padText(s, s.length, start + 6, '*', 'center'),
    padText(s, s.length, end + 6, '*', 'ljust'),
    zfillText(s, s.length, start + 6),
    titleText(s, false),
    swapcaseText(s, false),
    isTitleText(s, false),
  ];
}

const PYTHON_CASES = `
import json, sys
out = []
for s, sep, chars, m, start, end in json.load(sys.stdin):
    out.append([s.split(None, m), s.rsplit(None, m), s.split(sep, m), s.rsplit(sep, m),
        s.splitlines(), s.splitlines(True), s.strip(chars), s.lstrip(chars), s.rstrip(),
        s.find(sep, start, end), s.rfind(sep, start, end), s.find('', start, end),
        s.count(sep, start, end), s.count('', start, end),
        s.replace(sep, '<>', m), s.replace('', '.', m), s.expandtabs(m + 2),
        s.center(start + 6, '*'), s.ljust(end + 6, '*'), s.zfill(start + 6),
        s.title(), s.swapcase(), s.istitle()])
print(json.dumps(out))
`;

describe.skipIf(skipOracle)('the str algorithms against CPython', () => {
  it('split, strip, find, count, replace, pad and case thousands of random strs as CPython does', () => {
    const next = xorshift(1511);
    const cases: Case[] = [];
    for (let i = 0; i < 1500; i++) {
      const sep = ['a', ' ', 'ab', '\n', 'x-', 'b'][next() % 6];
      const chars = ['a', ' ab', '\t\n', 'x'][next() % 4];
      cases.push([
        randomText(next, 14),
        sep,
        chars,
        (next() % 5) - 1,
        (next() % 24) - 12,
        (next() % 24) - 12,
      ]);
    }
    const expected = cpythonJson(PYTHON_CASES, cases) as unknown[][];
    cases.forEach((c, i) => {
      expect(pymmResults(c), JSON.stringify(c)).toEqual(expected[i]);
    });
  });

  it("decodes random byte strings as CPython's UTF-8 decoder does, errors and all", () => {
    const next = xorshift(99);
    const inputs: number[][] = [];
    const pool = [
      0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xef, 0xf0, 0x90, 0xf4, 0x8f, 0xf5,
      0xff,
    ];
    for (let i = 0; i < 2000; i++) {
      const n = next() % 7;
      inputs.push(Array.from({ length: n }, () => pool[next() % pool.length]));
    }
    const expected = cpythonJson(
      `import json, sys
out = []
for data in json.load(sys.stdin):
    b = bytes(data)
    try:
        strict = b.decode()
    except UnicodeDecodeError as e:
        strict = [e.start, e.end, e.reason]
    out.append([strict, b.decode('utf-8', 'replace'), b.decode('utf-8', 'backslashreplace')])
print(json.dumps(out))`,
      inputs,
    ) as unknown[][];
    inputs.forEach((data, i) => {
      const bytes = Uint8Array.from(data);
      let strict: unknown;
      try {
        strict = decodeUtf8(bytes, (e) => {
          throw [e.start, e.end, e.reason];
        });
      } catch (error) {
        strict = error;
      }
      const replaced = decodeUtf8(bytes, () => '\ufffd');
      const escaped = decodeUtf8(bytes, (e) =>
        Array.from(bytes.subarray(e.start, e.end), (b) => `\\x${b.toString(16).padStart(2, '0')}`).join(''),
      );
      expect([strict, replaced, escaped], JSON.stringify(data)).toEqual(expected[i]);
    });
  });
});
