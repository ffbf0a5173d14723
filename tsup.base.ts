import type { Options } from 'tsup';

/** What every build shares: code for Node 20 with source maps, in a `dist/` emptied first. */
export const baseOptions = {
  target: 'node20',
  sourcemap: true,
  clean: true,
} satisfies Options;

/**
 * The build of a published package (`packages/*`): its `src/index.ts` as ESM and CommonJS,
 * each with its declarations. A package's `tsup.config.ts` is `defineConfig(packageOptions)`.
 */
export const packageOptions = {
  ...baseOptions,
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
} satisfies Options;
