import { describe, expect, it } from 'vitest';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from '../python3.js';
import { b, runInCPython, runInModel, type Scenario, type Step } from './file-scenario.js';

const python = cpython311();

const repeat = (count: number, steps: Step[]): Step[] => Array.from({ length: count }, () => steps).flat();

/** The text layer: tell/seek cookies, newlines, chunk boundaries and decoding, compared with CPython 3.11. */
const scenarios: Record<string, Scenario> = {
  'seek and tell round trips on ASCII text': {
    files: { 'a.txt': 'first\nsecond\nthird\n' },
    steps: [
      ['open', 'f', 'a.txt'],
      ['call', 'f', 'tell'],
      ['call', 'f', 'readline'],
      ['call', 'f', 'tell'],
      ['call', 'f', 'read', 3],
      ['call', 'f', 'tell'],
      ['call', 'f', 'seek', 6],
      ['call', 'f', 'readline'],
      ['call', 'f', 'tell'],
      ['call', 'f', 'seek', 0, 1],
      ['call', 'f', 'read'],
      ['call', 'f', 'tell'],
      ['call', 'f', 'seek', 0, 2],
      ['call', 'f', 'read'],
      ['call', 'f', 'seek', 0],
      ['next', 'f'],
      ['call', 'f', 'tell'],
      ['list', 'f'],
      ['call', 'f', 'tell'],
      ['call', 'f', 'seek', 3],
      ['call', 'f', 'read', 100],
      ['call', 'f', 'seek', -1],
      ['call', 'f', 'seek', 1, 1],
      ['call', 'f', 'seek', 1, 2],
      ['call', 'f', 'seek', 0, 3],
    ],
  },
  'tell on UTF-8 and on \\r\\n text': {
    files: { 'u.txt': 'añb\r\n€c\r\n😀d\re\n' },
    steps: [
      ['open', 'f', 'u.txt'],
      ...repeat(7, [
        ['call', 'f', 'read', 1],
        ['call', 'f', 'tell'],
      ]),
      ['call', 'f', 'seek', 0],
      ...repeat(4, [
        ['call', 'f', 'readline'],
        ['call', 'f', 'tell'],
      ]),
      ['call', 'f', 'seek', 3],
      ['call', 'f', 'read'],
      ['call', 'f', 'seek', 0],
      ...repeat(9, [['roundtrip', 'f', 2]]),
      ['open', 'g', 'u.txt', 'r', { newline: '' }],
      ...repeat(9, [['roundtrip', 'g', 1]]),
    ],
  },
  'tell and writes on a text writer': {
    count: true,
    watch: ['w.txt'],
    steps: [
      ['open', 'f', 'w.txt', 'w'],
      ['call', 'f', 'write', 'héllo'],
      ['call', 'f', 'tell'],
      ['call', 'f', 'write', '😀'],
      ['call', 'f', 'seek', 0],
      ['call', 'f', 'write', 'H'],
      ['call', 'f', 'seek', 0, 2],
      ['call', 'f', 'write', '!'],
      ['call', 'f', 'close'],
    ],
  },
  'newline translation on write': {
    watch: ['n.txt', 'r.txt', 'p.txt'],
    steps: [
      ['open', 'f', 'n.txt', 'w', { newline: '\r\n' }],
      ['call', 'f', 'write', 'a\nb\r\n'],
      ['call', 'f', 'close'],
      ['open', 'f', 'r.txt', 'w', { newline: '\r' }],
      ['call', 'f', 'write', 'a\nb'],
      ['call', 'f', 'close'],
      ['open', 'f', 'p.txt', 'w', { newline: '' }],
      ['call', 'f', 'write', 'a\nb\r\n'],
      ['call', 'f', 'close'],
      ['open', 'f', 'n.txt', 'r', { newline: '' }],
      ['call', 'f', 'readlines'],
      ['open', 'f', 'n.txt', 'r', { newline: '\r\n' }],
      ['call', 'f', 'readlines'],
    ],
  },
  'lines across the 8192-byte chunk': {
    files: {
      'c.txt': `${'x'.repeat(8190)}\r\nnext\n${'y'.repeat(8189)}€tail\r`,
      'd.txt': `${'z'.repeat(8191)}\r\nafter`,
    },
    steps: [
      ['open', 'f', 'c.txt'],
      ['call', 'f', 'readline', 5],
      ['call', 'f', 'tell'],
      ['call', 'f', 'readline'],
      ['call', 'f', 'tell'],
      ['call', 'f', 'readline'],
      ['call', 'f', 'readline'],
      ['call', 'f', 'tell'],
      ['call', 'f', 'readline'],
      ['call', 'f', 'tell'],
      ['open', 'g', 'd.txt'],
      ['call', 'g', 'read', 8191],
      ['call', 'g', 'tell'],
      ['call', 'g', 'read', 1],
      ['call', 'g', 'tell'],
      ['call', 'g', 'read'],
      ['call', 'g', 'seek', 0],
      ['call', 'g', 'read', 8191],
      ['roundtrip', 'g', 2],
      ['roundtrip', 'g', 3],
      ['open', 'h', 'd.txt', 'r', { newline: '' }],
      ['call', 'h', 'readline'],
      ['call', 'h', 'readline'],
    ],
  },
  'invalid UTF-8': {
    files: { 'bad.txt': b('ok\n\xff\n'), 'cut.txt': b('ab\xe2\x82'), 'cont.txt': b('a\xe2\x28\xa1') },
    steps: [
      ['open', 'f', 'bad.txt'],
      ['call', 'f', 'readline'],
      ['call', 'f', 'readline'],
      ['open', 'g', 'cut.txt'],
      ['call', 'g', 'read'],
      ['open', 'h', 'cont.txt'],
      ['call', 'h', 'read'],
      ['open', 'k', 'bad.txt'],
      ['call', 'k', 'read', 1],
      ['call', 'k', 'read', 4],
    ],
  },
  'reading and writing text (r+)': {
    count: true,
    files: { 'rw.txt': 'line 1\nline 2\n' },
    watch: ['rw.txt'],
    steps: [
      ['open', 'f', 'rw.txt', 'r+'],
      ['call', 'f', 'readline'],
      ['call', 'f', 'tell'],
      ['call', 'f', 'write', 'LINE'],
      ['call', 'f', 'tell'],
      ['call', 'f', 'read'],
      ['call', 'f', 'seek', 0],
      ['call', 'f', 'read'],
      ['call', 'f', 'write', 'end\n'],
      ['call', 'f', 'close'],
    ],
  },
};

describe.skipIf(skipWithoutCPython(python))('the text layer against CPython 3.11', () => {
  const names = Object.keys(scenarios);
  const cpython = python ? runInCPython(requireCPython(python), Object.values(scenarios)) : null;
  it.each(names.map((name, index) => [name, index] as const))('%s', (name, index) => {
    const actual = runInModel(scenarios[name], cpython?.blockSize ?? 4096);
    expect(actual).toEqual(cpython?.results[index]);
  });
});

if (python === null) {
  describe('the text layer against CPython 3.11', () => {
    it.skip(PYTHON3_MISSING, () => {});
  });
}
