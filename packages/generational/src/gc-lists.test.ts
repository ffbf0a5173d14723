import { createRuntime } from '@pymm/core';
import { describe, expect, it } from 'vitest';
import { GcList, GcLists, LIST_COUNT } from './gc-lists.js';
import { gcModule } from './gc-module.js';
import { generational } from './generational-strategy.js';

describe('GcLists', () => {
  it('appends, iterates in order and merges', () => {
    const lists = new GcLists();
    lists.append(GcList.Generation0, 7);
    lists.append(GcList.Generation0, 3);
    expect([...lists.slots(GcList.Generation0)]).toEqual([7, 3]);
    lists.merge(GcList.Generation0, GcList.Generation1);
    expect(lists.size(GcList.Generation1)).toBe(2);
  });

  it('has one head per GcList entry', () => {
    expect(LIST_COUNT).toBe(9);
    expect(Object.keys(GcList).length).toBe(LIST_COUNT);
  });

  it('starts newly tracked containers in generation 0, and freeze moves them to the permanent generation', () => {
    const py = createRuntime({ strategy: generational() });
    const strategy = py.strategy;
    py.locals.xs = py.list();
    const lists = strategy.state.lists;
    expect(lists.size(GcList.Generation0)).toBe(1);
    gcModule(py).freeze();
    expect(lists.size(GcList.Generation0)).toBe(0);
    expect(lists.size(GcList.Permanent)).toBe(1);
  });
});
