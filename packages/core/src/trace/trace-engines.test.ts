import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noGC } from '../strategy/no-gc.js';
import type { StrategyFactory } from '../strategy/strategy.js';
import { recordingRefcount } from '../test-support.js';
import { TraceBatch } from './trace-batch.js';
import { TraceCompiler } from './trace-compiler.js';
import { linesOf, readLines, type TraceLines } from './trace-lines.js';
import { parseTraceOperation, TraceError } from './trace-reader.js';
import { type ReplayOptions, replayTrace } from './trace-replayer.js';
import { TraceScanner } from './trace-scanner.js';

const TRACES = new URL('../../../../conformance/traces/', import.meta.url).pathname;
const CORPUS = readdirSync(TRACES)
  .filter((f) => f.endsWith('.jsonl'))
  .sort();
const ENGINES = ['batch', 'compiled'] as const;

/** A running hash (FNV-1a over each field's text) and count of every event, host timings left out. */
class EventDigest {
  count = 0;
  hash = 0x811c9dc5;
  add(event: object): void {
    this.count++;
    for (const [key, value] of Object.entries(event)) {
      if (key === 'durationMs') continue;
      const text = `${key}=${String(value)};`;
      for (let i = 0; i < text.length; i++)
        this.hash = Math.imul(this.hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    }
  }
}

/** Everything a run shows: its results, its events, the heap's figures, or its error. */
function observe(
  lines: TraceLines,
  engine: ReplayOptions['engine'],
  strategy: StrategyFactory = recordingRefcount(),
) {
  const events = new EventDigest();
  try {
    const outcome = replayTrace(lines, strategy, {
      engine,
      onStart: (runtime) => runtime.heap.events.onAny((event) => events.add(event)),
    });
    const heap = outcome.runtime.heap;
    return {
      results: outcome.results,
      operations: outcome.operations,
      heapOperations: heap.operation,
      live: heap.store.liveCount,
      memory: heap.allocator.stats(),
      events,
    };
  } catch (error) {
    if (!(error instanceof TraceError)) throw error;
    return { error: error.message, line: error.line, events };
  }
}

describe('the trace engines (batch, compiled) against the reference interpreter', () => {
  it('give identical results, events, memory figures and operation counts on the whole conformance corpus', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    for (const file of CORPUS) {
      const reference = observe(readLines(join(TRACES, file)), 'reference');
      expect(reference.events.count, file).toBeGreaterThan(0);
      for (const engine of ENGINES) {
        expect(observe(readLines(join(TRACES, file)), engine), `${file} (${engine})`).toEqual(reference);
      }
    }
  }, 120_000);

  const HEADER = '{"format": "pymm-trace", "version": 1, "slots": 8, "name": "t"}';
  const INVALID = [
    '["list", 0]\n["tuple", 1, [0, 0]]\n["append", 1, 0]',
    '["append", 3, 0]',
    '["list", 0]\n["setitem", 0, 0, 0]',
    '["list", 0]\n["append", 0, 0]\n["setitem", 0, -2, 0]',
    '["int", 1, 5]\n["setitem", 1, 0, 0]',
    '["dict", 0]\n["getitem", 1, 0, 7]',
    '["dict", 0]\n["setitem", 0, 7, 0]\n["getitem", 1, 0, 7]\n["getitem", 2, 1, 0]',
    '["str", 0, "ab"]\n["getitem", 1, 0, 0]',
    '["dict", 0]\n["delitem", 0, 1]',
    '["list", 0]\n["pop", 0]',
    '["list", 0]\n["move", 1, 0]\n["append", 1, 0]\n["pop", 1]\n["pop", 1]',
    '["tuple", 0, []]\n["clear", 0]',
    '["list", 0]\n["collect", 2]\n["list", 1]\n["append", 1',
    '["list", 0]\n["tuple", 1, [0]]\n["append", 1, 0]\n["frobnicate"]',
    '["list", 0]\n["frobnicate"]\n["tuple", 1, [0]]\n["append", 1, 0]',
  ];

  it('throw the same error at the same line, after the same events, on invalid traces', () => {
    for (const body of INVALID) {
      const reference = observe(linesOf(`${HEADER}\n${body}`), 'reference', recordingRefcount());
      expect(reference.error, body).toBeDefined();
      for (const engine of ENGINES) {
        expect(observe(linesOf(`${HEADER}\n${body}`), engine), `${body} (${engine})`).toEqual(reference);
      }
    }
  });

  it('read traces given as an array of lines, as text, and as a file alike', () => {
    const file = join(TRACES, CORPUS[0]);
    const lines = [...readLines(file)];
    const text = lines.map(([, t]) => t).join('\n');
    const reference = observe(lines, 'reference', noGC());
    expect(observe(lines, 'batch', noGC())).toEqual(reference);
    expect(observe(linesOf(text), 'batch', noGC())).toEqual(reference);
    expect(observe(readLines(file, 5), 'batch', noGC())).toEqual(reference);
  });
});

