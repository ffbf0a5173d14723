import { nodeExample } from '@pymm/testkit/node-cycle';
import { runCPython } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import type { HeapEvent } from '../events/events.js';
import { UseAfterFreeError } from '../heap/object-store.js';
import { assertHeap, verifyHeap } from '../heap/verifier.js';
import { noGC } from '../strategy/no-gc.js';
import { recordingRefcount } from '../test-support.js';
import { createRuntime, type Runtime } from './runtime.js';

function counting(): Runtime {
  return createRuntime({ strategy: recordingRefcount() });
}

describe('the Node example', () => {
  it('leaves the two-node cycle alive under reference counting (counts 1 each, verifier holds)', () => {
    const py = counting();
    const [a, b] = nodeExample(py);
    expect(py.isAlive(a) && py.isAlive(b)).toBe(true);
    expect(py.refcount(a)).toBe(1);
    expect(py.refcount(b)).toBe(1);
    assertHeap(py.heap);
  });

  it('frees nothing under noGC', () => {
    const py = createRuntime({ strategy: noGC() });
    const before = py.heap.store.liveCount;
    const [a, b] = nodeExample(py);
    expect(py.isAlive(a) && py.isAlive(b)).toBe(true);
    expect(py.heap.store.liveCount).toBe(before + 2);
    expect(py.refcount(a)).toBe(0); // no counts kept: the baseline pays nothing for them
  });
});

describe('reference counting in core', () => {
  it('frees an object the moment its last reference goes, and cascades', () => {
    const py = counting();
    const v = py.locals;
    v.outer = py.list([py.list([py.float(1.5)])]);
    const inner = py.getitem(v.outer, 0);
    const freed: string[] = [];
    py.on('free', (e) => freed.push(e.type));
    delete v.outer;
    expect(py.isAlive(inner)).toBe(false);
    expect(freed).toEqual(['float', 'list', 'list']); // children first, as list_dealloc releases items before freeing itself
    assertHeap(py.heap);
  });

  it('releases a temporary that nothing took by the end of the next operation', () => {
    const py = counting();
    const t = py.list();
    expect(py.isAlive(t)).toBe(true);
    py.locals.x = py.int(5);
    expect(py.isAlive(t)).toBe(false);
    const u = py.list();
    py.flushTemporaries();
    expect(py.isAlive(u)).toBe(false);
  });

  it('hands a stored temporary over without an extra reference', () => {
    const py = counting();
    py.locals.xs = py.list();
    expect(py.refcount(py.locals.xs)).toBe(1);
    py.locals.ys = py.locals.xs;
    expect(py.refcount(py.locals.xs)).toBe(2);
    assertHeap(py.heap);
  });

  it('keeps counts exact through every container operation', () => {
    const py = counting();
    const v = py.locals;
    const C = py.class('C');
    v.d = py.dict([[{ str: 'a' }, py.list()]]);
    v.l = py.list([py.int(1000), py.tuple([py.list(), py.str('hello')])]);
    v.s = py.set([py.int(1), py.str('x')]);
    v.o = C.new({ a: py.list() });
    py.append(v.l, v.d);
    py.setitem(v.l, 0, v.o);
    py.setitem(v.d, { int: 3 }, v.l);
    py.delitem(v.d, { str: 'a' });
    py.pop(v.l);
    py.add(v.s, v.o);
    py.setattr(v.o, 'b', v.s);
    py.delattr(v.o, 'a');
    py.clear(v.d);
    py.flushTemporaries();
    assertHeap(py.heap);
    py.del('d', 'l', 's', 'o');
    py.flushTemporaries();
    const result = verifyHeap(py.heap);
    expect(result.ok).toBe(true);
  });

  it('frees a 1,000,000-long linked chain and a 1,000,000-deep nested list without stack overflow', () => {
    const py = counting();
    const v = py.locals;
    const Node = py.class('Node');
    v.head = Node.new();
    for (let i = 0; i < 1_000_000; i++) v.head = Node.new({ next: v.head });
    v.nested = py.list();
    for (let i = 0; i < 1_000_000; i++) v.nested = py.list([v.nested]);
    const before = py.heap.store.liveCount;
    py.del('head', 'nested');
    expect(before - py.heap.store.liveCount).toBe(2_000_002);
  }, 60_000);
});

