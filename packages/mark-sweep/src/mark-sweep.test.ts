import { createRuntime, type HeapEvent, type Runtime, verifyHeap } from '@pymm/core';
import { describe, expect, it } from 'vitest';
import { markSweep } from './factory.js';
import type { MarkSweepStrategy } from './mark-sweep.js';
import type { MarkSweepOptions } from './options.js';

/** A runtime under mark-sweep with a budget so large that only explicit collections run. */
function quiet(options: MarkSweepOptions = {}): { py: Runtime; strategy: MarkSweepStrategy } {
  const py = createRuntime({ strategy: markSweep({ minimumBudgetBytes: 1 << 30, ...options }) });
  return { py, strategy: py.strategy };
}

function events<K extends HeapEvent['kind']>(py: Runtime, kind: K): Extract<HeapEvent, { kind: K }>[] {
  const seen: Extract<HeapEvent, { kind: K }>[] = [];
  py.on(kind, (e) => seen.push(e as Extract<HeapEvent, { kind: K }>));
  return seen;
}

describe('the strategy contract', () => {
  it('keeps no reference counts and asks for a write barrier only in incremental mode', () => {
    expect(markSweep().requirements).toEqual({ referenceCounting: false, writeBarrier: false });
    expect(markSweep({ sweep: 'lazy' }).requirements.writeBarrier).toBe(false);
    expect(markSweep({ incremental: true }).requirements).toEqual({
      referenceCounting: false,
      writeBarrier: true,
    });
    expect(markSweep().guarantees).toEqual({ reclaimsCycles: true, prompt: false });
    expect([
      markSweep().name,
      markSweep({ sweep: 'lazy' }).name,
      markSweep({ incremental: true }).name,
    ]).toEqual(['mark-sweep', 'mark-sweep-lazy', 'mark-sweep-incremental']);
  });

  it('creates one strategy per heap from one factory, with its own trigger', () => {
    const strategy = markSweep();
    const a = createRuntime({ strategy });
    const b = createRuntime({ strategy });
    // (Identity compared directly: `not.toBe` would deep-compare two whole heaps.)
    expect(a.strategy === b.strategy).toBe(false);
    expect(a.strategy.name).toBe(strategy.name);
    expect(a.strategy.trigger === b.strategy.trigger).toBe(false);
  });

  it('rejects bad options with a message naming the option', () => {
    expect(() => markSweep({ growthFactor: 0 })).toThrow(/growthFactor must be a positive number/);
    expect(() => markSweep({ heapBytes: -1 })).toThrow(/heapBytes must be a positive number/);
    expect(() => markSweep({ incremental: { stepBudget: 0.5 } })).toThrow(
      /stepBudget must be a positive integer/,
    );
    expect(() => markSweep({ lazySweepSlots: 0 })).toThrow(/lazySweepSlots must be a positive integer/);
    expect(() => markSweep({ heapBytes: 1000, growthFactor: 2 })).toThrow(/exclude each other/);
    expect(() => markSweep({ sweep: 'sometimes' as 'lazy' })).toThrow(/sweep must be 'eager' or 'lazy'/);
  });
});

describe('a full collection', () => {
  it('frees a reference cycle that reference counting would leak, and returns the unreachable count', () => {
    const { py } = quiet();
    const Node = py.class('Node');
    const v = py.locals;
    v.a = Node.new();
    v.b = Node.new({ ref: v.a });
    py.setattr(v.a, 'ref', v.b);
    const [a, b] = [v.a, v.b];
    py.del('a', 'b');
    expect(py.isAlive(a) && py.isAlive(b)).toBe(true); // nothing is freed without a collection
    expect(py.collect()).toBe(2);
    expect(py.isAlive(a) || py.isAlive(b)).toBe(false);
    expect(py.collect(0)).toBe(0); // the generation is accepted and ignored
    expect(verifyHeap(py.heap).ok).toBe(true);
  });

  it('keeps everything reachable from frames, globals, temporaries and external references', () => {
    const { py } = quiet();
    py.globals.g = py.list([py.int(1000)]);
    const kept = py.keep(py.dict());
    let inFrame = 0;
    let temporary = 0;
    py.call('f', (l) => {
      l.x = py.list();
      inFrame = l.x;
      temporary = py.list(); // held until the end of the next statement: the collection itself
      expect(py.collect()).toBe(0);
      expect(py.isAlive(inFrame) && py.isAlive(temporary)).toBe(true);
    });
    py.flushTemporaries();
    expect(py.collect()).toBe(2); // the frame's list and the temporary
    expect(py.isAlive(py.getitem(py.globals.g, 0))).toBe(true);
    expect(py.isAlive(kept)).toBe(true);
  });

  it('reports each collection as a start/stop pair with what it examined and freed', () => {
    const { py, strategy } = quiet();
    const stops = events(py, 'collection-stop');
    const starts = events(py, 'collection-start');
    py.list();
    py.list();
    py.flushTemporaries();
    py.collect();
    expect(starts).toHaveLength(1);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({
      generation: 0,
      reason: 'explicit',
      collected: 2,
      uncollectable: 0,
      complete: true,
    });
    expect(stops[0].examined).toBeGreaterThan(0);
    const extra = strategy.stats().extra!;
    expect(strategy.stats().collections).toEqual([1]);
    expect(strategy.stats().collected).toEqual([2]);
    expect(extra.objectsFreed).toBe(2);
    expect(extra.bytesFreed).toBe(2 * py.heap.sizes.listObjectBytes());
    expect(extra.pauses).toBe(1);
    expect(extra.maxPauseMs).toBeGreaterThanOrEqual(0);
    expect(extra.slotsSwept).toBe(py.heap.store.slotLimit);
  });
});

