/**
 * A snapshot replayed on pymm's simulated heap: what each strategy would do with the heap the
 * process has. Each object becomes a simulated object holding the same references in the same
 * order (a `list`, or an instance of a `list` subclass with a `__del__` where the type has a
 * finalizer); untracked objects are untracked; each root is held by one variable. Then a full
 * collection runs under the generational strategy with the profile of the snapshot's CPython
 * version, and under mark-sweep, and refcount's leak report lists what reference counting alone
 * never frees. Automatic collections are off while the heap is built.
 *
 * Simulated objects have the simulated sizes of lists, not the process's sizes: the outcomes count
 * objects, and the pause is the host time of the simulated collection over a heap of this shape.
 *
 * @module
 */

import { createRuntime, type Handle, type Runtime, type StrategyFactory } from '@pymm/core';
import { slotOfHandle } from '@pymm/core/gc';
import { generational, PROFILES } from '@pymm/generational';
import { markSweep } from '@pymm/mark-sweep';
import { leakReport, refcount } from '@pymm/refcount';
import { type HeapSnapshot, UNTRACKED } from './heap-snapshot.js';
import { snapshotRoots } from './snapshot-roots.js';

/**
 * What one strategy does with the snapshot's heap.
 *
 * @example
 * ```ts
 * import type { StrategyOutcome } from '@pymm/snapshot';
 * const outcome: StrategyOutcome = { strategy: 'refcount', profile: null, action: 'never frees these (its leak report)', objects: 2, cycles: 1, pauseMs: 0 };
 * outcome.cycles; // 1
 * ```
 */
export interface StrategyOutcome {
  /** `generational`, `mark-sweep` or `refcount`. */
  readonly strategy: string;
  /** The generational profile (`cpython-3.12`), or null. */
  readonly profile: string | null;
  /** What it does: `a full collection (gc.collect())`, ... */
  readonly action: string;
  /** Objects the action frees (refcount: objects its leak report lists, which it never frees). */
  readonly objects: number;
  /** Reference cycles among them, for refcount's leak report; null otherwise. */
  readonly cycles: number | null;
  /** Host time of the simulated collection (0 for the leak report, which is not a pause). */
  readonly pauseMs: number;
}

/**
 * The generational profile matching a CPython version (`3.12.1` → `cpython-3.12`), or the nearest one.
 *
 * @example
 * ```ts
 * import { profileFor } from '@pymm/snapshot';
 * profileFor('3.13.0'); // 'cpython-3.13'
 * profileFor('3.10.13'); // 'cpython-3.11', the nearest profile
 * ```
 */
export function profileFor(python: string): keyof typeof PROFILES {
  const minor = python.split('.').slice(0, 2).join('.');
  const name = `cpython-${minor}`;
  if (name in PROFILES) return name as keyof typeof PROFILES;
  const names = (Object.keys(PROFILES) as (keyof typeof PROFILES)[]).sort(
    (a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]),
  );
  const first = Number(names[0].split('.')[1]);
  return Number(minor.split('.')[1]) < first ? names[0] : names[names.length - 1];
}

/**
 * Builds the snapshot's heap on a runtime with `strategy`; automatic collections stay off.
 *
 * @example
 * ```ts
 * import { refcount } from '@pymm/refcount';
 * import { loadSimulatedHeap, readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",1,0,0,56,1,"<list of 0>",[],null,-1]',
 *     '["end",1,0]',
 *   ].join('\n') + '\n',
 * );
 * const py = loadSimulatedHeap(snapshot, refcount());
 * py.len(py.locals.root0); // 0
 * ```
 */
export function loadSimulatedHeap(snapshot: HeapSnapshot, strategy: StrategyFactory): Runtime {
  const py = createRuntime({ strategy });
  py.heap.strategy.gc?.disable();
  const n = snapshot.count;
  const handles: Handle[] = new Array(n);
  const finalizing = py.class('Finalizing', { base: 'list', del: () => {} });
  for (let i = 0; i < n; i++) {
    handles[i] = snapshot.typeHasFinalizer[snapshot.type[i]] ? py.new(finalizing) : py.list();
    py.keep(handles[i]);
  }
  const { edgeStart, edgeTarget } = snapshot;
  for (let i = 0; i < n; i++)
    for (let e = edgeStart[i]; e < edgeStart[i + 1]; e++) py.append(handles[i], handles[edgeTarget[e]]);
  for (let i = 0; i < n; i++)
    if (snapshot.generation[i] === UNTRACKED) py.heap.untrack(slotOfHandle(handles[i]));
  const roots = snapshotRoots(snapshot);
  for (let k = 0; k < roots.length; k++) py.locals[`root${k}`] = handles[roots[k]];
  for (let i = 0; i < n; i++) py.release(handles[i]);
  py.flushTemporaries();
  return py;
}

/** Host milliseconds of the collections `body` runs (their `collection-stop` events), and its result. */
function timed(py: Runtime, body: () => number): { result: number; pauseMs: number } {
  let pauseMs = 0;
  py.heap.events.on('collection-stop', (event) => {
    pauseMs += event.durationMs;
  });
  return { result: body(), pauseMs };
}

/**
 * What each strategy would do with the snapshot's heap.
 *
 * @example
 * ```ts
 * import { readSnapshot, strategyOutcomes } from '@pymm/snapshot';
 * // Two lists that hold each other, and a root list.
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",1,0,0,64,1,"<list of 1>",[2],null,-1]',
 *     '["o",2,0,0,64,1,"<list of 1>",[1],null,-1]',
 *     '["o",3,0,0,56,1,"<list of 0>",[],null,-1]',
 *     '["end",3,2]',
 *   ].join('\n') + '\n',
 * );
 * strategyOutcomes(snapshot).map((o) => [o.strategy, o.objects]); // [['generational', 2], ['mark-sweep', 2], ['refcount', 2]]
 * ```
 */
export function strategyOutcomes(snapshot: HeapSnapshot): StrategyOutcome[] {
  const profile = profileFor(snapshot.header.python);
  const outcomes: StrategyOutcome[] = [];
  {
    const py = loadSimulatedHeap(snapshot, generational({ profile }));
    const { result, pauseMs } = timed(py, () => py.collect(2));
    outcomes.push({
      strategy: 'generational',
      profile,
      action: 'a full collection (gc.collect())',
      objects: result,
      cycles: null,
      pauseMs,
    });
  }
  {
    const never = { target: Number.POSITIVE_INFINITY, shouldCollect: () => false, cycleCompleted: () => {} };
    const py = loadSimulatedHeap(snapshot, markSweep({ trigger: never }));
    const { result, pauseMs } = timed(py, () => py.collect(2));
    outcomes.push({
      strategy: 'mark-sweep',
      profile: null,
      action: 'a full mark and sweep (objects it finds unreachable)',
      objects: result,
      cycles: null,
      pauseMs,
    });
  }
  {
    const py = loadSimulatedHeap(snapshot, refcount());
    const report = leakReport(py, { limit: 0 });
    outcomes.push({
      strategy: 'refcount',
      profile: null,
      action: 'never frees these (its leak report)',
      objects: report.summary.objects,
      cycles: report.summary.cycles,
      pauseMs: 0,
    });
  }
  return outcomes;
}
