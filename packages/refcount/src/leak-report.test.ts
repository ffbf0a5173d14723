import { createRuntime, noGC, ObjectFlag, type Runtime, verifyHeap } from '@pymm/core';
import { listAppend } from '@pymm/core/heap';
import { NODE_CYCLE_PYTHON, nodeExample } from '@pymm/testkit/node-cycle';
import { runCPython } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import { type LeakGroup, leakReport } from './leak-report.js';
import { refcount } from './refcount-strategy.js';

function counting(): Runtime {
  return createRuntime({ strategy: refcount() });
}

const labels = (group: LeakGroup) => group.edges.map((e) => e.label);
const roles = (group: LeakGroup) => group.objects.map((o) => `${o.type}:${o.role}`);

/**
 * What CPython's `gc.collect()` finds after the Node example (with `beforeDel`,
 * Python lines, run just before its `del`) under `gc.disable()`: the number of
 * objects, their sorted type names and their total `sys.getsizeof`.
 */
function cpythonGarbage(beforeDel = ''): unknown {
  return runCPython(`
import gc, json, sys
gc.disable()
${NODE_CYCLE_PYTHON}
${beforeDel}del node1, node2
gc.set_debug(gc.DEBUG_SAVEALL)
found = gc.collect()
print(json.dumps([found, sorted(type(o).__name__ for o in gc.garbage), sum(sys.getsizeof(o) for o in gc.garbage)]))`);
}

describe('the Node example', () => {
  it('leaks exactly the two nodes, and the report names them and their ref edges', () => {
    const py = counting();
    const before = py.heap.store.liveCount;
    const [node1, node2] = nodeExample(py);
    expect(py.heap.store.liveCount - before).toBe(2);

    const report = leakReport(py);
    expect(report.strategy).toBe('refcount');
    expect(report.operation).toBe(py.operation);
    expect(report.summary).toEqual({
      liveObjects: 2,
      reachableObjects: 0,
      groups: 1,
      cycles: 1,
      objects: 2,
      bytes: 112,
    });
    expect(report.groups).toEqual([
      {
        id: 1,
        kind: 'cycle',
        objectCount: 2,
        cycleObjects: 2,
        bytes: 112,
        objects: [
          { handle: node1, type: 'Node', sizeof: 56, role: 'cycle' },
          { handle: node2, type: 'Node', sizeof: 56, role: 'cycle' },
        ],
        edges: [
          { from: node1, to: node2, label: 'ref' },
          { from: node2, to: node1, label: 'ref' },
        ],
        edgeCount: 2,
        referencedFrom: [],
        truncated: false,
      },
    ]);
  });

  it('finds what CPython with gc.disable() keeps: the same objects, types and bytes gc.collect() later finds', () => {
    const expected = cpythonGarbage();
    const py = counting();
    nodeExample(py);
    const { groups, summary } = leakReport(py);
    const types = groups.flatMap((g) => g.objects.map((o) => o.type)).sort();
    expect([summary.objects, types, summary.bytes]).toEqual(expected);
  });
  it("agrees with CPython on the README's cycle: gc.collect() finds exactly the leaked objects its collector tracks", () => {
    const expected = cpythonGarbage("node1.cache = {'rows': ['row 1', 'row 2']}\n");
    const py = counting();
    nodeExample(py, (node1) =>
      py.setattr(node1, 'cache', py.dict([[{ str: 'rows' }, py.list([py.str('row 1'), py.str('row 2')])]])),
    );
    const store = py.heap.store;
    const tracked = leakReport(py).groups[0].objects.filter(
      (o) => (store.flags[store.slotOf(o.handle, 'test')] & ObjectFlag.Tracked) !== 0,
    );
    expect([
      tracked.length,
      tracked.map((o) => o.type).sort(),
      tracked.reduce((n, o) => n + o.sizeof, 0),
    ]).toEqual(expected);
    expect(leakReport(py).summary).toMatchObject({ objects: 7, bytes: 529 }); // the strings too
  });
});

