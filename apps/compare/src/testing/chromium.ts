/**
 * Debian's Chromium as the project drives it, headless through Playwright:
 * the HTML report's test, the documentation site's test and the README's
 * screenshot all launch it here. Nothing here downloads a browser.
 *
 * @module
 */

import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run), or undefined when it is not installed. */
export const CHROMIUM: string | undefined = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
  existsSync(p),
);

/** The flags Chromium runs with: no sandbox, no GPU, no first-run page, no background network or updates. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
];

/** Launches headless Chromium from `executablePath` with {@link CHROMIUM_ARGS}. */
export function launchChromium(executablePath: string | undefined): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
}
