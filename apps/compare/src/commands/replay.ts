/**
 * `pymm replay FILE [--strategy NAME] [--profile PROFILE] [--json] [--timing]`:
 * runs a pymm-trace v1 file on one strategy (by default `generational`, the
 * strategy modelling CPython) and prints the results object.
 *
 * @module
 */

import { existsSync, statSync } from 'node:fs';
import type { CPythonVersion } from '@pymm/core';
import { readLines, replayTrace, type TraceResults } from '@pymm/core/trace';
import { chooseStrategy, StrategyChoiceError } from '../strategies.js';
import { type CommandResult, ExitCode, usage } from './command-result.js';
import { onTraceFile } from './trace-error.js';

/** The strategy `pymm replay` runs a trace on when `--strategy` is not given: CPython's collector. */
export const DEFAULT_REPLAY_STRATEGY = 'generational';

/** Options of `pymm replay`. */
export interface ReplayCommandOptions {
  readonly file?: string;
  /** The strategy (default {@link DEFAULT_REPLAY_STRATEGY}). */
  readonly strategy?: string;
  readonly profile?: string;
  readonly json?: boolean;
  readonly timing?: boolean;
}

/**
 * Runs `pymm replay`: exit 0 with the results, 1 for an invalid trace (the
 * error on standard error, nothing on standard output), 2 for a usage error.
 *
 * @example
 * ```ts
 * import { runReplay } from './replay.js';
 * runReplay({ file: 'missing.jsonl', strategy: 'refcount' }).exitCode; // 2
 * ```
 */
export function runReplay(options: ReplayCommandOptions): CommandResult {
  if (!options.file) return usage('replay: missing FILE (pymm replay FILE [--strategy NAME])');
  let entry: ReturnType<typeof chooseStrategy>;
  try {
    entry = chooseStrategy(options.strategy ?? DEFAULT_REPLAY_STRATEGY, options.profile);
  } catch (error) {
    if (error instanceof StrategyChoiceError) return usage(`replay: ${error.message}`);
    throw error;
  }
  if (!existsSync(options.file) || !statSync(options.file).isFile()) {
    return usage(`replay: no such file: ${options.file}`);
  }
  const file = options.file;
  return onTraceFile(file, () => {
    const version = options.profile?.startsWith('cpython-')
      ? (options.profile.slice('cpython-'.length) as CPythonVersion)
      : undefined;
    const outcome = replayTrace(readLines(file), entry.factory(options.profile), { version });
    const stderr = options.timing ? `replay-seconds: ${outcome.executeSeconds.toFixed(6)}\n` : '';
    const stdout = options.json
      ? `${JSON.stringify(outcome.results)}\n`
      : formatResults(
          outcome.header.name,
          entry.name,
          options.profile ?? entry.profiles[0],
          outcome.operations,
          outcome.results,
        );
    return { stdout, stderr, exitCode: ExitCode.Ok };
  });
}

/** Human-readable rendering of a trace's results. */
export function formatResults(
  name: string,
  strategy: string,
  profile: string | undefined,
  operations: number,
  results: TraceResults,
): string {
  const list = (xs: readonly number[]) =>
    xs.length === 0
      ? '(none)'
      : xs.length > 20
        ? `${xs.slice(0, 20).join(' ')} ... (${xs.length})`
        : xs.join(' ');
  const lines = [
    `trace ${name}: ${operations} operations on ${strategy}${profile ? ` (${profile})` : ''}`,
    `  gc.collect() returned: ${list(results.collect_results)}`,
    ...results.stats.map(
      ([collections, collected, uncollectable], g) =>
        `  generation ${g}: ${collections} collections, ${collected} collected, ${uncollectable} uncollectable`,
    ),
    `  gc.get_count(): ${results.count.join(' ')}`,
    `  finalized (tags, in order): ${list(results.finalized)}`,
    `  resurrected (tags, in order): ${list(results.resurrected)}`,
    `  alive at the end (tags): ${list(results.alive)}`,
  ];
  return `${lines.join('\n')}\n`;
}
