import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime, verifyHeap } from '@pymm/core';
import { readLines, replayTrace } from '@pymm/core/trace';
import { refcount } from '@pymm/refcount';
import { referenceCycles, runWorkload, WORKLOADS } from '@pymm/workloads';
import { BackupTracingStrategy, backupTracing, createStrategy } from 'pymm-example-backup-tracing';
import { describe, expect, it } from 'vitest';
import { describeWorkloads, REPOSITORY_ROOT } from './build-site.js';
import { type DirectiveSources, expandDirectives } from './directives.js';
import { renderMarkdown } from './markdown.js';
import { SITE_PAGES } from './site-layout.js';

const DOCS = join(REPOSITORY_ROOT, 'docs');
let described: ReturnType<typeof describeWorkloads> | undefined;
const sources: DirectiveSources = {
  root: REPOSITORY_ROOT,
  workloads: () => (described ??= describeWorkloads()),
  conformance: () => [{ profile: 'cpython-3.11', python: '3.11.7', traces: 76, exact: 76 }],
};

function render(source: string) {
  return renderMarkdown(expandDirectives(readFileSync(join(DOCS, source), 'utf8'), sources));
}

describe('the guides', () => {
  it('are all in the navigation, each with a title', () => {
    const guides = readdirSync(join(DOCS, 'guides')).filter((f) => f.endsWith('.md'));
    expect(guides.length).toBeGreaterThanOrEqual(4);
    const listed = SITE_PAGES.map((p) => p.source);
    for (const guide of guides) expect(listed).toContain(`guides/${guide}`);
    for (const page of SITE_PAGES) expect(render(page.source).headings[0]?.depth, page.source).toBe(1);
  });

  it('draw a phase diagram for every strategy', () => {
    const page = render('guides/strategies.md');
    const titles = [...page.html.matchAll(/<figcaption>([^<]*)<\/figcaption>/g)].map((m) => m[1]);
    for (const strategy of ['nogc', 'refcount', 'generational', 'mark-sweep']) {
      expect(
        titles.some((t) => t.startsWith(`${strategy}:`)),
        strategy,
      ).toBe(true);
    }
  });

  it('describe every workload of the default suite, from the workloads themselves', () => {
    const page = render('guides/python-memory-lessons.md');
    for (const workload of WORKLOADS) {
      expect(
        page.headings.some((h) => h.id === workload.name && h.text === workload.title),
        workload.name,
      ).toBe(true);
      expect(page.html).toContain(`href="../report/index.html#${workload.name}"`);
    }
    expect(page.html).not.toContain('pymm:workloads');
  });

  it('quote the example strategy verbatim', () => {
    const page = render('guides/writing-a-strategy.md');
    const source = readFileSync(
      join(REPOSITORY_ROOT, 'examples/backup-tracing-strategy/src/index.ts'),
      'utf8',
    );
    expect(page.html).toContain('export class BackupTracingStrategy implements Strategy');
    expect(page.html.split('\n').length).toBeGreaterThan(source.split('\n').length);
  });
});

describe('the examples in the guides', () => {
  it('run the backup-tracing strategy as "Write your own strategy" says', () => {
    const py = createRuntime({ strategy: backupTracing(100) });
    const strategy = py.strategy;
    expect(strategy).toBeInstanceOf(BackupTracingStrategy);
    const Node = py.class('Node');
    for (let i = 0; i < 1_000; i++) {
      py.locals.a = Node.new();
      py.locals.b = Node.new({ ref: py.locals.a });
      py.setattr(py.locals.a, 'ref', py.locals.b);
      py.del('a', 'b');
    }
    expect(strategy.stats()).toEqual({ collections: [20], collected: [1998], uncollectable: [0] });
    expect(py.collect()).toBe(2);
    expect(py.memory().liveBytes).toBe(0);
    expect(verifyHeap(py.heap).ok).toBe(true);
    const outcome = replayTrace(
      readLines(join(REPOSITORY_ROOT, 'conformance/traces/cycle-two-node.jsonl')),
      createStrategy(),
    );
    expect(outcome.results.collect_results).toEqual([2]);
    expect(outcome.results.alive).toEqual([]);
  });

  it('run a workload as "The Python memory lessons" says', () => {
    const py = createRuntime({ strategy: refcount() });
    const run = runWorkload(referenceCycles, py, { scale: 0.1, seed: 1 });
    expect(run.phases.map((p) => p.name)).toEqual(['pairs', 'rings', 'rings-with-finalizers', 'collect']);
    expect(py.memory().liveBytes).toBeGreaterThan(0);
  });
});
