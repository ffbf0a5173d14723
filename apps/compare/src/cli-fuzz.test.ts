/**
 * Issue 11, fuzzing the real `pymm` process on a sample of the cases that
 * `commands/replay-fuzz.test.ts` runs by the thousand through the pure
 * command, and on the heaviest inputs (a 50 MB line, a 1,000,000-deep
 * array, binary garbage): the process exits 0 with the results or 1 with one
 * line naming the line number, within a time limit, with no stack trace.
 *
 * `PYMM_FUZZ_SEED=n` replays a seed; `PYMM_LONG=1` runs 300 processes from a random seed.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLine, replayContractProblems } from './testing/replay-contract.js';
import { CLI_CONFIGURATIONS, corpusSeeds, describeCase, fuzzCaseArbitrary } from './testing/trace-fuzz.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const LONG = process.env.PYMM_LONG === '1';
const PROCESSES = Number(process.env.PYMM_CLI_CASES ?? (LONG ? 300 : 30));
/** Fixed in CI (deterministic); random in long mode (exploring); printed either way. */
const SEED = Number(process.env.PYMM_FUZZ_SEED ?? (LONG ? Math.floor(Math.random() * 2 ** 31) : 20_261_121));
/** A hang: far above the ~1 s a run takes (the 50 MB line included). */
const HANG_MS = 60_000;

const dir = mkdtempSync(join(tmpdir(), 'pymm-cli-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ProcessResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly signal: NodeJS.Signals | null;
  readonly ms: number;
}

/** Runs the real `pymm` command from source, as `pnpm pymm` does. */
function pymm(args: readonly string[]): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      'node',
      ['--conditions=@pymm/source', '--import', 'tsx', 'apps/compare/src/cli.ts', ...args],
      {
        cwd: ROOT,
        timeout: HANG_MS,
      },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode: code ?? -1,
        signal,
        ms: performance.now() - started,
      }),
    );
  });
}

/** One process run, and what to expect of it. */
interface Run {
  readonly where: string;
  readonly file: string;
  readonly json: boolean;
  /** The exit code expected, or null when any of 0 and 1 will do. */
  readonly expected: 0 | 1 | null;
  readonly result: ProcessResult;
}

/** Runs `jobs` with at most `parallel` at a time. */
async function pool<T>(jobs: readonly (() => Promise<T>)[], parallel: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]();
      }
    }),
  );
  return results;
}

describe('fuzzing the pymm process', () => {
  it(`replay exits 0 or 1 with a clear error on ${PROCESSES} random and mutated files and the heaviest inputs (seed ${SEED})`, async () => {
    const header = '{"format": "pymm-trace", "version": 1, "slots": 4, "name": "t"}';
    const heavy: [string, Uint8Array | string, 0 | 1][] = [
      ['a 50 MB line', `${header}\n["str", 0, "${'x'.repeat(50_000_000)}"]\n["list", 1]\n`, 0],
      [
        'a 1,000,000-deep array',
        `${header}\n["tuple", 0, ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}]\n`,
        1,
      ],
      ['binary garbage', Uint8Array.from({ length: 65_536 }, (_, i) => (i * 7919 + (i >> 3)) % 256), 1],
      ['an empty file', '', 1],
      ['a byte-order mark and CRLF', `\ufeff${header}\r\n["list", 0]\r\n["collect", 2]\r\n`, 0],
      ['an escape sequence as an operation', `${header}\n["\u001b[31mred", 0]\n`, 1],
    ];
    const cases = fc.sample(fuzzCaseArbitrary(corpusSeeds()), { numRuns: PROCESSES, seed: SEED });
    const configs = fc.sample(fc.constantFrom(...CLI_CONFIGURATIONS), { numRuns: PROCESSES, seed: SEED + 1 });
    const jobs: (() => Promise<Run>)[] = [
      ...heavy.map(([name, content, expected], i) => async () => {
        const file = join(dir, `heavy-${i}.jsonl`);
        writeFileSync(file, content);
        const result = await pymm(['replay', file, '--strategy', 'refcount', '--json']);
        return { where: name, file, json: true, expected, result };
      }),
      ...cases.map((c, i) => async () => {
        const file = join(dir, `case-${i}.jsonl`);
        writeFileSync(file, c.bytes);
        const config = configs[i];
        const json = i % 2 === 0;
        const args = ['replay', file, '--strategy', config.strategy];
        if (config.profile) args.push('--profile', config.profile);
        if (json) args.push('--json');
        const result = await pymm(args);
        return {
          where: `${describeCase(c)} on ${JSON.stringify(config)}`,
          file,
          json,
          expected: null,
          result,
        };
      }),
    ];
    const runs = await pool(jobs, 2);
    let valid = 0;
    let slowest = 0;
    for (const { where, file, json, expected, result } of runs) {
      expect(result.signal, `${where}: killed (a hang?) after ${result.ms.toFixed(0)} ms`).toBeNull();
      expect(replayContractProblems(result, file, json), where).toEqual([]);
      if (expected !== null) expect(result.exitCode, `${where}: ${result.stderr}`).toBe(expected);
      if (result.exitCode === 1) expect(errorLine(result.stderr), where).toBeGreaterThan(0);
      if (result.exitCode === 0) valid++;
      slowest = Math.max(slowest, result.ms);
    }
    console.log(
      `cli fuzz (seed ${SEED}): ${runs.length} pymm replay processes (${heavy.length} heavy inputs): ` +
        `${valid} exit 0, ${runs.length - valid} exit 1 with the line; slowest ${(slowest / 1000).toFixed(1)} s`,
    );
  }, 600_000);
});
