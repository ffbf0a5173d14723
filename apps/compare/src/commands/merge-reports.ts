/**
 * `pymm merge-reports DIR...`: joins the JSON of the shards of one comparison
 * (`pymm compare --shard i/n --out DIR`) into the report and the JSON that
 * one unsharded run writes (timing aside: each shard timed its own cells).
 *
 * Shards are refused, with the directories named, when one is not a shard,
 * when they were run with different options (workloads, strategies, scale,
 * seed, heap sizes, shard count), when one is missing or given twice, or
 * when two disagree on a workload's minimum heap.
 *
 * @module
 */

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SweepWorkload } from '../comparison/heap-sweep.js';
import {
  assembleComparison,
  COMPARISON_SCHEMA_VERSION,
  type Comparison,
} from '../comparison/run-comparison.js';
import type { CPythonColumn } from '../measure/cpython-column.js';
import { renderReport } from '../report/html-report.js';
import { type CommandResult, ExitCode, usage } from './command-result.js';
import { comparisonExitCode, DEFAULT_OUT_DIR } from './compare.js';

/** Options of `pymm merge-reports`. */
export interface MergeReportsOptions {
  /** Shard directories (each holding `comparison.json`), or the JSON files themselves. */
  readonly inputs: readonly string[];
  readonly out?: string;
  readonly json?: boolean;
  readonly cwd?: string;
}

/** A shard's JSON and where it came from. */
interface ShardInput {
  readonly from: string;
  readonly comparison: Comparison;
}

/** Why shards cannot be merged. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

function readShard(input: string, cwd: string): ShardInput {
  const path = resolve(cwd, input);
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'comparison.json') : path;
  if (!existsSync(file)) throw new MergeError(`${input}: no comparison.json there`);
  let comparison: Comparison;
  try {
    comparison = JSON.parse(readFileSync(file, 'utf8')) as Comparison;
  } catch (error) {
    throw new MergeError(`${input}: not JSON (${(error as Error).message})`);
  }
  if (comparison?.schemaVersion !== COMPARISON_SCHEMA_VERSION) {
    throw new MergeError(`${input}: not a pymm comparison of schema version ${COMPARISON_SCHEMA_VERSION}`);
  }
  if (!comparison.shard)
    throw new MergeError(`${input}: a whole comparison, not a shard (run with --shard i/n)`);
  const lists = ['strategies', 'workloads', 'runs'] as const;
  const { index, total, matrixCells } = comparison.shard;
  if (
    lists.some((k) => !Array.isArray(comparison[k])) ||
    typeof comparison.options !== 'object' ||
    ![index, total, matrixCells].every(Number.isInteger) ||
    (comparison.sweep !== undefined && !Array.isArray(comparison.sweep?.points))
  ) {
    throw new MergeError(
      `${input}: not a complete shard (its JSON lacks the fields pymm compare --shard writes)`,
    );
  }
  return { from: input, comparison };
}

/** What must be equal across the shards of one comparison, field by field. */
function settings(c: Comparison): Record<string, string> {
  return {
    'shard total': String(c.shard?.total),
    'cells in the matrix': String(c.shard?.matrixCells),
    workloads: JSON.stringify(
      c.workloads.map(({ identicalStreams: _s, verdict: _v, ...summary }) => summary),
    ),
    strategies: JSON.stringify(c.strategies),
    scale: String(c.options.scale),
    seed: String(c.options.seed),
    'heap sizes': JSON.stringify(
      c.sweep ? { multiples: c.sweep.multiples, swept: c.sweep.strategies } : null,
    ),
  };
}

