/**
 * The examples menu: short programs that each show one thing about Python's memory, with the panes
 * that show it best.
 *
 * @module
 */

import { PYTHON_WORKLOADS } from '@pymm/workloads';
import type { PaneConfig } from './engine/session.js';

/** One example. */
export interface Example {
  readonly name: string;
  readonly source: string;
  readonly panes: readonly PaneConfig[];
}

const REFCOUNT: PaneConfig = { strategy: 'refcount' };
const GENERATIONAL: PaneConfig = { strategy: 'generational', profile: 'cpython-3.11' };
const MARK_SWEEP: PaneConfig = { strategy: 'mark-sweep', profile: 'incremental' };

/**
 * The `sys.argv` words each workload program gets in the playground: small enough to step through
 * under the step limit (gc-traversal's nested lists are not scaled, so they get fewer levels).
 */
const WORKLOAD_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  'gc-traversal': ['scale=0.01', 'levels=40'],
};

/**
 * A workload program as an example: the program as it is, after two lines that set the `sys.argv`
 * it reads its parameters from (what `python3 NAME.py scale=0.01` would give it).
 */
function workloadExample(name: string, source: string): Example {
  const words = WORKLOAD_ARGUMENTS[name] ?? ['scale=0.01'];
  const argv = `import sys\nsys.argv[1:] = ${JSON.stringify(words).replaceAll(',', ', ')}  # the workload, small\n`;
  return { name: `Workload: ${name}`, panes: [REFCOUNT, GENERATIONAL], source: argv + source };
}

/** The examples, the Node cycle first (the page opens on it), then the comparison's workload programs. */
export const EXAMPLES: readonly Example[] = [
  {
    name: 'Node cycle',
    panes: [REFCOUNT, GENERATIONAL],
    source: `class Node:
    pass

node1 = Node()
node2 = Node()
node1.ref = node2
node2.ref = node1
del node1, node2
import gc
print(gc.collect())
`,
  },
  {
    name: 'List versus generator',
    panes: [GENERATIONAL],
    source: `import sys

squares = [n * n for n in range(50)]
print(sum(squares), sys.getsizeof(squares))
del squares

lazy = (n * n for n in range(50))
print(sum(lazy), sys.getsizeof(lazy) < 300)
`,
  },
  {
    name: 'with open',
    panes: [REFCOUNT, MARK_SWEEP],
    source: `with open('notes.txt', 'w') as f:
    f.write('one\\ntwo\\n')
print(f.closed)

with open('notes.txt') as f:
    lines = f.read().splitlines()
print(lines)
`,
  },
  {
    name: 'Small-int cache',
    panes: [REFCOUNT],
    source: `a = 256
b = 256
print(a is b)
c = int('257')
d = int('257')
print(c is d, c == d)
`,
  },
  {
    name: 'Views versus copies',
    panes: [REFCOUNT],
    source: `data = bytearray(b'abcdefgh')
view = memoryview(data)[2:5]
copy = bytes(data[2:5])
data[2] = ord('X')
print(bytes(view), copy)
view.release()
`,
  },
  {
    name: 'Weak-value cache',
    panes: [REFCOUNT, GENERATIONAL],
    source: `import weakref

class Image:
    def __init__(self, name):
        self.name = name

cache = weakref.WeakValueDictionary()
logo = Image('logo')
cache['logo'] = logo
print('logo' in cache)
del logo
print('logo' in cache)
`,
  },
  ...PYTHON_WORKLOADS.map((w) => workloadExample(w.name, w.python)),
];
