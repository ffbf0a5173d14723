/**
 * `pymm run FILE.py [--strategy NAME[:PROFILE]] [--profile P] [--json] [--timing] [--max-steps N]
 * [-- ARGS]`: runs a Python program on one strategy (by default `generational` with
 * `cpython-3.11`) and prints what the program prints, as CPython would.
 *
 * @module
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { CPythonVersion } from '@pymm/core';
import { type RunPythonResult, runPython } from '@pymm/python';
import { chooseStrategy, StrategyChoiceError, type StrategyEntry } from '../strategies.js';
import { ExitCode } from './command-result.js';

/** The strategy `pymm run` uses when `--strategy` is not given: CPython's collector. */
export const DEFAULT_RUN_STRATEGY = 'generational';

/** Options of `pymm run`, as the command line gives them. */
export interface RunCommandOptions {
  readonly file?: string;
  /** `NAME` or `NAME:PROFILE` (default {@link DEFAULT_RUN_STRATEGY}). */
  readonly strategy?: string;
  /** The strategy's profile (also accepted as `--strategy NAME:PROFILE`). */
  readonly profile?: string;
  readonly json?: boolean;
  readonly timing?: boolean;
  /** Statements the program may run before it is stopped. */
  readonly maxSteps?: string;
  /** `sys.argv[1:]`. */
  readonly args?: readonly string[];
}

/** Where the program's output goes while it runs. */
export interface RunOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The result object `--json` prints after the run. */
export interface RunJson {
  readonly file: string;
  readonly strategy: string;
  readonly profile: string | null;
  readonly exitCode: number;
  readonly stopped: RunPythonResult['stopped'];
  readonly steps: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The strategy's statistics: collections and objects collected per generation, and its own counters. */
  readonly stats: unknown;
  /** Live objects and bytes at the end, and the peak (sums of `sys.getsizeof`), from the runtime's memory report. */
  readonly memory: {
    readonly objects: number;
    readonly liveBytes: number;
    readonly peakLiveBytes: number;
  } | null;
  /** Files the program left open (names). */
  readonly filesLeftOpen: readonly string[];
}

function fail(output: RunOutput, message: string): number {
  output.stderr(`pymm: ${message}\n`);
  return ExitCode.Usage;
}

/** The CPython version whose object model the run uses: the profile's, or 3.11. */
function versionOf(profile: string | undefined): CPythonVersion {
  return (profile?.startsWith('cpython-') ? profile.slice('cpython-'.length) : '3.11') as CPythonVersion;
}

/**
 * Runs `pymm run` and returns the exit code: the program's (0, or 1 after an uncaught exception,
 * a refused program or the step limit), or 2 for a usage error. The program's output is written as
 * it runs; `--json` writes the result object to stdout after it (and then the program's stdout is
 * only in the object).
 *
 * @example
 * ```ts
 * import { runRun } from './run.js';
 * let err = '';
 * await runRun({ file: 'missing.py' }, { stdout: () => {}, stderr: (t) => { err += t; } }); // 2
 * err; // 'pymm: run: no such file: missing.py\n'
 * ```
 */
export async function runRun(options: RunCommandOptions, output: RunOutput): Promise<number> {
  if (!options.file) return fail(output, 'run: missing FILE (pymm run FILE.py [--strategy NAME])');
  let name = options.strategy ?? DEFAULT_RUN_STRATEGY;
  let profile = options.profile;
  const colon = name.indexOf(':');
  if (colon >= 0) {
    if (profile !== undefined) return fail(output, 'run: give the profile once (NAME:PROFILE or --profile)');
    profile = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  let entry: StrategyEntry;
  try {
    entry = chooseStrategy(name, profile);
  } catch (error) {
    if (error instanceof StrategyChoiceError) return fail(output, `run: ${error.message}`);
    throw error;
  }
  profile ??= entry.profiles[0];
  let maxSteps: number | undefined;
  if (options.maxSteps !== undefined) {
    maxSteps = Number(options.maxSteps);
    if (!Number.isSafeInteger(maxSteps) || maxSteps < 1) {
      return fail(output, `run: --max-steps must be a positive integer, got '${options.maxSteps}'`);
    }
  }
  const file = options.file;
  if (!existsSync(file) || !statSync(file).isFile()) return fail(output, `run: no such file: ${file}`);
  const source = readFileSync(file, 'utf8');
  const result = await runPython(source, {
    strategy: entry.factory(profile),
    version: versionOf(profile),
    // CPython names the script by its absolute path in tracebacks and __file__ (3.9+).
    filename: resolve(file),
    argv0: file,
    argv: options.args ?? [],
    maxSteps,
    stdout: options.json ? undefined : output.stdout,
    stderr: output.stderr,
  });
  if (options.timing) output.stderr(`run-seconds: ${result.seconds.toFixed(6)}\n`);
  if (options.json)
    output.stdout(`${JSON.stringify(runJson(basename(file), entry, profile, result), null, 2)}\n`);
  return result.exitCode;
}

/** The `--json` result object of a run. */
export function runJson(
  file: string,
  entry: StrategyEntry,
  profile: string | undefined,
  result: RunPythonResult,
): RunJson {
  const runtime = result.runtime;
  let memory: RunJson['memory'] = null;
  let filesLeftOpen: string[] = [];
  let stats: unknown = null;
  if (runtime) {
    const report = runtime.memory();
    memory = { objects: report.objects, liveBytes: report.liveBytes, peakLiveBytes: report.peakLiveBytes };
    filesLeftOpen = runtime.heap.resourceLog.filter((r) => r.closedAt === null).map((r) => r.name);
    stats = runtime.strategy.stats();
  }
  return {
    file,
    strategy: entry.name,
    profile: profile ?? null,
    exitCode: result.exitCode,
    stopped: result.stopped,
    steps: result.steps,
    stdout: result.stdout,
    stderr: result.stderr,
    stats,
    memory,
    filesLeftOpen,
  };
}