/** Checks that `shards` are every shard of one comparison, once each; returns them in index order. */
function checkShards(shards: readonly ShardInput[]): ShardInput[] {
  const first = shards[0];
  const expected = settings(first.comparison);
  for (const shard of shards.slice(1)) {
    const own = settings(shard.comparison);
    const differ = Object.keys(expected).filter((k) => own[k] !== expected[k]);
    if (differ.length > 0) {
      throw new MergeError(
        `${shard.from} and ${first.from} are shards of different comparisons (they differ in: ${differ.join(', ')})`,
      );
    }
  }
  const total = first.comparison.shard!.total;
  const byIndex = new Map<number, ShardInput>();
  for (const shard of shards) {
    const { index } = shard.comparison.shard!;
    const seen = byIndex.get(index);
    if (seen) throw new MergeError(`shard ${index}/${total} is given twice: ${seen.from} and ${shard.from}`);
    byIndex.set(index, shard);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new MergeError(
      `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${total}`).join(', ')}`,
    );
  }
  return Array.from({ length: total }, (_, i) => byIndex.get(i + 1)!);
}

/** The sweep's per-workload minimum heaps, once each; two shards that both found one must agree. */
function sweepWorkloads(shards: readonly ShardInput[]): SweepWorkload[] {
  const found = new Map<string, { from: string; workload: SweepWorkload }>();
  for (const shard of shards) {
    for (const workload of shard.comparison.sweep?.workloads ?? []) {
      const seen = found.get(workload.workload);
      if (seen && JSON.stringify(seen.workload) !== JSON.stringify(workload)) {
        throw new MergeError(
          `${seen.from} and ${shard.from} found different minimum heaps for ${workload.workload} (a nondeterministic workload?)`,
        );
      }
      if (!seen) found.set(workload.workload, { from: shard.from, workload });
    }
  }
  const order = shards[0].comparison.workloads.map((w) => w.name);
  return order.flatMap((name) => {
    const entry = found.get(name);
    return entry ? [entry.workload] : [];
  });
}

/**
 * Merges shards into the comparison one unsharded run gives. Throws
 * {@link MergeError} when they do not make up one comparison.
 *
 * @example
 * ```ts
 * import { mergeShards } from './merge-reports.js';
 * try { mergeShards([]); } catch (error) { (error as Error).message; } // 'no shards to merge'
 * ```
 */
export function mergeShards(inputs: readonly { from: string; comparison: Comparison }[]): Comparison {
  if (inputs.length === 0) throw new MergeError('no shards to merge');
  const shards = checkShards(inputs);
  const first = shards[0].comparison;
  // Shards are contiguous slices in index order, so joining them in that order keeps the matrix's order.
  const runs = shards.flatMap((s) => s.comparison.runs);
  const points = shards.flatMap((s) => s.comparison.sweep?.points ?? []);
  const cells = runs.length + points.length;
  if (cells !== first.shard!.matrixCells) {
    throw new MergeError(`the shards hold ${cells} cells, the comparison has ${first.shard!.matrixCells}`);
  }
  return assembleComparison({
    machine: first.machine,
    options: { ...first.options, jobs: Math.max(...shards.map((s) => s.comparison.options.jobs)) },
    strategies: first.strategies,
    workloads: first.workloads,
    runs,
    sweep: first.sweep && {
      multiples: first.sweep.multiples,
      strategies: first.sweep.strategies,
      workloads: sweepWorkloads(shards),
      points,
    },
    cpython: mergeCPythonColumns(shards.map((s) => s.comparison.cpython)),
    wallSeconds: shards.reduce((sum, s) => sum + s.comparison.wallSeconds, 0),
  });
}

/**
 * The CPython column of the whole comparison: each shard ran CPython for the workloads it held, so
 * a workload split across shards ran there more than once; one run per workload and version is kept.
 */
function mergeCPythonColumns(columns: readonly CPythonColumn[]): CPythonColumn {
  const runs = new Map<string, CPythonColumn['runs'][number]>();
  for (const column of columns) {
    for (const run of column.runs) {
      const key = `${run.workload}\u0000${run.version}`;
      if (!runs.has(key)) runs.set(key, run);
    }
  }
  return {
    status: columns.some((c) => c.status === 'ran') ? 'ran' : 'skipped',
    skipped: [...new Set(columns.flatMap((c) => c.skipped))],
    runs: [...runs.values()],
  };
}

/**
 * Runs `pymm merge-reports DIR...`: writes `comparison.json` and `index.html` to `--out`.
 *
 * @example
 * ```ts
 * import { runMergeReports } from './merge-reports.js';
 * (await runMergeReports({ inputs: [] })).exitCode; // 2
 * ```
 */
export async function runMergeReports(options: MergeReportsOptions): Promise<CommandResult> {
  if (options.inputs.length === 0) return usage("merge-reports: expected the shards' directories (DIR...)");
  const cwd = options.cwd ?? process.cwd();
  let comparison: Comparison;
  try {
    comparison = mergeShards(options.inputs.map((input) => readShard(input, cwd)));
  } catch (error) {
    if (error instanceof MergeError) {
      return { stdout: '', stderr: `merge-reports: ${error.message}\n`, exitCode: ExitCode.InvalidInput };
    }
    throw error;
  }
  const out = resolve(cwd, options.out ?? DEFAULT_OUT_DIR);
  mkdirSync(out, { recursive: true });
  const json = `${JSON.stringify(comparison)}\n`;
  writeFileSync(join(out, 'comparison.json'), json);
  writeFileSync(join(out, 'index.html'), renderReport(comparison));
  const written = `report: ${join(out, 'index.html')}\njson:   ${join(out, 'comparison.json')}\n`;
  const exitCode = comparisonExitCode(comparison);
  return options.json
    ? { stdout: json, stderr: written, exitCode }
    : { stdout: written, stderr: '', exitCode };
}
