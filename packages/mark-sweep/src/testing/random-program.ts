/**
 * Test support: random Python-like programs for the property tests, and the
 * checks run after every operation. A program binds and unbinds six globals,
 * builds instances (plain, with a finalizer, with a resurrecting finalizer),
 * lists and dicts, links and unlinks them, moves references between the heap
 * and variables (the case an incremental collector must not lose), makes weak
 * references with and without callbacks and reads them back, opens files,
 * runs function scopes and `with` blocks, and collects now and then.
 *
 * The checks use only the public APIs and an independent reachability oracle:
 *
 * - after every operation, everything reachable from the roots is alive, no
 *   live weak reference points at a freed object, and (unless a sweep is
 *   under way, when unswept garbage may point at swept garbage) the whole
 *   heap verifies;
 * - every object the collector frees is unreachable at that moment, and every
 *   file it closes is unreachable (resources close only when collected);
 * - a finalizer runs at most once per object, and only on an unreachable
 *   one; a weak reference to a reachable object is never cleared; a
 *   weak-reference callback sees its weak reference already cleared;
 * - after `gc.collect()`, the live objects are exactly those reachable from
 *   the roots plus those reachable from the objects the last cycle finalized
 *   (kept until the next collection), no colour bit is left set, and no weak
 *   reference points at an unreachable object.
 */

import { createRuntime, type HeapEvent, ObjectFlag, type Runtime, TypeId, verifyHeap } from '@pymm/core';
import {
  collectableSlots,
  danglingWeakrefs,
  freedButReachable,
  reachableFrom,
  reachableFromRoots,
  slotOfHandle,
} from '@pymm/testkit';
import fc from 'fast-check';
import { markSweep } from '../factory.js';
import type { MarkSweepStrategy } from '../mark-sweep.js';
import type { MarkSweepOptions } from '../options.js';

/** Operations per program. */
export const OPERATIONS = 500;
/** Global variables a program uses. */
const VARIABLES = 6;

const KINDS = [
  ['newNode', 10],
  ['newFinal', 5],
  ['newPhoenix', 3],
  ['newList', 6],
  ['newDict', 3],
  ['link', 16],
  ['unlink', 8],
  ['copy', 5],
  ['load', 5],
  ['move', 5],
  ['del', 8],
  ['weakref', 5],
  ['deref', 4],
  ['scope', 4],
  ['openFile', 3],
  ['closeFile', 1],
  ['garbage', 5],
  ['collect', 2],
  ['clearGraveyard', 1],
  ['with', 1],
  ['intern', 4],
  ['internInto', 4],
] as const;

type Kind = (typeof KINDS)[number][0];

