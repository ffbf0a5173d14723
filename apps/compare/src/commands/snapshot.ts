/**
 * `pymm snapshot analyze FILE [--json] [--why OBJ] [--out DIR] [--top N]`, `pymm snapshot diff A B
 * [--json]` and `pymm snapshot module`: heap snapshots of real CPython processes, written by
 * `pymm_snapshot.py` (which `pymm snapshot module` locates), read and analyzed by `@pymm/snapshot`.
 *
 * @module
 */

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AnalyzedSnapshot,
  analyzeSnapshot,
  diffSnapshots,
  findObject,
  type HeapSnapshot,
  readSnapshot,
  rootPath,
  SnapshotFormatError,
  type StrategyOutcome,
  strategyOutcomes,
  summarizeObject,
} from '@pymm/snapshot';
import { renderSvg, rootPathDot } from '../report/snapshot-path-svg.js';
import { snapshotReportHtml } from '../report/snapshot-report.js';
import { type CommandResult, ExitCode, usage } from './command-result.js';

/** The identifier of the JSON `pymm snapshot analyze --json` prints (schema/snapshot-analysis.schema.json). */
export const SNAPSHOT_ANALYSIS_SCHEMA = 'pymm-snapshot-analysis/1';

/** Options of `pymm snapshot analyze`, as given on the command line. */
export interface SnapshotAnalyzeOptions {
  readonly file?: string;
  readonly json?: boolean;
  readonly why?: string;
  readonly out?: string;
  readonly top?: string;
  /** Replay the heap under each strategy (generational, mark-sweep, refcount). */
  readonly strategies?: boolean;
}

/** One step of `--why` as printed. */
interface WhyStep {
  readonly id: string;
  readonly type: string;
  readonly repr: string;
  readonly size: number;
  readonly retained: number;
  /** The reference from this object to the next. */
  readonly reference: string | null;
  /** `module NAME` or `frame FUNCTION FILE:LINE` when the dump named this root. */
  readonly root: string | null;
}

const invalid = (message: string): CommandResult => ({
  stdout: '',
  stderr: `pymm: ${message}\n`,
  exitCode: ExitCode.InvalidInput,
});

/** Reads a snapshot file, or the result to return when it cannot be read. */
function load(file: string | undefined, command: string): HeapSnapshot | CommandResult {
  if (file === undefined) return usage(`snapshot ${command}: expected a snapshot FILE`);
  if (!existsSync(file) || !statSync(file).isFile())
    return usage(`snapshot ${command}: no such file '${file}'`);
  try {
    return readSnapshot(readFileSync(file));
  } catch (error) {
    if (error instanceof SnapshotFormatError) return invalid(`${file}: ${error.message}`);
    throw error;
  }
}

const isResult = (value: unknown): value is CommandResult =>
  typeof value === 'object' && value !== null && 'exitCode' in value;

/** The root path to `id` as printed, or a result explaining why there is none. */
function why(
  analyzed: AnalyzedSnapshot,
  id: string,
): { steps: WhyStep[] | null; object: number } | CommandResult {
  const { snapshot, tree, roots } = analyzed;
  const object = findObject(snapshot, id);
  if (object < 0)
    return invalid(`--why: no object ${id} in the snapshot (give its id in decimal or 0x hexadecimal)`);
  const path = rootPath(snapshot, object, roots);
  if (path === null) return { steps: null, object };
  const steps = path.map((step) => {
    const o = summarizeObject(snapshot, tree, step.object);
    const named = snapshot.namedRoots.find((r) => r.object === step.object);
    return {
      id: o.id,
      type: o.type,
      repr: o.repr,
      size: o.size,
      retained: o.retained,
      reference: step.label,
      root: named ? `${named.kind} ${named.label}` : null,
    };
  });
  return { steps, object };
}

const kib = (bytes: number) => (bytes >= 10240 ? `${(bytes / 1024).toFixed(0)} KiB` : `${bytes} B`);

