import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base.ts';

/**
 * `@pymm/cli`: the `pymm` command of apps/compare, built to install with nothing else. Everything
 * it imports is bundled (the workspace packages, which are not on the registry, and the third-party
 * ones), so the tarball declares no dependencies and `npm i -g` needs no registry. The files read at
 * run time are copied beside the build, where the report (`echartsSource` in
 * apps/compare/src/report/html-report.ts) and `@pymm/python`'s parser loader look first: ECharts'
 * script, inlined into every report, and the WebAssembly of web-tree-sitter and of the grammar.
 * The snapshot dump module `pymm_snapshot.py` goes there too (`pymm snapshot module` prints its
 * path), and the licences of the bundled third-party code into `dist/licenses/`. No source maps:
 * they would double the size.
 */
// Each file is resolved from the package that depends on it (apps/compare, packages/python), so
// that it is the copy whose code the bundle holds.
const compare = '../../apps/compare/';
const fromCompare = createRequire(join(import.meta.dirname, compare, 'package.json')).resolve;
const fromPython = createRequire(join(import.meta.dirname, '../../packages/python/package.json')).resolve;

/** Files read at run time, copied into `dist/` under their own names. */
const RUN_TIME_FILES = [
  fromCompare('echarts/dist/echarts.min.js'),
  fromPython('web-tree-sitter/web-tree-sitter.wasm'),
  fromPython('tree-sitter-python/tree-sitter-python.wasm'),
  join(import.meta.dirname, '../../packages/snapshot/python/pymm_snapshot.py'),
];

/** The licence texts of the bundled third-party packages, as `dist/licenses/NAME-FILE`. */
const LICENSES: readonly [string, string][] = [
  ['echarts', join(dirname(fromCompare('echarts/package.json')), 'LICENSE')],
  ['echarts', join(dirname(fromCompare('echarts/package.json')), 'NOTICE')],
  ['web-tree-sitter', join(dirname(RUN_TIME_FILES[1]), 'LICENSE')],
  ['tree-sitter-python', join(dirname(RUN_TIME_FILES[2]), 'LICENSE')],
];

export default defineConfig({
  ...baseOptions,
  sourcemap: false,
  entry: {
    cli: `${compare}src/cli.ts`,
    'run-worker': `${compare}src/run-worker.ts`,
    'comparison-worker': `${compare}src/comparison/comparison-worker.ts`,
  },
  format: ['esm'],
  banner: { js: '#!/usr/bin/env node' },
  noExternal: [/./],
  async onSuccess() {
    for (const file of RUN_TIME_FILES) copyFileSync(file, join('dist', basename(file)));
    mkdirSync('dist/licenses', { recursive: true });
    for (const [name, file] of LICENSES)
      copyFileSync(file, join('dist/licenses', `${name}-${basename(file)}`));
  },
});
