import { createRuntime, type HeapEvent, type Runtime, type StrategyFactory, verifyHeap } from '@pymm/core';
import { describe, expect, it } from 'vitest';
import { markSweep } from './factory.js';
import { MarkSweepStrategy } from './mark-sweep.js';
import type { MarkSweepOptions } from './options.js';

/** An incremental collector whose cycles start only when the test steps it. */
function stepped(
  stepBudget: number,
  options: MarkSweepOptions = {},
): { py: Runtime; strategy: MarkSweepStrategy } {
  const py = createRuntime({
    strategy: markSweep({ incremental: { stepBudget }, minimumBudgetBytes: 1 << 30, ...options }),
  });
  return { py, strategy: py.strategy };
}

/** Steps until `done()`; fails instead of looping forever when that never happens. */
function stepUntil(strategy: MarkSweepStrategy, done: () => boolean, limit = 100_000): void {
  for (let i = 0; !done(); i++) {
    if (i === limit) throw new Error(`still not there after ${limit} steps (phase ${strategy.phase})`);
    strategy.step();
  }
}

function finish(strategy: MarkSweepStrategy): void {
  strategy.step();
  stepUntil(strategy, () => strategy.phase === 'idle');
}

/** A chain of `length` Nodes from `py.globals[name]`; returns the handle of its last node. */
function chain(py: Runtime, name: string, length: number): number {
  const Node = py.class(`Chain${name}`);
  py.globals[name] = Node.new();
  let tail = py.globals[name];
  for (let i = 1; i < length; i++) {
    py.setattr(tail, 'next', Node.new());
    tail = py.getattr(tail, 'next');
  }
  return tail;
}

describe('the write barrier (Dijkstra insertion)', () => {
  /**
   * Hides a white object behind a black one while marking: `a` is scanned (black) while `w`, at the
   * end of a long chain, is still white; the program stores `w` into `a` and cuts it from the chain.
   */
  function hideBehindBlack(factory: StrategyFactory<MarkSweepStrategy>): {
    py: Runtime;
    strategy: MarkSweepStrategy;
    w: number;
  } {
    const py = createRuntime({ strategy: factory });
    const strategy = py.strategy;
    const Node = py.class('Node');
    const end = chain(py, 'chain', 30);
    py.setattr(end, 'next', Node.new());
    const w = py.getattr(end, 'next');
    py.globals.a = Node.new(); // scanned first: the mark stack is last in, first out
    stepUntil(
      strategy,
      () => strategy.colourOf(py.globals.a) === 'black' && strategy.colourOf(w) === 'white',
    );
    expect(strategy.phase).toBe('marking');
    py.setattr(py.globals.a, 'hidden', w); // black → white: the barrier must shade w
    py.delattr(end, 'next'); // the only other path to w is gone
    finish(strategy);
    return { py, strategy, w };
  }

  it('keeps a white object that the program hid behind a black one during marking', () => {
    const { py, strategy, w } = hideBehindBlack(
      markSweep({ incremental: { stepBudget: 2 }, minimumBudgetBytes: 1 << 30 }),
    );
    expect(py.isAlive(w)).toBe(true);
    expect(verifyHeap(py.heap).ok).toBe(true);
    expect(strategy.stats().extra!.barrierShades).toBeGreaterThanOrEqual(1);
  });

  it('(control) without the barrier the same program frees a reachable object', () => {
    class NoBarrier extends MarkSweepStrategy {
      override writeBarrier(): void {}
    }
    const options = { incremental: { stepBudget: 2 }, minimumBudgetBytes: 1 << 30 };
    const { py, w } = hideBehindBlack({
      ...markSweep(options),
      create: (heap) => new NoBarrier(heap, options),
    });
    expect(py.isAlive(w)).toBe(false);
    expect(verifyHeap(py.heap).problems.join()).toMatch(/refers to freed object/);
  });

  it('keeps a white object moved from the heap into a variable during marking (the final root rescan)', () => {
    const { py, strategy } = stepped(2);
    const Node = py.class('Node');
    const end = chain(py, 'chain', 20);
    py.setattr(end, 'next', Node.new());
    const w = py.getattr(end, 'next');
    strategy.step();
    expect(strategy.colourOf(w)).toBe('white');
    py.globals.held = py.getattr(end, 'next'); // variables are not barriered
    py.delattr(end, 'next');
    finish(strategy);
    expect(py.isAlive(w)).toBe(true);
    expect(strategy.stats().extra!.rootRescans).toBeGreaterThanOrEqual(2);
    expect(verifyHeap(py.heap).ok).toBe(true);
  });

  it('keeps an object read back through a weak reference during marking', () => {
    const { py, strategy } = stepped(1);
    const Thing = py.class('Thing');
    py.locals.t = Thing.new();
    py.globals.w = py.weakref(py.locals.t);
    const t = py.locals.t;
    py.del('t'); // garbage, but not known to be until marking ends
    strategy.step();
    py.globals.back = py.deref(py.globals.w);
    finish(strategy);
    expect(py.isAlive(t)).toBe(true);
    expect(py.is(py.deref(py.globals.w), t)).toBe(true);
  });

  it('is active only in incremental mode and only during a cycle', () => {
    const { py, strategy } = stepped(5);
    py.globals.a = py.list();
    py.append(py.globals.a, py.list()); // idle: nothing to shade
    expect(strategy.stats().extra!.barrierShades).toBe(0);
    expect(markSweep().requirements.writeBarrier).toBe(false);
  });
});

