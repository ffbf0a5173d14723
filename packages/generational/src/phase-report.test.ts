import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CollectionPhase,
  type CollectionPhaseEvent,
  createRuntime,
  type Handle,
  PHASE_CALLED_BACK,
  PHASE_FREED,
  PHASE_REACHABLE,
  PHASE_UNREACHABLE,
  type Runtime,
} from '@pymm/core';
import { diffTraceResults, readLines, replayTrace } from '@pymm/core/trace';
import { collectableSlots, reachableFromRoots, slotOfHandle } from '@pymm/testkit';
import { runCPython } from '@pymm/testkit/run-cpython';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generational } from './generational-strategy.js';
import { PROFILES, type ProfileName } from './profiles.js';

/**
 * CPython's view of a two-node cycle when `gc.collect()` starts: each node's reference count (what
 * update_refs copies into gc_refs), the count minus the references from the other node (what
 * subtract_refs leaves), how many objects the collection found unreachable and which node lives.
 */
const TWO_NODE_ORACLE = `
import gc, json, sys, weakref
class Node:
    pass
def phases(keep_a):
    gc.collect()
    a = Node(); b = Node(); a.ref = b; b.ref = a
    wa, wb = weakref.ref(a), weakref.ref(b)
    del b
    if not keep_a:
        del a
    refs = [sys.getrefcount(w()) - 1 for w in (wa, wb)]
    inside = [sum(1 for r in gc.get_referrers(w()) if r is wa() or r is wb()) for w in (wa, wb)]
    found = gc.collect()
    return {'update_refs': refs, 'subtract_refs': [r - i for r, i in zip(refs, inside)], 'unreachable': found, 'alive': [w() is not None for w in (wa, wb)]}
print(json.dumps({'cycle': phases(False), 'kept': phases(True)}))
`;

/** A finalizer that resurrects its object, and a weak reference with a callback to the other node. */
const RESURRECTION_ORACLE = `
import gc, json, weakref
called = []
saved = None
class Phoenix:
    def __del__(self):
        global saved
        saved = self
class Node:
    pass
gc.collect()
a = Phoenix(); b = Node(); a.ref = b; b.ref = a
r = weakref.ref(b, lambda ref: called.append(ref is r))
del a, b
found = gc.collect()
print(json.dumps({'collected': found, 'called': called, 'resurrected': saved is not None and saved.ref.ref is saved, 'cleared': r() is None}))
`;

interface TwoNodeCase {
  readonly update_refs: number[];
  readonly subtract_refs: number[];
  readonly unreachable: number;
  readonly alive: boolean[];
}

/** Records the phase events of the collections `run` makes. */
function recordPhases(py: Runtime, run: () => void): Map<CollectionPhase, CollectionPhaseEvent> {
  const phases = new Map<CollectionPhase, CollectionPhaseEvent>();
  const stop = py.on('collection-phase', (event) => {
    expect(phases.has(event.phase), `${event.phase} reported twice`).toBe(false);
    phases.set(event.phase, event);
  });
  run();
  stop();
  return phases;
}

const sorted = (handles: Iterable<Handle>): Handle[] => [...handles].sort((x, y) => x - y);

/** The value a phase gave each of `handles`. */
function valuesOf(event: CollectionPhaseEvent | undefined, handles: readonly Handle[]): number[] {
  if (!event?.values) throw new Error('no values reported');
  const { objects, values } = event;
  return handles.map((handle) => {
    const index = objects.indexOf(handle);
    if (index < 0) throw new Error(`${handle} not reported in ${event.phase}`);
    return values[index];
  });
}

function twoNodeCycle(profile: ProfileName, keepA: boolean) {
  const py = createRuntime({ strategy: generational({ profile }), version: PROFILES[profile].version });
  const Node = py.class('Node');
  py.locals.a = Node.new();
  py.locals.b = Node.new();
  py.setattr(py.locals.a, 'ref', py.locals.b);
  py.setattr(py.locals.b, 'ref', py.locals.a);
  const nodes = [py.locals.a, py.locals.b];
  py.del('b');
  if (!keepA) py.del('a');
  const freed: Handle[] = [];
  py.on('free', (event) => freed.push(event.handle));
  let found = 0;
  const phases = recordPhases(py, () => {
    found = py.collect();
  });
  return { py, nodes, phases, found, freed };
}

