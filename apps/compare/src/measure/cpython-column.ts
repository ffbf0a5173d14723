/**
 * The CPython column of a comparison: each Python workload also runs on real CPython of the
 * version its pymm runs model, when that interpreter is installed, with a wrapper
 * (`cpython-wrapper.ts`) that records `gc.get_stats()` and the peak RSS without touching the
 * program's output. Each CPython run is set beside pymm's generational run of the same version
 * (or, with no generational strategy compared, the first run of that version), and a stdout that
 * differs is marked. Without the interpreter the column says it was skipped, and why.
 *
 * The interpreter is found as the test kit finds it (`python3.X`, pyenv's `X`, then `python3`
 * when it is that version), copied here so that the CLI does not depend on the private test kit.
 *
 * @module
 */

import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CPYTHON_WRAPPER } from './cpython-wrapper.js';
import type { RunResult } from './run-result.js';

/** One generation's entry of `gc.get_stats()`. */
export interface GcGenerationStats {
  readonly collections: number;
  readonly collected: number;
  readonly uncollectable: number;
}

/** One program on CPython, beside pymm's run of the same version. */
export interface CPythonRun {
  readonly workload: string;
  /** The CPython version asked for (`3.11`) and the one that ran (`3.11.7`). */
  readonly version: string;
  readonly patchVersion: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** `gc.get_stats()` when the program ended. */
  readonly gcStats: readonly GcGenerationStats[];
  /** Peak resident set size of the whole process (the interpreter included), or null where unknown. */
  readonly peakRssBytes: number | null;
  readonly wallMs: number;
  /** The pymm run it is set beside (its label), and whether their stdout is the same. */
  readonly pymmLabel: string | null;
  readonly stdoutMatches: boolean | null;
}

/** The column: the runs, or why there are none. */
export interface CPythonColumn {
  readonly status: 'ran' | 'skipped';
  /** Why the column (or a version of it) was skipped; empty when everything ran. */
  readonly skipped: readonly string[];
  readonly runs: readonly CPythonRun[];
}

/** A program to run on CPython: its workload name, source file, `sys.argv` words and version. */
export interface CPythonTask {
  readonly workload: string;
  /** The file to run (written to a temporary directory when `source` is given instead). */
  readonly path: string | null;
  readonly source: string;
  readonly argv: readonly string[];
  readonly version: string;
  /** The working directory (a user's program runs where `pymm compare` was run; a workload, in a temporary one). */
  readonly cwd: string | null;
}

const interpreters = new Map<string, string | null>();

function answers(command: string, version: string): boolean {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return false;
  const reported = `${result.stdout}${result.stderr}`.trim().replace(/^Python\s+/, '');
  return reported === version || reported.startsWith(`${version}.`);
}

/**
 * The command that runs CPython `version`, or null when none is installed.
 *
 * @example
 * ```ts
 * import { findCPython } from './cpython-column.js';
 * const python = findCPython('3.11');
 * python === null || python.length > 0; // true
 * ```
 */
export function findCPython(version: string): string | null {
  const cached = interpreters.get(version);
  if (cached !== undefined) return cached;
  const candidates = [`python${version}`];
  const prefix = spawnSync('pyenv', ['prefix', version], { encoding: 'utf8' });
  if (!prefix.error && prefix.status === 0) candidates.push(join(prefix.stdout.trim(), 'bin', 'python3'));
  candidates.push('python3');
  const found = candidates.find((candidate) => answers(candidate, version)) ?? null;
  interpreters.set(version, found);
  return found;
}

function runOnce(
  python: string,
  task: CPythonTask,
  dir: string,
): Promise<Omit<CPythonRun, 'pymmLabel' | 'stdoutMatches'>> {
  const statsPath = join(dir, `${task.workload}-${task.version}.json`);
  let path = task.path;
  if (path === null) {
    path = join(dir, `${task.workload}.py`);
    writeFileSync(path, task.source);
  }
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      python,
      ['-c', CPYTHON_WRAPPER, path, ...task.argv],
      {
        encoding: 'utf8',
        cwd: task.cwd ?? dir,
        maxBuffer: 64 * 1024 * 1024,
        timeout: 300_000,
        env: { ...process.env, PYMM_CPYTHON_STATS: statsPath },
      },
      (error, stdout, stderr) => {
        const wallMs = performance.now() - started;
        let stats: { gcStats: GcGenerationStats[]; peakRssBytes: number | null; version: string } = {
          gcStats: [],
          peakRssBytes: null,
          version: task.version,
        };
        try {
          stats = JSON.parse(readFileSync(statsPath, 'utf8'));
        } catch {
          // The wrapper did not get to write its stats (killed, or the interpreter failed to start).
        }
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({
          workload: task.workload,
          version: task.version,
          patchVersion: stats.version,
          exitCode: code,
          stdout,
          stderr,
          gcStats: stats.gcStats,
          peakRssBytes: stats.peakRssBytes,
          wallMs,
        });
      },
    );
  });
}

/** The pymm run a CPython run is set beside: the generational run of its version, else the first of it. */
function pymmRunFor(runs: readonly RunResult[], workload: string, version: string): RunResult | undefined {
  const own = runs.filter((r) => r.workload === workload && r.version === version && r.program !== null);
  return own.find((r) => r.strategy === 'generational') ?? own[0];
}

/**
 * Runs each task on CPython (one at a time: they are quick, and the machine is busy with pymm's
 * runs) and builds the column. `python` names the interpreter for every version instead of
 * looking for one; `false` skips the column.
 */
export async function runCPythonColumn(
  tasks: readonly CPythonTask[],
  runs: readonly RunResult[],
  python?: string | false,
): Promise<CPythonColumn> {
  if (python === false) return { status: 'skipped', skipped: ['not asked for (--no-cpython)'], runs: [] };
  if (tasks.length === 0) {
    return { status: 'skipped', skipped: ['no workload of this comparison is a Python program'], runs: [] };
  }
  const skipped: string[] = [];
  const results: CPythonRun[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'pymm-cpython-'));
  try {
    for (const version of [...new Set(tasks.map((t) => t.version))]) {
      const command = python ?? findCPython(version);
      if (command === null || (python !== undefined && !answers(command, version))) {
        skipped.push(
          python === undefined
            ? `CPython ${version} is not installed (looked for python${version}, pyenv's ${version} and python3)`
            : `${python} is not CPython ${version}`,
        );
        continue;
      }
      for (const task of tasks.filter((t) => t.version === version)) {
        const run = await runOnce(command, task, dir);
        const pymm = pymmRunFor(runs, task.workload, version);
        results.push({
          ...run,
          pymmLabel: pymm?.label ?? null,
          stdoutMatches: pymm ? pymm.program!.stdout === run.stdout : null,
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { status: results.length > 0 ? 'ran' : 'skipped', skipped, runs: results };
}