describe('triggering', () => {
  it('collects after the program allocated about growthFactor × the bytes that survived', () => {
    for (const growthFactor of [0.5, 1, 2]) {
      const py = createRuntime({ strategy: markSweep({ growthFactor, minimumBudgetBytes: 1000 }) });
      const strategy = py.strategy;
      const Node = py.class('Node');
      py.globals.live = py.list();
      for (let i = 0; i < 2000; i++) py.append(py.globals.live, Node.new()); // about 100 KB survive
      py.collect();
      const surviving = strategy.stats().extra!.lastSurvivingBytes;
      expect(surviving).toBe(py.heap.liveBytes);
      const atStart: number[] = [];
      py.on('collection-start', () => atStart.push(py.heap.liveBytes));
      const stops: number[] = [];
      py.on('collection-stop', () => stops.push(strategy.stats().extra!.lastSurvivingBytes));
      for (let i = 0; i < 60_000; i++) py.float(i); // garbage, 24 bytes each
      expect(atStart.length).toBeGreaterThanOrEqual(2);
      // Each collection started once the heap had grown by growthFactor × what the previous one left.
      const float = py.heap.sizes.floatBytes();
      expect(Math.abs(atStart[0] - surviving - growthFactor * surviving)).toBeLessThanOrEqual(float);
      for (let c = 1; c < atStart.length; c++) {
        const left = stops[c - 1];
        expect(Math.abs(atStart[c] - left - growthFactor * left)).toBeLessThanOrEqual(float);
      }
    }
  });

  it('waits for the minimum budget, so a small program does not collect at every allocation', () => {
    const py = createRuntime({ strategy: markSweep() });
    const strategy = py.strategy;
    for (let i = 0; i < 1000; i++) py.float(i); // 24 KB: far below 256 KiB
    expect(strategy.stats().extra!.cycles).toBe(0);
    for (let i = 0; i < 12_000; i++) py.float(i); // ~288 KB more
    expect(strategy.stats().extra!.cycles).toBe(1);
    expect(strategy.trigger.target).toBeGreaterThanOrEqual(256 * 1024);
  });

  it('with a fixed heap size, collects whenever live bytes would pass it', () => {
    const py = createRuntime({ strategy: markSweep({ heapBytes: 20_000 }) });
    const strategy = py.strategy;
    let peak = 0;
    py.on('allocate', () => {
      peak = Math.max(peak, py.heap.liveBytes);
    });
    py.globals.keep = py.list();
    for (let i = 0; i < 5000; i++) {
      py.float(i);
      if (i % 50 === 0) py.append(py.globals.keep, py.float(i)); // the live data grows slowly
    }
    expect(peak).toBeLessThanOrEqual(20_000);
    expect(strategy.stats().collections[0]).toBeGreaterThan(5);
    expect(strategy.trigger.target).toBe(20_000);
  });

  it('with a fixed heap that the live data outgrows, collects every minimum budget instead of every allocation', () => {
    const py = createRuntime({ strategy: markSweep({ heapBytes: 5000, minimumBudgetBytes: 10_000 }) });
    const strategy = py.strategy;
    py.globals.keep = py.list();
    for (let i = 0; i < 1000; i++) py.append(py.globals.keep, py.float(i)); // 24 KB live
    const cycles = strategy.stats().extra!.cycles;
    expect(cycles).toBeLessThan(10);
    expect(strategy.trigger.target).toBeGreaterThan(5000);
  });
});

