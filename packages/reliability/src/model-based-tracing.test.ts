/**
 * Issue 11, model-based test (2/2): mark-sweep in each profile. See
 * `testing/model-based-suite.ts`.
 */
import { describe } from 'vitest';
import { CONFIGURATIONS } from './testing/configurations.js';
import { modelBasedTests } from './testing/model-based-suite.js';

describe('model-based: mark-sweep against the reference model', () => {
  modelBasedTests(CONFIGURATIONS.filter((c) => traces(c)));
});
