/**
 * The playground in the site: builds `apps/playground` with its Vite configuration (one
 * self-contained `index.html`) and copies it to `docs/playground/index.html`, which the landing
 * page links.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Builds the playground and copies it into `siteDir/playground/`; returns problems, if any. */
export function copyPlayground(root: string, siteDir: string): string[] {
  const app = join(root, 'apps/playground');
  // Vite's command, found through its package.json (its exports do not list the bin file).
  const vite = join(
    dirname(createRequire(join(app, 'package.json')).resolve('vite/package.json')),
    'bin/vite.js',
  );
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: app,
    encoding: 'utf8',
  });
  const page = join(app, 'dist/index.html');
  if (built.status !== 0 || !existsSync(page)) {
    return [
      `apps/playground: vite build failed (exit ${built.status}): ${`${built.stderr}${built.stdout}`.trim().slice(0, 2000)}`,
    ];
  }
  mkdirSync(join(siteDir, 'playground'), { recursive: true });
  copyFileSync(page, join(siteDir, 'playground/index.html'));
  return [];
}
