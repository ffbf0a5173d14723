/**
 * Issue 11, model-based test (2/2): mark-sweep in each profile. See
 * `testing/model-based-suite.ts`.
 */

import { CONFIGURATIONS, traces } from '@pymm/testkit';
import { describe } from 'vitest';
import { modelBasedTests } from './testing/model-based-suite.js';

describe('model-based: mark-sweep against the reference model', () => {
  modelBasedTests(CONFIGURATIONS.filter((c) => traces(c)));
});