describe('lazy sweeping', () => {
  /** A deterministic program with cycles, garbage and survivors; returns the handles alive at the end. */
  /** Returns the creation indices of the objects alive at the end (handles differ: slots are reused differently). */
  function run(options: MarkSweepOptions): { alive: number[]; freed: number; strategy: MarkSweepStrategy } {
    const py = createRuntime({ strategy: markSweep({ minimumBudgetBytes: 4000, ...options }) });
    const strategy = py.strategy;
    const Node = py.class('Node');
    const handles: number[] = [];
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      const name = `v${random(8)}`;
      py.globals[name] = Node.new();
      handles.push(py.globals[name]);
      const other = `v${random(8)}`;
      if (other in py.globals) py.setattr(py.globals[name], `f${random(3)}`, py.globals[other]);
      if (random(4) === 0) py.list([py.int(1000 + i)]);
    }
    py.flushTemporaries();
    py.collect();
    expect(verifyHeap(py.heap).ok).toBe(true);
    const alive = handles.flatMap((h, index) => (py.isAlive(h) ? [index] : []));
    return { alive, freed: strategy.stats().extra!.objectsFreed, strategy };
  }

  it('leaves exactly the survivors that eager sweeping leaves', () => {
    const eager = run({ sweep: 'eager' });
    for (const lazySweepSlots of [1, 16, 256]) {
      const lazy = run({ sweep: 'lazy', lazySweepSlots });
      expect(lazy.alive).toEqual(eager.alive);
      expect(lazy.freed).toBe(eager.freed);
      expect(lazy.strategy.stats().extra!.pauses).toBeGreaterThan(eager.strategy.stats().extra!.pauses);
    }
  });

  it('frees garbage after the marking pause, a bounded number of slots per allocation and safepoint', () => {
    const py = createRuntime({
      strategy: markSweep({ sweep: 'lazy', lazySweepSlots: 10, minimumBudgetBytes: 1 << 30 }),
    });
    const strategy = py.strategy;
    for (let i = 0; i < 100; i++) py.list();
    py.flushTemporaries();
    const stops = events(py, 'collection-stop');
    expect(strategy.step()).toBe('sweeping'); // the marking pause ends where sweeping begins
    expect(stops[0]).toMatchObject({ collected: 0, complete: false });
    while (strategy.phase === 'sweeping') py.int(1); // each operation is a safepoint
    const sweeps = stops.slice(1);
    expect(sweeps.every((s) => s.examined <= 10)).toBe(true);
    expect(sweeps.reduce((n, s) => n + s.collected, 0)).toBe(100);
    expect(sweeps.at(-1)!.complete).toBe(true);
  });

  it('does not free an object allocated while the sweep is under way, wherever its slot is', () => {
    const py = createRuntime({
      strategy: markSweep({ sweep: 'lazy', lazySweepSlots: 3, minimumBudgetBytes: 1 << 30 }),
    });
    const strategy = py.strategy;
    const garbage = Array.from({ length: 40 }, () => py.list()); // slots to be swept...
    py.flushTemporaries();
    for (let i = 0; i < 40; i += 2) py.globals[`keep${i}`] = garbage[i]; // ...half of them survive
    strategy.step();
    const made: number[] = [];
    for (let i = 0; strategy.phase === 'sweeping'; i++) {
      py.globals[`new${i}`] = py.list(); // reuses freed slots below the cursor, or new slots beyond the limit
      made.push(py.globals[`new${i}`]);
    }
    expect(made.every((h) => py.isAlive(h))).toBe(true);
    expect(verifyHeap(py.heap).ok).toBe(true);
    py.collect();
    expect(made.every((h) => py.isAlive(h))).toBe(true);
  });

  it('does not hand out a weak reference that is garbage awaiting the sweep', () => {
    const py = createRuntime({
      strategy: markSweep({ sweep: 'lazy', lazySweepSlots: 1, minimumBudgetBytes: 1 << 30 }),
    });
    const strategy = py.strategy;
    const Thing = py.class('Thing');
    py.globals.t = Thing.new();
    py.globals.w = py.weakref(py.globals.t);
    const old = py.globals.w;
    delete py.globals.w; // the plain weak reference is garbage, its referent lives
    strategy.step();
    py.globals.w2 = py.weakref(py.globals.t); // must not be the garbage one
    expect(py.is(py.globals.w2, old)).toBe(false);
    while (strategy.phase === 'sweeping') py.int(1);
    expect(py.is(py.deref(py.globals.w2), py.globals.t)).toBe(true);
    expect(verifyHeap(py.heap).ok).toBe(true);
  });
});

