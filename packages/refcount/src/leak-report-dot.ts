/**
 * The leak report as Graphviz DOT, objgraph's picture of a reference cycle:
 * one box per object (type, handle, size), one arrow per reference, labelled
 * with the attribute, index or key. Cycle members are filled red, an
 * acyclic group's head orange, shared objects dashed. Every string is
 * quoted and escaped, so any key or class name renders.
 *
 * @module
 */

import { describeLeakGroup } from './format-leak-report.js';
import type { LeakGroup, LeakObject, LeakReport } from './leak-report.js';

/**
 * Quotes text as a DOT string: backslashes and double quotes escaped, line
 * breaks as DOT's `\n`, other control characters dropped.
 *
 * @example
 * ```ts
 * import { dotString } from '@pymm/refcount';
 * dotString(`['say "hi"']`); // `"['say \\"hi\\"']"`
 * ```
 */
export function dotString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\r') {
      out += '\\n';
      if (text[i + 1] === '\n') i++;
    } else if (ch === '\n') out += '\\n';
    else if (code >= 0x20 && code !== 0x7f) out += ch;
  }
  return `${out}"`;
}

/**
 * Renders one group of a leak report as a DOT digraph.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { leakReport, refcount, toDot } from '@pymm/refcount';
 * const py = createRuntime({ strategy: refcount() });
 * py.locals.d = py.dict();
 * py.setitem(py.locals.d, { str: 'self' }, py.locals.d); // d['self'] = d
 * py.del('d');
 * const dot = toDot(leakReport(py).groups[0]);
 * dot.startsWith('digraph "leak group 1" {'); // true
 * dot.includes(`[label="['self']"]`);          // true
 * ```
 */
export function toDot(group: LeakGroup): string {
  const lines = [
    `digraph ${dotString(`leak group ${group.id}`)} {`,
    `  label=${dotString(describeLeakGroup(group))};`,
    ...STYLE,
  ];
  pushGroup(lines, group, '  ');
  lines.push('}');
  return lines.join('\n');
}

/**
 * Renders a whole leak report as one DOT digraph: each group a cluster,
 * and a dashed arrow from a group to each group whose objects it refers to.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { leakReport, leakReportToDot, refcount } from '@pymm/refcount';
 * const py = createRuntime({ strategy: refcount() });
 * const dot = leakReportToDot(leakReport(py));
 * dot.includes('label="nothing leaked"'); // true
 * ```
 */
export function leakReportToDot(report: LeakReport): string {
  const { summary } = report;
  const title =
    summary.objects === 0
      ? 'nothing leaked'
      : `${count(summary.objects, 'object')} (${count(summary.bytes, 'byte')}) unreachable in ` +
        count(summary.groups, 'group');
  const lines = ['digraph "leak report" {', '  compound=true;', `  label=${dotString(title)};`, ...STYLE];
  for (const group of report.groups) {
    lines.push(
      `  subgraph ${dotString(`cluster_${group.id}`)} {`,
      `    label=${dotString(describeLeakGroup(group))};`,
    );
    pushGroup(lines, group, '    ');
    lines.push('  }');
  }
  const firstOf = new Map(report.groups.map((g) => [g.id, g.objects[0]]));
  for (const group of report.groups) {
    const to = group.objects[0];
    for (const id of group.referencedFrom) {
      const from = firstOf.get(id);
      if (!from || !to) continue;
      lines.push(
        `  ${nodeId(from)} -> ${nodeId(to)} [ltail=${dotString(`cluster_${id}`)}, ` +
          `lhead=${dotString(`cluster_${group.id}`)}, style=dashed, label="refers to"];`,
      );
    }
  }
  lines.push('}');
  return lines.join('\n');
}

const STYLE = [
  '  node [shape=box, fontname="Helvetica", fontsize=10];',
  '  edge [fontname="Helvetica", fontsize=9];',
];

const ROLE_STYLE: Record<LeakObject['role'], string> = {
  cycle: ', style=filled, fillcolor="#f4cccc"',
  root: ', style=filled, fillcolor="#fce5cd"',
  hanging: '',
  shared: ', style=dashed',
};

function pushGroup(lines: string[], group: LeakGroup, indent: string): void {
  for (const object of group.objects) {
    const label = `${object.type} #${object.handle}\n${object.sizeof} bytes`;
    lines.push(`${indent}${nodeId(object)} [label=${dotString(label)}${ROLE_STYLE[object.role]}];`);
  }
  for (const edge of group.edges) {
    lines.push(`${indent}"o${edge.from}" -> "o${edge.to}" [label=${dotString(edge.label)}];`);
  }
  if (group.truncated) {
    const more = `${group.objectCount - group.objects.length} more objects`;
    lines.push(`${indent}${dotString(`more_${group.id}`)} [label=${dotString(more)}, shape=plaintext];`);
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function nodeId(object: LeakObject): string {
  return `"o${object.handle}"`;
}