describe('the phases of a generational collection, as events', () => {
  for (const profile of Object.keys(PROFILES) as ProfileName[]) {
    let recorded: { cycle: TwoNodeCase; kept: TwoNodeCase } | undefined;
    const oracle = () => {
      recorded ??= runCPython(TWO_NODE_ORACLE, PROFILES[profile].version) as typeof recorded;
      if (!recorded) throw new Error('CPython printed nothing');
      return recorded;
    };

    it(`${profile}: a garbage two-node cycle has gc_refs 1 then 0, is unreachable and is freed`, () => {
      const expected = oracle().cycle;
      expect(expected.update_refs).toEqual([1, 1]); // the cycle's own references, as CPython counts them
      const { nodes, phases, found, freed } = twoNodeCycle(profile, false);
      expect(found).toBe(expected.unreachable);
      expect(valuesOf(phases.get('update_refs'), nodes)).toEqual(expected.update_refs);
      expect(valuesOf(phases.get('subtract_refs'), nodes)).toEqual(expected.subtract_refs);
      expect(valuesOf(phases.get('move_unreachable'), nodes)).toEqual([PHASE_UNREACHABLE, PHASE_UNREACHABLE]);
      expect(valuesOf(phases.get('handle_resurrected_objects'), nodes)).toEqual([
        PHASE_UNREACHABLE,
        PHASE_UNREACHABLE,
      ]);
      expect(valuesOf(phases.get('delete_garbage'), nodes)).toEqual([PHASE_FREED, PHASE_FREED]);
      expect(expected.alive).toEqual([false, false]);
      expect(sorted(freed)).toEqual(sorted(nodes));
      expect([...phases.keys()]).toEqual([
        'update_refs',
        'subtract_refs',
        'move_unreachable',
        'handle_weakrefs',
        'finalize_garbage',
        'handle_resurrected_objects',
        'delete_garbage',
      ]);
      expect(phases.get('finalize_garbage')?.values).toBeUndefined();
      expect(phases.get('update_refs')?.generation).toBe(2);
    });

    it(`${profile}: with a variable still naming one node, its gc_refs stays 1 and both stay reachable`, () => {
      const expected = oracle().kept;
      const { py, nodes, phases, found, freed } = twoNodeCycle(profile, true);
      expect(found).toBe(expected.unreachable);
      expect(valuesOf(phases.get('update_refs'), nodes)).toEqual(expected.update_refs);
      expect(valuesOf(phases.get('subtract_refs'), nodes)).toEqual(expected.subtract_refs);
      expect(expected.subtract_refs[0]).toBe(1);
      expect(valuesOf(phases.get('move_unreachable'), nodes)).toEqual([PHASE_REACHABLE, PHASE_REACHABLE]);
      expect(expected.alive).toEqual([true, true]);
      expect(nodes.map((node) => py.heap.store.isAlive(node))).toEqual(expected.alive);
      expect(phases.get('delete_garbage')?.objects).toEqual(new Int32Array(0));
      expect(freed).toEqual([]);
    });
  }

  it('reports the weak reference cleared and called back, the finalizer run and the resurrection', () => {
    const expected = runCPython(RESURRECTION_ORACLE) as {
      collected: number;
      called: boolean[];
      resurrected: boolean;
      cleared: boolean;
    };
    const py = createRuntime({ strategy: generational() });
    const called: boolean[] = [];
    const Phoenix = py.class('Phoenix', {
      del: (self) => {
        py.globals.saved = self;
      },
    });
    const Node = py.class('Node');
    py.locals.a = Phoenix.new();
    py.locals.b = Node.new();
    py.setattr(py.locals.a, 'ref', py.locals.b);
    py.setattr(py.locals.b, 'ref', py.locals.a);
    py.locals.r = py.weakref(py.locals.b, (ref) => called.push(ref === py.locals.r));
    const [a, b, r] = [py.locals.a, py.locals.b, py.locals.r];
    py.del('a');
    py.del('b');
    let found = 0;
    const phases = recordPhases(py, () => {
      found = py.collect();
    });
    expect(found).toBe(expected.collected);
    expect(called).toEqual(expected.called);
    expect(py.deref(r) === py.None).toBe(expected.cleared);
    expect(py.heap.store.isAlive(a) && py.heap.store.isAlive(b)).toBe(expected.resurrected);

    const weakrefs = phases.get('handle_weakrefs');
    expect([...(weakrefs?.objects ?? [])]).toEqual([r]);
    expect([...(weakrefs?.values ?? [])]).toEqual([PHASE_CALLED_BACK]);
    expect([...(phases.get('finalize_garbage')?.objects ?? [])]).toEqual([a]);
    expect(valuesOf(phases.get('handle_resurrected_objects'), [a, b])).toEqual([
      PHASE_REACHABLE,
      PHASE_REACHABLE,
    ]);
    expect(phases.get('delete_garbage')?.objects).toEqual(new Int32Array(0));
  });

  it('emits nothing, and builds nothing, when nobody listens to collection-phase', () => {
    const py = createRuntime({ strategy: generational() });
    const kinds = new Set<string>();
    py.on('collection-stop', (event) => kinds.add(event.kind));
    py.on('free', (event) => kinds.add(event.kind));
    py.locals.xs = py.list();
    py.append(py.locals.xs, py.locals.xs);
    py.del('xs');
    expect(py.heap.events.wants('collection-phase')).toBe(false);
    expect(py.collect()).toBe(1);
    expect([...kinds].sort()).toEqual(['collection-stop', 'free']);
  });
});

