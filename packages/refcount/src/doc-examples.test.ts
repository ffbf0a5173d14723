/**
 * Every export of `@pymm/refcount` documents itself with a runnable `@example`; every example in
 * the package's TSDoc (internal modules included, imported by their relative path) and every
 * TypeScript block of its README type-checks and runs, a line `expression; // literal` asserts its
 * value, and a README block that prints is followed by what it prints (see
 * `vitest.doc-examples.ts` at the repository root).
 */
import * as core from '@pymm/core';
import * as generational from '@pymm/generational';
import { describeDocExamples } from '../../../vitest.doc-examples.js';
import * as refcount from './index.js';
import * as leakGroups from './leak-groups.js';
import * as referenceLabels from './reference-labels.js';
import * as stronglyConnectedComponents from './strongly-connected-components.js';

describeDocExamples({
  testFile: import.meta.url,
  modules: {
    '@pymm/core': core,
    '@pymm/generational': generational,
    '@pymm/refcount': refcount,
    './leak-groups.js': leakGroups,
    './reference-labels.js': referenceLabels,
    './strongly-connected-components.js': stronglyConnectedComponents,
  },
  minimumExamples: 25,
});
