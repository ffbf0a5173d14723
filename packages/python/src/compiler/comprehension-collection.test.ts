import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { skipWithoutCPython } from '../python3.js';
import { cpythonOf, cpythonOutput, pymmOutput, VERSIONS } from '../runtime/version-oracle.js';

beforeAll(async () => {
  await loadParser();
});

/**
 * A collection that an allocation scheduled (3.12+) runs at the comprehension's next back edge
 * (`JUMP_BACKWARD` checks the eval breaker), not after the whole comprehension: the tuples built
 * after it stay tracked.
 */
const SOURCE = `import gc
runs = []
gc.callbacks.append(lambda phase, info: runs.append(info['generation']) if phase == 'start' else None)
gc.collect()
runs.clear()
records = [(i, f'user{i}', i * 1.5) for i in range(1000)]
print('automatic collections:', len(runs), 'tracked:', sum(1 for r in records if gc.is_tracked(r)))
`;

for (const version of VERSIONS) {
  const python = cpythonOf(version);
  describe.skipIf(skipWithoutCPython(python))(
    `comprehensions reach the eval breaker as CPython ${version}`,
    () => {
      it('an automatic collection in the middle of a comprehension', () => {
        expect(pymmOutput(SOURCE, version)).toBe(cpythonOutput(SOURCE, python!));
      });
    },
  );
}
