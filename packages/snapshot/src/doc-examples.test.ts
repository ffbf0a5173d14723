/**
 * Every export of `@pymm/snapshot` documents itself with a runnable `@example` (see
 * `vitest.doc-examples.ts` at the repository root).
 */

import * as core from '@pymm/core';
import * as refcount from '@pymm/refcount';
import { describeDocExamples } from '../../../vitest.doc-examples.js';
import * as snapshot from './index.js';

describeDocExamples({
  testFile: import.meta.url,
  modules: { '@pymm/snapshot': snapshot, '@pymm/core': core, '@pymm/refcount': refcount },
  minimumExamples: 8,
});