describe('deallocation order matches CPython', () => {
  const PY_CLASSES = `
import json
order = []
class F:
    def __init__(self, t): self.t = t
    def __del__(self): order.append(self.t)
class FL(list):
    __slots__ = ('tag',)
    def __del__(self): order.append(self.tag)
`;

  function finalizing(py: Runtime) {
    const order: (string | number)[] = [];
    const F = py.class('F', { del: (self) => order.push(py.value(py.getattr(self, 't')) as string) });
    const FL = py.class('FL', {
      base: 'list',
      del: (self) => order.push(py.heap.store.scalar[self & 0xffffff]),
    });
    return { order, F, FL };
  }

  it('releases list and tuple items last to first, dict entries and attributes first to last', () => {
    const expected = runCPython(`${PY_CLASSES}
out = []
l = [F('a'), F('b'), F('c')]; del l; out.append(order[:]); order.clear()
t = (F('a'), F('b'), F('c')); del t; out.append(order[:]); order.clear()
d = {1: F('a'), 2: F('b'), 3: F('c')}; del d; out.append(order[:]); order.clear()
class P: pass
o = P(); o.x = F('x'); o.y = F('y'); del o; out.append(order[:]); order.clear()
print(json.dumps(out))`);
    const py = counting();
    const { order, F } = finalizing(py);
    const v = py.locals;
    const f = (t: string) => F.new({ t: py.str(t) });
    const out: unknown[] = [];
    v.l = py.list([f('a'), f('b'), f('c')]);
    py.del('l');
    out.push(order.splice(0));
    v.t = py.tuple([f('a'), f('b'), f('c')]);
    py.del('t');
    out.push(order.splice(0));
    v.d = py.dict([
      [{ int: 1 }, f('a')],
      [{ int: 2 }, f('b')],
      [{ int: 3 }, f('c')],
    ]);
    py.del('d');
    out.push(order.splice(0));
    const P = py.class('P');
    v.o = P.new();
    py.setattr(v.o, 'x', f('x'));
    py.setattr(v.o, 'y', f('y'));
    py.del('o');
    out.push(order.splice(0));
    expect(out).toEqual(expected);
  });

  it("defers deep deallocations like CPython's trashcan (finalizer order of branched deep chains)", () => {
    const expected = runCPython(`${PY_CLASSES}
root = FL(); root.tag = 1000
for b in range(3):
    prev = None
    for i in range(60):
        n = FL(); n.tag = b * 100 + i
        if prev is not None: n.append(prev)
        prev = n
    root.append(prev)
del n, prev
del root
print(json.dumps(order))`);
    const py = counting();
    const { order, FL } = finalizing(py);
    const v = py.locals;
    v.root = FL.new();
    py.heap.store.scalar[v.root & 0xffffff] = 1000;
    for (let b = 0; b < 3; b++) {
      v.prev = py.None;
      for (let i = 0; i < 60; i++) {
        v.n = FL.new();
        py.heap.store.scalar[v.n & 0xffffff] = b * 100 + i;
        if (i > 0) py.append(v.n, v.prev);
        v.prev = v.n;
      }
      py.append(v.root, v.prev);
    }
    py.del('n', 'prev', 'root');
    expect(order).toEqual(expected);
  });

  it('runs weak-reference callbacks newest first, after clearing them all', () => {
    const expected = runCPython(`
import json, weakref
class P: pass
order = []
p = P()
rs = [weakref.ref(p, lambda r, i=i: order.append((i, r() is None))) for i in range(3)]
del p
print(json.dumps(order))`);
    const py = counting();
    const P = py.class('P');
    const v = py.locals;
    v.p = P.new();
    const order: [number, boolean][] = [];
    for (let i = 0; i < 3; i++) {
      v[`r${i}`] = py.weakref(v.p, (ref) => order.push([i, py.deref(ref) === py.None]));
    }
    py.del('p');
    expect(order).toEqual(expected);
  });
});

describe('finalizers', () => {
  it('runs __del__ once, and lets it resurrect its object', () => {
    const py = counting();
    let runs = 0;
    const R = py.class('R', {
      del: (self) => {
        runs++;
        py.globals.saved = self;
      },
    });
    py.locals.r = R.new();
    const r = py.locals.r;
    py.del('r');
    expect(runs).toBe(1);
    expect(py.isAlive(r)).toBe(true);
    expect(py.refcount(r)).toBe(1);
    delete py.globals.saved;
    expect(runs).toBe(1); // PEP 442: never twice
    expect(py.isAlive(r)).toBe(false);
    assertHeap(py.heap);
  });
});

