/**
 * A million-object structure must be freed, and reported, without a stack
 * overflow: deallocation in core and every phase of the leak report are
 * iterative. These are not benchmarks (see `pnpm bench` for numbers).
 */
import { createRuntime, type Runtime } from '@pymm/core';
import { assertHeap } from '@pymm/core/heap';
import { describe, expect, it } from 'vitest';
import { formatLeakReport } from './format-leak-report.js';
import { leakReport } from './leak-report.js';
import { toDot } from './leak-report-dot.js';
import { refcount } from './refcount-strategy.js';

const N = 1_000_000;
/** Each test takes 2-6 s on a 2-core machine; the margin is for a loaded CI. */
const TIMEOUT = 30_000;

function counting(): Runtime {
  return createRuntime({ strategy: refcount() });
}

describe('1,000,000-object structures', () => {
  it(
    'marks a 1,000,000-long chain of instances, then frees it at one del',
    () => {
      const py = counting();
      const Node = py.class('Node');
      const v = py.locals;
      v.head = Node.new();
      for (let i = 1; i < N; i++) v.head = Node.new({ next: v.head });
      expect(leakReport(py).summary).toMatchObject({ reachableObjects: N, objects: 0 }); // marked without recursion
      const before = py.heap.store.liveCount;
      let freed = 0;
      py.on('free', () => freed++);
      py.del('head');
      expect(freed).toBe(N);
      expect(before - py.heap.store.liveCount).toBe(N);
      assertHeap(py.heap);
    },
    TIMEOUT,
  );

  it(
    'frees a 1,000,000-deep nested list at one del',
    () => {
      const py = counting();
      const v = py.locals;
      v.nested = py.list();
      for (let i = 1; i < N; i++) v.nested = py.list([v.nested]);
      const before = py.heap.store.liveCount;
      py.del('nested');
      expect(before - py.heap.store.liveCount).toBe(N);
      assertHeap(py.heap);
    },
    TIMEOUT,
  );

  it(
    'reports a 1,000,000-object ring as one cycle, with every object and edge',
    () => {
      const py = counting();
      const Node = py.class('Node');
      const v = py.locals;
      v.first = Node.new();
      v.last = v.first;
      for (let i = 1; i < N; i++) {
        v.n = Node.new({ next: v.last });
        v.last = v.n;
      }
      py.setattr(v.first, 'next', v.last); // close the ring
      const first = v.first;
      py.del('first', 'last', 'n');

      const report = leakReport(py);
      expect(report.summary).toEqual({
        liveObjects: N,
        reachableObjects: 0,
        groups: 1,
        cycles: 1,
        objects: N,
        bytes: 56 * N,
      });
      const [ring] = report.groups;
      expect(ring).toMatchObject({
        kind: 'cycle',
        objectCount: N,
        cycleObjects: N,
        edgeCount: N,
        truncated: false,
      });
      expect(ring.objects).toHaveLength(N);
      expect(ring.edges).toHaveLength(N);
      expect(ring.objects[0].handle).toBe(first);
      expect(ring.edges.every((e) => e.label === 'next')).toBe(true);
      expect(new Set(ring.objects.map((o) => o.handle)).size).toBe(N);

      const limited = leakReport(py, { limit: 3 });
      expect(formatLeakReport(limited).split('\n').slice(2)).toEqual([
        'group 1: cycle of 1000000 objects, 56000000 bytes',
        `  cycle    Node #${first}${' '.repeat(ring.objects[1].handle.toString().length - first.toString().length)}  56 bytes`,
        `  cycle    Node #${ring.objects[1].handle}  56 bytes`,
        `  cycle    Node #${ring.objects[2].handle}  56 bytes`,
        `  Node #${first} --next--> Node #${ring.objects[1].handle}`,
        `  Node #${ring.objects[1].handle} --next--> Node #${ring.objects[2].handle}`,
        '  ... 999997 more objects, 999998 more references',
      ]);
      expect(toDot(limited.groups[0])).toContain('"more_1" [label="999997 more objects", shape=plaintext];');
    },
    TIMEOUT,
  );
});
