/**
 * Issue 11, deep and wide structures: a 1,000,000-deep chain and a
 * 1,000,000-element container go through every strategy configuration
 * (build, verify, drop, collect), and a 1,000,000-object unreachable
 * structure through reference counting's leak report and its DOT output,
 * without a stack overflow. Every part of pymm that walks the heap (marking,
 * deallocation with the trashcan, the verifier, the collectors, the leak
 * report's strongly connected components) must be iterative.
 *
 * Each test takes 1-5 s on the 2-core development machine; they are not
 * benchmarks (see `pnpm bench`).
 */

import { createRuntime, type Runtime, verifyHeap } from '@pymm/core';
import { leakReport, leakReportToDot, refcount } from '@pymm/refcount';
import {
  CONFIGURATIONS,
  collectsCycles,
  freesNothing,
  reachableFromRoots,
  unreachableObjects,
} from '@pymm/testkit';
import { describe, expect, it } from 'vitest';

const N = 1_000_000;
/** Generous, for a loaded CI machine. */
const TIMEOUT = 60_000;

function count(marks: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < marks.length; i++) n += marks[i];
  return n;
}

function expectVerified(py: Runtime, where: string): void {
  const verification = verifyHeap(py.heap);
  expect(verification.problems, where).toEqual([]);
}

describe('1,000,000-deep chains and 1,000,000-element containers on every strategy', () => {
  for (const config of CONFIGURATIONS) {
    it(
      `${config.label}: builds, verifies, drops and collects them without a stack overflow`,
      () => {
        const started = performance.now();
        const py = createRuntime({ strategy: config.create(), version: config.version });
        const v = py.locals;
        const baseline = py.heap.store.liveCount;

        // A 1,000,000-deep nested list: [[[...]]].
        v.innermost = py.list();
        v.deep = v.innermost;
        for (let i = 1; i < N; i++) v.deep = py.list([v.deep]);
        py.flushTemporaries();
        expect(py.heap.store.liveCount - baseline).toBe(N);
        expectVerified(py, 'the deep chain');
        expect(count(reachableFromRoots(py.heap))).toBe(N); // the lists, and nothing else
        // Where a collector can free cycles, close the chain into a ring: only the collector frees it.
        if (collectsCycles(config)) py.append(v.innermost, v.deep);
        py.del('deep', 'innermost');
        const collected = py.collect();
        py.flushTemporaries();
        const left = py.heap.store.liveCount - baseline;
        if (freesNothing(config)) expect(left).toBe(N);
        else expect(left).toBe(0);
        if (collectsCycles(config)) expect(collected).toBe(N);
        expectVerified(py, 'after dropping the deep chain');

        // A list of 1,000,000 distinct objects.
        const before = py.heap.store.liveCount;
        v.wide = py.list();
        for (let i = 0; i < N; i++) py.append(v.wide, py.float(i + 0.5));
        py.flushTemporaries();
        expect(py.len(v.wide)).toBe(N);
        expect(py.heap.store.liveCount - before).toBe(N + 1);
        expectVerified(py, 'the wide list');
        py.del('wide');
        py.collect();
        py.flushTemporaries();
        expect(py.heap.store.liveCount - before).toBe(freesNothing(config) ? N + 1 : 0);
        expectVerified(py, 'after dropping the wide list');
        expect(unreachableObjects(py.heap)).toHaveLength(freesNothing(config) ? 2 * N + 1 : 0);
        console.log(
          `deep and wide ${config.label}: a ${N}-deep chain${collectsCycles(config) ? ' (closed into a ring)' : ''} ` +
            `and a ${N}-element list built, verified, dropped and collected in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      },
      TIMEOUT,
    );
  }
});

describe('the leak report of 1,000,000 unreachable objects', () => {
  it(
    'refcount: a 1,000,000-object chain hanging from a cycle, as a report and as DOT',
    () => {
      const started = performance.now();
      const py = createRuntime({ strategy: refcount() });
      const Node = py.class('Node');
      const v = py.locals;
      v.head = Node.new();
      py.setattr(v.head, 'self', v.head); // a cycle of one, from which the chain hangs
      v.tail = v.head;
      for (let i = 1; i < N; i++) {
        v.next = Node.new();
        py.setattr(v.tail, 'next', v.next);
        v.tail = v.next;
      }
      py.del('head', 'tail', 'next');
      py.flushTemporaries();
      expectVerified(py, 'the dropped chain');
      expect(unreachableObjects(py.heap)).toHaveLength(N);

      const report = leakReport(py);
      expect(report.summary).toMatchObject({
        reachableObjects: 0,
        groups: 1,
        cycles: 1,
        objects: N,
        bytes: 56 * N,
      });
      const [group] = report.groups;
      expect(group).toMatchObject({
        kind: 'cycle',
        objectCount: N,
        cycleObjects: 1,
        edgeCount: N,
        truncated: false,
      });

      const dot = leakReportToDot(report);
      expect(dot.startsWith('digraph "leak report" {')).toBe(true);
      expect(dot.endsWith('\n}')).toBe(true);
      expect(dot.match(/ \[label="Node #/g)).toHaveLength(N);
      expect(dot.match(/ -> /g)).toHaveLength(N);
      expect(dot).toContain('label="self"');
      console.log(
        `leak report: ${N} unreachable objects in ${report.groups.length} group, DOT of ` +
          `${(dot.length / 1e6).toFixed(0)} MB, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    },
    TIMEOUT,
  );
});
