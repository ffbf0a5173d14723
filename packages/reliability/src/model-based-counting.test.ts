/**
 * Issue 11, model-based test (1/2): the strategies that keep reference counts,
 * and the baseline. See `testing/model-based-suite.ts`.
 */

import { CONFIGURATIONS, traces } from '@pymm/testkit';
import { describe } from 'vitest';
import { modelBasedTests } from './testing/model-based-suite.js';

describe('model-based: nogc, refcount and generational against the reference model', () => {
  modelBasedTests(CONFIGURATIONS.filter((c) => !traces(c)));
});
