import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffTraceResults, readLines, replayTrace } from '@pymm/core/trace';
import { runPython } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import { generational } from './generational-strategy.js';
import { PROFILES, type ProfileName } from './profiles.js';

const CORPUS = new URL('../../../conformance/', import.meta.url).pathname;
const TRACES = join(CORPUS, 'traces');
const names = readdirSync(TRACES)
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => f.slice(0, -'.jsonl'.length))
  .sort();

function expectedDir(profile: ProfileName): string {
  const version = PROFILES[profile].version;
  return version === '3.11' ? TRACES : join(CORPUS, 'expected', `cpython-${version}`);
}

describe('the conformance corpus', () => {
  it('has at least 40 traces, each with results recorded by CPython 3.11.7', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const name of names) {
      expect(JSON.parse(readFileSync(join(TRACES, `${name}.expected.json`), 'utf8')).python, name).toBe(
        '3.11.7',
      );
    }
  });

  for (const profile of Object.keys(PROFILES) as ProfileName[]) {
    it(`replays every trace under ${profile} with results identical to that CPython version in every field`, () => {
      const dir = expectedDir(profile);
      const mismatches: string[] = [];
      let checked = 0;
      for (const name of names) {
        const file = join(dir, `${name}.expected.json`);
        if (!existsSync(file)) continue;
        checked++;
        const expected = JSON.parse(readFileSync(file, 'utf8'));
        const outcome = replayTrace(readLines(join(TRACES, `${name}.jsonl`)), generational({ profile }), {
          version: PROFILES[profile].version,
        });
        const fields = diffTraceResults(outcome.results, expected);
        if (fields.length > 0) mismatches.push(`${name}: ${fields.join(', ')}`);
      }
      console.log(`${profile}: ${checked - mismatches.length} of ${checked} corpus traces exact`);
      expect(checked).toBe(names.length);
      expect(mismatches).toEqual([]);
    }, 120_000);
  }
});

describe('the CPython recorder', () => {
  it('re-records a sample of the corpus with python3 and gets the committed expected files', () => {
    const out = runPython([join(CORPUS, 'check_sample.py')]);
    console.log(out.trim().split('\n').at(-1));
    expect(out).toMatch(/(\d+) traces checked, 0 mismatches/);
  }, 120_000);
});
