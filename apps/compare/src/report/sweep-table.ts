/**
 * The heap-size sweep as `pymm compare` prints it on the terminal: per
 * workload its minimum heap, then per swept strategy the total time at each
 * multiple, or `MemoryError`.
 *
 * @module
 */

import type { HeapSweep } from '../comparison/heap-sweep.js';
import { formatBytes } from '../comparison/verdicts.js';

/**
 * Formats a sweep for the terminal.
 *
 * @example
 * ```ts
 * import { formatSweepTable } from './sweep-table.js';
 * const sweep = {
 *   multiples: [1, 2], strategies: [{ name: 'mark-sweep', profile: null, label: 'mark-sweep' }], precision: 1 / 512,
 *   workloads: [{ workload: 'w', minimumHeapBytes: 2048, definedBy: 'mark-sweep', minimums: [] }],
 *   points: [1, 2].map((multiple) => ({
 *     workload: 'w', label: 'mark-sweep', multiple, heapLimit: 2048 * multiple, completed: multiple > 1,
 *     error: multiple > 1 ? null : 'MemoryError: ...', fingerprint: null, wallMs: multiple > 1 ? 12.5 : null,
 *     collectorMs: null, programMs: null, collections: null, maxPauseMs: null, peakLiveBytes: null,
 *     peakHeldBytes: null, lowerBoundOverhead: null,
 *   })),
 * };
 * formatSweepTable(sweep).split('\n')[3]; // 'w: minimum heap 2.0 KiB (mark-sweep)'
 * formatSweepTable(sweep).split('\n')[4]; // '  mark-sweep            MemoryError         12.5'
 * ```
 */
export function formatSweepTable(sweep: HeapSweep): string {
  const width = Math.max(20, ...sweep.strategies.map((s) => s.label.length + 1));
  const cell = 13;
  const header = `  ${'total ms at'.padEnd(width)}${sweep.multiples.map((m) => `${m}×`.padStart(cell)).join('')}`;
  const lines = ['heap-size sweep (total ms per multiple of the minimum heap)', '', header];
  for (const found of sweep.workloads) {
    lines.push(`${found.workload}: minimum heap ${formatBytes(found.minimumHeapBytes)} (${found.definedBy})`);
    for (const strategy of sweep.strategies) {
      const cells = sweep.multiples.map((m) => {
        const p = sweep.points.find(
          (q) => q.workload === found.workload && q.label === strategy.label && q.multiple === m,
        );
        if (!p) return ''.padStart(cell);
        return (p.completed ? p.wallMs!.toFixed(1) : 'MemoryError').padStart(cell);
      });
      lines.push(`  ${strategy.label.padEnd(width)}${cells.join('')}`);
    }
  }
  return lines.join('\n');
}
