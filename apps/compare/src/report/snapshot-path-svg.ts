/**
 * The chain of references from a root to an object, drawn by Graphviz (the WebAssembly build in
 * `@viz-js/viz`) as SVG: the back-reference chain objgraph's `show_backrefs` draws, one box per
 * object with its type, short repr, size and retained size, one arrow per reference with its label.
 *
 * @module
 */

import type { HeapSnapshot, NamedRoot, RootPathStep } from '@pymm/snapshot';
import { instance } from '@viz-js/viz';

/** A DOT string literal. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** The DOT source of a root path (exported for tests: the SVG is Graphviz's drawing of it). */
export function rootPathDot(
  snapshot: HeapSnapshot,
  retained: Float64Array,
  path: readonly RootPathStep[],
  namedRoots: readonly NamedRoot[],
): string {
  const lines = [
    'digraph why {',
    '  graph [rankdir=TB, fontname="Helvetica", bgcolor="transparent"];',
    '  node [shape=box, style="rounded,filled", fillcolor="#f4f6fb", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  const first = path[0];
  if (first) {
    const named = namedRoots.filter((r) => r.object === first.object).map((r) => `${r.kind} ${r.label}`);
    lines.push(
      `  root [shape=plaintext, style="", label=${quote(named.length > 0 ? `root: ${named[0]}` : 'root: referenced from outside the snapshot')}];`,
    );
    lines.push('  root -> n0 [style=dashed];');
  }
  path.forEach((step, k) => {
    const i = step.object;
    const type = snapshot.typeNames[snapshot.type[i]];
    const label = `${type}\n${snapshot.repr[i].slice(0, 48)}\n0x${snapshot.address[i].toString(16)}\nsize ${snapshot.size[i]} B, retains ${retained[i]} B`;
    const target = k === path.length - 1 ? ', fillcolor="#fde2c8", penwidth=2' : '';
    lines.push(`  n${k} [label=${quote(label)}${target}];`);
    if (k > 0) lines.push(`  n${k - 1} -> n${k} [label=${quote(path[k - 1].label ?? '')}];`);
  });
  lines.push('}');
  return lines.join('\n');
}

/** Graphviz's SVG drawing of `dot`. */
export async function renderSvg(dot: string): Promise<string> {
  const viz = await instance();
  return viz.renderString(dot, { format: 'svg', engine: 'dot' });
}
