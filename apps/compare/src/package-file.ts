/**
 * Where a file of a third-party package is at run time. The installable command, `@pymm/cli`
 * (packages/cli), is one self-contained build: its dependencies are bundled, not installed, and the
 * files they read (ECharts' script, the WebAssembly of tree-sitter) are copied beside it. Run from
 * this repository (from source, or from `apps/compare/dist`), the file is found in the installed
 * package.
 *
 * @module
 */

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The path of `specifier` (`'echarts/dist/echarts.min.js'`): the copy of the same name beside this
 * module when there is one, else the file in the package that `node_modules` holds.
 */
export function packageFile(specifier: string): string {
  const beside = fileURLToPath(new URL(`./${basename(specifier)}`, import.meta.url));
  return existsSync(beside) ? beside : createRequire(import.meta.url).resolve(specifier);
}
