import { createRuntime, type HeapEvent } from '@pymm/core';
import { assertHeap } from '@pymm/core/heap';
import { runCPython } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import { DEBUG_SAVEALL, DEBUG_STATS } from './gc-flags.js';
import { gcModule } from './gc-module.js';
import { generational } from './generational-strategy.js';

/** Runs a snippet on the local CPython after putting the collector in the spec's starting state. */
function cpython(body: string): unknown {
  return runCPython(`
import gc, json, weakref
gc.collect(); gc.freeze(); gc.collect()
${body}`);
}

function runtime() {
  const py = createRuntime({ strategy: generational() });
  return { py, gc: gcModule(py) };
}

describe('gc.collect() returns what CPython returns', () => {
  it('for a two-node cycle of instances, a self-referencing list, and a cycle with __del__', () => {
    const expected = cpython(`
class Node: pass
class D:
    def __del__(self): pass
out = []
a = Node(); b = Node(); a.ref = b; b.ref = a; del a, b; out.append(gc.collect())
l = []; l.append(l); del l; out.append(gc.collect())
d = D(); d.me = d; del d; out.append(gc.collect()); out.append(len(gc.garbage))
print(json.dumps(out))`);
    const { py, gc } = runtime();
    const out: number[] = [];
    const Node = py.class('Node');
    py.locals.a = Node.new();
    py.locals.b = Node.new({ ref: py.locals.a });
    py.setattr(py.locals.a, 'ref', py.locals.b);
    py.del('a', 'b');
    out.push(gc.collect());
    py.locals.l = py.list();
    py.append(py.locals.l, py.locals.l);
    py.del('l');
    out.push(gc.collect());
    const D = py.class('D', { del: () => {} });
    py.locals.d = D.new();
    py.setattr(py.locals.d, 'me', py.locals.d);
    py.del('d');
    out.push(gc.collect());
    out.push(gc.garbage.length);
    expect(out).toEqual(expected);
    assertHeap(py.heap);
  });

  it('returns 0 for a cycle whose __del__ resurrects it, and never finalizes it twice', () => {
    const expected = cpython(`
saved = []
class R:
    def __del__(self): saved.append(self)
r = R(); r.me = r; del r
out = [gc.collect(), len(saved), gc.is_finalized(saved[0])]
saved.clear(); out.append(gc.collect())
print(json.dumps(out))`);
    const { py, gc } = runtime();
    let runs = 0;
    const R = py.class('R', {
      del: (self) => {
        runs++;
        py.append(py.globals.saved, self);
      },
    });
    py.globals.saved = py.list();
    py.locals.r = R.new();
    py.setattr(py.locals.r, 'me', py.locals.r);
    py.del('r');
    const out: (number | boolean)[] = [
      gc.collect(),
      py.len(py.globals.saved),
      gc.isFinalized(py.getitem(py.globals.saved, 0)),
    ];
    py.clear(py.globals.saved);
    out.push(gc.collect());
    expect(out).toEqual(expected);
    expect(runs).toBe(1);
  });

  it('counts a reachable weak reference whose callback ran, and calls the callback once', () => {
    const expected = cpython(`
class Node: pass
calls = []
n = Node(); n.me = n
w = weakref.ref(n, lambda r: calls.append(1))
del n
print(json.dumps([gc.collect(), len(calls), w() is None]))`);
    const { py, gc } = runtime();
    const Node = py.class('Node');
    let calls = 0;
    py.locals.n = Node.new();
    py.setattr(py.locals.n, 'me', py.locals.n);
    py.locals.w = py.weakref(py.locals.n, () => calls++);
    py.del('n');
    expect([gc.collect(), calls, py.deref(py.locals.w) === py.None]).toEqual(expected);
  });
});