describe('the scanner', () => {
  const HEADER = '{"format": "pymm-trace", "version": 1, "slots": 10, "name": "t"}';
  /** The row(s) the scanner makes of one line, or its error. */
  function scanned(line: string) {
    const scanner = new TraceScanner(linesOf(`${HEADER}\n${line}`));
    scanner.readHeader();
    const batch = new TraceBatch();
    scanner.fill(batch);
    return scanner.error ? { error: scanner.error.message } : rows(batch);
  }
  /** The row(s) the reference parser makes of it, or its error. */
  function parsed(line: string) {
    const batch = new TraceBatch();
    try {
      if (!/^[ \t\r]*(#|$)/.test(line)) batch.pushOperation(2, parseTraceOperation(line, 2, 10));
    } catch (error) {
      return { error: (error as Error).message };
    }
    return rows(batch);
  }
  function rows(batch: TraceBatch) {
    const out: unknown[] = [];
    for (let i = 0; i < batch.count; i++) {
      out.push([batch.code[i], batch.line[i], batch.a[i], batch.b[i], batch.c[i]]);
    }
    return { out, items: [...batch.items.subarray(0, batch.itemCount)], texts: batch.texts };
  }

  it('decodes every shape as the reference parser does, and leaves it every error', () => {
    const shapes = [
      '["list", 0]',
      '[ "list" ,9 ]',
      '\t["flist",\t1]\r',
      '["rlist", 10]',
      '["list", -0]',
      '["list", 01]',
      '["list", 1.0]',
      '["list", 1e0]',
      '["list", 0,]',
      '["list", 0] x',
      '["list" 0]',
      '["List", 0]',
      '["lis", 0]',
      '["listt", 0]',
      '["tuple", 0, []]',
      '["tuple", 0, [1, 2, 3]]',
      '["tuple", 0, [1, 2, 30]]',
      '["tuple", 0, [1, 2,]]',
      '["tuple", 0, [1, [2]]]',
      '["int", 0, -5]',
      '["int", 0, 999999999999999]',
      '["int", 0, 9999999999999999]',
      '["int", 0, 4611686018427387903]',
      '["int", 0, -4611686018427387904]',
      '["int", 0, -]',
      '["str", 0, "ab c"]',
      '["str", 0, "a\\"b"]',
      '["str", 0, "a\\u0041"]',
      '["str", 0, "é"]',
      '["str", 0, ""]',
      '["move", 0, 1]',
      '["append", 0, 1, 2]',
      '["setitem", 0, -3, 1]',
      '["setitem", 0, 1, 11]',
      '["getitem", 0, 1, 123456]',
      '["delitem", 0, -1]',
      '["pop", 0]',
      '["clear", 0]',
      '["collect", 2]',
      '["collect", 3]',
      '["collect", -0]',
      '["gc", "freeze"]',
      '["gc", "pause"]',
      '["gc", 1]',
      '["threshold", 700, 10, 10]',
      '["threshold", 2147483647, -2147483647, 0]',
      '["threshold", 2147483648, 0, 0]',
      '["none", "0"]',
      '["none", null]',
      '[]',
      '{"op": "list"}',
      '# a comment',
      '   ',
      '',
      '"list"',
    ];
    for (const line of shapes) expect(scanned(line), line).toEqual(parsed(line));
  });
});

describe('the compiler', () => {
  it('skips the check of what a slot holds only where it knows', () => {
    const batch = new TraceBatch();
    const scanner = new TraceScanner(
      linesOf(
        '{"format": "pymm-trace", "version": 1, "slots": 4, "name": "t"}\n' +
          '["list", 0]\n["append", 0, 0]\n["move", 1, 0]\n["pop", 1]\n["getitem", 2, 0, 0]\n["append", 2, 0]\n["dict", 3]\n["setitem", 3, 5, 0]',
      ),
    );
    scanner.readHeader();
    scanner.fill(batch);
    expect(new TraceCompiler(4).source(batch).split('\n')).toEqual([
      'const h = m.heap;',
      'h.operation++; S.list(m, 0);',
      'h.operation++; S.appendList(m, 0, 0);',
      'h.operation++; S.move(m, 1, 0);',
      'h.operation++; S.popList(m, 5, 1);',
      'h.operation++; S.getitemSequence(m, 6, 2, 0, 0);',
      'h.operation++; S.append(m, 7, 2, 0);',
      'h.operation++; S.dict(m, 3);',
      'h.operation++; S.setitemDict(m, 3, 5, 0);',
    ]);
  });
});
