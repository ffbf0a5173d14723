/**
 * Benchmarks of the mark-sweep collector:
 *
 *     node --conditions=@pymm/source --import tsx packages/mark-sweep/src/mark-sweep.bench.ts
 *
 * 1. Marking throughput on a heap of 1,000,000 objects holding 4,000,000
 *    references (each object is a list referring to the next one, so all are
 *    reachable, and to three random others), in references traced per second,
 *    against two plain typed-array loops over the same graph: one over a
 *    compact copy (CSR: offsets + targets, a byte per object for the mark),
 *    and one over the heap's own columns. The difference is the price of the
 *    collector's bookkeeping (flag words, static checks, grey bits, budgets).
 * 2. Pauses of the incremental mode at several step budgets on the same heap,
 *    with the program running one allocation and one reference store between
 *    steps, against a stop-the-world collection of the same heap: the longest
 *    and 99th-percentile pause (host time), the largest step in work units,
 *    and the steps per cycle.
 *
 * After the throughput table, a full collection of the heap is timed as is,
 * then while a listener receives its phase events (`collection-phase`), which
 * the collector builds only when someone listens.
 */

import { createRuntime, type Heap, type Runtime } from '@pymm/core';
import { listAppend } from '@pymm/core/heap';
import { markSweep } from './factory.js';
import { Tracer } from './tracer.js';

const OBJECTS = 1_000_000;
const REFERENCES_PER_OBJECT = 4;

function random(): () => number {
  let seed = 12345;
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
}

/** Builds the graph in `py`'s heap; returns the slots in creation order. */
function buildGraph(py: Runtime): Int32Array {
  const heap = py.heap;
  const slots = new Int32Array(OBJECTS);
  py.globals.root = py.list();
  slots[0] = heap.store.slotOf(py.globals.root, 'bench');
  for (let i = 1; i < OBJECTS; i++) slots[i] = heap.newList(REFERENCES_PER_OBJECT);
  const next = random();
  for (let i = 0; i < OBJECTS; i++) {
    const holder = slots[i];
    listAppend(heap, holder, slots[(i + 1) % OBJECTS]);
    for (let r = 1; r < REFERENCES_PER_OBJECT; r++) listAppend(heap, holder, slots[next() % OBJECTS]);
  }
  return slots;
}

/** A compact copy of the graph: for object i, its references are targets[offsets[i] .. offsets[i+1]). */
function toCsr(heap: Heap, slots: Int32Array): { offsets: Int32Array; targets: Int32Array } {
  const indexOf = new Int32Array(heap.store.slotLimit).fill(-1);
  for (let i = 0; i < slots.length; i++) indexOf[slots[i]] = i;
  const offsets = new Int32Array(slots.length + 1);
  const targets = new Int32Array(slots.length * REFERENCES_PER_OBJECT);
  const { refStart, refLen } = heap.store;
  const cells = heap.store.refs.cells;
  let k = 0;
  for (let i = 0; i < slots.length; i++) {
    offsets[i] = k;
    const start = refStart[slots[i]];
    for (let j = 0; j < refLen[slots[i]]; j++) targets[k++] = indexOf[cells[start + j]];
  }
  offsets[slots.length] = k;
  return { offsets, targets };
}

/** Plain depth-first marking over the CSR copy; returns references traced. */
function markCsr(offsets: Int32Array, targets: Int32Array): number {
  const n = offsets.length - 1;
  const marks = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  let traced = 0;
  marks[0] = 1;
  stack[top++] = 0;
  while (top > 0) {
    const v = stack[--top];
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const w = targets[e];
      traced++;
      if (marks[w] === 0) {
        marks[w] = 1;
        stack[top++] = w;
      }
    }
  }
  return traced;
}

