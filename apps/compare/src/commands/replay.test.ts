import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTraceFixtures } from '../testing/trace-fixtures.js';
import { runConformance } from './conformance.js';
import { DEFAULT_REPLAY_STRATEGY, runReplay } from './replay.js';
import { runTraceStats } from './trace-stats.js';

const { dir, cycle, invalid } = writeTraceFixtures('pymm-replay-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pymm replay', () => {
  it('runs on the generational strategy when --strategy is not given', () => {
    expect(DEFAULT_REPLAY_STRATEGY).toBe('generational');
    const implicit = runReplay({ file: cycle });
    expect(implicit.exitCode).toBe(0);
    expect(implicit.stdout).toContain('operations on generational (cpython-3.11)');
    const explicit = runReplay({ file: cycle, strategy: 'generational' });
    expect(implicit).toEqual(explicit);
    expect(runReplay({ file: cycle, json: true }).stdout).toBe(
      runReplay({ file: cycle, strategy: 'generational', json: true }).stdout,
    );
  });

  it('takes --profile without --strategy as a profile of the generational strategy', () => {
    const result = runReplay({ file: cycle, profile: 'cpython-3.13' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('(cpython-3.13)');
  });
});

describe('an invalid trace, in every command that reads one', () => {
  it('is reported the same way: file, line, operation and reason on standard error, exit 1', () => {
    const expected = `pymm: ${invalid}: line 3: append: v[0] holds a tuple, not a list\n`;
    expect(runReplay({ file: invalid })).toEqual({ stdout: '', stderr: expected, exitCode: 1 });
    const stats = runTraceStats({ file: join(dir, 'shape.jsonl') });
    expect(stats.exitCode).toBe(2); // no such file: a usage error
    writeFileSync(
      join(dir, 'shape.jsonl'),
      '{"format": "pymm-trace", "version": 1, "slots": 2, "name": "s"}\n["list"]\n',
    );
    expect(runTraceStats({ file: join(dir, 'shape.jsonl') })).toEqual({
      stdout: '',
      stderr: `pymm: ${join(dir, 'shape.jsonl')}: line 2: list: expects 1 argument (d), got 0\n`,
      exitCode: 1,
    });
  });

  it('names the trace file in a corpus too (pymm conformance)', () => {
    const corpus = join(dir, 'corpus');
    mkdirSync(join(corpus, 'traces'), { recursive: true });
    const bad = join(corpus, 'traces', 'bad.jsonl');
    writeFileSync(
      bad,
      '{"format": "pymm-trace", "version": 1, "slots": 2, "name": "bad"}\n["tuple", 0, []]\n["append", 0, 0]\n',
    );
    writeFileSync(join(corpus, 'traces', 'bad.expected.json'), '{}');
    expect(runConformance({ dir: corpus })).toEqual({
      stdout: '',
      stderr: `pymm: ${bad}: line 3: append: v[0] holds a tuple, not a list\n`,
      exitCode: 1,
    });
  });
});
