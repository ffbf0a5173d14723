import { createRuntime, ObjectFlag } from '@pymm/core';
import { describe, expect, it } from 'vitest';
import { collectGeneration } from './collection.js';
import { GcList } from './gc-lists.js';
import { COLLECTING, NUM_GENERATIONS, UNREACHABLE } from './gc-state.js';
import { generational } from './generational-strategy.js';

describe('collectGeneration (gc_collect_main)', () => {
  it('collects a self-referencing list and updates the counts and statistics', () => {
    const py = createRuntime({ strategy: generational() });
    const strategy = py.strategy;
    py.locals.xs = py.list();
    py.append(py.locals.xs, py.locals.xs);
    py.del('xs');
    expect(collectGeneration(py.heap, strategy.state, 0).collected).toBe(1);
    expect(strategy.getCount()).toEqual([0, 1, 0]); // generation 1 counts one collection of generation 0
    expect(strategy.getStats()[0].collections).toBe(1);
  });

  it('reports what it collected, what it could not and what it examined', () => {
    const py = createRuntime({ strategy: generational() });
    const strategy = py.strategy;
    py.locals.keep = py.list();
    py.locals.xs = py.list();
    py.append(py.locals.xs, py.locals.xs);
    py.del('xs');
    expect(collectGeneration(py.heap, strategy.state, 0)).toEqual({
      collected: 1,
      uncollectable: 0,
      examined: 2,
    });
  });

  it('keeps the collector state the strategy holds', () => {
    const py = createRuntime({ strategy: generational() });
    const strategy = py.strategy;
    py.locals.xs = py.list();
    expect(strategy.state.count).toEqual([1, 0, 0]); // one GC container allocated since the last collection
    expect(strategy.state.lists.size(GcList.Generation0)).toBe(1);
    expect(strategy.state.count.length).toBe(NUM_GENERATIONS);
    expect(strategy.getThreshold().length).toBe(NUM_GENERATIONS);
  });
});

describe('the collector flag bits', () => {
  it('marks the garbage as COLLECTING while finalizers run', () => {
    expect(COLLECTING).toBe(ObjectFlag.Strategy0);
    const py = createRuntime({ strategy: generational() });
    let marked = false;
    const Node = py.class('Node', {
      del: (self) => {
        marked = (py.heap.store.flags[py.heap.store.slotOf(self, '__del__')] & COLLECTING) !== 0;
      },
    });
    py.locals.n = Node.new();
    py.setattr(py.locals.n, 'self', py.locals.n);
    py.del('n');
    expect(py.collect()).toBe(1);
    expect(marked).toBe(true);
  });

  it('leaves no COLLECTING or UNREACHABLE mark after a collection', () => {
    expect(UNREACHABLE).toBe(ObjectFlag.Strategy1);
    const py = createRuntime({ strategy: generational() });
    py.locals.xs = py.list();
    py.append(py.locals.xs, py.locals.xs);
    py.del('xs');
    expect(py.collect()).toBe(1);
    expect(py.heap.store.flags.every((flags) => (flags & (COLLECTING | UNREACHABLE)) === 0)).toBe(true);
  });
});
