/**
 * The leak report as text, for terminals and logs: a summary line, then each
 * group with its objects and the labelled references between them, in the
 * report's (deterministic) order.
 *
 * @module
 */

import type { LeakGroup, LeakObject, LeakReport } from './leak-report.js';

/**
 * One line describing a group, e.g. `group 1: cycle of 2 objects, 112 bytes`.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { describeLeakGroup, leakReport, refcount } from '@pymm/refcount';
 * const py = createRuntime({ strategy: refcount() });
 * py.locals.xs = py.list();
 * py.append(py.locals.xs, py.locals.xs);
 * py.del('xs');
 * describeLeakGroup(leakReport(py).groups[0]); // 'group 1: cycle of 1 object, 88 bytes'
 * ```
 */
export function describeLeakGroup(group: LeakGroup): string {
  const hanging = group.objectCount - group.cycleObjects;
  const what =
    group.kind === 'cycle'
      ? `cycle of ${objects(group.objectCount)}${hanging > 0 ? ` (${group.cycleObjects} in the cycle)` : ''}`
      : `${objects(group.objectCount)} under an unreferenced object`;
  const kept =
    group.referencedFrom.length > 0 ? `; referenced from group ${group.referencedFrom.join(', ')}` : '';
  return `group ${group.id}: ${what}, ${bytes(group.bytes)}${kept}`;
}

/**
 * Renders a leak report as text: the summary, then every group with its
 * objects (`role  type #handle  size`) and references (`from --label--> to`).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { formatLeakReport, leakReport, refcount } from '@pymm/refcount';
 * const py = createRuntime({ strategy: refcount() });
 * py.locals.xs = py.list();
 * formatLeakReport(leakReport(py));
 * // 'refcount, operation 1: nothing leaked (1 live object, all reachable from roots)'
 * ```
 */
export function formatLeakReport(report: LeakReport): string {
  const { summary } = report;
  const head = `${report.strategy}, operation ${report.operation}`;
  if (summary.objects === 0) {
    return `${head}: nothing leaked (${objects(summary.liveObjects)}, all reachable from roots)`;
  }
  const lines = [
    `${head}: ${objects(summary.objects)} (${bytes(summary.bytes)}) unreachable in ` +
      `${plural(summary.groups, 'group')} (${plural(summary.cycles, 'cycle')}); ` +
      `${summary.reachableObjects} of ${objects(summary.liveObjects)} reachable from roots`,
  ];
  for (const group of report.groups) {
    lines.push('', describeLeakGroup(group));
    const width = Math.max(0, ...group.objects.map((o) => name(o).length));
    for (const object of group.objects) {
      lines.push(`  ${object.role.padEnd(7)}  ${name(object).padEnd(width)}  ${bytes(object.sizeof)}`);
    }
    const names = new Map(group.objects.map((o) => [o.handle, name(o)]));
    for (const edge of group.edges) {
      lines.push(`  ${names.get(edge.from)} --${edge.label}--> ${names.get(edge.to)}`);
    }
    if (group.truncated) {
      lines.push(
        `  ... ${group.objectCount - group.objects.length} more objects, ` +
          `${group.edgeCount - group.edges.length} more references`,
      );
    }
  }
  return lines.join('\n');
}

function name(object: LeakObject): string {
  return `${object.type} #${object.handle}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function objects(n: number): string {
  return plural(n, 'object');
}

function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}