/** Plain depth-first marking over the heap's own columns, with a side mark array; returns references traced. */
function markColumns(heap: Heap, root: number): number {
  const { refStart, refLen } = heap.store;
  const cells = heap.store.refs.cells;
  const marks = new Uint8Array(heap.store.slotLimit);
  const stack = new Int32Array(heap.store.slotLimit);
  let top = 0;
  let traced = 0;
  marks[root] = 1;
  stack[top++] = root;
  while (top > 0) {
    const v = stack[--top];
    const start = refStart[v];
    const end = start + refLen[v];
    for (let e = start; e < end; e++) {
      const w = cells[e];
      traced++;
      if (w >= 0 && marks[w] === 0) {
        marks[w] = 1;
        stack[top++] = w;
      }
    }
  }
  return traced;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `body` `runs` times after one warm-up (`after` runs untimed after each); returns the median seconds and the last result. */
function time(
  runs: number,
  body: () => number,
  after: () => void = () => {},
): { seconds: number; result: number } {
  body();
  after();
  const seconds: number[] = [];
  let result = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = body();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    after();
  }
  return { seconds: median(seconds), result };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const ms = (n: number) => n.toFixed(3);

function throughput(): void {
  const py = createRuntime({ strategy: markSweep({ minimumBudgetBytes: 1 << 30 }) });
  const built = process.hrtime.bigint();
  const slots = buildGraph(py);
  const heap = py.heap;
  console.log(
    `heap: ${fmt(heap.store.liveCount)} objects (${fmt(OBJECTS)} in the graph), ` +
      `${fmt(OBJECTS * REFERENCES_PER_OBJECT)} references; built in ${(Number(process.hrtime.bigint() - built) / 1e9).toFixed(1)} s`,
  );
  const { offsets, targets } = toCsr(heap, slots);
  const tracer = new Tracer(heap);
  const rows: [string, { seconds: number; result: number }][] = [
    [
      'mark-sweep Tracer (scanRoots + drain)',
      time(
        5,
        () => {
          const before = tracer.tracedReferences;
          tracer.scanRoots();
          tracer.drain(Number.POSITIVE_INFINITY);
          return tracer.tracedReferences - before;
        },
        () => tracer.clearMarks(),
      ),
    ],
    ['plain loop, heap columns', time(5, () => markColumns(heap, slots[0]))],
    ['plain loop, CSR copy', time(5, () => markCsr(offsets, targets))],
  ];
  console.log(
    '\nmarking throughput (median of 5 runs after a warm-up; clearing marks not timed for the tracer)',
  );
  console.log('| marker | refs traced | time (ms) | refs traced / s | vs CSR loop |');
  console.log('|---|---:|---:|---:|---:|');
  const csr = rows[2][1];
  for (const [label, { seconds, result }] of rows) {
    const rate = result / seconds;
    console.log(
      `| ${label} | ${fmt(result)} | ${ms(seconds * 1000)} | ${fmt(rate)} | ${(seconds / csr.seconds).toFixed(2)}× |`,
    );
  }
  const collect = time(3, () => py.collect());
  console.log(
    `\nfull stop-the-world collection of this heap (mark + sweep, nothing to free): ${ms(collect.seconds * 1000)} ms`,
  );
  // The same collection while a viewer listens to its phases (the events are built only then).
  let events = 0;
  const stop = py.on('collection-phase', () => events++);
  const watched = time(3, () => py.collect());
  stop();
  console.log(
    `the same with a collection-phase listener: ${ms(watched.seconds * 1000)} ms (${events / 4} phase events per collection)`,
  );
}

function pauses(): void {
  const cycles = 3;
  console.log(
    `\nincremental pauses on the same heap, one allocation + one reference store between steps ` +
      `(${cycles} cycles after a warm-up cycle; pauses are host time, work is in units)`,
  );
  console.log(
    '| mode | step budget (units) | steps per cycle | longest pause (ms, median of cycles) | p99 pause (ms) | largest bounded step (units) | largest atomic step (units) | cycle wall time (ms) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const stepBudget of [0, 1_000, 10_000, 100_000]) {
    const incremental = stepBudget > 0;
    const py = createRuntime({
      strategy: markSweep({
        minimumBudgetBytes: 1 << 30,
        ...(incremental ? { incremental: { stepBudget } } : {}),
      }),
    });
    const strategy = py.strategy;
    buildGraph(py);
    const Node = py.class('Node');
    py.globals.hot = Node.new();
    const cycle = () => {
      if (!incremental) return void py.collect();
      strategy.step();
      while (strategy.phase !== 'idle') py.setattr(py.globals.hot, 'x', Node.new());
    };
    cycle(); // warm-up
    const all: number[] = [];
    const longest: number[] = [];
    const walls: number[] = [];
    let steps = 0;
    for (let c = 0; c < cycles; c++) {
      const durations: number[] = [];
      const off = py.on('collection-stop', (e) => durations.push(e.durationMs));
      const start = process.hrtime.bigint();
      cycle();
      walls.push(Number(process.hrtime.bigint() - start) / 1e6);
      off();
      all.push(...durations);
      longest.push(Math.max(...durations));
      steps = durations.length;
    }
    const extra = strategy.stats().extra!;
    console.log(
      `| ${incremental ? 'incremental' : 'stop-the-world'} | ${incremental ? fmt(stepBudget) : '—'} | ${fmt(steps)} | ` +
        `${ms(median(longest))} | ${ms(percentile(all, 99))} | ${incremental ? fmt(extra.maxBoundedPauseWork) : '—'} | ` +
        `${fmt(extra.maxAtomicPauseWork)} | ${ms(median(walls))} |`,
    );
  }
}

console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
throughput();
pauses();