describe('scopes, context managers and resources', () => {
  it("kills a function's locals at return and keeps its return value", () => {
    const py = counting();
    let local = 0;
    py.locals.result = py.call('make', (v) => {
      v.tmp = py.list();
      local = v.tmp;
      return py.tuple([py.int(7)]);
    });
    expect(py.isAlive(local)).toBe(false);
    expect(py.len(py.locals.result)).toBe(1);
    assertHeap(py.heap);
  });

  it('closes a file at the end of a with block, even when the body throws', () => {
    const py = counting();
    let file = 0;
    expect(() =>
      py.with(py.open('a.txt'), (f) => {
        file = f;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(py.heap.openFileCount).toBe(0);
    expect(py.heap.resourceLog[0].how).toBe('with');
    expect(py.isAlive(file)).toBe(false);
  });

  it('closes a file at the exact operation that drops its last reference', () => {
    const py = counting();
    py.locals.f = py.open('data.csv');
    py.locals.g = py.locals.f;
    py.del('f');
    expect(py.heap.openFileCount).toBe(1);
    py.del('g');
    const dropAt = py.operation;
    expect(py.heap.resourceLog).toEqual([
      expect.objectContaining({ name: 'data.csv', how: 'dealloc', closedAt: dropAt }),
    ]);
  });

  it('keeps an object alive through an external reference', () => {
    const py = counting();
    const xs = py.keep(py.list());
    py.flushTemporaries();
    expect(py.isAlive(xs)).toBe(true);
    py.release(xs);
    expect(py.isAlive(xs)).toBe(false);
  });
});

describe('errors', () => {
  it('throws UseAfterFreeError naming the handle and the type for a freed object', () => {
    const py = counting();
    py.locals.xs = py.list();
    const xs = py.locals.xs;
    py.del('xs');
    expect(() => py.append(xs, py.None)).toThrowError(UseAfterFreeError);
    expect(() => py.append(xs, py.None)).toThrowError(
      `append: handle ${xs} refers to a list that has been freed`,
    );
  });

  it('raises Python exceptions for Python errors', () => {
    const py = counting();
    py.locals.t = py.tuple([py.int(1)]);
    expect(() => py.append(py.locals.t, py.None)).toThrowError('TypeError: append: expected list, got tuple');
    py.locals.l = py.list();
    expect(() => py.getitem(py.locals.l, 0)).toThrowError('IndexError: list index out of range');
    expect(() => py.locals.missing).toThrowError("NameError: name 'missing' is not defined");
  });
});

describe('events', () => {
  it('streams allocations, frees, finalizers and closed resources to subscribers', () => {
    const py = counting();
    const events: HeapEvent[] = [];
    const unsubscribe = py.heap.events.onAny((e) => events.push(e));
    const F = py.class('F', { del: () => {} });
    py.locals.f = F.new();
    py.locals.file = py.open('x');
    py.del('f', 'file');
    unsubscribe();
    py.locals.after = py.list();
    expect(events.map((e) => e.kind)).toEqual([
      'allocate',
      'allocate',
      'finalizer',
      'free',
      'resource-closed',
      'free',
    ]);
  });
});

describe('sizes through the runtime', () => {
  it('reports sys.getsizeof as lists grow by append', () => {
    const py = counting();
    py.locals.xs = py.list();
    const sizes = [py.sizeof(py.locals.xs)];
    for (let i = 0; i < 9; i++) {
      py.append(py.locals.xs, py.None);
      sizes.push(py.sizeof(py.locals.xs));
    }
    expect(sizes).toEqual(
      runCPython(`
import sys, json
xs = []; out = [sys.getsizeof(xs)]
for i in range(9):
    xs.append(None); out.append(sys.getsizeof(xs))
print(json.dumps(out))`),
    );
  });
});

describe('fingerprint', () => {
  function program(py: Runtime, extra: boolean) {
    const F = py.class('F', { del: () => py.list() });
    py.locals.a = py.list([py.int(1), F.new()]);
    py.append(py.locals.a, py.locals.a);
    py.del('a');
    if (extra) py.locals.b = py.dict();
    py.collect();
  }

  it('is the same for the same program under different strategies, and differs for another program', () => {
    const a = createRuntime({ strategy: noGC() });
    const b = counting();
    const c = counting();
    program(a, false);
    program(b, false);
    program(c, true);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(c.fingerprint).not.toBe(b.fingerprint);
  });
});
