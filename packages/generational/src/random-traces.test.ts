import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffTraceResults, readLines, replayTrace } from '@pymm/core/trace';
import { runPython } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import { generational } from './generational-strategy.js';

const CONFORMANCE = new URL('../../../conformance/', import.meta.url).pathname;
const PROFILES = ['small', 'churn', 'cycles', 'deep', 'final', 'gcctl', 'grow', 'mixed'];

/**
 * Generates `count` random traces with the corpus generator, in one Python
 * process, and records their expected results with CPython (`python3`).
 */
function generateAndRecord(dir: string, seed: number, count: number): string[] {
  const names: string[] = [];
  const specs: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `random-${seed}-${i}`;
    names.push(name);
    const ops = i % 20 === 0 ? 20000 : 300 + ((seed + i * 7919) % 3000);
    specs.push(
      JSON.stringify([
        '--seed',
        String(seed * 1000 + i),
        '--ops',
        String(ops),
        '--slots',
        '32',
        '--name',
        name,
        '--profile',
        PROFILES[i % PROFILES.length],
        '--out',
        join(dir, `${name}.jsonl`),
      ]),
    );
  }
  const driver = `
import sys, json
sys.path.insert(0, ${JSON.stringify(CONFORMANCE)})
import generate
for spec in sys.stdin.read().splitlines():
    generate.main(json.loads(spec))
`;
  runPython(['-c', driver], { input: specs.join('\n') });
  runPython([join(CONFORMANCE, 'record.py'), ...names.map((n) => join(dir, `${n}.jsonl`)), '--out-dir', dir]);
  return names;
}

describe('random traces recorded by CPython 3.11', () => {
  it('replays 200 freshly generated traces with results identical to CPython in every field', () => {
    const python = runPython(['-c', 'import platform; print(platform.python_version())']).trim();
    expect(python).toBe('3.11.7');
    const seed = Number(process.env.PYMM_RANDOM_SEED ?? Date.now() % 1_000_000);
    const dir = mkdtempSync(join(tmpdir(), 'pymm-random-'));
    try {
      const names = generateAndRecord(dir, seed, 200);
      const mismatches: string[] = [];
      let operations = 0;
      for (const name of names) {
        const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8'));
        const outcome = replayTrace(readLines(join(dir, `${name}.jsonl`)), generational());
        operations += outcome.operations;
        const diff = diffTraceResults(outcome.results, expected);
        if (diff.length > 0) mismatches.push(`${name}: ${diff.join(', ')}`);
      }
      console.log(
        `random traces: seed ${seed}, ${names.length} traces, ${operations} operations, ${mismatches.length} mismatches`,
      );
      expect(mismatches, `seed ${seed} (rerun with PYMM_RANDOM_SEED=${seed})`).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
