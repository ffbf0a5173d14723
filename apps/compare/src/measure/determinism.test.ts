/**
 * Issue 11, determinism: the same workload, scale and seed give identical
 * results across runs on every strategy configuration, timing aside. Timing
 * fields (wallMs, collectorMs, programMs, pauses.*Ms, mmu, pauseSamplesMs,
 * wallSeconds, machine) are removed before comparing, and with them what is
 * derived from them: the rankings by time and the verdicts' sentence about
 * pauses. Everything else — allocations, frees, collections, pause counts,
 * bytes, promptness, the timeline, files — must be equal, measured twice in
 * this thread, and through `pymm compare` inline and on worker threads.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKLOADS } from '@pymm/workloads';
import { afterAll, describe, expect, it } from 'vitest';
import { runCompare } from '../commands/compare.js';
import { STRATEGIES } from '../strategies.js';
import { findUnreachability, measureRun } from './run-workload.js';

const SCALE = 0.01;
const SEED = 7;

/** Every built-in configuration: each strategy with each of its profiles. */
const CONFIGURATIONS = STRATEGIES.flatMap((entry) =>
  (entry.profiles.length > 0 ? entry.profiles : [undefined]).map((profile) => ({ entry, profile })),
);

const TIMING_KEYS = new Set([
  'wallMs',
  'collectorMs',
  'programMs',
  'mmu',
  'pauseSamplesMs',
  'wallSeconds',
  'machine',
  'peakRssBytes',
]);
const TIMED_RANKINGS = new Set(['wallMs', 'collectorMs', 'maxPauseMs']);
/** The verdicts' sentence about pause times (which strategy paused longest depends on the clock). */
const PAUSE_SENTENCE =
  / ?(Only .+? paused the program, at most [\d.]+ ms at a time\.|The longest pause was [\d.]+ ms under .+?; under .+? no pause exceeded [\d.]+ ms\.)/;

/** A deep copy without the timing fields and what depends on them. */
function withoutTiming(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutTiming(item));
  if (value === null || typeof value !== 'object') {
    return key === 'verdict' && typeof value === 'string' ? value.replace(PAUSE_SENTENCE, '') : value;
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (TIMING_KEYS.has(k)) continue;
    if (key === 'pauses' && k.endsWith('Ms')) continue;
    if (key === 'options' && k === 'jobs') continue; // the runs below differ in it on purpose
    if (k === 'order' && TIMED_RANKINGS.has(record.metric as string)) continue;
    out[k] = withoutTiming(v, k);
  }
  return out;
}

describe('determinism', () => {
  it(`every workload on every strategy configuration gives the same results twice (scale ${SCALE}, seed ${SEED})`, () => {
    let runs = 0;
    for (const workload of WORKLOADS) {
      const options = { scale: SCALE, seed: SEED };
      const first = findUnreachability(workload, options);
      const second = findUnreachability(workload, options);
      expect(second, `${workload.name}: the unreachability oracle`).toEqual(first);
      const fingerprints = new Set<string>();
      for (const { entry, profile } of CONFIGURATIONS) {
        const naming = { label: `${entry.name}${profile ? ` (${profile})` : ''}`, profile: profile ?? null };
        const a = measureRun(workload, entry.factory(profile), naming, options, first);
        const b = measureRun(workload, entry.factory(profile), naming, options, second);
        expect(JSON.stringify(withoutTiming(b)), `${workload.name} on ${naming.label}`).toBe(
          JSON.stringify(withoutTiming(a)),
        );
        expect(a.promptness.measured, `${workload.name} on ${naming.label}`).toBe(true);
        fingerprints.add(a.fingerprint);
        runs += 2;
      }
      expect(fingerprints.size, `${workload.name}: one operation stream for every strategy`).toBe(1);
    }
    console.log(
      `determinism: ${WORKLOADS.length} workloads × ${CONFIGURATIONS.length} configurations measured twice ` +
        `(${runs} runs): identical results, timing aside`,
    );
  }, 180_000);

  const out = mkdtempSync(join(tmpdir(), 'pymm-determinism-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('pymm compare --json gives the same JSON inline and on worker threads, timing aside', async () => {
    const workloads = ['reference-cycles', 'files-context-manager', 'weak-value-cache'];
    const strategies = CONFIGURATIONS.map(({ entry, profile }) =>
      profile ? `${entry.name}:${profile}` : entry.name,
    );
    const compare = (jobs: string, dir: string) =>
      runCompare({
        workloads,
        strategies,
        scale: String(SCALE),
        seed: String(SEED),
        jobs,
        json: true,
        out: join(out, dir),
      });
    const inline = await compare('1', 'inline');
    const threads = await compare('2', 'threads');
    expect(inline.exitCode).toBe(0);
    expect(threads.exitCode).toBe(0);
    const a = JSON.parse(inline.stdout);
    const b = JSON.parse(threads.stdout);
    expect(a.runs).toHaveLength(workloads.length * CONFIGURATIONS.length);
    expect(JSON.stringify(withoutTiming(b))).toBe(JSON.stringify(withoutTiming(a)));
    // (The pause sentence that is set aside is there to set aside.)
    expect(a.workloads.some((w: { verdict: string }) => PAUSE_SENTENCE.test(w.verdict))).toBe(true);
    console.log(
      `determinism: pymm compare of ${workloads.length} workloads × ${strategies.length} configurations, ` +
        `inline and on 2 worker threads: identical JSON, timing aside`,
    );
  }, 180_000);
});