/** The text report of an analysis. */
function analysisText(
  analyzed: AnalyzedSnapshot,
  whySteps: WhyStep[] | null | undefined,
  whyId: string | undefined,
  strategies: readonly StrategyOutcome[] | null,
): string {
  const a = analyzed.analysis;
  const out: string[] = [];
  out.push(
    `snapshot of CPython ${a.python}: ${a.objects} objects (${a.tracked} tracked, ${a.untracked} untracked), ${kib(a.totalSize)}, ${a.roots} roots`,
  );
  out.push(
    `generations: ${a.generations.map((g) => `${g.generation}: ${g.objects} objects ${kib(g.size)} (count ${g.count}/${g.threshold})`).join('; ')}`,
  );
  out.push('');
  out.push(
    `cyclic garbage (the next full collection frees it): ${a.garbage.count} objects, ${kib(a.garbage.size)}`,
  );
  for (const c of a.garbage.clusters) {
    const types = c.types.map((t) => `${t.count} ${t.type}${t.finalizer ? ' (__del__)' : ''}`).join(', ');
    const finalizers = c.finalizers ? `, ${c.finalizers} with finalizers` : '';
    out.push(
      `  ${c.clusters === 1 ? '1 cluster' : `${c.clusters} clusters`} of ${c.objects / c.clusters} objects, ${kib(c.size)} in all${finalizers}: ${types}`,
    );
    out.push(
      `    e.g. ${c.sample
        .slice(0, 3)
        .map((o) => `${o.id} ${o.repr}`)
        .join(', ')}`,
    );
  }
  if (strategies) {
    out.push('');
    out.push('what each strategy would do with this heap (replayed on the simulated heap):');
    for (const o of strategies) {
      const name = o.profile ? `${o.strategy} (${o.profile})` : o.strategy;
      const cycles = o.cycles === null ? '' : ` in ${o.cycles} cycles`;
      const pause = o.pauseMs > 0 ? `, pause ${o.pauseMs.toFixed(1)} ms` : '';
      out.push(`  ${name}: ${o.action}: ${o.objects} objects${cycles}${pause}`);
    }
  }
  out.push('');
  out.push('largest retained sizes:');
  for (const o of a.topObjects)
    out.push(
      `  ${kib(o.retained).padStart(10)}  ${o.id}  ${o.type}  ${o.repr}${o.root ? `  [${o.root}]` : ''}${o.site ? `  (${o.site})` : ''}`,
    );
  out.push('');
  out.push('retained by type:');
  for (const g of a.retainersByType)
    out.push(`  ${kib(g.retained).padStart(10)}  ${g.count} × ${g.name} (${kib(g.size)} themselves)`);
  if (a.retainersBySite.length > 0) {
    out.push('');
    out.push('retained by allocation site:');
    for (const g of a.retainersBySite)
      out.push(`  ${kib(g.retained).padStart(10)}  ${g.count} objects  ${g.name}`);
  }
  if (whyId !== undefined) {
    out.push('');
    if (whySteps === null)
      out.push(`why ${whyId}: no root reaches it: it is cyclic garbage or only garbage holds it`);
    else if (whySteps) {
      out.push(`why ${whyId} is alive (shortest chain from a root):`);
      whySteps.forEach((s, k) => {
        const root =
          k === 0 ? `  [root${s.root ? `: ${s.root}` : ': referenced from outside the snapshot'}]` : '';
        out.push(`  ${s.id} ${s.type} ${s.repr} (retains ${kib(s.retained)})${root}`);
        if (k < whySteps.length - 1) out.push(`    --${s.reference ?? '?'}-->`);
      });
    }
  }
  return `${out.join('\n')}\n`;
}

