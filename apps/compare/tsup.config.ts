import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base.ts';

/**
 * The `pymm` command: one ESM file with the workspace packages bundled in, and beside it the
 * snapshot dump module `pymm_snapshot.py` (copied from packages/snapshot/python; `pymm snapshot
 * module` prints its path).
 */
export default defineConfig({
  ...baseOptions,
  entry: ['src/cli.ts', 'src/run-worker.ts'],
  format: ['esm'],
  banner: { js: '#!/usr/bin/env node' },
  noExternal: [/^@pymm\//],
  publicDir: '../../packages/snapshot/python',
});
