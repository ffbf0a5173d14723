/**
 * The built playground in Debian's Chromium, opened from disk: the Node cycle typed in and stepped
 * through on refcount and on CPython's collector, its phases, a share link, and the page's
 * manners (no console errors, no network). Writes the screenshot the README and the docs show.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../../compare/src/testing/chromium.js';
import { APP, clickTo, ensureBuilt, type OpenedPage, openPlayground, settled } from './testing/built-page.js';

const SKIP = CHROMIUM === undefined ? 'Chromium is not installed: apt-get install -y chromium' : undefined;
if (SKIP) console.warn(`playground-page.test.ts skipped: ${SKIP}`);

const NODE_CYCLE = `class Node:
    pass
node1 = Node()
node2 = Node()
node1.ref = node2
node2.ref = node1
del node1, node2
import gc
print(gc.collect())
`;

/** The Node objects of pane `pane`: [refcount, state, annotation] each. */
function nodesOf(page: Page, pane: number): Promise<(string | undefined)[][]> {
  return page.evaluate(
    (index) =>
      [...document.querySelectorAll(`.pane[data-index="${index}"] g.node[data-type="Node"]`)].map((g) => {
        const data = (g as SVGGElement).dataset;
        return [data.refcount, data.state, data.annotation];
      }),
    pane,
  );
}

describe.skipIf(SKIP !== undefined)('the playground in Chromium', () => {
  let browser: Browser;
  let opened: OpenedPage;

  beforeAll(async () => {
    ensureBuilt();
    browser = await launchChromium(CHROMIUM);
    opened = await openPlayground(browser);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('runs the Node cycle typed into the editor, on refcount and generational', async () => {
    const { page } = opened;
    const runs = await page.evaluate(() => Number(document.body.dataset.runs));
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(NODE_CYCLE);
    await page.waitForFunction((before) => Number(document.body.dataset.runs) > before, runs, {
      timeout: 30_000,
    });
    await settled(page, 1);
    expect(await page.textContent('#step-label')).toBe('step 1 of 10: line 1');
    expect(
      await page.$$eval('.pane header select[name="strategy"]', (s) =>
        s.map((e) => (e as HTMLSelectElement).value),
      ),
    ).toEqual(['refcount', 'generational']);
  }, 60_000);

  it('shows reference count 2 on both Nodes after the cycle is made, and 1 after del (unreachable)', async () => {
    const { page } = opened;
    for (let step = 2; step <= 7; step++) await clickTo(page, '#step-forward', step);
    expect(await page.textContent('#step-label')).toBe('step 7 of 10: line 7');
    expect(await nodesOf(page, 0)).toEqual([
      ['2', 'live', undefined],
      ['2', 'live', undefined],
    ]);
    await clickTo(page, '#step-forward', 8);
    expect(await nodesOf(page, 0)).toEqual([
      ['1', 'unreachable', undefined],
      ['1', 'unreachable', undefined],
    ]);
    await page.screenshot({ path: join(APP, '../../docs/images/playground.png') });
  }, 60_000);

  it('frees them in gc.collect() on generational: gc_refs reach 0 in subtract_refs, and the console says 2', async () => {
    const { page } = opened;
    await clickTo(page, '#step-last', 10);
    // Freed in the statement before: drawn faded, where they were.
    expect(await nodesOf(page, 1)).toEqual([
      ['1', 'freed', undefined],
      ['1', 'freed', undefined],
    ]);
    // Still leaked on refcount.
    expect((await nodesOf(page, 0)).map((n) => n[1])).toEqual(['unreachable', 'unreachable']);
    await page.click('.pane[data-index="1"] .phase-button[data-phase="update_refs"]');
    await page.waitForFunction(
      () => document.querySelectorAll('.pane[data-index="1"] g[data-annotation]').length > 0,
    );
    expect((await nodesOf(page, 1)).map((n) => n[2])).toEqual(['gc_refs 1', 'gc_refs 1']);
    await page.click('.pane[data-index="1"] .phase-button[data-phase="subtract_refs"]');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.pane[data-index="1"] g[data-type="Node"]')].every(
        (g) => (g as SVGGElement).dataset.annotation === 'gc_refs 0',
      ),
    );
    expect((await nodesOf(page, 1)).map((n) => n[2])).toEqual(['gc_refs 0', 'gc_refs 0']);
    const console = await page.textContent('#console');
    expect(console).toContain('── generational cpython-3.11 ──\n2\n');
    expect(console).toContain('── refcount ──\n0\n');
  }, 60_000);

  it('steps back by re-running, and a share link restores the same view', async () => {
    const { page } = opened;
    await clickTo(page, '#step-back', 9);
    await clickTo(page, '#step-back', 8);
    const here = await nodesOf(page, 0);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#p=/);
    const again = await openPlayground(browser, hash);
    try {
      expect(await again.page.textContent('#step-label')).toBe(await page.textContent('#step-label'));
      expect(await nodesOf(again.page, 0)).toEqual(here);
      expect(await again.page.evaluate(() => document.querySelector('.cm-content')?.textContent)).toBe(
        await page.evaluate(() => document.querySelector('.cm-content')?.textContent),
      );
      expect([again.errors, again.network]).toEqual([[], []]);
    } finally {
      await again.page.close();
    }
  }, 60_000);

  it('made no network request and logged no error', () => {
    expect(opened.network).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});