describe('groups', () => {
  it('attaches what hangs off a cycle, labelling attributes, indices and dict keys', () => {
    const py = counting();
    const Holder = py.class('Holder');
    const v = py.locals;
    v.h = Holder.new();
    py.setattr(v.h, 'self', v.h);
    py.setattr(
      v.h,
      'items',
      py.list([
        py.int(1000),
        py.str('text'),
        py.tuple([py.int(2000)]),
        py.dict([
          [{ str: 'alpha' }, py.list()],
          [{ int: 1000 }, py.list()],
          [py.tuple([py.int(1), py.str('x')]), py.list()],
        ]),
      ]),
    );
    py.del('h');

    const [group] = leakReport(py).groups;
    expect(group.kind).toBe('cycle');
    expect(group.cycleObjects).toBe(1);
    expect(group.objectCount).toBe(13);
    expect(roles(group)).toEqual([
      'Holder:cycle',
      'list:hanging',
      'int:hanging',
      'str:hanging',
      'tuple:hanging',
      'dict:hanging',
      'int:hanging',
      'str:hanging',
      'list:hanging',
      'int:hanging',
      'list:hanging',
      'tuple:hanging',
      'list:hanging',
    ]);
    expect(labels(group)).toEqual([
      'self',
      'items',
      '[0]',
      '[1]',
      '[2]',
      '[3]',
      '[0]',
      'key',
      "['alpha']",
      'key',
      '[1000]',
      'key',
      "[(1, 'x')]",
    ]);
    expect(group.bytes).toBe(group.objects.reduce((sum, o) => sum + o.sizeof, 0));
  });

  it('labels references of slots instances, sets, functions, generators and memoryviews', () => {
    const py = counting();
    const S = py.class('S', { slots: ['left', 'right'] });
    const v = py.locals;
    v.s = S.new();
    py.setattr(v.s, 'left', py.set([py.function([v.s]), py.memoryview(py.bytearray(10))]));
    py.setattr(v.s, 'right', py.generator([v.s]));
    py.del('s');
    const [group] = leakReport(py).groups;
    expect(roles(group)).toEqual([
      'S:cycle',
      'set:cycle',
      'generator:cycle',
      'function:cycle',
      'memoryview:hanging',
      'bytearray:hanging',
    ]);
    expect(labels(group)).toEqual(['left', 'right', 'member', 'member', 'gi_frame[0]', 'captured[0]', 'obj']);
  });

  it('gives a cycle kept alive by another cycle its own group, and says who keeps it', () => {
    const py = counting();
    const N = py.class('N');
    const v = py.locals;
    v.x = N.new();
    v.y = N.new({ peer: v.x });
    py.setattr(v.x, 'peer', v.y);
    v.z = N.new({ data: py.list() });
    py.setattr(v.z, 'self', v.z);
    py.setattr(v.x, 'other', v.z);
    const [x, y, z] = [v.x, v.y, v.z];
    py.del('x', 'y', 'z');

    const report = leakReport(py);
    expect(report.summary).toMatchObject({ groups: 2, cycles: 2, objects: 4 });
    const [first, second] = report.groups;
    expect(first.objects.map((o) => o.handle)).toEqual([x, y]);
    expect(first.referencedFrom).toEqual([]);
    expect(second.objects.map((o) => o.handle)).toEqual([z, py.getattr(z, 'data')]);
    expect(roles(second)).toEqual(['N:cycle', 'list:hanging']);
    expect(second.referencedFrom).toEqual([1]);
    // The reference from x to z crosses groups: it is not an edge of either.
    expect(first.edges).toEqual([
      { from: x, to: y, label: 'peer' },
      { from: y, to: x, label: 'peer' },
    ]);
  });

  it('lists an object that several cycles reach once, as shared, in the group whose cycle has the lowest slot', () => {
    const py = counting();
    const N = py.class('N');
    const v = py.locals;
    v.a1 = N.new();
    v.a2 = N.new({ peer: v.a1 });
    py.setattr(v.a1, 'peer', v.a2);
    v.b = N.new();
    py.setattr(v.b, 'self', v.b);
    v.s = py.list([py.dict([[{ str: 'deep' }, py.list()]])]);
    v.only = py.list();
    py.setattr(v.b, 's', v.s);
    py.setattr(v.a2, 's', v.s);
    py.setattr(v.b, 'only', v.only);
    py.del('a1', 'a2', 'b', 's', 'only');

    const report = leakReport(py);
    expect(report.summary).toMatchObject({ groups: 2, cycles: 2, objects: 8 });
    const [a, b] = report.groups;
    expect(roles(a)).toEqual([
      'N:cycle',
      'N:cycle',
      'list:shared',
      'dict:shared',
      'str:shared',
      'list:shared',
    ]);
    expect(a.referencedFrom).toEqual([2]);
    expect(roles(b)).toEqual(['N:cycle', 'list:hanging']);
    expect(b.referencedFrom).toEqual([]);
  });

  it('orders groups largest first, then by the lowest slot, and gives the same report twice', () => {
    const py = counting();
    const v = py.locals;
    const selfList = (name: string, extra: number) => {
      v[name] = py.list(Array.from({ length: extra }, () => py.None));
      py.append(v[name], v[name]);
      return v[name];
    };
    const small1 = selfList('a', 0);
    const big = selfList('b', 20);
    const small2 = selfList('c', 0);
    py.del('a', 'b', 'c');
    const report = leakReport(py);
    expect(report.groups.map((g) => g.objects[0].handle)).toEqual([big, small1, small2]);
    expect(report.groups.map((g) => g.id)).toEqual([1, 2, 3]);
    expect(leakReport(py)).toEqual(report);
  });

  it('stops listing at the limit, but counts and sizes whole groups', () => {
    const py = counting();
    const Node = py.class('Node');
    const v = py.locals;
    v.first = Node.new();
    v.last = v.first;
    for (let i = 1; i < 10; i++) {
      v.n = Node.new();
      py.setattr(v.last, 'next', v.n);
      v.last = v.n;
    }
    py.setattr(v.last, 'next', v.first);
    const first = v.first;
    py.del('first', 'last', 'n');
    const [group] = leakReport(py, { limit: 3 }).groups;
    expect(group).toMatchObject({
      objectCount: 10,
      cycleObjects: 10,
      bytes: 560,
      edgeCount: 10,
      truncated: true,
    });
    expect(group.objects).toHaveLength(3);
    expect(group.objects[0].handle).toBe(first);
    expect(group.edges.map((e) => [e.from, e.to])).toEqual([
      [group.objects[0].handle, group.objects[1].handle],
      [group.objects[1].handle, group.objects[2].handle],
    ]);
    expect(leakReport(py, { limit: 0 }).groups[0]).toMatchObject({ objects: [], edges: [], truncated: true });
    expect(() => leakReport(py, { limit: -1 })).toThrowError(RangeError);
  });
});

