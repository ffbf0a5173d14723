import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTraceFixtures } from './testing/trace-fixtures.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const { dir, cycle, invalid } = writeTraceFixtures('pymm-cli-');

/** Each test starts `pymm` processes (Node with tsx, about a second each on an idle core), several in a row. */
const SPAWNS = { timeout: 60_000 };

/** Runs the real `pymm` command from source, as `pnpm pymm` does. */
function pymm(...args: string[]) {
  const result = spawnSync(
    'node',
    ['--conditions=@pymm/source', '--import', 'tsx', 'apps/compare/src/cli.ts', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('pymm replay', SPAWNS, () => {
  it('writes exactly the results object to standard output with --json, and the timing to standard error', () => {
    const { stdout, stderr, status } = pymm(
      'replay',
      cycle,
      '--strategy',
      'generational',
      '--json',
      '--timing',
    );
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      collect_results: [1],
      stats: [
        [0, 0, 0],
        [0, 0, 0],
        [1, 1, 0],
      ],
      count: [0, 0, 0],
      finalized: [],
      resurrected: [],
      alive: [],
    });
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^replay-seconds: \d+\.\d+\n$/);
  });

  it('runs every strategy and profile by name', () => {
    for (const [strategy, profile] of [
      ['nogc'],
      ['refcount'],
      ['generational', 'cpython-3.12'],
      ['generational', 'cpython-3.13'],
      ['mark-sweep'],
      ['mark-sweep', 'incremental'],
    ]) {
      const args = [
        'replay',
        cycle,
        '--strategy',
        strategy,
        '--json',
        ...(profile ? ['--profile', profile] : []),
      ];
      const { stdout, status } = pymm(...args);
      expect(status, `${strategy} ${profile ?? ''}`).toBe(0);
      expect(Object.keys(JSON.parse(stdout))).toEqual([
        'collect_results',
        'stats',
        'count',
        'finalized',
        'resurrected',
        'alive',
      ]);
    }
  });

  it('exits 1 on an invalid trace, with the error on standard error and nothing on standard output', () => {
    const { stdout, stderr, status } = pymm('replay', invalid, '--strategy', 'refcount', '--json');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('line 3: append: v[0] holds a tuple, not a list');
  });

  it('replays on the generational strategy when --strategy is not given', () => {
    const { stdout, status } = pymm('replay', cycle, '--json');
    expect(status).toBe(0);
    // What generational gives (the first test): one collection of generation 2, finding the cycle.
    expect(JSON.parse(stdout)).toMatchObject({
      collect_results: [1],
      stats: [
        [0, 0, 0],
        [0, 0, 0],
        [1, 1, 0],
      ],
    });
  });

  it('exits 2 on usage errors', () => {
    expect(pymm('replay', cycle, '--strategy', 'nope').status).toBe(2);
    expect(pymm('replay', cycle, '--strategy', 'generational', '--profile', 'cpython-2.7').status).toBe(2);
    expect(pymm('replay', join(dir, 'missing.jsonl'), '--strategy', 'refcount').status).toBe(2);
    expect(pymm('replay').status).toBe(2);
    expect(pymm('frobnicate').status).toBe(2);
    expect(pymm('replay', cycle, '--strategy', 'refcount', '--bogus').status).toBe(2);
  });
});

describe('pymm trace-stats', SPAWNS, () => {
  it('prints what a trace does', () => {
    const { stdout, status } = pymm('trace-stats', cycle, '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      operations: 4,
      slotsUsed: 1,
      objectsCreated: 1,
      collectionsRequested: 1,
    });
    void execFileSync;
  });
});

describe('pymm --version and each command --help', SPAWNS, () => {
  it('prints the package version', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'apps/compare/package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const { stdout, stderr, status } = pymm(flag);
      expect({ stdout, stderr, status }).toEqual({
        stdout: `pymm ${manifest.version}\n`,
        stderr: '',
        status: 0,
      });
    }
  });

  it("prints a command's own usage and options, without running it", () => {
    for (const [command, option] of [
      ['compare', '--workload'],
      ['merge-reports', '--out'],
      ['conformance', '--dir'],
      ['run', '--max-steps'],
      ['replay', '--profile'],
      ['trace-stats', '--json'],
      ['snapshot', '--why'],
    ]) {
      const { stdout, stderr, status } = pymm(command, '--help');
      expect(status, command).toBe(0);
      expect(stderr, command).toBe('');
      expect(stdout.startsWith(`usage: pymm ${command} `), command).toBe(true);
      expect(stdout, command).toContain(option);
    }
  });

  it('passes --help after -- to the Python program instead', () => {
    const file = join(dir, 'argv.py');
    writeFileSync(file, 'import sys\nprint(sys.argv[1:])\n');
    const { stdout, status } = pymm('run', file, '--', '--help');
    expect({ stdout, status }).toEqual({ stdout: "['--help']\n", status: 0 });
  });
});