describe('the phase sets of random graphs agree with one another and with reachability', () => {
  /** A graph: lists numbered 0..n-1, edges i → j (list i holds list j), the lists kept in variables. */
  const graphArbitrary = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
      kept: fc.uniqueArray(fc.nat(n - 1), { maxLength: n }),
    }),
  );

  it('unreachable is what the roots do not reach; freed ⊆ unreachable; nothing reachable is deleted', () => {
    let collections = 0;
    let freedTotal = 0;
    fc.assert(
      fc.property(graphArbitrary, ({ n, edges, kept }) => {
        const py = createRuntime({ strategy: generational() });
        const lists: Handle[] = [];
        for (let i = 0; i < n; i++) {
          py.locals[`v${i}`] = py.list();
          lists.push(py.locals[`v${i}`]);
        }
        for (const [from, to] of edges) py.append(lists[from], lists[to]);
        for (let i = 0; i < n; i++) if (!kept.includes(i)) py.del(`v${i}`);
        const store = py.heap.store;
        const reachable = reachableFromRoots(py.heap);
        const collectable = new Set(collectableSlots(py.heap).map((slot) => store.handleOf(slot)));
        const aliveBefore = lists.filter((handle) => store.isAlive(handle));
        const freed: Handle[] = [];
        py.on('free', (event) => freed.push(event.handle));
        const phases = recordPhases(py, () => py.collect());
        collections++;
        freedTotal += freed.length;

        const examined = [...(phases.get('update_refs')?.objects ?? [])];
        expect([...(phases.get('subtract_refs')?.objects ?? [])]).toEqual(examined);
        const partition = phases.get('move_unreachable');
        expect(sorted(partition?.objects ?? [])).toEqual(sorted(examined));
        const unreachable = new Set(
          examined.filter((h) => valuesOf(partition, [h])[0] === PHASE_UNREACHABLE),
        );
        for (const handle of examined) {
          expect(collectable.has(handle)).toBe(true);
          expect(unreachable.has(handle)).toBe(reachable[slotOfHandle(handle)] === 0);
        }
        const deleted = [...(phases.get('delete_garbage')?.objects ?? [])];
        for (const handle of deleted) expect(unreachable.has(handle)).toBe(true);
        for (const handle of freed) expect(unreachable.has(handle)).toBe(true);
        expect(sorted(freed)).toEqual(sorted(unreachable));
        for (const handle of aliveBefore) expect(store.isAlive(handle)).toBe(!unreachable.has(handle));
      }),
      { numRuns: 150 },
    );
    expect(collections).toBe(150);
    expect(freedTotal).toBeGreaterThan(0);
  });
});

