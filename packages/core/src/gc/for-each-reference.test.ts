import { describe, expect, it } from 'vitest';
import { createRuntime } from '../runtime/runtime.js';
import { forEachReference } from './for-each-reference.js';

describe('forEachReference (tp_traverse order)', () => {
  it('visits list items last to first', () => {
    const py = createRuntime();
    py.locals.xs = py.list([py.int(1), py.int(2), py.int(3)]);
    const store = py.heap.store;
    const visited: number[] = [];
    forEachReference(py.heap, store.slotOf(py.locals.xs, 'traverse'), (item) => {
      visited.push(store.scalar[item]);
    });
    expect(visited).toEqual([3, 2, 1]);
  });

  it('visits a dict entry value first, then key', () => {
    const py = createRuntime();
    py.locals.d = py.dict([[{ str: 'key' }, { int: 7 }]]);
    const kinds: string[] = [];
    forEachReference(py.heap, py.heap.store.slotOf(py.locals.d, 'traverse'), (item) =>
      kinds.push(py.heap.typeNameOf(item)),
    );
    expect(kinds).toEqual(['int', 'str']);
  });

  it('visits other objects first to last and skips empty cells', () => {
    const py = createRuntime();
    const Node = py.class('Node');
    py.locals.a = py.int(1);
    py.locals.n = Node.new({ x: py.locals.a, y: py.int(2) });
    const store = py.heap.store;
    const slot = store.slotOf(py.locals.n, 'traverse');
    const everyCell = Array.from(
      store.refs.cells.subarray(store.refStart[slot], store.refStart[slot] + store.refLen[slot]),
    ).filter((cell) => cell >= 0);
    const visited: number[] = [];
    forEachReference(py.heap, slot, (item) => visited.push(item));
    expect(visited).toEqual(everyCell);
    py.delattr(py.locals.n, 'x');
    const afterDelete: number[] = [];
    forEachReference(py.heap, slot, (item) => afterDelete.push(item));
    expect(afterDelete).not.toContain(-1);
  });
});
