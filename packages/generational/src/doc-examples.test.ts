/**
 * Every export of `@pymm/generational` documents itself with a runnable `@example`; every example in
 * the package's TSDoc and every TypeScript block of its README type-checks and runs, and a line
 * `expression; // literal` asserts its value (see `vitest.doc-examples.ts` at the repository root).
 */
import * as core from '@pymm/core';
import { describeDocExamples } from '../../../vitest.doc-examples.js';
import * as generational from './index.js';

describeDocExamples({
  testFile: import.meta.url,
  modules: { '@pymm/core': core, '@pymm/generational': generational },
  minimumExamples: 20,
});