describe('finalizers', () => {
  it('finalizes an unreachable object, keeps it and what it reaches until the next collection, then frees it', () => {
    const { py } = quiet();
    const seen: number[] = [];
    const Res = py.class('Res', { del: (self) => seen.push(self) });
    const Node = py.class('Node');
    py.locals.r = Res.new({ payload: Node.new() });
    const r = py.locals.r;
    const payload = py.getattr(r, 'payload');
    py.del('r');
    expect(py.collect()).toBe(2);
    expect(seen).toEqual([r]);
    expect(py.isAlive(r) && py.isAlive(payload)).toBe(true);
    expect(py.collect()).toBe(2);
    expect(py.isAlive(r) || py.isAlive(payload)).toBe(false);
    expect(seen).toEqual([r]); // never twice
  });

  it('lets a finalizer resurrect its object, which then lives while reachable and is never finalized again', () => {
    const { py } = quiet();
    let runs = 0;
    const Phoenix = py.class('Phoenix', {
      del: (self) => {
        runs++;
        py.globals.saved = self;
      },
    });
    py.locals.p = Phoenix.new();
    const p = py.locals.p;
    py.del('p');
    py.collect();
    py.collect();
    py.collect();
    expect(py.isAlive(p)).toBe(true);
    expect(runs).toBe(1);
    delete py.globals.saved;
    expect(py.collect()).toBe(1);
    expect(py.isAlive(p)).toBe(false);
    expect(runs).toBe(1);
  });

  it('runs the finalizers of a garbage cycle with the whole cycle intact', () => {
    const { py } = quiet();
    const order: string[] = [];
    const Res = py.class('Res', {
      del: (self) =>
        order.push(`${py.value(py.getattr(self, 'name'))}:${py.isAlive(py.getattr(self, 'peer'))}`),
    });
    py.locals.a = Res.new({ name: py.str('a') });
    py.locals.b = Res.new({ name: py.str('b'), peer: py.locals.a });
    py.setattr(py.locals.a, 'peer', py.locals.b);
    py.del('a', 'b');
    py.collect();
    expect(order.sort()).toEqual(['a:true', 'b:true']);
    expect(verifyHeap(py.heap).ok).toBe(true);
  });

  it('reports what a finalizer throws as unraisable and carries on', () => {
    const errors: string[] = [];
    const { py, strategy } = quiet({
      onUnraisable: (e, where) => errors.push(`${where}: ${(e as Error).message}`),
    });
    const Bad = py.class('Bad', {
      del: () => {
        throw new Error('boom');
      },
    });
    py.locals.x = Bad.new();
    py.del('x');
    expect(py.collect()).toBe(1);
    expect(errors).toEqual(['finalizer: boom']);
    expect(strategy.lastUnraisable?.context).toBe('finalizer');
    expect(strategy.stats().extra!.unraisable).toBe(1);
    expect(strategy.phase).toBe('idle');
  });

  it('returns 0 from a collection asked for while one runs', () => {
    const { py } = quiet();
    let nested = -1;
    const Res = py.class('Res', {
      del: () => {
        nested = py.collect();
      },
    });
    py.locals.x = Res.new();
    py.del('x');
    py.collect();
    expect(nested).toBe(0);
  });
});

