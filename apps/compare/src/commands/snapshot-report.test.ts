import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runPython } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../testing/chromium.js';
import { dumpModulePath, runSnapshotAnalyze } from './snapshot.js';

const knownStructures = new URL('../../../../packages/snapshot/testing/known-structures.py', import.meta.url)
  .pathname;

describe('the snapshot report', () => {
  it('opens offline in Chromium with its tables and the root chain drawn as SVG', async ({ skip }) => {
    // Off CI a missing Chromium skips this test (the run ends saying how to install it); under CI it fails.
    skip(CHROMIUM === undefined && !process.env.CI, 'Chromium is not installed: apt-get install -y chromium');
    expect(CHROMIUM, 'chromium must be installed (apt-get install -y chromium)').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'pymm-snapshot-report-'));
    const file = join(dir, 'heap.pymmsnap');
    const lines = runPython([knownStructures, dirname(dumpModulePath()), file], { version: '3.13' })
      .trim()
      .split('\n');
    const measured = JSON.parse(lines[lines.length - 1]) as { collected: number; rows: string };
    const out = join(dir, 'report');
    const result = await runSnapshotAnalyze({ file, out, why: measured.rows, strategies: true });
    expect(result.exitCode).toBe(0);
    const html = join(out, 'snapshot.html');
    expect(existsSync(html)).toBe(true);
    expect(readFileSync(html, 'utf8')).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
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
      await page.goto(pathToFileURL(html).href);
      const seen = await page.evaluate(() => ({
        garbage: Number(document.body.getAttribute('data-garbage')),
        clusters: document.querySelectorAll('#garbage tbody tr').length,
        clusterText: document.querySelector('#garbage tbody tr')?.textContent ?? '',
        topObjects: document.querySelectorAll('#top-objects tbody tr').length,
        byType: document.querySelectorAll('#by-type tbody tr').length,
        generations: document.querySelectorAll('#generations tbody tr').length,
        strategies: [...document.querySelectorAll('#strategies tbody tr')].map(
          (r) => r.children[2]?.textContent,
        ),
        nodes: document.querySelectorAll('#why svg g.node').length,
        edges: [...document.querySelectorAll('#why svg g.edge text')].map((t) => t.textContent),
        svgArea: (() => {
          const box = document.querySelector('#why svg')?.getBoundingClientRect();
          return box ? box.width * box.height : 0;
        })(),
      }));
      expect(seen.garbage).toBe(measured.collected);
      expect(seen.clusters).toBe(1);
      expect(seen.clusterText).toContain('2 __main__.Leak (__del__)');
      expect(seen.topObjects).toBe(20);
      expect(seen.byType).toBeGreaterThan(5);
      expect(seen.generations).toBe(3);
      expect(seen.strategies).toEqual([
        String(measured.collected),
        String(measured.collected),
        String(measured.collected),
      ]);
      // The root label, then every object of the chain, ending at the rows list.
      expect(seen.nodes).toBeGreaterThanOrEqual(4);
      expect(seen.edges).toContain("['rows']");
      expect(seen.edges).toContain("['cache']");
      expect(seen.svgArea).toBeGreaterThan(10_000);
      expect(errors).toEqual([]);
      expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
