/**
 * Time per step in the built playground, in Chromium: a 200-line program holding about 10,000
 * objects, stepped back ten times from its end (each step re-runs the program to there, inspects
 * the heap, lays it out and draws it). The figure is printed and kept in BENCHMARKS.md
 * ("Playground"); run it with `pnpm exec vitest run apps/playground/src/step-timing.test.ts`.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../../compare/src/testing/chromium.js';
import { clickTo, ensureBuilt, openPlayground } from './testing/built-page.js';
import { largeProgram } from './testing/large-program.js';
import { encodeView } from './ui/share.js';

const SKIP = CHROMIUM === undefined ? 'Chromium is not installed: apt-get install -y chromium' : undefined;
if (SKIP) console.warn(`step-timing.test.ts skipped: ${SKIP}`);

describe.skipIf(SKIP !== undefined)('time per step', () => {
  let browser: Browser;

  beforeAll(async () => {
    ensureBuilt();
    browser = await launchChromium(CHROMIUM);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('steps through a 200-line program with 10,000 objects, timing each step', async () => {
    const source = largeProgram();
    expect(source.split('\n').length - 1).toBe(200);
    const hash = encodeView({
      source,
      version: '3.11',
      panes: [{ strategy: 'generational', profile: 'cpython-3.11' }],
      step: 1,
    });
    const { page, errors, network } = await openPlayground(browser, hash);
    const last = await page.evaluate(() =>
      Number(/of (\d+)/.exec(document.getElementById('step-label')?.textContent ?? '')?.[1]),
    );
    await clickTo(page, '#step-last', last);
    const objects = await page.evaluate(() => document.querySelectorAll('.pane g.node').length);
    const wall: number[] = [];
    const worker: number[] = [];
    const draw: number[] = [];
    for (let k = 1; k <= 10; k++) {
      const started = performance.now();
      await clickTo(page, '#step-back', last - k);
      wall.push(performance.now() - started);
      worker.push(await page.evaluate(() => Number(document.body.dataset.stepMs)));
      draw.push(await page.evaluate(() => Number(document.body.dataset.drawMs)));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    console.log(
      `playground step timing: ${last} steps; median ${median(wall).toFixed(0)} ms a step ` +
        `(worker ${median(worker).toFixed(0)} ms, slowest ${Math.max(...worker).toFixed(0)} ms: re-run, inspection, grouping; ` +
        `page ${median(draw).toFixed(0)} ms: layout and drawing), ${objects} boxes drawn`,
    );
    expect(errors).toEqual([]);
    expect(network).toEqual([]);
    // The target is 100 ms, not met (see BENCHMARKS.md); the bound catches a step that hangs or
    // slows by an order of magnitude (as one did while a group's arrows were not merged).
    expect(median(wall)).toBeLessThan(5_000);
  }, 120_000);
});
