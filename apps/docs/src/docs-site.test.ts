/**
 * The published site, as a reader opens it from disk: `docs/index.html` in
 * Debian's Chromium, following its links to the guides, the API docs and the
 * report. Needs `pnpm docs:build` first (`npm test` runs it before the tests);
 * off CI the tests are skipped, saying why, when the site or Chromium is missing.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WORKLOADS } from '@pymm/workloads';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../../compare/src/testing/chromium.js';
import { REPOSITORY_ROOT } from './build-site.js';
import { idsOf } from './link-check.js';
import { outputPath, SITE_PAGES } from './site-layout.js';

const SITE = join(REPOSITORY_ROOT, 'docs');
const LANDING = join(SITE, 'index.html');
/**
 * What keeps the site's tests from running here, as "what is missing: the command that
 * provides it", or undefined when nothing does. Under CI nothing is skipped: a missing
 * prerequisite fails the tests.
 */
const MISSING = process.env.CI
  ? undefined
  : CHROMIUM === undefined
    ? 'Chromium is not installed: apt-get install -y chromium'
    : !existsSync(LANDING)
      ? 'the documentation site is not built: pnpm docs:build'
      : undefined;
const PACKAGES = ['core', 'refcount', 'generational', 'mark-sweep', 'workloads'];
const GUIDES = SITE_PAGES.filter((p) => p.source.startsWith('guides/')).map((p) => outputPath(p.source));

/**
 * TypeDoc draws its icons from an SVG sprite with `<use href="assets/icons.svg#...">`.
 * Chromium refuses that from a file: URL and logs an error, then TypeDoc's own
 * `icons.js` inlines the sprite and the icons appear. Served over HTTP (GitHub
 * Pages) the error does not happen. It is the only console error tolerated, and
 * only on the API pages.
 */
const TYPEDOC_FILE_SPRITE = /^Unsafe attempt to load URL file:\S*\/assets\/icons\.svg#[\w-]+ from frame/;

interface LinkOnPage {
  readonly href: string;
  readonly url: string;
}

/** Every link of the page, as written and as the browser resolved it. */
async function linksOn(page: Page): Promise<LinkOnPage[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('a[href]')].map((a) => ({
      href: a.getAttribute('href') ?? '',
      url: (a as HTMLAnchorElement).href,
    })),
  );
}

