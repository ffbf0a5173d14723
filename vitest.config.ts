import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    // Every run ends with the skipped tests, why, and the command that enables them
    // (vitest.skip-summary.ts). Under CI vitest also writes a JSON report, from which
    // .ci/run prints "N passed, M failed".
    reporters: process.env.CI
      ? ['default', './vitest.skip-summary.ts', ['json', { outputFile: '.ci/test-results.json' }]]
      : ['default', './vitest.skip-summary.ts'],
  },
});
