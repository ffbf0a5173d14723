/**
 * Every export of `@pymm/core` and of each of its subpath exports (`@pymm/core/gc`, `/heap`,
 * `/memory`, `/trace`, `/tracing`) documents itself with a runnable `@example`; every example in the
 * package's TSDoc and every TypeScript block of its README type-checks and runs, and a line
 * `expression; // literal` asserts its value (see `vitest.doc-examples.ts` at the repository root).
 */
import { describeDocExamples } from '../../../vitest.doc-examples.js';
import * as gc from './gc/index.js';
import * as heap from './heap/index.js';
import * as core from './index.js';
import * as memory from './memory/index.js';
import * as trace from './trace/index.js';
import * as tracing from './tracing/index.js';

describeDocExamples({
  testFile: import.meta.url,
  modules: {
    '@pymm/core': core,
    '@pymm/core/gc': gc,
    '@pymm/core/heap': heap,
    '@pymm/core/memory': memory,
    '@pymm/core/trace': trace,
    '@pymm/core/tracing': tracing,
  },
  minimumExamples: 150,
});
