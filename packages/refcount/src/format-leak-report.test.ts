import { createRuntime, type Runtime } from '@pymm/core';
import { nodeExample } from '@pymm/testkit/node-cycle';
import { describe, expect, it } from 'vitest';
import { describeLeakGroup, formatLeakReport } from './format-leak-report.js';
import { leakReport } from './leak-report.js';
import { refcount } from './refcount-strategy.js';

function counting(): Runtime {
  return createRuntime({ strategy: refcount() });
}

describe('formatLeakReport', () => {
  it('prints the Node example: summary, the two nodes, the two ref references', () => {
    const py = counting();
    py.locals.kept = py.list();
    const [a, b] = nodeExample(py);
    expect(formatLeakReport(leakReport(py))).toBe(
      [
        `refcount, operation ${py.operation}: 2 objects (112 bytes) unreachable in 1 group (1 cycle); ` +
          '1 of 3 objects reachable from roots',
        '',
        'group 1: cycle of 2 objects, 112 bytes',
        `  cycle    Node #${a}  56 bytes`,
        `  cycle    Node #${b}  56 bytes`,
        `  Node #${a} --ref--> Node #${b}`,
        `  Node #${b} --ref--> Node #${a}`,
      ].join('\n'),
    );
  });

  it('says so when nothing leaked', () => {
    const py = counting();
    expect(formatLeakReport(leakReport(py))).toBe(
      'refcount, operation 0: nothing leaked (0 objects, all reachable from roots)',
    );
  });

  it('shows roles, hanging objects, who keeps a group, and where a listing stops', () => {
    const py = counting();
    const N = py.class('N');
    const v = py.locals;
    v.x = N.new();
    py.setattr(v.x, 'self', v.x);
    v.y = N.new({ data: py.list([py.int(1000), py.int(2000)]) });
    py.setattr(v.y, 'self', v.y);
    py.setattr(v.x, 'other', v.y);
    py.del('x', 'y');
    const text = formatLeakReport(leakReport(py, { limit: 2 }));
    expect(text.split('\n').slice(1)).toEqual([
      '',
      'group 1: cycle of 4 objects (1 in the cycle), 184 bytes; referenced from group 2',
      expect.stringMatching(/^ {2}cycle {4}N #\d+ +56 bytes$/),
      expect.stringMatching(/^ {2}hanging {2}list #\d+ +72 bytes$/),
      expect.stringMatching(/^ {2}N #\d+ --self--> N #\d+$/),
      expect.stringMatching(/^ {2}N #\d+ --data--> list #\d+$/),
      '  ... 2 more objects, 2 more references',
      '',
      'group 2: cycle of 1 object, 56 bytes',
      expect.stringMatching(/^ {2}cycle {4}N #\d+ {2}56 bytes$/),
      expect.stringMatching(/^ {2}N #\d+ --self--> N #\d+$/),
    ]);
  });
});

describe('describeLeakGroup', () => {
  it('describes acyclic groups too', () => {
    const py = createRuntime();
    py.locals.x = py.list([py.list()]);
    py.del('x');
    expect(describeLeakGroup(leakReport(py).groups[0])).toBe(
      'group 1: 2 objects under an unreferenced object, 120 bytes',
    );
  });
});