describe('weak references', () => {
  it('clears all weak references to unreachable objects before any callback or finalizer runs', () => {
    const { py } = quiet();
    const log: string[] = [];
    const Thing = py.class('Thing', {
      del: () => log.push(`del: x ${py.is(py.deref(py.globals.wx), py.None) ? 'cleared' : 'alive'}`),
    });
    py.locals.x = Thing.new();
    py.locals.y = Thing.new();
    const report = (label: string) => () =>
      log.push(
        `${label}: x ${py.is(py.deref(py.globals.wx), py.None) ? 'cleared' : 'alive'}, y ${
          py.is(py.deref(py.globals.wy), py.None) ? 'cleared' : 'alive'
        }`,
      );
    py.globals.wx = py.weakref(py.locals.x, report('callback x'));
    py.globals.wy = py.weakref(py.locals.y, report('callback y'));
    py.setattr(py.locals.x, 'peer', py.locals.y);
    py.del('x', 'y');
    py.collect();
    expect(log.slice(0, 2)).toEqual(['callback x: x cleared, y cleared', 'callback y: x cleared, y cleared']);
    expect(log.slice(2)).toEqual(['del: x cleared', 'del: x cleared']);
  });

  it('calls the callbacks of one referent in CPython order (newest first), and none for a weak reference that is garbage', () => {
    const { py, strategy } = quiet();
    const calls: string[] = [];
    const Thing = py.class('Thing');
    py.locals.t = Thing.new();
    py.globals.first = py.weakref(py.locals.t, () => calls.push('first'));
    py.globals.second = py.weakref(py.locals.t, () => calls.push('second'));
    py.locals.dead = py.weakref(py.locals.t, () => calls.push('garbage weakref'));
    py.globals.plain = py.weakref(py.locals.t);
    py.del('t', 'dead');
    py.collect();
    expect(calls).toEqual(['second', 'first']);
    expect(py.is(py.deref(py.globals.plain), py.None)).toBe(true);
    expect(strategy.stats().extra!.weakrefsCleared).toBe(4);
    expect(strategy.stats().extra!.weakrefCallbacks).toBe(2);
  });

  it('leaves weak references to reachable objects alone', () => {
    const { py } = quiet();
    const Thing = py.class('Thing');
    py.locals.t = Thing.new();
    py.locals.w = py.weakref(py.locals.t, () => {
      throw new Error('must not be called');
    });
    py.collect();
    expect(py.is(py.deref(py.locals.w), py.locals.t)).toBe(true);
  });
});

describe('resources', () => {
  it('leaves a dropped file open until a collection finds it unreachable, then closes and frees it', () => {
    const { py } = quiet();
    const closed = events(py, 'resource-closed');
    py.locals.f = py.open('data.txt');
    const f = py.locals.f;
    py.del('f');
    for (let i = 0; i < 100; i++) py.list([py.int(1000 + i)]);
    expect(py.heap.openFileCount).toBe(1);
    py.collect();
    expect(closed).toEqual([
      expect.objectContaining({ name: 'data.txt', how: 'dealloc', operation: py.operation }),
    ]);
    expect(py.isAlive(f)).toBe(false); // closing runs no program code: nothing to keep for another cycle
  });

  it('never closes a reachable file, and frees a closed one like any object', () => {
    const { py } = quiet();
    py.locals.open = py.open('kept.txt');
    py.locals.done = py.open('done.txt');
    py.close(py.locals.done);
    const done = py.locals.done;
    py.del('done');
    py.collect();
    expect(py.isOpen(py.locals.open)).toBe(true);
    expect(py.isAlive(done)).toBe(false);
    expect(py.heap.resourceLog.map((r) => r.how)).toEqual([null, 'close']);
  });

  it('finalizes in creation order: a file a dropped generator holds is closed by its own finalizer, and kept with the generator', () => {
    const { py } = quiet();
    const states: boolean[] = [];
    py.locals.f = py.open('inside-generator.txt');
    const f = py.locals.f;
    py.locals.g = py.generator([f], () => states.push(py.isOpen(f)));
    const g = py.locals.g;
    py.del('f', 'g');
    for (let i = 0; i < 10; i++) py.list();
    expect(py.isOpen(f)).toBe(true); // no collection yet
    py.collect(); // as in CPython, the file (older) is finalized before the generator's `finally` runs
    expect(states).toEqual([false]);
    expect(py.heap.resourceLog[0].how).toBe('dealloc');
    expect(py.isAlive(g) && py.isAlive(f)).toBe(true); // the generator's finalizer could reach the file
    py.collect();
    expect(py.isAlive(g) || py.isAlive(f)).toBe(false);
  });
});

describe('interned strings', () => {
  it('frees a garbage interned string so that the intern table hands out a new one', () => {
    const { py } = quiet({ sweep: 'lazy', lazySweepSlots: 1 });
    py.locals.s = py.str('identifier', { intern: true });
    const s = py.locals.s;
    py.del('s');
    py.collect();
    expect(py.isAlive(s)).toBe(false);
    py.locals.t = py.str('identifier', { intern: true });
    expect(py.isAlive(py.locals.t)).toBe(true);
  });
});