/** Runs `pymm snapshot analyze`. */
export async function runSnapshotAnalyze(options: SnapshotAnalyzeOptions): Promise<CommandResult> {
  const top = options.top === undefined ? 20 : Number(options.top);
  if (!Number.isInteger(top) || top < 1)
    return usage(`snapshot analyze: --top must be a positive integer, not '${options.top}'`);
  const snapshot = load(options.file, 'analyze');
  if (isResult(snapshot)) return snapshot;
  const analyzed = analyzeSnapshot(snapshot, { top });
  const strategies = options.strategies ? strategyOutcomes(snapshot) : null;
  let whySteps: WhyStep[] | null | undefined;
  let whyObject = -1;
  if (options.why !== undefined) {
    const found = why(analyzed, options.why);
    if (isResult(found)) return found;
    whySteps = found.steps;
    whyObject = found.object;
  }
  let stderr = '';
  if (options.out !== undefined) {
    // The report draws the chain to the --why object, or else to the largest retainer below the roots.
    const drawn =
      whyObject >= 0 ? whyObject : findObject(snapshot, analyzed.analysis.topObjects[0]?.id ?? '');
    const path = drawn >= 0 ? rootPath(snapshot, drawn, analyzed.roots) : null;
    const svg = path
      ? await renderSvg(rootPathDot(snapshot, analyzed.tree.retained, path, snapshot.namedRoots))
      : null;
    mkdirSync(options.out, { recursive: true });
    const file = join(options.out, 'snapshot.html');
    writeFileSync(
      file,
      snapshotReportHtml(analyzed.analysis, {
        strategies,
        svg,
        drawn: drawn >= 0 ? summarizeObject(snapshot, analyzed.tree, drawn) : null,
      }),
    );
    stderr = `pymm: report written to ${file}\n`;
  }
  if (options.json) {
    const json = {
      schema: SNAPSHOT_ANALYSIS_SCHEMA,
      ...analyzed.analysis,
      ...(options.why !== undefined ? { why: whySteps } : {}),
      ...(strategies ? { strategies } : {}),
    };
    return { stdout: `${JSON.stringify(json, null, 2)}\n`, stderr, exitCode: ExitCode.Ok };
  }
  return { stdout: analysisText(analyzed, whySteps, options.why, strategies), stderr, exitCode: ExitCode.Ok };
}

/** Runs `pymm snapshot diff A B`. */
export function runSnapshotDiff(options: { before?: string; after?: string; json?: boolean }): CommandResult {
  const before = load(options.before, 'diff');
  if (isResult(before)) return before;
  const after = load(options.after, 'diff');
  if (isResult(after)) return after;
  const d = diffSnapshots(before, after);
  if (options.json)
    return {
      stdout: `${JSON.stringify({ schema: 'pymm-snapshot-diff/1', ...d }, null, 2)}\n`,
      stderr: '',
      exitCode: ExitCode.Ok,
    };
  const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);
  const out = [
    `objects: ${d.objectsBefore} -> ${d.objectsAfter} (${signed(d.objectsAfter - d.objectsBefore)}), size ${kib(d.sizeBefore)} -> ${kib(d.sizeAfter)} (${signed(d.sizeAfter - d.sizeBefore)} B), cyclic garbage ${d.garbageBefore} -> ${d.garbageAfter}`,
    '',
    'by type (largest growth first): size change, count change, retained change',
    ...d.byType
      .slice(0, 25)
      .map(
        (g) =>
          `  ${signed(g.sizeAfter - g.sizeBefore).padStart(10)} B  ${signed(g.countAfter - g.countBefore).padStart(8)}  ${signed(g.retainedAfter - g.retainedBefore).padStart(10)} B  ${g.name}`,
      ),
  ];
  if (d.bySite.length > 0) {
    out.push('', 'by allocation site:');
    for (const g of d.bySite.slice(0, 25))
      out.push(
        `  ${signed(g.sizeAfter - g.sizeBefore).padStart(10)} B  ${signed(g.countAfter - g.countBefore).padStart(8)}  ${g.name}`,
      );
  }
  return { stdout: `${out.join('\n')}\n`, stderr: '', exitCode: ExitCode.Ok };
}

/**
 * Where the dump module is: next to the built command (the build copies it), or in the
 * workspace's `packages/snapshot/python` when run from source.
 */
export function dumpModulePath(): string {
  const candidates = [
    new URL('./pymm_snapshot.py', import.meta.url),
    new URL('../../../../packages/snapshot/python/pymm_snapshot.py', import.meta.url),
  ].map((url) => fileURLToPath(url));
  return candidates.find((path) => existsSync(path)) ?? candidates[0];
}

/** Runs `pymm snapshot module`: prints the dump module's path. */
export function runSnapshotModule(): CommandResult {
  return { stdout: `${dumpModulePath()}\n`, stderr: '', exitCode: ExitCode.Ok };
}
