/**
 * Builds the site's own pages: `docs/index.html` and `docs/guides/*.html`
 * from their Markdown sources, then checks every local link of what it
 * wrote. The last step of `pnpm docs:build`, after TypeDoc (`docs/api/`) and
 * the comparison report (`docs/report/`), which the pages link to, and after
 * building the playground into `docs/playground/`:
 *
 *   node --conditions=@pymm/source --import tsx apps/docs/src/build-site.ts
 *
 * Exit status 1, with one line per problem on standard error, when a guide
 * is missing from the navigation, a directive or diagram is invalid, or a
 * link is broken.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRuntime, noGC } from '@pymm/core';
import { runWorkload, summarizeWorkload, WORKLOADS } from '@pymm/workloads';
import {
  type ConformanceFigure,
  type DirectiveSources,
  expandDirectives,
  type WorkloadDescription,
} from './directives.js';
import { checkLinks } from './link-check.js';
import { renderMarkdown } from './markdown.js';
import { copyPlayground } from './playground-copy.js';
import { outputPath, renderPage, SITE_PAGES } from './site-layout.js';

/** The repository root (this file is `apps/docs/src/build-site.ts`). */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The workloads of the default suite as the lessons guide shows them. Phase
 * names come from running each workload once at a tiny scale with no
 * collector (about a second for the whole suite).
 */
export function describeWorkloads(): WorkloadDescription[] {
  return WORKLOADS.map((w) => {
    const run = runWorkload(w, createRuntime({ strategy: noGC() }), { scale: 0.01 });
    return {
      ...summarizeWorkload(w),
      parameters: w.parameters,
      phases: [...new Set(run.phases.map((p) => p.name))],
    };
  });
}

/** Runs `pymm conformance --json` from source and returns each profile's figures. */
export function measureConformance(root: string): ConformanceFigure[] {
  const result = spawnSync(
    process.execPath,
    ['--conditions=@pymm/source', '--import', 'tsx', 'apps/compare/src/cli.ts', 'conformance', '--json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  try {
    return (JSON.parse(result.stdout) as ConformanceFigure[]).map(({ profile, python, traces, exact }) => ({
      profile,
      python,
      traces,
      exact,
    }));
  } catch {
    throw new Error(
      `pymm conformance --json failed (exit ${result.status}): ${result.stderr.trim() || result.stdout.slice(0, 500)}`,
    );
  }
}

/** What one build wrote. */
export interface SiteBuild {
  /** Pages written, relative to the site directory. */
  readonly pages: readonly string[];
  /** Broken links and other problems; the build failed if any. */
  readonly problems: readonly string[];
}

/**
 * Renders every page of {@link SITE_PAGES} from `siteDir` into `siteDir`
 * and checks the links of what it wrote.
 */
export function buildSite(siteDir: string, sources: DirectiveSources): SiteBuild {
  const problems: string[] = [];
  const listed = new Set(SITE_PAGES.map((p) => p.source));
  const guides = existsSync(join(siteDir, 'guides')) ? readdirSync(join(siteDir, 'guides')) : [];
  for (const file of guides.filter((f) => f.endsWith('.md')).sort()) {
    if (!listed.has(`guides/${file}`)) {
      problems.push(
        `docs/guides/${file}: not in SITE_PAGES (apps/docs/src/site-layout.ts), so no page links to it`,
      );
    }
  }
  for (const needed of ['api/index.html', 'report/index.html']) {
    if (!existsSync(join(siteDir, needed))) {
      problems.push(`docs/${needed} is missing: run 'pnpm docs:build', which writes it before the pages`);
    }
  }
  const pages: string[] = [];
  for (const page of SITE_PAGES) {
    const sourceFile = join(siteDir, page.source);
    let markdown: string;
    try {
      markdown = expandDirectives(readFileSync(sourceFile, 'utf8'), sources);
    } catch (error) {
      problems.push(`docs/${page.source}: ${(error as Error).message}`);
      continue;
    }
    const rendered = renderMarkdown(markdown);
    const path = outputPath(page.source);
    const out = join(siteDir, path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      renderPage({
        path,
        title: rendered.title,
        body: rendered.html,
        headings: rendered.headings,
        source: `docs/${page.source}`,
      }),
    );
    pages.push(path);
  }
  problems.push(...checkLinks(siteDir, pages, new Set(pages)));
  return { pages, problems };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  const siteDir = join(REPOSITORY_ROOT, 'docs');
  const copied = copyPlayground(REPOSITORY_ROOT, siteDir);
  const build = buildSite(siteDir, {
    root: REPOSITORY_ROOT,
    workloads: describeWorkloads,
    conformance: () => measureConformance(REPOSITORY_ROOT),
  });
  for (const problem of [...copied, ...build.problems]) process.stderr.write(`docs: ${problem}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (copied.length + build.problems.length > 0) {
    process.stderr.write(
      `docs: ${copied.length + build.problems.length} problem(s); the site is not ready\n`,
    );
    process.exitCode = 1;
  } else {
    process.stderr.write(
      `docs: wrote ${build.pages.join(', ')} in docs/ (${seconds} s); every local link resolves\n`,
    );
  }
}
