/**
 * The HTML report of `pymm snapshot analyze --out DIR`: one self-contained file (styles inline, the
 * root path an inline SVG drawn by Graphviz, no script, nothing fetched) with the generations, the
 * cyclic garbage by cluster and type, the largest retained sizes, and what retains them by type and
 * by allocation site.
 *
 * @module
 */

import type { ObjectSummary, SnapshotAnalysis, StrategyOutcome } from '@pymm/snapshot';

/** What the report draws besides the analysis. */
export interface SnapshotReportExtras {
  /** Graphviz's SVG of the root path to `drawn`, or null. */
  readonly svg: string | null;
  /** The object whose root path is drawn. */
  readonly drawn: ObjectSummary | null;
  /** What each strategy would do (with `--strategies`), or null. */
  readonly strategies?: readonly StrategyOutcome[] | null;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const bytes = (n: number) =>
  n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : n >= 10240 ? `${(n / 1024).toFixed(0)} KiB` : `${n} B`;

function table(id: string, head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table id="${id}" data-rows="${rows.length}"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The report's HTML. */
export function snapshotReportHtml(a: SnapshotAnalysis, extras: SnapshotReportExtras): string {
  const clusters = a.garbage.clusters.map((c) => [
    String(c.clusters),
    String(c.objects),
    bytes(c.size),
    String(c.finalizers),
    c.types.map((t) => `${t.count} ${t.type}${t.finalizer ? ' (__del__)' : ''}`).join(', '),
    c.sample
      .slice(0, 3)
      .map((o) => `${o.id} ${o.repr}`)
      .join(', '),
  ]);
  const objects = a.topObjects.map((o) => [
    bytes(o.retained),
    bytes(o.size),
    o.id,
    o.type,
    o.root ? `${o.repr} (${o.root})` : o.repr,
    o.site ?? '',
  ]);
  const types = a.retainersByType.map((g) => [bytes(g.retained), String(g.count), bytes(g.size), g.name]);
  const sites = a.retainersBySite.map((g) => [bytes(g.retained), String(g.count), bytes(g.size), g.name]);
  const generations = a.generations.map((g) => [
    String(g.generation),
    String(g.objects),
    bytes(g.size),
    `${g.count} / ${g.threshold}`,
  ]);
  const path =
    extras.svg && extras.drawn
      ? `<h2>Why ${escapeHtml(extras.drawn.id)} (${escapeHtml(extras.drawn.type)}) is alive</h2>
<p>The shortest chain of references from a root, drawn by Graphviz.</p>
<figure id="why">${extras.svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/, '')}</figure>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>pymm snapshot: CPython ${escapeHtml(a.python)}, ${a.objects} objects</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d2330; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: 13px; }
th, td { border-bottom: 1px solid #e1e5ee; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f6fb; }
td:first-child { font-variant-numeric: tabular-nums; white-space: nowrap; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; }
.summary div { background: #f4f6fb; border-radius: 6px; padding: .5rem .75rem; }
.summary b { display: block; font-size: 1.2rem; }
figure svg { max-width: 100%; height: auto; }
</style>
</head>
<body data-objects="${a.objects}" data-garbage="${a.garbage.count}">
<h1>Heap snapshot of a CPython ${escapeHtml(a.python)} process</h1>
<div class="summary">
<div><b>${a.objects}</b>objects</div>
<div><b>${a.tracked}</b>tracked by the collector</div>
<div><b>${a.untracked}</b>untracked</div>
<div><b>${bytes(a.totalSize)}</b>sys.getsizeof, summed</div>
<div><b>${a.roots}</b>roots</div>
<div id="garbage-count"><b>${a.garbage.count}</b>objects of cyclic garbage (${bytes(a.garbage.size)})</div>
</div>
<h2>Generations</h2>
${table('generations', ['generation', 'objects', 'size', 'gc count / threshold'], generations)}
<h2>Cyclic garbage: what the next full collection frees</h2>
${clusters.length > 0 ? table('garbage', ['clusters', 'objects', 'size', 'finalizers', 'types (summed)', 'for example'], clusters) : '<p id="garbage">None: every tracked object is reachable from a root.</p>'}
${
  extras.strategies
    ? `<h2>What each strategy would do</h2>\n<p>The heap replayed on pymm's simulated heap; pauses are host time of the simulated collection.</p>\n${table(
        'strategies',
        ['strategy', 'what', 'objects', 'cycles', 'pause'],
        extras.strategies.map((o) => [
          o.profile ? `${o.strategy} (${o.profile})` : o.strategy,
          o.action,
          String(o.objects),
          o.cycles === null ? '' : String(o.cycles),
          o.pauseMs > 0 ? `${o.pauseMs.toFixed(1)} ms` : '',
        ]),
      )}`
    : ''
}
<h2>Largest retained sizes</h2>
<p>What freeing each object alone would free (its dominator-tree subtree).</p>
${table('top-objects', ['retained', 'size', 'id', 'type', 'repr', 'allocated at'], objects)}
<h2>Retained by type</h2>
${table('by-type', ['retained', 'objects', 'size', 'type'], types)}
${sites.length > 0 ? `<h2>Retained by allocation site</h2>\n${table('by-site', ['retained', 'objects', 'size', 'site'], sites)}` : '<p>No allocation sites: tracemalloc was not tracing when the snapshot was taken.</p>'}
${path}
</body>
</html>
`;
}