describe('the conformance corpus, replayed while a listener watches every phase', () => {
  const corpus = new URL('../../../conformance/traces/', import.meta.url).pathname;
  // The traces under 200 KB (66 of the 76): the large ones add minutes, not cases.
  const traces = readdirSync(corpus)
    .filter((file) => file.endsWith('.jsonl') && statSync(join(corpus, file)).size < 200_000)
    .map((file) => file.slice(0, -'.jsonl'.length))
    .sort();

  it('gives the results CPython recorded, and phases that agree with one another in every collection', () => {
    expect(traces.length).toBeGreaterThanOrEqual(60);
    let collections = 0;
    let fullCollections = 0;
    let deleted = 0;
    const mismatches: string[] = [];
    for (const name of traces) {
      let phases = new Map<CollectionPhase, CollectionPhaseEvent>();
      let freedByCollector: Handle[] = [];
      let runtime: Runtime | undefined;
      const checkCollection = () => {
        collections++;
        const examined = [...(phases.get('update_refs')?.objects ?? [])];
        expect(sorted(phases.get('subtract_refs')?.objects ?? []), name).toEqual(sorted(examined));
        const partition = phases.get('move_unreachable');
        expect(sorted(partition?.objects ?? []), name).toEqual(sorted(examined));
        const unreachable = new Set(
          examined.filter((h) => valuesOf(partition, [h])[0] === PHASE_UNREACHABLE),
        );
        const update = valuesOf(phases.get('update_refs'), examined);
        const subtract = valuesOf(phases.get('subtract_refs'), examined);
        examined.forEach((_, i) => {
          expect(subtract[i]).toBeGreaterThanOrEqual(0);
          expect(subtract[i]).toBeLessThanOrEqual(update[i]);
        });
        const check = phases.get('handle_resurrected_objects');
        for (const handle of check?.objects ?? []) expect(unreachable.has(handle), name).toBe(true);
        const still = [...(check?.objects ?? [])].filter(
          (h) => valuesOf(check, [h])[0] === PHASE_UNREACHABLE,
        );
        const deletion = phases.get('delete_garbage');
        expect(sorted(deletion?.objects ?? []), name).toEqual(sorted(still));
        deleted += still.length;
        // In a full collection nothing the collector frees was reachable. (In a younger one, an object
        // referred to from an older generation is reachable, and may still die with the garbage when
        // that older object was held only by the garbage.)
        if (phases.get('update_refs')?.generation === 2) {
          for (const handle of freedByCollector) {
            if (examined.includes(handle)) expect(unreachable.has(handle), name).toBe(true);
          }
          fullCollections++;
        }
        const store = runtime?.heap.store;
        (deletion?.objects ?? []).forEach((handle, i) => {
          if (deletion?.values?.[i] === PHASE_FREED) expect(store?.isAlive(handle), name).toBe(false);
        });
      };
      const outcome = replayTrace(readLines(join(corpus, `${name}.jsonl`)), generational(), {
        onStart: (py) => {
          runtime = py;
          py.on('collection-start', () => {
            phases = new Map();
            freedByCollector = [];
          });
          py.on('collection-phase', (event) => phases.set(event.phase, event));
          py.on('free', (event) => {
            if (event.by === 'collector') freedByCollector.push(event.handle);
          });
          py.on('collection-stop', checkCollection);
        },
      });
      const expected = JSON.parse(readFileSync(join(corpus, `${name}.expected.json`), 'utf8'));
      const fields = diffTraceResults(outcome.results, expected);
      if (fields.length > 0) mismatches.push(`${name}: ${fields.join(', ')}`);
    }
    expect(mismatches).toEqual([]);
    expect(collections).toBeGreaterThan(100);
    expect(fullCollections).toBeGreaterThan(10);
    expect(deleted).toBeGreaterThan(0);
  }, 60_000);
});
