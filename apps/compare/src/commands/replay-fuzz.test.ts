/**
 * Issue 11, fuzzing the trace reader through `pymm replay` and
 * `pymm trace-stats` (the pure commands, for volume): random and mutated
 * trace files always give exit 0 with the results, or exit 1 with one clear
 * line naming the line number; never another exit code, an exception, a
 * stack trace, or a hang. The real process is fuzzed on a sample in
 * `../cli-fuzz.test.ts`.
 *
 * `PYMM_FUZZ_SEED=n` replays a seed; `PYMM_LONG=1` runs 100,000 cases from a random seed.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLine, errorLineProblems, replayContractProblems } from '../testing/replay-contract.js';
import { CLI_CONFIGURATIONS, corpusSeeds, describeCase, fuzzCaseArbitrary } from '../testing/trace-fuzz.js';
import { validTraceArbitrary } from '../testing/valid-trace-arbitrary.js';
import { runReplay } from './replay.js';
import { runTraceStats } from './trace-stats.js';

const LONG = process.env.PYMM_LONG === '1';
const CASES = Number(process.env.PYMM_FUZZ_CASES ?? (LONG ? 100_000 : 3_000));
/** Fixed in CI (deterministic); random in long mode (exploring); printed either way. */
const SEED = Number(process.env.PYMM_FUZZ_SEED ?? (LONG ? Math.floor(Math.random() * 2 ** 31) : 20_261_121));
/** Far above what any case takes (a few ms; 1 MB lines and 100,000-deep arrays some tens of ms). */
const CASE_MS = 5_000;

