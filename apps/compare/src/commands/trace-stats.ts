/**
 * `pymm trace-stats FILE [--json]`: what a trace does, without running it:
 * operations by kind, slots used, objects created, collections requested.
 *
 * @module
 */

import { existsSync, statSync } from 'node:fs';
import { readLines, readTrace, TRACE_OPERATIONS } from '@pymm/core/trace';
import { type CommandResult, ExitCode, usage } from './command-result.js';
import { onTraceFile } from './trace-error.js';

/** What `pymm trace-stats` reports. */
export interface TraceStats {
  readonly name: string;
  readonly description: string | null;
  readonly slots: number;
  readonly operations: number;
  readonly operationsByKind: Record<string, number>;
  /** Distinct slots the operations use. */
  readonly slotsUsed: number;
  /** Container objects the trace creates: tagged lists, non-empty tuples, dicts. */
  readonly objectsCreated: number;
  /** Of which tagged lists with a finalizer (`flist`, `rlist`). */
  readonly finalizable: number;
  /** `collect` operations. */
  readonly collectionsRequested: number;
}

/**
 * Reads a trace and counts what it does (checking every line's shape).
 *
 * @example
 * ```ts
 * import { linesOf } from '@pymm/core/trace';
 * import { traceStats } from './trace-stats.js';
 * traceStats(linesOf('{"format":"pymm-trace","version":1,"slots":2,"name":"t"}\n["list",0]\n["collect",2]')).objectsCreated; // 1
 * ```
 */
export function traceStats(lines: Iterable<readonly [number, string]>): TraceStats {
  const { header, operations } = readTrace(lines);
  const byKind: Record<string, number> = Object.fromEntries(TRACE_OPERATIONS.map((op) => [op, 0]));
  const used = new Uint8Array(header.slots);
  let count = 0;
  let objects = 0;
  let finalizable = 0;
  for (const [, op] of operations) {
    count++;
    byKind[op.op]++;
    if ('d' in op) used[op.d] = 1;
    if ('s' in op) used[op.s] = 1;
    if (op.op === 'tuple') for (const s of op.items) used[s] = 1;
    if (op.op === 'list' || op.op === 'flist' || op.op === 'rlist' || op.op === 'dict') objects++;
    if (op.op === 'tuple' && op.items.length > 0) objects++;
    if (op.op === 'flist' || op.op === 'rlist') finalizable++;
  }
  let slotsUsed = 0;
  for (let i = 0; i < used.length; i++) slotsUsed += used[i];
  return {
    name: header.name,
    description: header.description ?? null,
    slots: header.slots,
    operations: count,
    operationsByKind: byKind,
    slotsUsed,
    objectsCreated: objects,
    finalizable,
    collectionsRequested: byKind.collect,
  };
}

/** Runs `pymm trace-stats`. */
export function runTraceStats(options: { file: string | undefined; json?: boolean }): CommandResult {
  if (!options.file) return usage('trace-stats: missing FILE');
  if (!existsSync(options.file) || !statSync(options.file).isFile())
    return usage(`trace-stats: no such file: ${options.file}`);
  const file = options.file;
  return onTraceFile(file, () => {
    const stats = traceStats(readLines(file));
    if (options.json) return { stdout: `${JSON.stringify(stats)}\n`, stderr: '', exitCode: ExitCode.Ok };
    const kinds = Object.entries(stats.operationsByKind)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `    ${k.padEnd(10)} ${n}`);
    const text = [
      `trace ${stats.name}${stats.description ? `: ${stats.description}` : ''}`,
      `  operations:            ${stats.operations}`,
      ...kinds,
      `  slots used:            ${stats.slotsUsed} of ${stats.slots}`,
      `  objects created:       ${stats.objectsCreated} (${stats.finalizable} with finalizers)`,
      `  collections requested: ${stats.collectionsRequested}`,
    ];
    return { stdout: `${text.join('\n')}\n`, stderr: '', exitCode: ExitCode.Ok };
  });
}