describe('allocation during a cycle', () => {
  it('allocates black while marking: a new object survives the cycle even when dropped at once', () => {
    const { py, strategy } = stepped(1);
    chain(py, 'chain', 10);
    strategy.step();
    py.globals.n = py.list();
    const n = py.globals.n;
    expect(strategy.colourOf(n)).toBe('black');
    delete py.globals.n;
    finish(strategy);
    expect(py.isAlive(n)).toBe(true); // floating garbage...
    py.collect();
    expect(py.isAlive(n)).toBe(false); // ...freed by the next cycle
  });

  it('keeps objects allocated during the sweep, in slots not yet swept or beyond them', () => {
    const { py, strategy } = stepped(3);
    const garbage = Array.from({ length: 50 }, () => py.list());
    py.flushTemporaries();
    stepUntil(strategy, () => strategy.phase === 'sweeping');
    const made: number[] = [];
    for (let i = 0; strategy.phase === 'sweeping'; i++) {
      py.globals[`n${i}`] = py.list();
      made.push(py.globals[`n${i}`]);
    }
    expect(garbage.every((h) => !py.isAlive(h))).toBe(true);
    expect(made.every((h) => py.isAlive(h))).toBe(true);
    expect(verifyHeap(py.heap).ok).toBe(true);
  });
});

describe('objects scanned in parts', () => {
  it('finds every item of a list whose front items are deleted between two parts of its scan', () => {
    const { py, strategy } = stepped(10);
    const Node = py.class('Node');
    py.globals.big = py.list();
    for (let i = 0; i < 200; i++) py.append(py.globals.big, Node.new());
    const items = Array.from({ length: 200 }, (_, i) => py.getitem(py.globals.big, i));
    strategy.step(); // root scan and the first part of the list
    expect(strategy.colourOf(py.globals.big)).toBe('grey');
    for (let i = 0; i < 40; i++) py.delitem(py.globals.big, 0); // each shifts the unread items down; a step follows each
    finish(strategy);
    expect(items.slice(40).every((h) => py.isAlive(h))).toBe(true);
    expect(items.slice(0, 40).every((h) => py.isAlive(h))).toBe(true); // floating garbage this cycle
    py.collect();
    expect(items.slice(0, 40).some((h) => py.isAlive(h))).toBe(false);
    expect(verifyHeap(py.heap).ok).toBe(true);
  });

  it('finds every item when items are also replaced and appended between parts', () => {
    const { py, strategy } = stepped(7);
    const Node = py.class('Node');
    py.globals.big = py.list();
    for (let i = 0; i < 100; i++) py.append(py.globals.big, Node.new());
    strategy.step();
    for (let i = 0; i < 30; i++) {
      py.delitem(py.globals.big, 0);
      py.append(py.globals.big, Node.new());
      py.setitem(py.globals.big, i % 50, Node.new());
    }
    finish(strategy);
    const n = py.len(py.globals.big);
    for (let i = 0; i < n; i++) expect(py.isAlive(py.getitem(py.globals.big, i))).toBe(true);
    expect(verifyHeap(py.heap).ok).toBe(true);
  });
});

describe('interned strings handed out after marking', () => {
  it('keeps a garbage interned string that the program asks for again before it is freed', () => {
    const { py, strategy } = stepped(1);
    chain(py, 'chain', 20); // enough work that the phases after marking span several steps
    py.locals.s = py.str('ident', { intern: true });
    const s = py.locals.s;
    py.del('s');
    stepUntil(strategy, () => strategy.phase === 'finalizer-discovery');
    py.globals.again = py.str('ident', { intern: true }); // a cache hit: the white string itself
    py.globals.list = py.list([py.str('ident', { intern: true })]); // and stored into the heap
    expect(py.is(py.globals.again, s)).toBe(true);
    finish(strategy);
    expect(py.isAlive(s)).toBe(true);
    expect(verifyHeap(py.heap).ok).toBe(true);
  });
});