describe('tracking', () => {
  it('untracks tuples of atoms at any collection, and dicts of atoms only at full collections', () => {
    const expected = cpython(`
t = tuple([1, 2]); d = {}; d[1] = []; d[1] = 5
out = [gc.is_tracked(t), gc.is_tracked(d)]
gc.collect(0); out += [gc.is_tracked(t), gc.is_tracked(d)]
gc.collect(); out += [gc.is_tracked(t), gc.is_tracked(d)]
print(json.dumps(out))`);
    const { py, gc } = runtime();
    py.locals.t = py.tuple([py.int(1), py.int(2)]);
    py.locals.d = py.dict();
    py.setitem(py.locals.d, { int: 1 }, py.list());
    py.setitem(py.locals.d, { int: 1 }, py.int(5));
    const out = [gc.isTracked(py.locals.t), gc.isTracked(py.locals.d)];
    gc.collect(0);
    out.push(gc.isTracked(py.locals.t), gc.isTracked(py.locals.d));
    gc.collect();
    out.push(gc.isTracked(py.locals.t), gc.isTracked(py.locals.d));
    expect(out).toEqual(expected);
  });

  it('lists objects per generation and moves them on as they survive', () => {
    const { py, gc } = runtime();
    py.locals.x = py.list();
    expect(gc.getObjects(0)).toEqual([py.locals.x]);
    gc.collect(0);
    expect(gc.getObjects(0)).toEqual([]);
    expect(gc.getObjects(1)).toEqual([py.locals.x]);
    gc.collect(1);
    expect(gc.getObjects(2)).toEqual([py.locals.x]);
    expect(gc.getCount()).toEqual([0, 0, 1]);
  });

  it('freezes everything into the permanent generation and unfreezes it into generation 2', () => {
    const expected = cpython(`
a = [[] for _ in range(3)]
out = [gc.get_count()[0] > 0]
gc.freeze(); out += [gc.get_freeze_count(), list(gc.get_count())]
gc.unfreeze(); out += [gc.get_freeze_count(), len(gc.get_objects(2))]
print(json.dumps(out))`);
    const { py, gc } = runtime();
    py.locals.a = py.list([py.list(), py.list(), py.list()]);
    const out: unknown[] = [gc.getCount()[0] > 0];
    gc.freeze();
    out.push(gc.getFreezeCount(), gc.getCount());
    gc.unfreeze();
    out.push(gc.getFreezeCount(), gc.getObjects(2).length);
    // CPython's comprehension leaves its own function object around until the
    // statement ends, so compare the shape, and the exact frozen count of our 4 lists.
    expect(out[0]).toBe((expected as unknown[])[0]);
    expect(out[2]).toEqual((expected as unknown[])[2]);
    expect(out[1]).toBe(4);
    expect(out[4]).toBe(4);
  });

  it('finds referrers and referents', () => {
    const { py, gc } = runtime();
    py.locals.inner = py.list();
    py.locals.outer = py.list([py.locals.inner]);
    expect(gc.getReferrers(py.locals.inner)).toEqual([py.locals.outer]);
    expect(gc.getReferents(py.locals.outer)).toEqual([py.locals.inner]);
  });
});

describe('automatic collection', () => {
  it('starts a generation-0 collection at exactly the allocation CPython does', () => {
    const expected = cpython(`
at = []
i = 0
def cb(phase, info):
    if phase == 'start': at.append([i, info['generation']])
keep = [None] * 2000
gc.callbacks.append(cb)
while i < 1500:
    keep[i] = []
    i += 1
print(json.dumps(at))`);
    const { py, gc } = runtime();
    const at: number[][] = [];
    let i = 0;
    gc.callbacks.push((phase, info) => {
      if (phase === 'start') at.push([i, info.generation]);
    });
    // The same GC allocations as the Python prelude: the list `at`, the function `cb`, the list `keep`.
    py.locals.at = py.list();
    py.locals.cb = py.function();
    py.locals.keep = py.list();
    for (; i < 1500; i++) py.append(py.locals.keep, py.list());
    expect((expected as unknown[]).length).toBe(2);
    expect(at).toEqual(expected);
  });

  it('emits a collection event with generation, reason, examined, collected and duration', () => {
    const { py, gc } = runtime();
    const events: HeapEvent[] = [];
    py.on('collection-stop', (e) => events.push(e));
    py.locals.l = py.list();
    py.append(py.locals.l, py.locals.l);
    py.del('l');
    gc.collect(1);
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'collection-stop',
        generation: 1,
        reason: 'explicit',
        examined: 1,
        collected: 1,
        uncollectable: 0,
      }),
    ]);
    expect((events[0] as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0);
  });

  it('calls gc.callbacks with start and stop', () => {
    const { py, gc } = runtime();
    const seen: string[] = [];
    gc.callbacks.push((phase, info) => seen.push(`${phase}:${info.generation}:${info.collected}`));
    py.locals.l = py.list();
    py.append(py.locals.l, py.locals.l);
    py.del('l');
    gc.collect(1);
    expect(seen).toEqual(['start:1:0', 'stop:1:1']);
  });
});

describe('debug flags', () => {
  it('DEBUG_SAVEALL keeps garbage in gc.garbage, still counted as collected', () => {
    const expected = cpython(`
gc.set_debug(gc.DEBUG_SAVEALL)
l = []; l.append(l); del l
print(json.dumps([gc.collect(), len(gc.garbage)]))`);
    const { py, gc } = runtime();
    gc.setDebug(DEBUG_SAVEALL);
    py.locals.l = py.list();
    py.append(py.locals.l, py.locals.l);
    py.del('l');
    expect([gc.collect(), gc.garbage.length]).toEqual(expected);
    gc.clearGarbage();
    gc.setDebug(0);
    expect(gc.collect()).toBe(1);
    assertHeap(py.heap);
  });

  it('DEBUG_STATS writes CPython-style collection lines', () => {
    const { py, gc } = runtime();
    gc.setDebug(DEBUG_STATS);
    gc.collect(0);
    expect(gc.debugLog[0]).toBe('gc: collecting generation 0...');
    expect(gc.debugLog.at(-1)).toMatch(/^gc: done, 0 unreachable, 0 uncollectable, [\d.]+s elapsed$/);
    void py;
  });
});
