import {
  COLOUR_BLACK,
  COLOUR_GREY,
  COLOUR_WHITE,
  type CollectionPhase,
  type CollectionPhaseEvent,
  createRuntime,
  type Handle,
  PHASE_CALLED_BACK,
  type Runtime,
  type WriteBarrierEvent,
} from '@pymm/core';
import { reachableFromRoots, slotOfHandle } from '@pymm/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markSweep } from './factory.js';
import type { MarkSweepStrategy } from './mark-sweep.js';
import type { MarkSweepOptions } from './options.js';
import { MAX_MARK_BATCHES } from './phase-report.js';
import { programArbitrary, runProgram } from './testing/random-program.js';

/** A collector whose cycles start only when asked (`collect`) or stepped. */
function runtime(options: MarkSweepOptions = {}): { py: Runtime; strategy: MarkSweepStrategy } {
  const py = createRuntime({ strategy: markSweep({ minimumBudgetBytes: 1 << 30, ...options }) });
  return { py, strategy: py.strategy };
}

/** Records the phase events of what `run` does. */
function recordPhases(py: Runtime, run: () => void): CollectionPhaseEvent[] {
  const events: CollectionPhaseEvent[] = [];
  const stop = py.on('collection-phase', (event) => events.push(event));
  run();
  stop();
  return events;
}

const sorted = (handles: Iterable<Handle>): Handle[] => [...handles].sort((x, y) => x - y);

function only(events: readonly CollectionPhaseEvent[], phase: CollectionPhase): CollectionPhaseEvent[] {
  return events.filter((event) => event.phase === phase);
}

/** The colour each object has after the events, replayed in order (white if never reported). */
function colours(events: readonly CollectionPhaseEvent[]): Map<Handle, number> {
  const colour = new Map<Handle, number>();
  for (const event of events) {
    if (event.phase !== 'mark_roots' && event.phase !== 'mark' && event.phase !== 'mark_termination')
      continue;
    for (let i = 0; i < event.objects.length; i++) colour.set(event.objects[i], event.values?.[i] ?? -1);
  }
  return colour;
}

/** What the sweep events name as freed. */
function swept(events: readonly CollectionPhaseEvent[]): Handle[] {
  return only(events, 'sweep').flatMap((event) => [...event.objects]);
}

/** The objects `mark_termination` found white. */
function white(events: readonly CollectionPhaseEvent[]): Handle[] {
  const [termination] = only(events, 'mark_termination');
  return [...termination.objects].filter((_, i) => termination.values?.[i] === COLOUR_WHITE);
}

