/**
 * Every export of `@pymm/python` documents itself with a runnable `@example`; every example in the
 * package's TSDoc (internal modules included, imported by their relative path) and every TypeScript
 * block of its README type-checks and runs (see `vitest.doc-examples.ts` at the repository root).
 */
import * as generational from '@pymm/generational';
import * as refcount from '@pymm/refcount';
import { describeDocExamples } from '../../../vitest.doc-examples.js';
import * as convertContext from './convert-context.js';
import * as cpythonAstJson from './cpython-ast-json.js';
import * as python from './index.js';
import * as literals from './literals.js';
import * as python3 from './python3.js';
import * as sourcePositions from './source-positions.js';
import * as syntaxError from './syntax-error.js';

describeDocExamples({
  testFile: import.meta.url,
  modules: {
    '@pymm/python': python,
    '@pymm/generational': generational,
    '@pymm/refcount': refcount,
    './convert-context.js': convertContext,
    './cpython-ast-json.js': cpythonAstJson,
    './literals.js': literals,
    './python3.js': python3,
    './source-positions.js': sourcePositions,
    './syntax-error.js': syntaxError,
  },
  minimumExamples: 12,
});