describe('pauses', () => {
  function stops(py: Runtime): Extract<HeapEvent, { kind: 'collection-stop' }>[] {
    const seen: Extract<HeapEvent, { kind: 'collection-stop' }>[] = [];
    py.on('collection-stop', (e) => seen.push(e));
    return seen;
  }

  /** A mutator with a large list (scanned in parts), finalizers, churn and (optionally) weak references. */
  function churn(py: Runtime, operations: number, weakrefs: boolean): void {
    const Node = py.class('Node');
    const Res = py.class('Res', { del: () => {} });
    py.globals.big = py.list();
    for (let i = 0; i < 3000; i++) py.append(py.globals.big, py.int(1000 + i));
    for (let i = 0; i < operations; i++) {
      const slot = `v${i % 7}`;
      py.globals[slot] = i % 5 === 0 ? Res.new() : Node.new();
      py.setattr(py.globals[slot], 'payload', py.list([py.float(i)]));
      if (weakrefs && i % 3 === 0) py.globals[`w${i % 4}`] = py.weakref(py.globals[slot], () => {});
      if (i % 2 === 0) py.delitem(py.globals.big, 0);
      py.append(py.globals.big, py.int(5000 + i));
    }
  }

  it('never does more than the step budget in one step when roots and weak references are fewer than it', () => {
    for (const stepBudget of [16, 100, 1000]) {
      const py = createRuntime({
        strategy: markSweep({ incremental: { stepBudget }, minimumBudgetBytes: 8000 }),
      });
      const strategy = py.strategy;
      const seen = stops(py);
      churn(py, 1500, false);
      const steps = seen.filter((e) => !e.complete);
      expect(strategy.stats().collections[0]).toBeGreaterThan(2);
      expect(steps.length).toBeGreaterThan(10);
      expect(Math.max(...seen.map((e) => e.examined))).toBeLessThanOrEqual(stepBudget);
      expect(strategy.stats().extra!.maxPauseWork).toBeLessThanOrEqual(stepBudget);
      expect(verifyHeap(py.heap).ok || strategy.freeingGarbage).toBe(true);
    }
  });

  it('bounds the atomic steps by the roots and weak references they visit, and every other step by the budget', () => {
    const stepBudget = 8;
    const py = createRuntime({
      strategy: markSweep({ incremental: { stepBudget }, minimumBudgetBytes: 8000 }),
    });
    const strategy = py.strategy;
    for (let i = 0; i < 100; i++) py.globals[`r${i}`] = py.list(); // 100 roots: more than the budget
    let weakrefsAllocated = 0;
    py.on('allocate', (e) => {
      if (e.type === 'weakref') weakrefsAllocated++;
    });
    const seen = stops(py);
    churn(py, 600, true);
    let roots = 0;
    py.heap.forEachRoot(() => roots++);
    const extra = strategy.stats().extra!;
    expect(extra.maxBoundedPauseWork).toBeLessThanOrEqual(stepBudget);
    expect(extra.maxAtomicPauseWork).toBeGreaterThan(stepBudget);
    // Root scan: the roots. Termination: the roots again, the weak references listed since the last
    // termination and their callbacks. Interned release: the roots (no interned strings here).
    const bound = roots + 2 * weakrefsAllocated;
    expect(Math.max(...seen.map((e) => e.examined))).toBeLessThanOrEqual(bound);
    expect(extra.maxAtomicPauseWork).toBeLessThanOrEqual(bound);
  });

  it('reports every step as a collection start/stop pair; only the step that ends a cycle is complete', () => {
    const { py, strategy } = stepped(5);
    chain(py, 'chain', 50);
    const seen = stops(py);
    finish(strategy);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.slice(0, -1).every((e) => !e.complete)).toBe(true);
    expect(seen.at(-1)!.complete).toBe(true);
    expect(seen.every((e) => e.durationMs >= 0 && e.examined <= 5)).toBe(true);
  });

  it('finishes the cycle under way and runs a whole one in a single pause for gc.collect()', () => {
    const { py, strategy } = stepped(5);
    chain(py, 'chain', 50);
    py.list();
    py.flushTemporaries();
    strategy.step();
    const seen = stops(py);
    expect(py.collect()).toBe(1);
    expect(seen).toHaveLength(2); // the rest of the old cycle, then a new one
    expect(seen.every((e) => e.complete)).toBe(true);
    expect(strategy.phase).toBe('idle');
  });
});