/** The file a local link opens (a directory opens its index.html), or null for other sites. */
function fileOf(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const file = fileURLToPath(url.replace(/[#?].*$/, ''));
  return existsSync(file) && statSync(file).isDirectory() ? join(file, 'index.html') : file;
}

/** Broken local links: missing files, and fragments missing from static pages of this site. */
function brokenLinks(from: string, links: readonly LinkOnPage[]): string[] {
  const broken: string[] = [];
  for (const link of links) {
    const file = fileOf(link.url);
    if (file === null) continue;
    if (!existsSync(file)) {
      broken.push(`${from}: ${link.href} (no ${file})`);
      continue;
    }
    const hash = new URL(link.url).hash.slice(1);
    const ours = file === LANDING || GUIDES.some((g) => file === join(SITE, g));
    if (hash && ours && !idsOf(readFileSync(file, 'utf8')).has(decodeURIComponent(hash))) {
      broken.push(`${from}: ${link.href} (no id '${hash}')`);
    }
  }
  return broken;
}

describe('the documentation site, opened from disk', () => {
  let browser: Browser;
  let page: Page;
  const errors: { url: string; text: string }[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (MISSING !== undefined) return;
    expect(CHROMIUM, 'chromium must be installed (apt-get install -y chromium)').toBeDefined();
    expect(existsSync(LANDING), 'docs/index.html is missing: run pnpm docs:build first').toBe(true);
    browser = await launchChromium(CHROMIUM);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push({ url: page.url(), text: m.text() });
    });
    page.on('pageerror', (e) => errors.push({ url: page.url(), text: e.message }));
    page.on('request', (r) => requests.push(r.url()));
  }, 60_000);

  beforeEach(({ skip }) => {
    if (MISSING !== undefined) skip(MISSING);
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Console errors logged since `since`, on pages whose URL contains `where`. */
  const errorsOn = (since: number, where: string) => errors.slice(since).filter((e) => e.url.includes(where));

  it('links from the landing page to every guide, the API docs of every package, the report and the playground, with no broken link', async () => {
    const since = errors.length;
    await page.goto(pathToFileURL(LANDING).href);
    expect(await page.title()).toBe('pymm');
    const links = await linksOn(page);
    const targets = new Set(links.map((l) => fileOf(l.url)));
    for (const guide of GUIDES) expect(targets, guide).toContain(join(SITE, guide));
    expect(targets).toContain(join(SITE, 'api/index.html'));
    for (const name of PACKAGES)
      expect(targets, name).toContain(join(SITE, `api/modules/_pymm_${name}.html`));
    expect(targets).toContain(join(SITE, 'report/index.html'));
    expect(targets).toContain(join(SITE, 'playground/index.html'));
    expect(brokenLinks('index.html', links)).toEqual([]);
    // The screenshot is there and loaded.
    expect(
      await page.evaluate(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0)),
    ).toBe(true);
    expect(errors.slice(since)).toEqual([]);
  });

  for (const guide of GUIDES) {
    it(`opens ${guide} from the navigation, with its diagrams drawn and no broken link`, async () => {
      await page.goto(pathToFileURL(LANDING).href);
      const since = errors.length;
      await Promise.all([page.waitForURL(`**/${guide}`), page.click(`header nav a[href="${guide}"]`)]);
      expect(await page.locator('main h1').count()).toBe(1);
      const links = await linksOn(page);
      expect(links.length).toBeGreaterThan(5);
      expect(brokenLinks(guide, links)).toEqual([]);
      const diagrams = await page.evaluate(() =>
        [...document.querySelectorAll('figure.diagram svg')].map((svg) => {
          const box = (svg as SVGSVGElement).getBBox();
          return { width: box.width, height: box.height, boxes: svg.querySelectorAll('rect').length };
        }),
      );
      for (const d of diagrams) {
        expect(d.width).toBeGreaterThan(100);
        expect(d.height).toBeGreaterThan(40);
        expect(d.boxes).toBeGreaterThan(0);
      }
      if (guide === 'guides/strategies.html') expect(diagrams.length).toBeGreaterThanOrEqual(5);
      expect(errorsOn(since, guide)).toEqual([]);
    });
  }

  it('opens the API docs of every package, whose links all resolve', async () => {
    await page.goto(pathToFileURL(LANDING).href);
    const since = errors.length;
    await Promise.all([
      page.waitForURL('**/api/index.html'),
      page.click('header nav a[href="api/index.html"]'),
    ]);
    expect(await page.title()).toContain('pymm');
    for (const name of PACKAGES) {
      await page.goto(pathToFileURL(join(SITE, `api/modules/_pymm_${name}.html`)).href);
      expect(await page.locator('h1').first().textContent()).toContain(`@pymm/${name}`);
      const links = await linksOn(page);
      expect(brokenLinks(`api/modules/_pymm_${name}.html`, links)).toEqual([]);
    }
    const unexpected = errors.slice(since).filter((e) => !TYPEDOC_FILE_SPRITE.test(e.text));
    expect(unexpected).toEqual([]);
  });

  it('opens the report, which draws every chart with no console error and has a section per workload', async () => {
    await page.goto(pathToFileURL(LANDING).href);
    const since = errors.length;
    await Promise.all([
      page.waitForURL('**/report/index.html'),
      page.click('header nav a[href="report/index.html"]'),
    ]);
    await page.waitForFunction(
      () => {
        const charts = document.querySelectorAll('.chart');
        return charts.length > 0 && [...charts].every((c) => c.getAttribute('data-rendered') === 'true');
      },
      undefined,
      { timeout: 60_000 },
    );
    const sections = await page.evaluate(() =>
      [...document.querySelectorAll('section[id]')].map((s) => s.id),
    );
    // The lessons guide links to #<workload> in the report: every one must exist.
    for (const workload of WORKLOADS) expect(sections, workload.name).toContain(workload.name);
    expect(errors.slice(since)).toEqual([]);
  }, 90_000);

  it('loaded nothing from the network', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
  });
});
