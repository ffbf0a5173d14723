/**
 * Pure reference counting is CPython with `gc.disable()`: the expected values
 * here come from running the same program on the local CPython, not from
 * typing them by hand.
 */
import { createRuntime, type Handle, type HeapEvent, type Runtime } from '@pymm/core';
import { runCPython } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import { leakReport } from './leak-report.js';
import { refcount } from './refcount-strategy.js';

function counting(): Runtime {
  return createRuntime({ strategy: refcount() });
}

describe('files are closed promptly', () => {
  it('closes a file at the del that drops its last reference, and the resource log names that operation', () => {
    const py = counting();
    const closed: HeapEvent[] = [];
    py.on('resource-closed', (e) => closed.push(e));
    py.locals.f = py.open('data.csv');
    const f = py.locals.f;
    const openedAt = py.operation - 1; // open() ran in the operation before the binding
    py.locals.alias = f;
    py.del('f');
    expect(py.isOpen(f)).toBe(true);
    py.del('alias');
    const droppedAt = py.operation;
    expect(py.heap.resourceLog).toEqual([
      { handle: f, name: 'data.csv', openedAt, closedAt: droppedAt, how: 'dealloc' },
    ]);
    expect(closed).toEqual([
      {
        kind: 'resource-closed',
        handle: f,
        name: 'data.csv',
        how: 'dealloc',
        operation: droppedAt,
        openedAt,
      },
    ]);
    expect(py.heap.openFileCount).toBe(0);
    expect(py.isAlive(f)).toBe(false);
  });

  it("closes a function's file when the function returns", () => {
    const py = counting();
    py.call('read_config', (v) => {
      v.f = py.open('config.toml');
    });
    expect(py.heap.resourceLog[0]).toMatchObject({ how: 'dealloc', closedAt: py.operation });
  });

  it('closes files held by a list when the list is cleared, last to first', () => {
    const py = counting();
    py.locals.files = py.list([py.open('a'), py.open('b'), py.open('c')]);
    py.clear(py.locals.files);
    const at = py.operation;
    expect(py.heap.resourceLog.map((r) => [r.name, r.how, r.closedAt])).toEqual([
      ['a', 'dealloc', at],
      ['b', 'dealloc', at],
      ['c', 'dealloc', at],
    ]);
    const closedOrder: string[] = [];
    py.on('resource-closed', (e) => closedOrder.push(e.name));
    py.locals.files = py.list([py.open('x'), py.open('y')]);
    py.clear(py.locals.files);
    expect(closedOrder).toEqual(['y', 'x']);
  });

  it('never closes a file kept by a reference cycle', () => {
    const py = counting();
    const Conn = py.class('Conn');
    py.locals.c = Conn.new({ file: py.open('socket') });
    py.setattr(py.locals.c, 'self', py.locals.c);
    py.del('c');
    py.collect();
    expect(py.heap.openFileCount).toBe(1);
    expect(py.heap.resourceLog[0].closedAt).toBeNull();
    expect(leakReport(py).groups[0].objects.map((o) => o.type)).toEqual(['Conn', 'file']);
  });
});

describe('finalizers run in CPython order', () => {
  it('matches CPython for lists of finalizable objects: del, clear, setitem, delitem, pop, rebinding, nesting', () => {
    const expected = runCPython(`
import gc, json
gc.disable()
order = []
class F:
    def __init__(self, t): self.t = t
    def __del__(self): order.append(self.t)
class G:
    def __init__(self, t, victim): self.t = t; self.victim = victim
    def __del__(self):
        order.append(self.t)
        self.victim = None
out = {}
def take(name):
    out[name] = order[:]
    order.clear()

l = [F(0), F(1), F(2), F(3), F(4)]
del l
take('del list')
l = [F(0), F(1), F(2), F(3), F(4)]
l.clear()
take('list.clear()')
l = [F(0), F(1), F(2), F(3), F(4)]
l[2] = None
take('l[2] = None')
del l[0]
take('del l[0]')
l.pop()
take('l.pop()')
l = None
take('l = None')
l = [F(0), [F(1), F(2)], (F(3), F(4)), {'a': F(5), 'b': F(6)}, F(7)]
del l
take('nested containers')
a = F('a'); a.child = F('b'); a.child.child = F('c')
l = [a, F('d')]
del a
del l
take('finalizable objects holding finalizable objects')
g = G('g', F('v')); l = [F('x'), g]
del g, l
take('a finalizer that drops a reference')
print(json.dumps(out))`);

    const py = counting();
    const order: (string | number)[] = [];
    const F = py.class('F', {
      del: (self) => order.push(py.value(py.getattr(self, 't')) as string | number),
    });
    const G = py.class('G', {
      del: (self) => {
        order.push(py.value(py.getattr(self, 't')) as string);
        py.setattr(self, 'victim', py.None);
      },
    });
    const f = (t: string | number) => F.new({ t: typeof t === 'number' ? py.int(t) : py.str(t) });
    const five = () => py.list([f(0), f(1), f(2), f(3), f(4)]);
    const out: Record<string, unknown> = {};
    const take = (name: string) => {
      out[name] = order.splice(0);
    };
    const v = py.locals;

    v.l = five();
    py.del('l');
    take('del list');
    v.l = five();
    py.clear(v.l);
    take('list.clear()');
    v.l = five();
    py.setitem(v.l, 2, py.None);
    take('l[2] = None');
    py.delitem(v.l, 0);
    take('del l[0]');
    py.pop(v.l);
    py.flushTemporaries(); // the end of the expression statement
    take('l.pop()');
    v.l = py.None;
    take('l = None');
    v.l = py.list([
      f(0),
      py.list([f(1), f(2)]),
      py.tuple([f(3), f(4)]),
      py.dict([
        [{ str: 'a' }, f(5)],
        [{ str: 'b' }, f(6)],
      ]),
      f(7),
    ]);
    py.del('l');
    take('nested containers');
    v.a = f('a');
    py.setattr(v.a, 'child', f('b'));
    py.setattr(py.getattr(v.a, 'child'), 'child', f('c'));
    v.l = py.list([v.a, f('d')]);
    py.del('a');
    py.del('l');
    take('finalizable objects holding finalizable objects');
    v.g = G.new({ t: py.str('g'), victim: f('v') });
    v.l = py.list([f('x'), v.g]);
    py.del('g', 'l');
    take('a finalizer that drops a reference');

    expect(out).toEqual(expected);
  });
});

