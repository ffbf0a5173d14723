/**
 * `pymm compare`: runs workloads on strategies, prints a table (or only JSON
 * with `--json`), and writes the HTML report and the JSON to `--out`.
 *
 * @module
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WORKLOADS } from '@pymm/workloads';
import { parseHeapSizes } from '../comparison/heap-sweep.js';
import { SweepChoiceError } from '../comparison/heap-sweep-job.js';
import { type Comparison, type ComparisonProgress, runComparison } from '../comparison/run-comparison.js';
import { parseShard } from '../comparison/shard.js';
import { parseStrategySpec, StrategyModuleError, type StrategySpec } from '../comparison/strategy-spec.js';
import { ProgramError, type ProgramSpec, readPrograms } from '../comparison/user-programs.js';
import { formatBytes } from '../comparison/verdicts.js';
import { ProgramFailure } from '../measure/run-workload.js';
import { renderReport } from '../report/html-report.js';
import { formatSweepTable } from '../report/sweep-table.js';
import { StrategyChoiceError } from '../strategies.js';
import { type CommandResult, ExitCode, usage } from './command-result.js';

/** Default place of the report, relative to the working directory. */
export const DEFAULT_OUT_DIR = 'reports/latest';

/** Options of `pymm compare`. */
export interface CompareCommandOptions {
  readonly workloads?: readonly string[];
  readonly strategies?: readonly string[];
  readonly scale?: string;
  readonly seed?: string;
  readonly jobs?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly cwd?: string;
  /** `--heap-sizes`: multiples of each workload's minimum heap, e.g. `1.25,1.5,2,3,4,6`. */
  readonly heapSizes?: string;
  /** `--shard i/n`: run one slice of the matrix and write only its JSON. */
  readonly shard?: string;
  /** Paths of users' programs to compare. */
  readonly programs?: readonly string[];
  /** The CPython command of the CPython column, or false to leave the column out. */
  readonly python?: string | false;
}

function positiveNumber(
  text: string | undefined,
  name: string,
  integer: boolean,
): number | string | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    return `compare: --${name} must be a positive ${integer ? 'integer' : 'number'}, got '${text}'`;
  }
  return value;
}

/**
 * The exit code of a finished comparison: 1 when some workload did not give
 * every strategy the same operation stream (a nondeterministic workload), else 0.
 *
 * @example
 * ```ts
 * import { comparisonExitCode } from './compare.js';
 * comparisonExitCode({ workloads: [{ identicalStreams: true }] }); // 0
 * ```
 */
export function comparisonExitCode(
  comparison: Pick<Comparison, 'workloads'> | { workloads: { identicalStreams: boolean }[] },
): number {
  return comparison.workloads.every((w) => w.identicalStreams) ? ExitCode.Ok : ExitCode.InvalidInput;
}

