/**
 * The built playground for the browser tests: `dist/index.html`, built with Vite first when it is
 * missing (`pnpm build` builds it), opened from disk in Debian's Chromium with every request that
 * is not for a file refused and recorded, and every console error recorded.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

/** `apps/playground`. */
export const APP = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built page. */
export const PAGE = join(APP, 'dist/index.html');

/** Builds the page when it is not built. */
export function ensureBuilt(): void {
  if (existsSync(PAGE)) return;
  // Vite's command, found through its package.json (its exports do not list the bin file).
  const vite = join(
    dirname(createRequire(join(APP, 'package.json')).resolve('vite/package.json')),
    'bin/vite.js',
  );
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: APP,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`vite build failed: ${built.stderr}${built.stdout}`);
}

/** A page of the playground and what it did that it should not have. */
export interface OpenedPage {
  readonly page: Page;
  /** Requests for anything but a file, a data: or a blob: URL (refused). */
  readonly network: string[];
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
}

/** Opens the playground (with `hash`, if given) and waits until it has shown its first step. */
export async function openPlayground(browser: Browser, hash = ''): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const network: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    network.push(url);
    return route.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${pathToFileURL(PAGE).href}${hash}`);
  await settled(page);
  return { page, network, errors };
}

/** Waits until the page has shown `step` (or any step) and is idle. */
export async function settled(page: Page, step?: number): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      document.body.dataset.busy === '0' &&
      (wanted === null || document.body.dataset.step === String(wanted)),
    step ?? null,
    { timeout: 30_000 },
  );
}

/** Clicks a control and waits for the step it leads to. */
export async function clickTo(page: Page, selector: string, step: number): Promise<void> {
  await page.click(selector);
  await settled(page, step);
}
