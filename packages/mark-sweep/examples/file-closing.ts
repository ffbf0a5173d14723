/**
 * How much later is a dropped file closed under a tracing collector than
 * under reference counting?
 *
 *     node --conditions=@pymm/source --import tsx packages/mark-sweep/examples/file-closing.ts
 *
 * The program processes 2,000 log files the careless way, `f = open(...)`
 * then `del f` without `close()` and without `with`, and builds a few rows of
 * data per file (20 floats in a list, kept for a while in a ring of 50). For
 * every file it records the operation at which the program dropped it and the
 * operation at which the file was closed, and reports the delay in runtime
 * operations, the most files open at once, and the files still open at the end.
 * A second variant keeps each file in a reference cycle (an object that
 * points at itself holds it), which reference counting alone never frees.
 */

import { createRuntime, type StrategyFactory } from '@pymm/core';
import { markSweep } from '../src/index.js';

/** Core's reference counting with no cycle collector: frees an object when its last reference goes. */
function referenceCounting(): StrategyFactory {
  return {
    name: 'reference counting',
    requirements: { referenceCounting: true, writeBarrier: false },
    guarantees: { reclaimsCycles: false, prompt: true },
    create: () => ({
      name: 'reference counting',
      allocating() {},
      released() {},
      track() {},
      untrack() {},
      collect: () => 0,
      stats: () => ({ collections: [0], collected: [0], uncollectable: [0] }),
    }),
  };
}

const FILES = 2000;
const RING = 50;

interface Outcome {
  readonly strategy: string;
  readonly variant: string;
  readonly meanDelay: number | null;
  readonly maxDelay: number | null;
  readonly peakOpen: number;
  readonly openAtEnd: number;
  readonly collections: number;
}

function run(strategy: StrategyFactory, cyclic: boolean): Outcome {
  const py = createRuntime({ strategy });
  const Holder = py.class('Holder');
  const droppedAt: number[] = [];
  let open = 0;
  let peakOpen = 0;
  py.globals.ring = py.list();
  for (let i = 0; i < FILES; i++) {
    py.locals.f = py.open(`log-${i}.txt`, { buffer: 8192 });
    open++;
    if (cyclic) {
      py.locals.h = Holder.new({ file: py.locals.f });
      py.setattr(py.locals.h, 'self', py.locals.h);
    }
    const rows = py.list(Array.from({ length: 20 }, (_, k) => py.float(i + k / 100)));
    if (py.len(py.globals.ring) < RING) py.append(py.globals.ring, rows);
    else py.setitem(py.globals.ring, i % RING, rows);
    py.del('f');
    if (cyclic) py.del('h');
    droppedAt.push(py.operation);
    open = py.heap.openFileCount;
    peakOpen = Math.max(peakOpen, open);
  }
  const delays: number[] = [];
  py.heap.resourceLog.forEach((record, i) => {
    if (record.closedAt !== null) delays.push(record.closedAt - droppedAt[i]);
  });
  return {
    strategy: strategy.name,
    variant: cyclic ? 'in a cycle' : 'plain',
    meanDelay: delays.length > 0 ? delays.reduce((a, b) => a + b, 0) / delays.length : null,
    maxDelay: delays.length > 0 ? Math.max(...delays) : null,
    peakOpen,
    openAtEnd: py.heap.openFileCount,
    collections: py.strategy.stats().collections.reduce((a, b) => a + b, 0),
  };
}

const strategies: (() => StrategyFactory)[] = [
  referenceCounting,
  () => markSweep(),
  () => markSweep({ minimumBudgetBytes: 64 * 1024 }),
  () => markSweep({ sweep: 'lazy' }),
  () => markSweep({ incremental: true }),
];
const labels = [
  'reference counting (core)',
  'mark-sweep (default: 256 KiB minimum budget)',
  'mark-sweep, minimumBudgetBytes 64 KiB',
  'mark-sweep, lazy sweeping',
  'mark-sweep, incremental (step budget 10,000)',
];

console.log(
  `${FILES} files opened and dropped without close(); delay = operations from \`del f\` to the close`,
);
console.log(
  '| strategy | file | mean delay (ops) | max delay (ops) | most open at once | open at the end | collections |',
);
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const cyclic of [false, true]) {
  strategies.forEach((make, i) => {
    const o = run(make(), cyclic);
    const delay = (d: number | null) => (d === null ? 'never' : d.toFixed(d < 10 ? 1 : 0));
    console.log(
      `| ${labels[i]} | ${o.variant} | ${delay(o.meanDelay)} | ${delay(o.maxDelay)} | ${o.peakOpen} | ${o.openAtEnd} | ${o.collections} |`,
    );
  });
}