/** A compact table of the results, for the terminal. */
export function formatComparisonTable(comparison: Comparison): string {
  const header = [
    'workload',
    'strategy',
    'wall ms',
    'gc ms',
    'peak held',
    'leaked',
    'max pause ms',
    'p95 delay',
    'max files',
  ];
  const rows = comparison.runs.map((r) => [
    r.workload,
    r.label,
    r.wallMs.toFixed(1),
    r.collectorMs.toFixed(1),
    formatBytes(r.peakHeldBytes),
    formatBytes(r.leakedBytes),
    r.pauses.maxMs.toFixed(2),
    r.promptness.measured ? String(Math.round(r.promptness.p95)) : 'n/a',
    String(r.files.maxOpen),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A comparison that cannot be made: what is wrong, with exit code 1 (invalid input). */
function failed(message: string): CommandResult {
  return {
    stdout: '',
    stderr: `pymm: compare: ${message.endsWith('\n') ? message : `${message}\n`}`,
    exitCode: ExitCode.InvalidInput,
  };
}

/**
 * Runs `pymm compare`.
 *
 * @example
 * ```ts
 * import { runCompare } from './compare.js';
 * const result = await runCompare({ workloads: ['nope'] });
 * result.exitCode; // 2
 * ```
 */
export async function runCompare(
  options: CompareCommandOptions,
  onProgress: (progress: ComparisonProgress) => void = () => {},
): Promise<CommandResult> {
  const known = new Set(WORKLOADS.map((w) => w.name));
  const workloads = options.workloads?.flatMap((w) => w.split(',')).filter(Boolean);
  for (const w of workloads ?? []) {
    if (!known.has(w))
      return usage(`compare: unknown workload '${w}' (choose from: ${[...known].join(', ')})`);
  }
  let strategies: StrategySpec[] | undefined;
  try {
    strategies = options.strategies
      ?.flatMap((s) => s.split(','))
      .filter(Boolean)
      .map(parseStrategySpec);
  } catch (error) {
    if (error instanceof StrategyChoiceError) return usage(`compare: ${error.message}`);
    throw error;
  }
  const scale = positiveNumber(options.scale, 'scale', false);
  const seed = positiveNumber(options.seed, 'seed', true);
  const jobs = positiveNumber(options.jobs, 'jobs', true);
  for (const v of [scale, seed, jobs]) if (typeof v === 'string') return usage(v);
  const heapSizes = options.heapSizes === undefined ? undefined : parseHeapSizes(options.heapSizes);
  if (typeof heapSizes === 'string') return usage(`compare: ${heapSizes}`);
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  if (typeof shard === 'string') return usage(`compare: ${shard}`);
  const cwd = options.cwd ?? process.cwd();
  let programs: ProgramSpec[] = [];
  if (options.programs?.length) {
    try {
      programs = await readPrograms(options.programs, cwd, new Set(workloads ?? []));
    } catch (error) {
      if (error instanceof ProgramError) return failed(error.message);
      throw error;
    }
  }
  let comparison: Comparison;
  try {
    comparison = await runComparison(
      {
        workloads,
        strategies,
        scale: scale as number | undefined,
        seed: seed as number | undefined,
        jobs: jobs as number | undefined,
        cwd,
        heapSizes,
        shard,
        programs,
        python: options.python,
      },
      onProgress,
    );
  } catch (error) {
    if (
      error instanceof StrategyModuleError ||
      error instanceof SweepChoiceError ||
      /cannot load strategy module|must export createStrategy|not a StrategyFactory/.test(String(error))
    ) {
      return usage(`compare: ${(error as Error).message}`);
    }
    // A program that fails under a strategy (in a worker, the error arrives as a message).
    if (
      error instanceof ProgramFailure ||
      /failed under .* \(exit code|the program exited with code/.test(String(error))
    ) {
      return failed((error as Error).message.replace(/^[^:]*: (?=\S+ failed under)/, ''));
    }
    throw error;
  }
  const out = resolve(cwd, options.out ?? DEFAULT_OUT_DIR);
  mkdirSync(out, { recursive: true });
  const json = `${JSON.stringify(comparison)}\n`;
  writeFileSync(join(out, 'comparison.json'), json);
  if (comparison.shard) return shardWritten(comparison, join(out, 'comparison.json'), json, options.json);
  writeFileSync(join(out, 'index.html'), renderReport(comparison));
  const exitCode = comparisonExitCode(comparison);
  const warning =
    exitCode === ExitCode.Ok
      ? ''
      : 'pymm: some workloads did not give every strategy the same operation stream\n';
  if (options.json)
    return { stdout: json, stderr: `report: ${join(out, 'index.html')}\n${warning}`, exitCode };
  return {
    stdout: `${formatComparisonTable(comparison)}\n\n${comparison.sweep ? `${formatSweepTable(comparison.sweep)}\n\n` : ''}report: ${join(out, 'index.html')}\njson:   ${join(out, 'comparison.json')}\n`,
    stderr: warning,
    exitCode,
  };
}

/** A shard writes only its JSON: the report is drawn once `pymm merge-reports` has every shard. */
function shardWritten(comparison: Comparison, path: string, json: string, asJson = false): CommandResult {
  const shard = comparison.shard!;
  const note = `shard ${shard.index}/${shard.total}: ${shard.cells} of ${shard.matrixCells} cells\njson:   ${path}\n(join the shards with: pymm merge-reports DIR...)\n`;
  const exitCode = comparisonExitCode(comparison);
  return asJson ? { stdout: json, stderr: note, exitCode } : { stdout: note, stderr: '', exitCode };
}