describe('the phases of a mark-sweep cycle, as events', () => {
  it('shades the roots grey, blackens what they reach, leaves the dropped cycle white and sweeps it', () => {
    const { py } = runtime();
    const Node = py.class('Node');
    py.locals.a = Node.new();
    py.locals.b = Node.new();
    py.setattr(py.locals.a, 'ref', py.locals.b);
    py.setattr(py.locals.b, 'ref', py.locals.a);
    py.locals.keep = py.list([py.list()]);
    const [a, b, keep] = [py.locals.a, py.locals.b, py.locals.keep];
    const inner = py.getitem(keep, 0);
    py.del('a', 'b');
    const freed: Handle[] = [];
    py.on('free', (event) => freed.push(event.handle));
    const events = recordPhases(py, () => py.collect());

    const phases = [...new Set(events.map((event) => event.phase))];
    expect(phases).toEqual([
      'mark_roots',
      'mark',
      'mark_termination',
      'handle_weakrefs',
      'finalize_garbage',
      'sweep',
    ]);
    const [roots] = only(events, 'mark_roots');
    expect([...roots.objects]).toContain(keep);
    expect([...roots.objects]).not.toContain(inner); // reached through `keep`, not from a root
    expect([...(roots.values ?? [])].every((colour) => colour === COLOUR_GREY)).toBe(true);
    const marked = colours(only(events, 'mark_roots').concat(only(events, 'mark')));
    expect([marked.get(keep), marked.get(inner)]).toEqual([COLOUR_BLACK, COLOUR_BLACK]);
    expect(marked.has(a) || marked.has(b)).toBe(false);
    expect(sorted(white(events))).toEqual(sorted([a, b]));
    expect(sorted(swept(events))).toEqual(sorted([a, b]));
    expect(sorted(freed)).toEqual(sorted([a, b]));
    expect(events.every((event) => event.generation === 0)).toBe(true);
  });

  it('reports the weak reference cleared and called back, and the finalizer run on a kept object', () => {
    const { py } = runtime();
    const called: Handle[] = [];
    const Resource = py.class('Resource', { del: () => {} });
    const Thing = py.class('Thing');
    py.locals.thing = Thing.new();
    py.locals.r = py.weakref(py.locals.thing, (ref) => called.push(ref));
    py.locals.res = Resource.new();
    const [thing, r, res] = [py.locals.thing, py.locals.r, py.locals.res];
    py.del('thing', 'res');
    const events = recordPhases(py, () => py.collect());
    expect(called).toEqual([r]);
    const [weakrefs] = only(events, 'handle_weakrefs');
    expect([...weakrefs.objects]).toEqual([r]);
    expect([...(weakrefs.values ?? [])]).toEqual([PHASE_CALLED_BACK]);
    expect(only(events, 'finalize_garbage').flatMap((event) => [...event.objects])).toEqual([res]);
    expect(sorted(white(events))).toEqual(sorted([thing, res]));
    // The finalizer's object is kept through this cycle: shaded after termination, never swept.
    const afterTermination = events.slice(
      events.findIndex((event) => event.phase === 'mark_termination') + 1,
    );
    expect(colours(afterTermination).get(res)).toBe(COLOUR_BLACK);
    expect(swept(events)).toEqual([thing]);
    expect(py.isAlive(res)).toBe(true);
  });

  it('reports a write during incremental marking that greys its white target (the write barrier)', () => {
    const { py, strategy } = runtime({ incremental: { stepBudget: 2 } });
    const Node = py.class('Node');
    // `w` hangs at the end of a chain, so it is still white when `a` (scanned first) is black.
    py.globals.chain = Node.new();
    let end = py.globals.chain;
    for (let i = 0; i < 30; i++) {
      py.setattr(end, 'next', Node.new());
      end = py.getattr(end, 'next');
    }
    py.setattr(end, 'next', Node.new());
    const w = py.getattr(end, 'next');
    py.globals.a = Node.new();
    const a = py.globals.a;
    const barrier: WriteBarrierEvent[] = [];
    py.on('write-barrier', (event) => barrier.push(event));
    const events = recordPhases(py, () => {
      for (let i = 0; !(strategy.colourOf(a) === 'black' && strategy.colourOf(w) === 'white'); i++) {
        if (i === 1000) throw new Error(`a never black with w white (phase ${strategy.phase})`);
        strategy.step();
      }
      expect(barrier).toEqual([]);
      py.setattr(a, 'hidden', w); // a reference to a white object stored into a black one
      expect(barrier.map((event) => event.target)).toEqual([w]); // shaded at the store itself
      py.delattr(end, 'next');
      while (strategy.step() !== 'idle') {}
    });
    expect(barrier).toEqual([{ kind: 'write-barrier', holder: a, target: w, operation: expect.any(Number) }]);
    expect(py.isAlive(w)).toBe(true);
    expect(swept(events)).not.toContain(w);
    expect(only(events, 'mark').length).toBeGreaterThan(1); // one batch per step at least
  });

  it('reports no write-barrier event for a store of an object already reached', () => {
    const { py, strategy } = runtime({ incremental: { stepBudget: 1 } });
    py.locals.xs = py.list();
    py.locals.ys = py.list();
    const barrier: WriteBarrierEvent[] = [];
    py.on('write-barrier', (event) => barrier.push(event));
    strategy.step(); // the roots are shaded: both lists are grey
    py.append(py.locals.xs, py.locals.ys);
    while (strategy.step() !== 'idle') {}
    expect(barrier).toEqual([]);
  });

  it('emits nothing when nobody listens to collection-phase', () => {
    const { py } = runtime();
    const kinds = new Set<string>();
    py.on('collection-stop', (event) => kinds.add(event.kind));
    py.list();
    py.flushTemporaries();
    expect(py.heap.events.wants('collection-phase')).toBe(false);
    py.collect();
    expect([...kinds]).toEqual(['collection-stop']);
  });

  it(`reports marking in at most ${MAX_MARK_BATCHES + 1} batches on a large heap`, () => {
    const { py } = runtime();
    py.locals.xs = py.list();
    for (let i = 0; i < 5000; i++) py.append(py.locals.xs, py.list([py.list()]));
    const events = recordPhases(py, () => py.collect());
    const batches = only(events, 'mark');
    expect(batches.length).toBeGreaterThan(MAX_MARK_BATCHES / 2);
    expect(batches.length).toBeLessThanOrEqual(MAX_MARK_BATCHES + 1);
    expect(colours(events).get(py.locals.xs)).toBe(COLOUR_BLACK);
  });
});

