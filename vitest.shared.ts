import { defineConfig } from 'vitest/config';

/** Shared vitest settings: resolve workspace packages from source, so tests run without a build. */
export default defineConfig({
  resolve: { conditions: ['@pymm/source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['@pymm/source', 'module', 'node', 'development|production'] } },
});