describe('resurrection (PEP 442)', () => {
  it('runs the finalizer once; the object survives, and is later freed without a second run', () => {
    const expected = runCPython(`
import gc, json, weakref
gc.disable()
runs = []
callbacks = []
saved = None
class R:
    def __del__(self):
        global saved
        runs.append('del')
        saved = self
r = R()
w = weakref.ref(r, lambda ref: callbacks.append(ref() is None))
del r
out = [len(runs), saved is not None, w() is saved, len(callbacks)]
saved = None
out += [len(runs), w() is None, callbacks]
print(json.dumps(out))`);

    const py = counting();
    let runs = 0;
    const callbacks: boolean[] = [];
    const R = py.class('R', {
      del: (self) => {
        runs++;
        py.globals.saved = self;
      },
    });
    const finalizerEvents: HeapEvent[] = [];
    const frees: HeapEvent[] = [];
    py.on('finalizer', (e) => finalizerEvents.push(e));
    py.on('free', (e) => frees.push(e));
    py.locals.r = R.new();
    const r = py.locals.r;
    py.locals.w = py.weakref(r, (ref) => callbacks.push(py.deref(ref) === py.None));
    py.del('r');
    const out: unknown[] = [runs, py.isAlive(r), py.deref(py.locals.w) === r, callbacks.length];
    expect(frees).toEqual([]);
    delete py.globals.saved;
    const freedAt = py.operation;
    out.push(runs, py.deref(py.locals.w) === py.None, callbacks);
    expect(out).toEqual(expected);

    expect(finalizerEvents).toEqual([
      expect.objectContaining({ kind: 'finalizer', handle: r, resurrected: true }),
    ]);
    expect(frees).toEqual([
      expect.objectContaining({ handle: r, type: 'R', operation: freedAt, by: 'refcount' }),
    ]);
    expect(py.isAlive(r)).toBe(false);
  });
});

describe('weak references', () => {
  it('matches CPython: callback order, dying weak references, referents in cycles', () => {
    const expected = runCPython(`
import gc, json, weakref
gc.disable()
class P: pass
out = {}
calls = []
def take(name, extra=None):
    out[name] = calls[:] if extra is None else [calls[:], extra]
    calls.clear()

p = P()
rs = [weakref.ref(p, lambda r, i=i: calls.append([i, r() is None])) for i in range(3)]
del p
take('newest first, all cleared before the first callback')
p = P()
r = weakref.ref(p, lambda r: calls.append('dead weakref'))
del r
del p
take('a weak reference that died first')
p = P()
p.me = weakref.ref(p, lambda r: calls.append('own weakref'))
del p
take('a weak reference held by its referent')
a = P(); b = P(); a.b = b; b.a = a
r = weakref.ref(a, lambda r: calls.append('cycle'))
del a, b
take('a referent in a leaked cycle', r() is not None)
l = [P(), P(), P()]
rs2 = [weakref.ref(x, lambda r, i=i: calls.append(i)) for i, x in enumerate(l)]
l.clear()
take('list.clear()')
print(json.dumps(out))`);

    const py = counting();
    const P = py.class('P');
    const v = py.locals;
    const out: Record<string, unknown> = {};
    let calls: unknown[] = [];
    const take = (name: string, extra?: unknown) => {
      out[name] = extra === undefined ? calls : [calls, extra];
      calls = [];
    };

    v.p = P.new();
    for (let i = 0; i < 3; i++)
      v[`r${i}`] = py.weakref(v.p, (ref) => calls.push([i, py.deref(ref) === py.None]));
    py.del('p');
    const callbackAt = py.operation;
    take('newest first, all cleared before the first callback');
    v.p = P.new();
    v.r = py.weakref(v.p, () => calls.push('dead weakref'));
    py.del('r');
    py.del('p');
    take('a weak reference that died first');
    v.p = P.new();
    py.setattr(
      v.p,
      'me',
      py.weakref(v.p, () => calls.push('own weakref')),
    );
    py.del('p');
    take('a weak reference held by its referent');
    v.a = P.new();
    v.b = P.new({ a: v.a });
    py.setattr(v.a, 'b', v.b);
    v.r = py.weakref(v.a, () => calls.push('cycle'));
    py.del('a', 'b');
    py.collect();
    take('a referent in a leaked cycle', py.deref(v.r) !== py.None);
    v.l = py.list([P.new(), P.new(), P.new()]);
    const items: Handle[] = [0, 1, 2].map((i) => py.getitem(v.l, i));
    items.forEach((item, i) => {
      v[`w${i}`] = py.weakref(item, () => calls.push(i));
    });
    py.clear(v.l);
    take('list.clear()');

    expect(out).toEqual(expected);
    const events: HeapEvent[] = [];
    py.on('weakref-callback', (e) => events.push(e));
    v.q = P.new();
    v.wq = py.weakref(v.q, () => {});
    py.del('q');
    expect(events).toEqual([{ kind: 'weakref-callback', weakref: v.wq, operation: py.operation }]);
    expect(callbackAt).toBeGreaterThan(0);
  });
});
