/**
 * Every export of `@pymm/workloads` documents itself with a runnable `@example`; every example in
 * the package's TSDoc and every TypeScript block of its README type-checks and runs, a line
 * `expression; // literal` asserts its value, and a README block that prints is followed by what
 * it prints (see `vitest.doc-examples.ts` at the repository root).
 */
import * as core from '@pymm/core';
import * as generational from '@pymm/generational';
import * as markSweep from '@pymm/mark-sweep';
import * as python from '@pymm/python';
import * as refcount from '@pymm/refcount';
import { describeDocExamples } from '../../../vitest.doc-examples.js';
import * as workloads from './index.js';

describeDocExamples({
  testFile: import.meta.url,
  modules: {
    '@pymm/core': core,
    '@pymm/generational': generational,
    '@pymm/mark-sweep': markSweep,
    '@pymm/python': python,
    '@pymm/refcount': refcount,
    '@pymm/workloads': workloads,
  },
  minimumExamples: 30,
});
