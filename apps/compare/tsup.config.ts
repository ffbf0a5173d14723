import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base.ts';

/**
 * The `pymm` command: one ESM file with the workspace packages bundled in, the two worker entries
 * it starts beside it (`run-worker.js` for `pymm run`, `comparison-worker.js` for `pymm compare
 * --jobs N`; each is found as `new URL('./NAME.js', import.meta.url)`), and the snapshot dump module
 * `pymm_snapshot.py` (copied from packages/snapshot/python; `pymm snapshot module` prints its path).
 * The third-party packages stay external, resolved from this workspace's `node_modules`; the
 * installable command, `@pymm/cli` (packages/cli), bundles them too.
 */
export default defineConfig({
  ...baseOptions,
  entry: {
    cli: 'src/cli.ts',
    'run-worker': 'src/run-worker.ts',
    'comparison-worker': 'src/comparison/comparison-worker.ts',
  },
  format: ['esm'],
  banner: { js: '#!/usr/bin/env node' },
  noExternal: [/^@pymm\//],
  publicDir: '../../packages/snapshot/python',
});
