import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readLines, replayTrace, type TraceResults } from '@pymm/core/trace';
import { describe, expect, it } from 'vitest';
import { chooseStrategy, STRATEGIES } from '../strategies.js';
import { traceStats } from './trace-stats.js';

const TRACES = new URL('../../../../conformance/traces/', import.meta.url).pathname;
const files = readdirSync(TRACES)
  .filter((f) => f.endsWith('.jsonl'))
  .sort();

/** Every strategy and profile the command line offers. */
const configurations = STRATEGIES.flatMap((s): { name: string; profile: string | undefined }[] =>
  s.profiles.length === 0
    ? [{ name: s.name, profile: undefined }]
    : s.profiles.map((profile) => ({ name: s.name, profile })),
);

function checkShape(results: TraceResults, trace: ReturnType<typeof traceStats>): string[] {
  const problems: string[] = [];
  const naturals = (xs: unknown[]) => xs.every((x) => Number.isInteger(x) && (x as number) >= 0);
  if (Object.keys(results).join() !== 'collect_results,stats,count,finalized,resurrected,alive')
    problems.push('keys');
  if (results.collect_results.length !== trace.collectionsRequested || !naturals(results.collect_results)) {
    problems.push('collect_results');
  }
  if (results.stats.length !== 3 || !results.stats.every((row) => row.length === 3 && naturals(row)))
    problems.push('stats');
  if (results.count.length !== 3 || !naturals(results.count)) problems.push('count');
  const tags = trace.operationsByKind.list + trace.operationsByKind.flist + trace.operationsByKind.rlist;
  const inRange = (xs: number[]) => xs.every((t) => Number.isInteger(t) && t >= 0 && t < tags);
  if (!inRange(results.alive) || results.alive.some((t, i) => i > 0 && t <= results.alive[i - 1]))
    problems.push('alive');
  if (!inRange(results.finalized) || new Set(results.finalized).size !== results.finalized.length)
    problems.push('finalized');
  if (!inRange(results.resurrected) || !results.resurrected.every((t) => results.finalized.includes(t)))
    problems.push('resurrected');
  return problems;
}

describe('the conformance corpus on every strategy', () => {
  it(`replays all ${files.length} traces on each of ${configurations.length} strategy configurations with results of the spec's shape`, () => {
    const problems: string[] = [];
    for (const file of files) {
      const stats = traceStats(readLines(join(TRACES, file)));
      for (const c of configurations) {
        const { results } = replayTrace(
          readLines(join(TRACES, file)),
          chooseStrategy(c.name, c.profile).factory(c.profile),
        );
        for (const p of checkShape(results, stats))
          problems.push(`${file} on ${c.name} ${c.profile ?? ''}: ${p}`);
      }
    }
    console.log(
      `corpus shapes: ${files.length} traces × ${configurations.length} configurations, ${problems.length} problems`,
    );
    expect(problems).toEqual([]);
  }, 300_000);
});