const dir = mkdtempSync(join(tmpdir(), 'pymm-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzzing pymm replay and pymm trace-stats', () => {
  it(`valid generated traces replay with exit 0 on every strategy (seed ${SEED})`, () => {
    const file = join(dir, 'valid.jsonl');
    let cases = 0;
    let operations = 0;
    fc.assert(
      fc.property(validTraceArbitrary(60), fc.constantFrom(...CLI_CONFIGURATIONS), (lines, config) => {
        writeFileSync(file, `${lines.join('\n')}\n`);
        const result = runReplay({ file, ...config, json: true });
        expect(result.stderr, lines.join('\n')).toBe('');
        expect(result.exitCode).toBe(0);
        cases++;
        operations += lines.length - 1;
      }),
      { numRuns: Math.ceil(CASES / 6), seed: SEED },
    );
    console.log(
      `fuzz (seed ${SEED}): ${cases} valid generated traces (${operations} operations) replayed with exit 0`,
    );
  }, 600_000);

  it(`random and mutated trace files give exit 0 or a clear error with a line number (seed ${SEED})`, () => {
    const file = join(dir, 'case.jsonl');
    const seeds = corpusSeeds();
    const outcomes = { cases: 0, valid: 0, invalid: 0, bytes: 0, slowestMs: 0 };
    fc.assert(
      fc.property(
        fuzzCaseArbitrary(seeds),
        fc.constantFrom(...CLI_CONFIGURATIONS),
        fc.boolean(),
        (c, config, json) => {
          writeFileSync(file, c.bytes);
          const started = performance.now();
          let replay: ReturnType<typeof runReplay>;
          let stats: ReturnType<typeof runTraceStats>;
          try {
            replay = runReplay({ file, ...config, json });
            stats = runTraceStats({ file, json: true });
          } catch (error) {
            throw new Error(`${(error as Error).stack}\nfor ${describeCase(c)}`);
          }
          const ms = performance.now() - started;
          const where = `${describeCase(c)} on ${JSON.stringify(config)}`;
          expect(replayContractProblems(replay, file, json), where).toEqual([]);
          expect(ms, where).toBeLessThan(CASE_MS);
          // trace-stats checks the shape of every line: where it fails, replay failed at that line or before.
          expect([0, 1], where).toContain(stats.exitCode);
          if (stats.exitCode === 1) {
            expect(errorLineProblems(stats.stderr, file), where).toEqual([]);
            expect(replay.exitCode, where).toBe(1);
            expect(errorLine(replay.stderr), where).toBeLessThanOrEqual(errorLine(stats.stderr));
          }
          if (replay.exitCode === 0) expect(stats.exitCode, where).toBe(0);
          outcomes.cases++;
          outcomes.bytes += c.bytes.length;
          outcomes.slowestMs = Math.max(outcomes.slowestMs, ms);
          if (replay.exitCode === 0) outcomes.valid++;
          else outcomes.invalid++;
        },
      ),
      { numRuns: CASES, seed: SEED },
    );
    console.log(
      `fuzz (seed ${SEED}): ${outcomes.cases} random and mutated trace files (${(outcomes.bytes / 1e6).toFixed(1)} MB) ` +
        `through replay and trace-stats: ${outcomes.valid} valid (exit 0), ${outcomes.invalid} invalid (exit 1 with the line); ` +
        `slowest ${outcomes.slowestMs.toFixed(0)} ms`,
    );
    expect(outcomes.cases).toBe(CASES);
  }, 600_000);

  it('the classic bad files give a clear error on every strategy', () => {
    const header = '{"format": "pymm-trace", "version": 1, "slots": 4, "name": "t"}';
    const files: [string, Uint8Array | string, number | null][] = [
      ['empty file', '', 1],
      ['only blank lines and comments', '\n\n# nothing\n   \n', 5],
      ['header only', `${header}\n`, null],
      ['header only, no newline', header, null],
      ['CRLF', `${header}\r\n["list", 0]\r\n["append", 0, 0]\r\n["collect", 2]\r\n`, null],
      [
        'byte-order mark',
        Buffer.concat([Uint8Array.from([0xef, 0xbb, 0xbf]), Buffer.from(`${header}\n["list", 0]\n`)]),
        null,
      ],
      ['binary garbage', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), 1],
      [
        'invalid UTF-8 in the header',
        Buffer.concat([
          Buffer.from('{"format": "pymm-trace", "version": 1, "slots": 4, "name": "'),
          Uint8Array.from([0xff, 0xfe]),
          Buffer.from('"}\n["none", 0]\n'),
        ]),
        null,
      ],
      ['NUL bytes', `${header}\n\u0000\u0000\n`, 2],
      ['a 100,000-deep array', `${header}\n["tuple", 0, ${'['.repeat(100_000)}${']'.repeat(100_000)}]\n`, 2],
      ['a 1,000,000-deep unclosed array', `${header}\n${'['.repeat(1_000_000)}\n`, 2],
      ['huge numbers', `${header}\n["int", 0, 123456789012345678901234567890]\n`, 2],
      ['a slot of 1e999', `${header}\n["list", 1e999]\n`, 2],
      ['an unknown operation', `${header}\n["frobnicate", 0]\n`, 2],
      ['__proto__ as an operation', `${header}\n["__proto__", 0]\n`, 2],
      ['a 20 MB line', `${header}\n["str", 0, "${'x'.repeat(20_000_000)}]\n`, 2],
      ['a truncated last line', `${header}\n["list", 0]\n["app`, 3],
      ['a lone CR as the line ending', `${header}\r["list", 0]\r`, 1],
    ];
    let checked = 0;
    for (const [name, content, line] of files) {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.jsonl`);
      writeFileSync(file, content);
      for (const config of CLI_CONFIGURATIONS) {
        const result = runReplay({ file, ...config, json: true });
        const where = `${name} on ${JSON.stringify(config)}`;
        expect(replayContractProblems(result, file, true), where).toEqual([]);
        expect(result.exitCode, `${where}: ${result.stderr}`).toBe(line === null ? 0 : 1);
        if (line !== null) expect(errorLine(result.stderr), where).toBe(line);
        checked++;
      }
    }
    console.log(
      `fuzz: ${files.length} classic bad files × ${CLI_CONFIGURATIONS.length} configurations checked (${checked} runs)`,
    );
  }, 120_000);
});