describe('roots and reachability', () => {
  it('reports nothing when every object is reachable, and counts temporaries as roots', () => {
    const py = createRuntime({ strategy: noGC() });
    py.locals.xs = py.list([py.list()]);
    const t = py.list();
    expect(leakReport(py).summary).toEqual({
      liveObjects: 3,
      reachableObjects: 3,
      groups: 0,
      cycles: 0,
      objects: 0,
      bytes: 0,
    });
    py.flushTemporaries();
    const [group] = leakReport(py).groups;
    expect(group).toMatchObject({ kind: 'acyclic', cycleObjects: 0, objectCount: 1 });
    expect(group.objects[0].handle).toBe(t);
  });

  it('without reference counts, reports unreferenced objects as acyclic groups with what hangs off them', () => {
    const py = createRuntime({ strategy: noGC() });
    py.locals.x = py.list([py.list(), py.int(5000)]);
    const x = py.locals.x;
    py.del('x');
    const report = leakReport(py);
    expect(report.summary).toMatchObject({ groups: 1, cycles: 0, objects: 3 });
    expect(report.groups[0].objects[0].handle).toBe(x);
    expect(roles(report.groups[0])).toEqual(['list:root', 'list:hanging', 'int:hanging']);
    expect(labels(report.groups[0])).toEqual(['[0]', '[1]']);
  });

  it('leaves out objects a leaked cycle refers to that roots still reach', () => {
    const py = counting();
    const v = py.locals;
    v.kept = py.list();
    v.cycle = py.list([v.kept]);
    py.append(v.cycle, v.cycle);
    py.del('cycle');
    const report = leakReport(py);
    expect(report.summary).toMatchObject({ liveObjects: 2, reachableObjects: 1, objects: 1 });
    expect(labels(report.groups[0])).toEqual(['[1]']);
  });

  it('only reads the heap', () => {
    const py = counting();
    nodeExample(py);
    const store = py.heap.store;
    const flags = store.flags.slice();
    const counts = store.refcount.slice();
    leakReport(py);
    expect(store.flags).toEqual(flags);
    expect(store.refcount).toEqual(counts);
    expect(verifyHeap(py.heap).ok).toBe(true);
  });

  it('takes a Heap as well as a Runtime', () => {
    const py = counting();
    nodeExample(py);
    expect(leakReport(py.heap)).toEqual(leakReport(py));
  });

  it('does not follow weak references', () => {
    const py = counting();
    const P = py.class('P');
    const v = py.locals;
    v.p = P.new();
    v.cycle = py.list([py.weakref(v.p)]);
    py.append(v.cycle, v.cycle);
    py.del('cycle');
    expect(roles(leakReport(py).groups[0])).toEqual(['list:cycle', 'weakref:hanging']);
    expect(leakReport(py).summary.reachableObjects).toBe(1);
  });

  it('shows a reference cell created at heap level', () => {
    const py = counting();
    py.locals.l = py.list();
    const list = py.heap.store.slotOf(py.locals.l, 'test');
    const cell = py.heap.newCell(list);
    listAppend(py.heap, list, cell);
    py.del('l');
    expect(labels(leakReport(py).groups[0])).toEqual(['[0]', 'cell_contents']);
  });
});
