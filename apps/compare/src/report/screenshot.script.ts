/**
 * Takes the README's screenshots of a report with Debian's Chromium:
 *   node --conditions=@pymm/source --import tsx apps/compare/src/report/screenshot.script.ts [REPORT] [PNG] [SECTION]
 * The program report's (docs/images/program-report.png) is of
 *   pnpm pymm compare examples/programs/log-and-cycles.py --out reports/program
 * with REPORT reports/program/index.html and SECTION log-and-cycles.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../testing/chromium.js';

const report = resolve(process.argv[2] ?? 'reports/latest/index.html');
const png = resolve(process.argv[3] ?? 'docs/images/report.png');
const section = process.argv[4] ?? 'files-context-manager';
const browser = await launchChromium('/usr/bin/chromium');
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1500 }, deviceScaleFactor: 1 });
  await page.goto(`${pathToFileURL(report).href}#${section}`);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.chart')].every((c) => c.getAttribute('data-rendered') === 'true'),
  );
  await page.screenshot({ path: png });
  console.log(`screenshot: ${png}`);
} finally {
  await browser.close();
}
