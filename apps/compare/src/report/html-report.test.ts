import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCompare } from '../commands/compare.js';
import { CHROMIUM, launchChromium } from '../testing/chromium.js';

describe('the HTML report', () => {
  it('renders every chart offline from disk with no console errors', async ({ skip }) => {
    // Off CI a missing Chromium skips this test (the run ends saying how to install it); under CI it fails.
    skip(CHROMIUM === undefined && !process.env.CI, 'Chromium is not installed: apt-get install -y chromium');
    expect(CHROMIUM, 'chromium must be installed (apt-get install -y chromium)').toBeDefined();
    const out = mkdtempSync(join(tmpdir(), 'pymm-report-'));
    const result = await runCompare({
      workloads: ['reference-cycles', 'list-vs-generator'],
      scale: '0.02',
      jobs: '1',
      out,
    });
    expect(result.exitCode).toBe(0);
    const browser = await launchChromium(CHROMIUM);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      await page.waitForFunction(() => {
        const charts = document.querySelectorAll('.chart');
        return charts.length > 0 && [...charts].every((c) => c.getAttribute('data-rendered') === 'true');
      });
      const count = await page.evaluate(() => document.querySelectorAll('.chart').length);
      const expected = Number(await page.evaluate(() => document.body.getAttribute('data-charts')));
      expect(count).toBe(expected);
      expect(count).toBeGreaterThanOrEqual(2 + 2 * 3);
      // Each chart drew onto a canvas of real size (ECharts' main layer is the first canvas).
      const sizes = await page.evaluate(() =>
        [...document.querySelectorAll('.chart')].map((chart) => {
          const canvas = chart.querySelector('canvas');
          return canvas ? canvas.width * canvas.height : 0;
        }),
      );
      expect(sizes).toHaveLength(count);
      expect(sizes.every((area) => area > 0)).toBe(true);
      const verdicts = await page.evaluate(() =>
        [...document.querySelectorAll('.verdict')].map((v) => v.textContent ?? ''),
      );
      expect(verdicts).toHaveLength(2);
      expect(verdicts.every((v) => v.length > 40)).toBe(true);
      expect(errors).toEqual([]);
      expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
