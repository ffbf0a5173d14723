import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCompare } from '../commands/compare.js';
import { CHROMIUM, launchChromium } from '../testing/chromium.js';

describe("the report's heap-size sweep", () => {
  it('draws the trade-off and overhead charts per workload and marks the runs that ran out of memory', async ({
    skip,
  }) => {
    // Off CI a missing Chromium skips this test (the run ends saying how to install it); under CI it fails.
    skip(CHROMIUM === undefined && !process.env.CI, 'Chromium is not installed: apt-get install -y chromium');
    expect(CHROMIUM, 'chromium must be installed (apt-get install -y chromium)').toBeDefined();
    const out = mkdtempSync(join(tmpdir(), 'pymm-sweep-report-'));
    const workloads = ['reference-cycles', 'list-vs-generator'];
    const result = await runCompare({ workloads, scale: '0.01', jobs: '1', heapSizes: '1,1.5,3', out });
    expect(result.exitCode).toBe(0);
    const browser = await launchChromium(CHROMIUM);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      await page.waitForFunction(() => {
        const charts = document.querySelectorAll('.chart');
        return charts.length > 0 && [...charts].every((c) => c.getAttribute('data-rendered') === 'true');
      });
      const titles = await page.evaluate(() =>
        [...document.querySelectorAll('.chart')].map((c) => c.getAttribute('data-chart') ?? ''),
      );
      expect(Number(await page.evaluate(() => document.body.getAttribute('data-charts')))).toBe(
        titles.length,
      );
      for (const prefix of ['Time-space trade-off', 'Lower-bound overhead:']) {
        expect(titles.filter((t) => t.startsWith(prefix))).toHaveLength(workloads.length);
      }
      expect(titles.filter((t) => t.startsWith('Lower-bound overhead over all workloads'))).toHaveLength(1);
      const minimums = await page.evaluate(
        () =>
          [...document.querySelectorAll('table.sweep-minimums tr')].filter((r) => r.querySelector('td'))
            .length,
      );
      expect(minimums).toBe(workloads.length);
      const sizes = await page.evaluate(() =>
        [...document.querySelectorAll('.chart')].map((chart) => {
          const canvas = chart.querySelector('canvas');
          return canvas ? canvas.width * canvas.height : 0;
        }),
      );
      expect(sizes.every((area) => area > 0)).toBe(true);
      // One row per swept strategy and workload; mark-sweep runs out of memory on reference-cycles at 1×.
      const rows = await page.evaluate(() =>
        [...document.querySelectorAll('table.sweep tr')]
          .filter((r) => r.querySelector('td'))
          .map((r) => r.textContent ?? ''),
      );
      expect(rows).toHaveLength(workloads.length * 3);
      expect(rows.some((r) => r.startsWith('mark-sweep') && r.includes('MemoryError'))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
