import { createRuntime } from '@pymm/core';
import { loadParser } from '@pymm/python';
import { beforeAll, describe, expect, it } from 'vitest';
import { pythonWorkload } from './python-workload.js';
import { runWorkload } from './run-workload.js';
import { STRATEGIES } from './test-support.js';
import { createContext } from './workload-context.js';

beforeAll(async () => {
  await loadParser();
});

/** Cycles with finalizers, a weak-value cache, files and a generator: what strategies disagree on. */
const SOURCE = `import gc
import sys
import weakref

args = dict(word.split("=") for word in sys.argv[1:])
scale = float(args["scale"])
rings = max(1, round(int(args["rings"]) * scale))

class Node:
    def __init__(self, name):
        self.name = name
        self.next = None
    def __del__(self):
        pass

# phase: rings
for i in range(rings):
    a = Node(i)
    b = Node(i)
    a.next = b
    b.next = a
del a, b

# phase: cache
cache = weakref.WeakValueDictionary()
kept = [Node(i) for i in range(50)]
for node in kept:
    cache[node.name] = node
f = open("out.txt", "w")
f.write("x" * 100)

# phase: collect
gc.collect()
print(len(kept), len(args))
`;

const rings = pythonWorkload({
  name: 'rings',
  title: 'Rings',
  lesson: 'Two objects that point at each other are a cycle.',
  kind: 'program',
  parameters: [{ name: 'rings', description: 'Rings (scaled).', default: 400 }],
  source: SOURCE,
});

describe('pythonWorkload', () => {
  it('gives one fingerprint under every strategy, with the phases of its comments', () => {
    const runs = Object.values(STRATEGIES).map((factory) =>
      runWorkload(rings, createRuntime({ strategy: factory() }), { scale: 0.5, seed: 2 }),
    );
    expect(new Set(runs.map((r) => r.fingerprint)).size).toBe(1);
    for (const run of runs) expect(run.phases.map((p) => p.name)).toEqual(['rings', 'cache', 'collect']);
    const [first] = runs;
    expect(first.phases[0].operation).toBeLessThan(first.phases[1].operation);
  });

  it('gives a different fingerprint for different parameters', () => {
    const py = () => createRuntime({ strategy: STRATEGIES.refcount() });
    const small = runWorkload(rings, py(), { scale: 0.5 });
    const large = runWorkload(rings, py(), { scale: 0.5, params: { rings: 410 } });
    expect(small.fingerprint).not.toBe(large.fingerprint);
  });

  it('passes scale, seed and parameters as sys.argv words', () => {
    const echo = pythonWorkload({
      name: 'echo',
      title: 'Echo',
      lesson: 'Prints its arguments.',
      kind: 'program',
      parameters: [{ name: 'n', description: 'A count.', default: 5 }],
      source: 'import sys\nprint(sys.argv)\n',
    });
    const run = echo.runProgram(createRuntime(), createContext({ scale: 2, seed: 9, params: { n: 3 } }));
    expect(run.stdout).toBe("['echo.py', 'scale=2', 'seed=9', 'n=3']\n");
  });

  it('fails with the traceback when the program fails, and rejects unknown parameters', () => {
    const failing = pythonWorkload({
      name: 'failing',
      title: 'Failing',
      lesson: 'Raises.',
      kind: 'program',
      parameters: [],
      source: 'x = 1\nraise ValueError("bad input")\n',
    });
    expect(() => runWorkload(failing, createRuntime())).toThrow(
      /failing\.py: the program exited with code 1\n(.|\n)*line 2(.|\n)*ValueError: bad input/,
    );
    expect(() => runWorkload(rings, createRuntime(), { params: { ring: 1 } })).toThrow(
      /unknown parameter 'ring'/,
    );
  });

  it('records the attribution when asked', () => {
    const run = rings.runProgram(
      createRuntime({ strategy: STRATEGIES.refcount() }),
      createContext({ scale: 0.5 }),
      {
        attribution: true,
      },
    );
    const attribution = run.attribution!;
    expect(attribution.filename).toBe('rings.py');
    const lineOf = (text: string) => SOURCE.split('\n').indexOf(text) + 1;
    const opening = lineOf('f = open("out.txt", "w")');
    expect(attribution.filesLeftOpen).toEqual([{ line: opening, name: 'out.txt', how: 'dealloc' }]);
    // Each ring allocates a Node and its instance dict on each of two lines.
    const making = attribution.allocations.find((a) => a.line === lineOf('    a = Node(i)'))!;
    expect(making.count).toBeGreaterThanOrEqual(200);
  });
});
