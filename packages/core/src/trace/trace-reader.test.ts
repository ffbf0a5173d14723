import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noGC } from '../strategy/no-gc.js';
import { recordingRefcount } from '../test-support.js';
import { linesOf, readLines, readTrace, TraceError } from './trace-reader.js';
import { replayTrace } from './trace-replayer.js';

const HEADER = '{"format": "pymm-trace", "version": 1, "slots": 8, "name": "t"}';

function run(body: string, header = HEADER) {
  return replayTrace(linesOf(`${header}\n${body}`), recordingRefcount());
}

function expectInvalid(body: string, message: string, header = HEADER) {
  let caught: unknown;
  try {
    run(body, header);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TraceError);
  expect((caught as TraceError).message).toBe(message);
}

describe('reading', () => {
  it('skips blank lines and comments, and reads a file in small chunks across line boundaries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymm-trace-'));
    const file = join(dir, 't.jsonl');
    writeFileSync(
      file,
      `# a comment\n\n${HEADER}\n  # indented comment\n["list", 0]\r\n["append", 0, 0]\n["none", 0]`,
    );
    const trace = readTrace(readLines(file, 7));
    expect(trace.header.slots).toBe(8);
    expect([...trace.operations].map(([line, op]) => [line, op.op])).toEqual([
      [5, 'list'],
      [6, 'append'],
      [7, 'none'],
    ]);
  });

  it('replays a valid trace and reports the results of the spec', () => {
    const { results } = run(
      '["list", 0]\n["flist", 1]\n["append", 0, 1]\n["none", 1]\n["none", 0]\n["collect", 2]',
    );
    expect(results).toEqual({
      collect_results: [0],
      stats: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      count: [0, 0, 0],
      finalized: [1],
      resurrected: [],
      alive: [],
    });
  });

  it('keeps an unreachable cycle alive when no collector finds it', () => {
    expect(
      replayTrace(linesOf(`${HEADER}\n["list", 0]\n["append", 0, 0]\n["none", 0]`), noGC()).results.alive,
    ).toEqual([0]);
  });
});

describe('invalid traces name the line, the operation and the reason', () => {
  it('rejects a bad header', () => {
    expectInvalid(
      '',
      'line 1: header: format must be "pymm-trace", got "other"',
      '{"format": "other", "version": 1, "slots": 1, "name": "t"}',
    );
    expectInvalid(
      '',
      'line 1: header: version 2 is not supported (only 1)',
      '{"format": "pymm-trace", "version": 2, "slots": 1, "name": "t"}',
    );
    expectInvalid(
      '',
      'line 1: header: slots must be an integer from 1 to 1000000, got 0',
      '{"format": "pymm-trace", "version": 1, "slots": 0, "name": "t"}',
    );
    expectInvalid(
      '',
      'line 1: header: name must be a non-empty string',
      '{"format": "pymm-trace", "version": 1, "slots": 1}',
    );
    expectInvalid('', 'line 1: header: the first line must be a JSON object', '[1, 2]');
    expect(() => readTrace(linesOf(''))).toThrowError(
      'line 1: header: the trace is empty: it needs a header line',
    );
  });

  it('rejects malformed lines, unknown operations and wrong arguments', () => {
    expect(() => run('["list", 0')).toThrowError(/^line 2: operation: not valid JSON \(.+\)$/);
    expectInvalid(
      '{"op": "list"}',
      'line 2: operation: an operation must be a JSON array starting with its name',
    );
    expectInvalid('["frobnicate", 1]', 'line 2: frobnicate: unknown operation');
    expectInvalid('["list"]', 'line 2: list: expects 1 argument (d), got 0');
    expectInvalid('["append", 0, 1, 2]', 'line 2: append: expects 2 arguments (d, s), got 3');
    expectInvalid('["list", 8]', 'line 2: list: slot 8 is out of range (the trace has 8 slots)');
    expectInvalid('["list", -1]', 'line 2: list: slot -1 is out of range (the trace has 8 slots)');
    expectInvalid('["list", "0"]', 'line 2: list: d must be a slot number, got "0"');
    expectInvalid('["int", 0, 1.5]', 'line 2: int: n must be an integer, got 1.5');
    expectInvalid(
      '["int", 0, 4611686018427387904]',
      'line 2: int: n 4611686018427387904 is too large (|n| must be below 2**62)',
    );
    expectInvalid('["str", 0, 5]', 'line 2: str: the text must be a string, got 5');
    expectInvalid('["tuple", 0, 3]', 'line 2: tuple: the items must be a list of slot numbers, got 3');
    expectInvalid('["collect", 3]', 'line 2: collect: generation must be 0, 1 or 2, got 3');
    expectInvalid(
      '["gc", "pause"]',
      'line 2: gc: unknown gc action "pause" (enable, disable, freeze, unfreeze)',
    );
    expectInvalid('["threshold", 1, 2]', 'line 2: threshold: expects 3 arguments (t0, t1, t2), got 2');
  });

  it('rejects statements Python would reject', () => {
    expectInvalid('["tuple", 0, []]\n["append", 0, 0]', 'line 3: append: v[0] holds a tuple, not a list');
    expectInvalid('["append", 3, 0]', 'line 2: append: v[3] holds None, not a list');
    expectInvalid(
      '["list", 0]\n["setitem", 0, 0, 0]',
      'line 3: setitem: index 0 is out of range for v[0], a list of length 0',
    );
    expectInvalid(
      '["int", 1, 5]\n["setitem", 1, 0, 0]',
      'line 3: setitem: v[1] holds an int, which does not support item assignment',
    );
    expectInvalid('["dict", 0]\n["getitem", 1, 0, 7]', 'line 3: getitem: key 7 is not in v[0], a dict');
    expectInvalid(
      '["str", 0, "ab"]\n["getitem", 1, 0, 0]',
      'line 3: getitem: v[0] holds a str, which is not subscriptable',
    );
    expectInvalid('["dict", 0]\n["delitem", 0, 1]', 'line 3: delitem: key 1 is not in v[0], a dict');
    expectInvalid('["list", 0]\n["pop", 0]', 'line 3: pop: v[0] is an empty list');
    expectInvalid(
      '["tuple", 0, []]\n["clear", 0]',
      'line 3: clear: v[0] holds a tuple, not a list or a dict',
    );
  });

  it('reports no results for an invalid trace even after valid operations ran', () => {
    expect(() => run('["list", 0]\n["collect", 2]\n["pop", 0]')).toThrowError(TraceError);
  });
});
