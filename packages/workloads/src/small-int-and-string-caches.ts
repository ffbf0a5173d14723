/**
 * Values that are shared singletons (small ints, one-character and interned
 * strings) versus values that are new objects every time.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const VALUES: WorkloadParameter = {
  name: 'values',
  description: 'Values put in the list of each phase (scaled).',
  default: 40_000,
};
const DISTINCT: WorkloadParameter = {
  name: 'distinct',
  description: 'Distinct texts among the strings of the strings and interned-strings phases.',
  default: 26,
};

/**
 * `small-int-and-string-caches`: five lists of the same length are built and
 * dropped: small ints (`i % 257`), large ints (`1000 + i`), one-character
 * strings, run-time built strings from a few distinct texts, and the same
 * strings passed through `sys.intern`. The cached values cost only the
 * list's 8-byte slots; the others cost a new object per item, even when the
 * texts repeat, unless they are interned.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { runWorkload, smallIntAndStringCaches } from '@pymm/workloads';
 * const py = createRuntime({ strategy: refcount() });
 * const created: Record<string, number> = {};
 * let phase = '';
 * py.on('allocate', (event) => {
 *   if (event.type !== 'list') created[phase] = (created[phase] ?? 0) + 1;
 * });
 * runWorkload(smallIntAndStringCaches, py, { scale: 0.01, onPhase: (name) => (phase = name) });
 * created; // { 'large-ints': 400, strings: 400, 'interned-strings': 26 }
 * ```
 */
export const smallIntAndStringCaches: Workload = {
  name: 'small-int-and-string-caches',
  title: 'Small-int and string caches',
  lesson:
    'CPython creates the ints from -5 to 256, the empty string and the one-character Latin-1 strings once and shares them, so a list of them costs only its 8-byte slots, while every other int and every string built at run time is a new object, even when an equal one exists. ' +
    'sys.intern() makes equal strings share one object, which is how identifiers and dict keys avoid the duplicates.',
  python: `small = [i % 257 for i in range(n)]            # phase: small-ints (cached)
del small
large = [1000 + i for i in range(n)]          # phase: large-ints (a new int each)
del large
chars = [chr(97 + i % 26) for i in range(n)]  # phase: one-character-strings (cached)
del chars
words = [f"w{i % distinct}" for i in range(n)]              # phase: strings (new each time)
del words
names = [sys.intern(f"w{i % distinct}") for i in range(n)]  # phase: interned-strings
del names`,
  kind: 'lesson',
  parameters: [VALUES, DISTINCT],
  run(py: Runtime, context: WorkloadContext): void {
    const n = scaledCount(context, parameterValue(context, VALUES));
    const distinct = Math.max(1, parameterValue(context, DISTINCT));
    const v = py.locals;
    const build = (phase: string, name: string, make: (i: number) => number) => {
      context.phase(phase);
      v[name] = py.list();
      py.at(phase, () => {
        for (let i = 0; i < n; i++) py.append(v[name], make(i));
      });
      py.del(name);
    };

    build('small-ints', 'small', (i) => py.int(i % 257));
    build('large-ints', 'large', (i) => py.int(1000 + i));
    build('one-character-strings', 'chars', (i) => py.str(String.fromCharCode(97 + (i % 26))));
    build('strings', 'words', (i) => py.str(`w${i % distinct}`));
    build('interned-strings', 'names', (i) => py.str(`w${i % distinct}`, { intern: true }));
  },
};
