import { describe, expect, it } from 'vitest';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from '../python3.js';
import { b, runInCPython, runInModel, type Scenario, type Step } from './file-scenario.js';

const python = cpython311();

const writes = (name: string, texts: readonly (string | { bytes: string })[]): Step[] =>
  texts.map((text) => ['call', name, 'write', text]);

/**
 * When written bytes reach the file, compared with CPython 3.11 after every step: what a second reader
 * sees, and the `write(2)`/`read(2)` calls of each file (CPython's counted by a FileIO subclass).
 */
const scenarios: Record<string, Scenario> = {
  'text, default buffering: the 8192-byte chunk, then the block-sized buffer': {
    count: true,
    watch: ['t.txt'],
    steps: [
      ['open', 'f', 't.txt', 'w'],
      ...writes('f', [
        'a'.repeat(1000),
        'b'.repeat(3000),
        'c'.repeat(3000),
        'd'.repeat(1500),
        'e'.repeat(10),
      ]),
      ...writes('f', ['f'.repeat(5000), 'g'.repeat(5000), 'h'.repeat(20000), 'i\n']),
      ['call', 'f', 'flush'],
      ['call', 'f', 'flush'],
      ['call', 'f', 'write', 'tail'],
      ['call', 'f', 'close'],
    ],
  },
  'text, more than 8192 bytes in one write': {
    count: true,
    watch: ['big.txt'],
    steps: [
      ['open', 'f', 'big.txt', 'w'],
      ['call', 'f', 'write', 'x'.repeat(10000)],
      ['call', 'f', 'write', 'y'.repeat(8192)],
      ['call', 'f', 'write', 'é'.repeat(4096)],
      ['call', 'f', 'close'],
    ],
  },
  'binary, default buffering': {
    count: true,
    watch: ['b.bin'],
    steps: [
      ['open', 'f', 'b.bin', 'wb'],
      ...writes('f', [
        b('a'.repeat(3000)),
        b('b'.repeat(1096)),
        b('c'),
        b('d'.repeat(4095)),
        b('e'.repeat(5000)),
      ]),
      ...writes('f', [b('f'.repeat(4096)), b('g'.repeat(4097))]),
      ['call', 'f', 'tell'],
      ['call', 'f', 'close'],
    ],
  },
  'buffering=0 in binary mode': {
    count: true,
    watch: ['raw.bin'],
    steps: [
      ['open', 'f', 'raw.bin', 'wb', { buffering: 0 }],
      ...writes('f', [b('one\n'), b(''), b('two')]),
      ['call', 'f', 'writelines', [b('x'), b('y')]],
      ['call', 'f', 'flush'],
      ['call', 'f', 'close'],
      ['open', 'r', 'raw.bin', 'rb', { buffering: 0 }],
      ['call', 'r', 'readline'],
      ['call', 'r', 'read', 2],
      ['call', 'r', 'read'],
      ['call', 'r', 'read'],
    ],
  },
  'buffering=1 in text mode': {
    count: true,
    watch: ['lines.txt'],
    steps: [
      ['open', 'f', 'lines.txt', 'w', { buffering: 1 }],
      ...writes('f', ['abc', 'def\n', 'no newline', 'carriage\r', 'mid\nline', '']),
      ['call', 'f', 'close'],
    ],
  },
  'buffering=1 in binary mode is the default buffer': {
    count: true,
    watch: ['lines.bin'],
    steps: [
      ['open', 'f', 'lines.bin', 'wb', { buffering: 1 }],
      ...writes('f', [b('abc\n'), b('def\n')]),
      ['call', 'f', 'close'],
    ],
  },
  'small explicit buffers': {
    count: true,
    watch: ['s.txt', 's.bin'],
    steps: [
      ['open', 't', 's.txt', 'w', { buffering: 100 }],
      ['open', 'b', 's.bin', 'wb', { buffering: 100 }],
      ...writes('t', ['x'.repeat(60), 'y'.repeat(60)]),
      ['call', 't', 'flush'],
      ...writes('b', [b('x'.repeat(60)), b('y'.repeat(60)), b('z'.repeat(100)), b('w'.repeat(101))]),
      ['call', 't', 'tell'],
      ['call', 't', 'close'],
      ['call', 'b', 'close'],
    ],
  },
  'reads a block at a time': {
    count: true,
    files: { 'r.bin': 'line one\nline two\n'.repeat(6) },
    steps: [
      ['open', 'f', 'r.bin', 'rb', { buffering: 16 }],
      ['call', 'f', 'read', 5],
      ['call', 'f', 'read', 20],
      ['call', 'f', 'read', 40],
      ['call', 'f', 'readline'],
      ['call', 'f', 'readline', 3],
      ['call', 'f', 'tell'],
      ['call', 'f', 'seek', 30],
      ['call', 'f', 'read', 4],
      ['call', 'f', 'seek', -3, 1],
      ['call', 'f', 'read', 4],
      ['call', 'f', 'seek', -2, 2],
      ['call', 'f', 'read'],
      ['call', 'f', 'read'],
      ['call', 'f', 'seek', -1],
      ['call', 'f', 'seek', 0, 3],
      ['call', 'f', 'seek', 5, 4],
      ['call', 'f', 'seek', 1000, 3],
      ['call', 'f', 'seek', 0, 5],
      ['open', 'raw', 'r.bin', 'rb', { buffering: 0 }],
      ['call', 'raw', 'seek', 3, 4],
      ['call', 'raw', 'seek', 0, 5],
      ['call', 'raw', 'seek', -1],
      ['call', 'raw', 'seek', -1, 2],
      ['call', 'raw', 'read', 5],
      ['open', 't', 'r.bin', 'r', { buffering: 16 }],
      ['call', 't', 'readline'],
      ['call', 't', 'read', 3],
      ['call', 't', 'read'],
    ],
  },
  'what a reader that already read sees of a later write': {
    count: true,
    files: { 'shared.txt': 'old 1\nold 2\n' },
    watch: ['shared.txt'],
    steps: [
      ['open', 'r', 'shared.txt'],
      ['call', 'r', 'readline'],
      ['open', 'w', 'shared.txt', 'a'],
      ['call', 'w', 'write', 'new 3\n'],
      ['call', 'r', 'readline'],
      ['call', 'r', 'readline'],
      ['call', 'w', 'flush'],
      ['call', 'r', 'readline'],
      ['call', 'w', 'write', 'new 4\n'],
      ['call', 'w', 'close'],
      ['call', 'r', 'read'],
      ['open', 'rb', 'shared.txt', 'rb'],
      ['call', 'rb', 'read', 3],
      ['open', 'w2', 'shared.txt', 'w'],
      ['call', 'rb', 'read', 3],
      ['call', 'rb', 'read'],
      ['call', 'w2', 'write', 'replaced'],
      ['call', 'w2', 'close'],
      ['call', 'rb', 'read'],
    ],
  },
  'reading and writing one file (r+, w+)': {
    count: true,
    files: { 'rw.txt': 'abcdefghij\n' },
    watch: ['rw.txt'],
    steps: [
      ['open', 'f', 'rw.txt', 'r+'],
      ['call', 'f', 'read', 3],
      ['call', 'f', 'write', 'XY'],
      ['call', 'f', 'flush'],
      ['call', 'f', 'seek', 0],
      ['call', 'f', 'read'],
      ['call', 'f', 'close'],
      ['open', 'g', 'rw.bin', 'w+b'],
      ['call', 'g', 'write', b('0123456789')],
      ['call', 'g', 'seek', 2],
      ['call', 'g', 'read', 3],
      ['call', 'g', 'write', b('__')],
      ['call', 'g', 'read', 2],
      ['call', 'g', 'tell'],
      ['call', 'g', 'seek', 0],
      ['call', 'g', 'read'],
      ['call', 'g', 'close'],
      ['disk', 'rw.bin'],
    ],
  },
};

describe.skipIf(skipWithoutCPython(python))('buffering against CPython 3.11', () => {
  const names = Object.keys(scenarios);
  const cpython = python ? runInCPython(requireCPython(python), Object.values(scenarios)) : null;
  it.each(names.map((name, index) => [name, index] as const))('%s', (name, index) => {
    const actual = runInModel(scenarios[name], cpython?.blockSize ?? 4096);
    expect(actual).toEqual(cpython?.results[index]);
  });
});

if (python === null) {
  describe('buffering against CPython 3.11', () => {
    it.skip(PYTHON3_MISSING, () => {});
  });
}