/** One operation: its kind and three small operands. */
export interface ProgramOp {
  readonly kind: Kind;
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** Which collector runs a program. */
export type Mode = 'stop-the-world' | 'incremental';

/** A random program and the collector configuration it runs under. */
export interface Program {
  readonly options: MarkSweepOptions;
  readonly ops: readonly ProgramOp[];
}

const kindArbitrary: fc.Arbitrary<Kind> = fc.oneof(
  ...KINDS.map(([kind, weight]) => ({ arbitrary: fc.constant(kind as Kind), weight })),
);

const opArbitrary: fc.Arbitrary<ProgramOp> = fc.record({
  kind: kindArbitrary,
  a: fc.integer({ min: 0, max: VARIABLES - 1 }),
  b: fc.integer({ min: 0, max: VARIABLES - 1 }),
  c: fc.integer({ min: 0, max: 3 }),
});

/** Programs of {@link OPERATIONS} operations under a random configuration of `mode`'s collector. */
export function programArbitrary(mode: Mode): fc.Arbitrary<Program> {
  const budget = {
    growthFactor: fc.constantFrom(0.25, 0.5, 1, 2),
    minimumBudgetBytes: fc.constantFrom(300, 1000, 4000),
  };
  const options: fc.Arbitrary<MarkSweepOptions> =
    mode === 'incremental'
      ? fc.record({
          ...budget,
          incremental: fc.record({ stepBudget: fc.constantFrom(1, 2, 5, 20, 100, 1000) }),
        })
      : fc.record({
          ...budget,
          sweep: fc.constantFrom('eager' as const, 'lazy' as const),
          lazySweepSlots: fc.constantFrom(1, 7, 64),
        });
  return fc.record({ options, ops: fc.array(opArbitrary, { minLength: OPERATIONS, maxLength: OPERATIONS }) });
}

/** What running a program did (for the printed totals). */
export interface ProgramOutcome {
  readonly operations: number;
  readonly cycles: number;
  readonly explicitCollections: number;
  readonly freed: number;
  readonly finalizers: number;
  readonly callbacks: number;
}

const INSTANCE_TYPES = new Set(['Node', 'Final', 'Phoenix']);

/**
 * Runs a program, checking after every operation; throws with the failing operation on a violation.
 * `log`, when given, receives each operation with the collector's phase and each free (for debugging);
 * `watch` is called with the runtime before the first operation (to subscribe to more events).
 */
export function runProgram(
  program: Program,
  log?: (line: string) => void,
  watch?: (py: Runtime<MarkSweepStrategy>) => void,
): ProgramOutcome {
  const py = createRuntime({ strategy: markSweep(program.options) });
  watch?.(py);
  const strategy = py.strategy;
  const heap = py.heap;
  const g = py.globals;
  const failures: string[] = [];
  const cycleNow = () => strategy.stats().extra?.cycles ?? 0;

  // Finalizations (finalizer events) with the cycle that ran them. Files closed by the collector are
  // not kept for a cycle (closing runs no program code), so they are checked apart.
  const finalized = new Set<number>();
  const finalizations: { handle: number; cycle: number }[] = [];
  const recordFinalization = (handle: number, what: string) => {
    if (finalized.has(handle)) failures.push(`${what} ${handle} finalized twice`);
    finalized.add(handle);
    finalizations.push({ handle, cycle: cycleNow() });
  };

  // Every object the collector frees must be unreachable then; the oracle is recomputed once per pause.
  let reachNow: Uint8Array | null = null;
  let freed = 0;
  let callbacks = 0;
  const unreachableNow = (slot: number) => {
    reachNow ??= reachableFromRoots(heap);
    return reachNow[slot] !== 1;
  };
  py.on('collection-start', () => {
    reachNow = null;
  });
  py.on('free', (e) => {
    freed++;
    log?.(`  free ${e.type}#${slotOfHandle(e.handle)} in ${strategy.phase}`);
    if (e.by !== 'collector') failures.push(`${e.type} ${e.handle} freed by ${e.by}, not by the collector`);
    if (!unreachableNow(slotOfHandle(e.handle))) failures.push(`freed a reachable ${e.type} (${e.handle})`);
  });
  py.on('finalizer', (e) => recordFinalization(e.handle, e.type));
  py.on('resource-closed', (e: Extract<HeapEvent, { kind: 'resource-closed' }>) => {
    if (e.how !== 'dealloc') return;
    // Closed by the collector: unreachable, except through objects finalized (and perhaps resurrected) before.
    reachNow = null;
    if (reachableFromRoots(heap, finalizedSlots())[slotOfHandle(e.handle)] === 1) {
      failures.push(`closed reachable file ${e.name}`);
    }
  });

  // Objects whose finalizer ran that are still alive (resurrected, or kept for one cycle), as slots.
  const finalizedSlots = () => {
    const slots = new Set<number>();
    for (const handle of finalized) if (py.isAlive(handle)) slots.add(slotOfHandle(handle));
    return slots;
  };
  // A finalizer only runs on an object the program cannot reach, except through objects already
  // finalized (a finalizer that resurrects its object resurrects what it reaches, as in CPython).
  const checkUnreachable = (self: number) => {
    if (reachableFromRoots(heap, finalizedSlots())[slotOfHandle(self)] === 1) {
      failures.push(`finalized reachable ${py.type(self)}`);
    }
  };
  const Node = py.class('Node');
  const Final = py.class('Final', { del: checkUnreachable });
  const Phoenix = py.class('Phoenix', {
    del: (self) => {
      checkUnreachable(self);
      py.append(py.globals.graveyard, self);
    },
  });
  // Weak references the program made, with their referents: a reachable one to a reachable object is
  // never cleared.
  const weakrefs = new Map<number, number>();
  const clearedWhileReachable = () => {
    // Reachable through an object already finalized: its weak references were cleared before its
    // finalizer ran (as in CPython), so only weak references to the rest are checked.
    const reach = reachableFromRoots(heap, finalizedSlots());
    const problems: string[] = [];
    for (const [ref, referent] of weakrefs) {
      if (!py.isAlive(ref)) {
        weakrefs.delete(ref);
      } else if (py.is(py.deref(ref), py.None)) {
        // (A weak reference that is itself garbage is cleared too, as in CPython.)
        if (py.isAlive(referent) && reach[slotOfHandle(referent)] === 1 && reach[slotOfHandle(ref)] === 1) {
          problems.push(
            `weakref ${ref} was cleared though its referent ${py.type(referent)} ${referent} is reachable`,
          );
        }
        weakrefs.delete(ref);
      }
    }
    return problems;
  };
  g.graveyard = py.list();
  const callback = (ref: number) => {
    callbacks++;
    if (!py.isAlive(ref)) failures.push('a callback received a dead weak reference');
    else if (!py.is(py.deref(ref), py.None))
      failures.push('a callback ran before its weak reference was cleared');
  };

  const name = (i: number) => `g${i}`;
  const bound = (i: number) => name(i) in g;
  const get = (i: number) => g[name(i)];
  const typeOf = (i: number) => py.type(get(i));
  const isInstance = (i: number) => INSTANCE_TYPES.has(typeOf(i));

  /** The item `c` of variable `i`'s object (attribute, list item, dict value), or undefined. */
  const load = (i: number, c: number): number | undefined => {
    if (!bound(i)) return undefined;
    const h = get(i);
    const t = typeOf(i);
    if (INSTANCE_TYPES.has(t)) return py.hasattr(h, `f${c}`) ? py.getattr(h, `f${c}`) : undefined;
    if (t === 'list') return py.len(h) > 0 ? py.getitem(h, c % py.len(h)) : undefined;
    if (t === 'dict') return py.contains(h, { str: `k${c}` }) ? py.getitem(h, { str: `k${c}` }) : undefined;
    return undefined;
  };
  const unlink = (i: number, c: number) => {
    if (!bound(i)) return;
    const h = get(i);
    const t = typeOf(i);
    if (INSTANCE_TYPES.has(t)) {
      if (py.hasattr(h, `f${c}`)) py.delattr(h, `f${c}`);
    } else if (t === 'list') {
      const n = py.len(h);
      if (n > 0 && c % 2 === 0) py.pop(h, 0);
      else if (n > 0) py.delitem(h, c % n);
    } else if (t === 'dict' && py.contains(h, { str: `k${c}` })) {
      py.delitem(h, { str: `k${c}` });
    }
  };

  let explicitCollections = 0;
  const checkFullCollection = (label: string) => {
    explicitCollections++;
    py.flushTemporaries();
    const reachBefore = reachableFromRoots(heap);
    const unreachableBefore = collectableSlots(heap).filter((s) => reachBefore[s] !== 1).length;
    const idleEager = strategy.phase === 'idle' && strategy.sweepMode === 'eager';
    const found = py.collect();
    const cycle = cycleNow();
    if (idleEager && found !== unreachableBefore) {
      failures.push(
        `${label}: collect() returned ${found}, but ${unreachableBefore} objects were unreachable`,
      );
    }
    const reach = reachableFromRoots(heap);
    const lastFinalized = finalizations.filter((f) => f.cycle === cycle);
    for (const f of lastFinalized) {
      if (!py.isAlive(f.handle))
        failures.push(`${label}: ${f.handle} was finalized but not kept for one cycle`);
    }
    const kept = reachableFrom(
      heap,
      lastFinalized.filter((f) => py.isAlive(f.handle)).map((f) => slotOfHandle(f.handle)),
    );
    const store = heap.store;
    for (const slot of collectableSlots(heap)) {
      if (reach[slot] !== 1 && kept[slot] !== 1) {
        failures.push(`${label}: ${heap.describe(slot)} survived but is unreachable`);
      }
      if ((store.flags[slot] & (ObjectFlag.Strategy0 | ObjectFlag.Strategy1)) !== 0) {
        failures.push(`${label}: ${heap.describe(slot)} kept a colour bit after the cycle`);
      }
      if (store.type[slot] === TypeId.WeakRef) {
        const referent = store.scalar[slot];
        if (referent >= 0 && reach[referent] !== 1) {
          failures.push(`${label}: weakref#${slot} still refers to unreachable ${heap.describe(referent)}`);
        }
      }
      if (
        store.type[slot] === TypeId.File &&
        (store.flags[slot] & ObjectFlag.Open) !== 0 &&
        reach[slot] !== 1
      ) {
        failures.push(
          `${label}: unreachable file ${heap.describe(slot)} is still open after a full collection`,
        );
      }
    }
  };

  const run = (op: ProgramOp, index: number) => {
    const { kind, a, b, c } = op;
    switch (kind) {
      case 'newNode':
        g[name(a)] = Node.new();
        break;
      case 'newFinal':
        g[name(a)] = Final.new();
        break;
      case 'newPhoenix':
        g[name(a)] = Phoenix.new();
        break;
      case 'newList':
        g[name(a)] = py.list();
        break;
      case 'newDict':
        g[name(a)] = py.dict();
        break;
      case 'link': {
        if (!bound(a) || !bound(b)) break;
        const h = get(a);
        const t = typeOf(a);
        if (INSTANCE_TYPES.has(t)) py.setattr(h, `f${c}`, get(b));
        else if (t === 'list') py.append(h, get(b));
        else if (t === 'dict') py.setitem(h, { str: `k${c}` }, get(b));
        break;
      }
      case 'unlink':
        unlink(a, c);
        break;
      case 'copy':
        if (bound(b)) g[name(a)] = get(b);
        break;
      case 'load': {
        const item = load(b, c);
        if (item !== undefined) g[name(a)] = item;
        break;
      }
      case 'move': {
        // Hide an object from the heap in a variable: bind it first, then remove it from its container.
        const item = load(b, c);
        if (item === undefined) break;
        g[name(a)] = item;
        unlink(b, c);
        break;
      }
      case 'del':
        if (bound(a)) delete g[name(a)];
        break;
      case 'weakref':
        if (bound(b) && (isInstance(b) || typeOf(b) === 'file')) {
          const ref = py.weakref(get(b), c % 2 === 1 ? callback : undefined);
          weakrefs.set(ref, get(b));
          g[name(a)] = ref;
        }
        break;
      case 'deref':
        if (bound(b) && typeOf(b) === 'weakref') {
          const referent = py.deref(get(b));
          if (!py.is(referent, py.None)) g[name(a)] = referent;
        }
        break;
      case 'scope': {
        const result = py.call('f', (l) => {
          l.t = Node.new();
          if (bound(b)) py.setattr(l.t, 'f0', get(b));
          l.u = py.list([l.t]);
          if (c === 0 && bound(a) && isInstance(a)) py.setattr(get(a), 'f1', l.u);
          return c === 1 ? l.t : undefined;
        });
        if (result !== undefined) g[name(a)] = result;
        break;
      }
      case 'openFile':
        g[name(a)] = py.open(`file${index}`);
        break;
      case 'closeFile':
        if (bound(a) && typeOf(a) === 'file' && py.isOpen(get(a))) py.close(get(a));
        break;
      case 'garbage':
        py.int(100_000 + index);
        py.list();
        break;
      case 'collect':
        checkFullCollection(`collect at operation ${index}`);
        break;
      case 'clearGraveyard':
        py.clear(g.graveyard);
        break;
      case 'intern':
        g[name(a)] = py.str(`id${c}`, { intern: true });
        break;
      case 'internInto': {
        // A cached object (the interned string) handed out and stored straight into the heap.
        if (!bound(a)) break;
        const t = typeOf(a);
        if (t === 'list') py.append(get(a), py.str(`id${c}`, { intern: true }));
        else if (INSTANCE_TYPES.has(t)) py.setattr(get(a), `f${c}`, py.str(`id${c}`, { intern: true }));
        break;
      }
      case 'with':
        py.with(py.open(`with${index}`), () => {
          const node = Node.new();
          if (bound(b)) py.setattr(node, 'f0', get(b));
        });
        break;
    }
  };

  const fail = (where: string) => {
    throw new Error(
      `${where} under ${strategy.name} ${JSON.stringify(program.options)}:\n  ${failures.join('\n  ')}`,
    );
  };
  program.ops.forEach((op, index) => {
    log?.(`${index} ${JSON.stringify(op)} [${strategy.phase}]`);
    run(op, index);
    // While garbage is being freed, garbage not yet freed may still point at garbage already freed
    // (nothing can reach either), so the whole-heap verifier runs only outside that window; what is
    // reachable is checked after every operation.
    if (!strategy.freeingGarbage) {
      const verification = verifyHeap(heap);
      if (!verification.ok) failures.push(...verification.problems);
    }
    for (const slot of freedButReachable(heap)) failures.push(`reachable object #${slot} has been freed`);
    failures.push(...clearedWhileReachable());
    for (const slot of danglingWeakrefs(heap))
      failures.push(`weakref#${slot} refers to freed object #${heap.store.scalar[slot]}`);
    if (failures.length > 0) fail(`operation ${index} (${JSON.stringify(op)})`);
  });
  checkFullCollection('final collection');
  if (failures.length > 0) fail('final collection');
  return {
    operations: program.ops.length,
    cycles: strategy.stats().collections[0],
    explicitCollections,
    freed,
    finalizers: finalized.size,
    callbacks,
  };
}

/** Adds up outcomes. */
export function totals(outcomes: readonly ProgramOutcome[]): ProgramOutcome & { readonly programs: number } {
  const sum = (f: (o: ProgramOutcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
  return {
    programs: outcomes.length,
    operations: sum((o) => o.operations),
    cycles: sum((o) => o.cycles),
    explicitCollections: sum((o) => o.explicitCollections),
    freed: sum((o) => o.freed),
    finalizers: sum((o) => o.finalizers),
    callbacks: sum((o) => o.callbacks),
  };
}