describe('the phase sets of random graphs agree with one another and with reachability', () => {
  /** A graph: lists numbered 0..n-1, edges i → j (list i holds list j), the lists kept in variables. */
  const graphArbitrary = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
      kept: fc.uniqueArray(fc.nat(n - 1), { maxLength: n }),
      incremental: fc.boolean(),
    }),
  );

  it('white at termination is what the roots do not reach; the sweep frees exactly it; black is never swept', () => {
    let freedTotal = 0;
    fc.assert(
      fc.property(graphArbitrary, ({ n, edges, kept, incremental }) => {
        const { py, strategy } = runtime(incremental ? { incremental: { stepBudget: 3 } } : {});
        const lists: Handle[] = [];
        for (let i = 0; i < n; i++) {
          py.locals[`v${i}`] = py.list();
          lists.push(py.locals[`v${i}`]);
        }
        for (const [from, to] of edges) py.append(lists[from], lists[to]);
        for (let i = 0; i < n; i++) if (!kept.includes(i)) py.del(`v${i}`);
        const reachable = reachableFromRoots(py.heap);
        const freed: Handle[] = [];
        py.on('free', (event) => freed.push(event.handle));
        const events = recordPhases(py, () => {
          if (!incremental) py.collect();
          else while (strategy.step() !== 'idle') {}
        });
        freedTotal += freed.length;

        const [termination] = only(events, 'mark_termination');
        const garbage = white(events);
        termination.objects.forEach((handle, i) => {
          const colour = termination.values?.[i];
          expect(colour === COLOUR_WHITE || colour === COLOUR_BLACK).toBe(true);
          expect(colour === COLOUR_WHITE).toBe(reachable[slotOfHandle(handle)] === 0);
        });
        // What marking reported black, batch by batch, is what termination found black.
        const marked = colours(events.slice(0, events.indexOf(termination)));
        termination.objects.forEach((handle, i) => {
          if (termination.values?.[i] === COLOUR_BLACK) expect(marked.get(handle)).toBe(COLOUR_BLACK);
          else expect(marked.has(handle)).toBe(false);
        });
        expect(sorted(swept(events))).toEqual(sorted(garbage));
        expect(sorted(freed)).toEqual(sorted(garbage));
        for (const handle of lists) if (!garbage.includes(handle)) expect(py.isAlive(handle)).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(freedTotal).toBeGreaterThan(0);
  });
});

describe('the phases of random programs (finalizers, resurrection, weak references, files, interned strings)', () => {
  /** Subscribes to the phase and barrier events of `py` and checks each against the others and the heap. */
  function watchPhases(
    py: Runtime<MarkSweepStrategy>,
    failures: string[],
    seen: Map<CollectionPhase | 'write-barrier', number>,
  ) {
    let whiteAtTermination = new Set<Handle>();
    const count = (what: CollectionPhase | 'write-barrier') => seen.set(what, (seen.get(what) ?? 0) + 1);
    // Every phase event falls inside a collection bracket: one per incremental step.
    let bracketed = 0;
    py.on('collection-start', () => bracketed++);
    py.on('collection-stop', () => bracketed--);
    py.on('collection-phase', (event) => {
      count(event.phase);
      if (bracketed !== 1) failures.push(`${event.phase} outside a collection bracket`);
      const { objects, values } = event;
      if (values !== undefined && values.length !== objects.length)
        failures.push(`${event.phase}: values ≠ objects`);
      switch (event.phase) {
        case 'mark_roots':
        case 'mark':
          for (let i = 0; i < objects.length; i++) {
            const expected = py.strategy.colourOf(objects[i]) === 'grey' ? COLOUR_GREY : COLOUR_BLACK;
            if (event.phase === 'mark' && values?.[i] !== expected)
              failures.push(`mark: colour of ${objects[i]}`);
            if (event.phase === 'mark_roots' && values?.[i] !== COLOUR_GREY)
              failures.push('mark_roots: not grey');
          }
          break;
        case 'mark_termination':
          whiteAtTermination = new Set();
          for (let i = 0; i < objects.length; i++) {
            if (values?.[i] === COLOUR_WHITE) whiteAtTermination.add(objects[i]);
            else if (values?.[i] !== COLOUR_BLACK) failures.push('mark_termination: neither black nor white');
            if (!py.isAlive(objects[i])) failures.push('mark_termination: a dead object');
          }
          break;
        case 'sweep':
          for (const handle of objects) {
            if (!whiteAtTermination.has(handle))
              failures.push(`sweep freed ${handle}, not white at termination`);
            if (py.isAlive(handle)) failures.push(`sweep reported ${handle} freed, but it lives`);
          }
          break;
        case 'finalize_garbage':
          for (const handle of objects) {
            if (!whiteAtTermination.has(handle))
              failures.push(`finalized ${handle}, not white at termination`);
          }
          break;
      }
    });
    py.on('write-barrier', (event) => {
      count('write-barrier');
      if (py.strategy.colourOf(event.target) !== 'grey') failures.push('write-barrier: target not grey');
      if (py.strategy.colourOf(event.holder) === 'white') failures.push('write-barrier: holder white');
    });
  }

  for (const mode of ['stop-the-world', 'incremental'] as const) {
    it(`${mode}: every phase agrees with the heap, and the programs' own checks still hold`, () => {
      const failures: string[] = [];
      const seen = new Map<CollectionPhase | 'write-barrier', number>();
      fc.assert(
        fc.property(programArbitrary(mode), (program) => {
          runProgram(program, undefined, (py) => watchPhases(py, failures, seen));
          expect(failures).toEqual([]);
        }),
        { numRuns: 15 },
      );
      for (const phase of ['mark_roots', 'mark', 'mark_termination', 'sweep', 'finalize_garbage'] as const) {
        expect(seen.get(phase), phase).toBeGreaterThan(0);
      }
      // (Whether the barrier shades anything in so few programs is chance: its own test above makes it.)
    }, 60_000);
  }
});
