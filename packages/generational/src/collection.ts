/**
 * One collection of CPython's cycle collector (`gc_collect_main` in
 * `Modules/gcmodule.c`, 3.11), phase by phase, in CPython's order:
 *
 * 1. update the counts and merge the younger generations into the one collected;
 * 2. deduce what is unreachable: update refs, subtract refs, move unreachable;
 * 3. untrack tuples that can never be part of a cycle;
 * 4. move the survivors to the next generation (or, in a full collection,
 *    untrack dicts and reset the long-lived bookkeeping);
 * 5. handle weak references to unreachable objects (callbacks run here);
 * 6. call finalizers (PEP 442), once per object;
 * 7. find objects the finalizers resurrected and keep them;
 * 8. delete the garbage: `tp_clear` each object, breaking the cycles;
 * 9. in a full collection, clear the free lists;
 * 10. record the statistics.
 *
 * Every function here works on slots, typed arrays and the intrusive lists;
 * nothing recurses over the object graph.
 *
 * @module
 */

import { type CollectorHeap, NULL_REF, ObjectFlag, TypeId } from '@pymm/core';
import { GcList, type GcLists, LIST_COUNT } from './gc-lists.js';

/**
 * The object is in the set being collected (`PREV_MASK_COLLECTING`): one of the
 * flag bits core reserves for the active strategy.
 *
 * @example
 * ```ts
 * import { ObjectFlag, createRuntime } from '@pymm/core';
 * import { COLLECTING, generational } from '@pymm/generational';
 * COLLECTING === ObjectFlag.Strategy0; // true
 * const py = createRuntime({ strategy: generational() });
 * let marked = false;
 * const Node = py.class('Node', {
 *   del: (self) => {
 *     marked = (py.heap.store.flags[py.heap.store.slotOf(self, '__del__')] & COLLECTING) !== 0;
 *   },
 * });
 * py.locals.n = Node.new();
 * py.setattr(py.locals.n, 'self', py.locals.n);
 * py.del('n');
 * py.collect(); // 1
 * marked; // true: finalizers run while the garbage is still the collected set
 * ```
 */
export const COLLECTING = ObjectFlag.Strategy0;
/**
 * The object was tentatively moved to `unreachable` (`NEXT_MASK_UNREACHABLE`): a
 * strategy flag bit, set and cleared within one collection.
 *
 * @example
 * ```ts
 * import { ObjectFlag, createRuntime } from '@pymm/core';
 * import { COLLECTING, UNREACHABLE, generational } from '@pymm/generational';
 * UNREACHABLE === ObjectFlag.Strategy1; // true
 * const py = createRuntime({ strategy: generational() });
 * py.locals.xs = py.list();
 * py.append(py.locals.xs, py.locals.xs);
 * py.del('xs');
 * py.collect(); // 1
 * py.heap.store.flags.every((flags) => (flags & (COLLECTING | UNREACHABLE)) === 0); // true: no mark outlives a collection
 * ```
 */
export const UNREACHABLE = ObjectFlag.Strategy1;

/**
 * `gc.DEBUG_SAVEALL`: keep garbage in `gc.garbage` instead of freeing it.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { DEBUG_SAVEALL, gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const gc = gcModule(py);
 * gc.setDebug(DEBUG_SAVEALL);
 * const Node = py.class('Node');
 * py.locals.a = Node.new();
 * py.locals.b = Node.new({ ref: py.locals.a });
 * py.setattr(py.locals.a, 'ref', py.locals.b);
 * py.del('a', 'b'); // a two-node cycle: only the collector can free it
 * gc.collect(); // 2
 * gc.garbage.map((node) => py.type(node)); // ['Node', 'Node']
 * gc.clearGarbage(); // del gc.garbage[:]
 * ```
 */
export const DEBUG_SAVEALL = 32;

/**
 * The collector state a collection reads and updates. {@link GenerationalStrategy}
 * is one; {@link collectGeneration} runs a collection on any.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type CollectorState, GcList, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const strategy = py.strategy;
 * py.locals.xs = py.list();
 * const state: CollectorState = strategy;
 * state.count; // [1, 0, 0]: one GC container allocated since the last collection
 * state.lists.size(GcList.Generation0); // 1
 * state.heap === py.heap; // true
 * ```
 */
export interface CollectorState {
  readonly heap: CollectorHeap;
  readonly lists: GcLists;
  /** `gc_refs` per slot during a collection. */
  gcRefs: Int32Array;
  readonly count: number[];
  readonly generationStats: { collections: number; collected: number; uncollectable: number }[];
  longLivedPending: number;
  longLivedTotal: number;
  debug: number;
  /** `gc.garbage`: slots kept by `DEBUG_SAVEALL` (each holds one reference). */
  readonly garbage: number[];
  /** Where `DEBUG_STATS` / `DEBUG_COLLECTABLE` lines go (CPython prints them to stderr). */
  readonly debugLog: string[];
}

/**
 * `gc.DEBUG_STATS`: log each collection's generation, the generation sizes and the result.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { DEBUG_STATS, gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const gc = gcModule(py);
 * gc.setDebug(DEBUG_STATS);
 * py.locals.keep = py.list();
 * gc.collect(0);
 * gc.debugLog.slice(0, 3); // ['gc: collecting generation 0...', 'gc: objects in each generation: 1 0 0', 'gc: objects in permanent generation: 0']
 * gc.debugLog[3].startsWith('gc: done, 0 unreachable, 0 uncollectable'); // true
 * ```
 */
export const DEBUG_STATS = 1;
/**
 * `gc.DEBUG_COLLECTABLE`: log each collectable object found.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { DEBUG_COLLECTABLE, gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const gc = gcModule(py);
 * gc.setDebug(DEBUG_COLLECTABLE);
 * const Node = py.class('Node');
 * py.locals.a = Node.new();
 * py.locals.b = Node.new({ ref: py.locals.a });
 * py.setattr(py.locals.a, 'ref', py.locals.b);
 * py.del('a', 'b'); // a two-node cycle: only the collector can free it
 * gc.collect(); // 2
 * gc.debugLog.length; // 2
 * gc.debugLog[0].startsWith('gc: collectable <Node #'); // true
 * ```
 */
export const DEBUG_COLLECTABLE = 2;
/**
 * `gc.DEBUG_UNCOLLECTABLE`: log each uncollectable object found. Only objects with a
 * legacy `tp_del` finalizer are uncollectable in CPython 3.4+, and the model has none, so
 * this flag logs nothing; it is part of {@link DEBUG_LEAK}.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { DEBUG_UNCOLLECTABLE, gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const gc = gcModule(py);
 * gc.setDebug(DEBUG_UNCOLLECTABLE);
 * py.locals.xs = py.list();
 * py.append(py.locals.xs, py.locals.xs);
 * py.del('xs');
 * gc.collect(); // 1
 * gc.getStats()[2].uncollectable; // 0
 * gc.debugLog; // []
 * ```
 */
export const DEBUG_UNCOLLECTABLE = 4;

/**
 * What one collection did.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type CollectionOutcome, collectGeneration, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const strategy = py.strategy;
 * py.locals.keep = py.list();
 * py.locals.xs = py.list();
 * py.append(py.locals.xs, py.locals.xs);
 * py.del('xs');
 * const outcome: CollectionOutcome = collectGeneration(strategy, 0);
 * outcome; // { collected: 1, uncollectable: 0, examined: 2 }
 * ```
 */
export interface CollectionOutcome {
  /** Objects found unreachable and collected (`m`). */
  readonly collected: number;
  /** Unreachable objects that could not be collected (`n`). */
  readonly uncollectable: number;
  /** Objects in the generations that were scanned. */
  readonly examined: number;
}

/**
 * `gc_collect_main`: collects `generation` and everything younger, in CPython's phase
 * order, and updates the counts and statistics. It is the collection itself: the
 * strategy's `collect` wraps it with `gc.callbacks` and the collection events.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { collectGeneration, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const strategy = py.strategy;
 * py.locals.xs = py.list();
 * py.append(py.locals.xs, py.locals.xs);
 * py.del('xs');
 * collectGeneration(strategy, 0).collected; // 1
 * strategy.getCount(); // [0, 1, 0]: generation 1 counts one collection of generation 0
 * strategy.getStats()[0].collections; // 1
 * ```
 */
export function collectGeneration(state: CollectorState, generation: number): CollectionOutcome {
  const { heap, lists } = state;
  // Update collection and allocation counters.
  if (generation + 1 < 3) state.count[generation + 1] += 1;
  for (let i = 0; i <= generation; i++) state.count[i] = 0;
  // Merge younger generations with the one we are currently collecting.
  for (let i = 0; i < generation; i++) lists.merge(i, generation);
  const young = generation;
  const old = generation < 2 ? generation + 1 : young;
  const examined = lists.size(young);
  const startedAt = performance.now();
  if ((state.debug & DEBUG_STATS) !== 0) {
    state.debugLog.push(`gc: collecting generation ${generation}...`);
    state.debugLog.push(
      `gc: objects in each generation: ${lists.size(0)} ${lists.size(1)} ${lists.size(2)}`,
      `gc: objects in permanent generation: ${lists.size(GcList.Permanent)}`,
    );
  }
  ensureRefs(state);

  deduceUnreachable(state, young, GcList.Unreachable);
  untrackTuples(state, young);

  // Move reachable objects to the next generation.
  if (young !== old) {
    if (generation === 1) state.longLivedPending += lists.size(young);
    lists.merge(young, old);
  } else {
    // Dicts are untracked only in full collections, to avoid quadratic dict build-up (bpo-14775).
    untrackDicts(state, young);
    state.longLivedPending = 0;
    state.longLivedTotal = lists.size(young);
  }

  // No legacy (tp_del) finalizers exist in the model: the `finalizers` list stays empty,
  // but `move_legacy_finalizers` also clears the tentative-unreachable marks.
  clearMark(state, GcList.Unreachable, UNREACHABLE);
  if ((state.debug & DEBUG_COLLECTABLE) !== 0) {
    for (const slot of lists.slots(GcList.Unreachable)) {
      state.debugLog.push(`gc: collectable <${heap.typeNameOf(slot)} #${slot}>`);
    }
  }

  let collected = handleWeakrefs(state, GcList.Unreachable, old);
  finalizeGarbage(state, GcList.Unreachable);
  handleResurrectedObjects(state, GcList.Unreachable, GcList.StillUnreachable, old);
  collected += lists.size(GcList.StillUnreachable);
  deleteGarbage(state, GcList.StillUnreachable, old);

  const uncollectable = lists.size(GcList.Finalizers);
  lists.merge(GcList.Finalizers, old);

  // Clear free lists only during the collection of the highest generation.
  if (generation === 2) heap.clearFreeLists();

  if ((state.debug & DEBUG_STATS) !== 0) {
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(4);
    state.debugLog.push(
      `gc: done, ${collected} unreachable, ${uncollectable} uncollectable, ${seconds}s elapsed`,
    );
  }
  const stats = state.generationStats[generation];
  stats.collections++;
  stats.collected += collected;
  stats.uncollectable += uncollectable;
  return { collected, uncollectable, examined };
}

function ensureRefs(state: CollectorState): void {
  const needed = state.heap.store.slotLimit;
  if (state.gcRefs.length >= needed) return;
  let size = Math.max(1024, state.gcRefs.length);
  while (size < needed) size *= 2;
  const grown = new Int32Array(size).fill(NOT_COLLECTING);
  grown.set(state.gcRefs);
  state.gcRefs = grown;
}

/**
 * Calls `visit` for each object `slot` refers to, in the order of its type's
 * `tp_traverse`: lists and tuples last to first, dicts value then key per
 * entry, everything else first to last.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { traverse } from '@pymm/generational';
 * const py = createRuntime();
 * py.locals.xs = py.list([py.int(1), py.int(2), py.int(3)]);
 * const visited: number[] = [];
 * traverse(py.heap, py.heap.store.slotOf(py.locals.xs, 'traverse'), (item) => {
 *   visited.push(py.heap.store.scalar[item]);
 * });
 * visited; // [3, 2, 1]
 * py.locals.d = py.dict([[{ str: 'key' }, { int: 7 }]]);
 * const kinds: string[] = [];
 * traverse(py.heap, py.heap.store.slotOf(py.locals.d, 'traverse'), (item) => kinds.push(py.heap.typeNameOf(item)));
 * kinds; // ['int', 'str']: the value, then the key
 * ```
 */
export function traverse(heap: CollectorHeap, slot: number, visit: (target: number) => void): void {
  const store = heap.store;
  const start = store.refStart[slot];
  const n = store.refLen[slot];
  if (n === 0) return;
  const cells = store.refs.cells;
  const type = store.type[slot];
  if (type === TypeId.List || type === TypeId.Tuple || type === TypeId.ListSubclass) {
    for (let i = n - 1; i >= 0; i--) {
      const t = cells[start + i];
      if (t !== NULL_REF) visit(t);
    }
  } else if (type === TypeId.Dict) {
    for (let i = 0; i < n; i += 2) {
      visit(cells[start + i + 1]);
      visit(cells[start + i]);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const t = cells[start + i];
      if (t !== NULL_REF) visit(t);
    }
  }
}

/**
 * `deduce_unreachable`: leaves in `base` what is reachable from outside it
 * and moves everything else to `unreachable`.
 */
function deduceUnreachable(state: CollectorState, base: number, unreachable: number): void {
  updateRefs(state, base);
  subtractRefs(state, base);
  moveUnreachable(state, base, unreachable);
}

/**
 * `gc_refs` of an object that is not in the set being collected. Keeping the
 * "collecting" mark in the same array as `gc_refs` lets the hot loops below
 * touch one array per referent instead of two (the `COLLECTING` flag is kept in
 * step for everything else).
 */
export const NOT_COLLECTING = -1;

/** `update_refs`: `gc_refs` starts as the reference count; mark the set as collecting. */
function updateRefs(state: CollectorState, containers: number): void {
  const { lists, gcRefs } = state;
  const store = state.heap.store;
  const next = lists.next;
  const refcount = store.refcount;
  const flags = store.flags;
  for (let node = next[containers]; node !== containers; node = next[node]) {
    const slot = node - LIST_COUNT;
    gcRefs[slot] = refcount[slot];
    flags[slot] |= COLLECTING;
  }
}

/** `subtract_refs`: removes the references that come from inside the set. */
function subtractRefs(state: CollectorState, containers: number): void {
  const { lists, gcRefs } = state;
  const store = state.heap.store;
  const next = lists.next;
  const refStart = store.refStart;
  const refLen = store.refLen;
  const cells = store.refs.cells;
  for (let node = next[containers]; node !== containers; node = next[node]) {
    const slot = node - LIST_COUNT;
    const start = refStart[slot];
    const end = start + refLen[slot];
    // The order of visits does not matter here: every internal reference is subtracted once.
    for (let i = start; i < end; i++) {
      const target = cells[i];
      if (target < 0) continue;
      const refs = gcRefs[target];
      if (refs > 0) gcRefs[target] = refs - 1;
      else if (refs === 0)
        throw new Error(`internal error: gc_refs of ${state.heap.describe(target)} fell below zero`);
    }
  }
}

/**
 * `move_unreachable`: objects with `gc_refs > 0` are reachable from outside;
 * what they reach is reachable too. Objects with `gc_refs == 0` move
 * (tentatively) to `unreachable`, and back to the end of `young` if a
 * reachable object turns out to refer to them. Referents are visited in the
 * order of their type's `tp_traverse`, which decides the order of both lists.
 */
function moveUnreachable(state: CollectorState, young: number, unreachable: number): void {
  const { lists, gcRefs, heap } = state;
  const store = heap.store;
  const flags = store.flags;
  const types = store.type;
  const refStart = store.refStart;
  const refLen = store.refLen;
  const cells = store.refs.cells;
  const next = lists.next;
  // visit_reachable, for one referent. Only objects in the set (gc_refs >= 0) matter; one with
  // gc_refs 0 is either not scanned yet (set it to 1) or tentatively unreachable (move it back).
  const visitReachable = (target: number) => {
    if (gcRefs[target] !== 0) return;
    gcRefs[target] = 1;
    if ((flags[target] & UNREACHABLE) !== 0) {
      lists.move(target, young);
      flags[target] &= ~UNREACHABLE;
    }
  };
  let node = next[young];
  while (node !== young) {
    const slot = node - LIST_COUNT;
    if (gcRefs[slot] > 0) {
      const start = refStart[slot];
      const n = refLen[slot];
      const type = types[slot];
      if (type === TypeId.List || type === TypeId.Tuple || type === TypeId.ListSubclass) {
        for (let i = start + n - 1; i >= start; i--) {
          const t = cells[i];
          if (t >= 0) visitReachable(t);
        }
      } else if (type === TypeId.Dict) {
        for (let i = start; i < start + n; i += 2) {
          visitReachable(cells[i + 1]);
          visitReachable(cells[i]);
        }
      } else {
        for (let i = start; i < start + n; i++) {
          const t = cells[i];
          if (t >= 0) visitReachable(t);
        }
      }
      flags[slot] &= ~COLLECTING;
      gcRefs[slot] = NOT_COLLECTING;
      node = next[node];
    } else {
      const after = next[node];
      lists.move(slot, unreachable);
      flags[slot] |= UNREACHABLE;
      node = after;
    }
  }
}

function clearMark(state: CollectorState, head: number, mark: number): void {
  const { lists, gcRefs } = state;
  const flags = state.heap.store.flags;
  for (let slot = lists.first(head); slot >= 0; slot = lists.after(slot, head)) {
    flags[slot] &= ~mark;
    if (mark === COLLECTING) gcRefs[slot] = NOT_COLLECTING;
  }
}

/** `untrack_tuples`: survivors that are tuples of untrackable items stop being tracked. */
function untrackTuples(state: CollectorState, head: number): void {
  const { lists, heap } = state;
  const type = heap.store.type;
  let slot = lists.first(head);
  while (slot >= 0) {
    const next = lists.after(slot, head);
    if (type[slot] === TypeId.Tuple) heap.maybeUntrackTuple(slot);
    slot = next;
  }
}

/** `untrack_dicts`: in full collections, dicts holding nothing trackable stop being tracked. */
function untrackDicts(state: CollectorState, head: number): void {
  const { lists, heap } = state;
  const type = heap.store.type;
  let slot = lists.first(head);
  while (slot >= 0) {
    const next = lists.after(slot, head);
    if (type[slot] === TypeId.Dict) heap.maybeUntrackDict(slot);
    slot = next;
  }
}

/**
 * `handle_weakrefs`: clears every weak reference to an unreachable object
 * (and every unreachable weak reference) before any callback can run, then
 * calls the callbacks of weak references that are themselves reachable.
 * Returns how many of those weak references the callbacks freed.
 */
function handleWeakrefs(state: CollectorState, unreachable: number, old: number): number {
  const { lists, heap } = state;
  const store = heap.store;
  for (let slot = lists.first(unreachable); slot >= 0; slot = lists.after(slot, unreachable)) {
    if (store.type[slot] === TypeId.WeakRef) heap.clearWeakref(slot);
    const refs = heap.weakrefsTo(slot);
    if (refs.length === 0) continue;
    for (const wr of refs.slice()) {
      heap.clearWeakref(wr);
      if (!heap.weakrefHasCallback(wr)) continue;
      // A weak reference that is itself trash never gets its callback.
      if ((store.flags[wr] & COLLECTING) !== 0) continue;
      heap.incref(wr);
      if ((store.flags[wr] & ObjectFlag.Tracked) !== 0) lists.move(wr, GcList.WeakrefCallbacks);
      else lists.append(GcList.WeakrefCallbacks, wr);
    }
  }
  let freed = 0;
  while (!lists.isEmpty(GcList.WeakrefCallbacks)) {
    const wr = lists.first(GcList.WeakrefCallbacks);
    const handle = store.handleOf(wr);
    heap.callWeakrefCallback(wr);
    heap.decref(wr);
    if (store.isAlive(handle) && lists.first(GcList.WeakrefCallbacks) === wr) {
      if ((store.flags[wr] & ObjectFlag.Tracked) !== 0) lists.move(wr, old);
      else lists.remove(wr);
    } else {
      freed++;
    }
  }
  return freed;
}

/**
 * `finalize_garbage`: calls each unreachable object's finalizer once (PEP 442).
 * Finalizers may free objects or resurrect them, so the list is consumed from
 * its head into `seen`.
 */
function finalizeGarbage(state: CollectorState, collectable: number): void {
  const { lists, heap } = state;
  while (!lists.isEmpty(collectable)) {
    const slot = lists.first(collectable);
    lists.move(slot, GcList.Seen);
    if (heap.needsFinalizing(slot)) heap.finalize(slot);
  }
  lists.merge(GcList.Seen, collectable);
}

/**
 * `handle_resurrected_objects`: runs the reachability analysis again over the
 * unreachable set; whatever finalizers made reachable moves to `old`, the rest
 * goes to `stillUnreachable`.
 */
function handleResurrectedObjects(
  state: CollectorState,
  unreachable: number,
  stillUnreachable: number,
  old: number,
): void {
  clearMark(state, unreachable, COLLECTING);
  deduceUnreachable(state, unreachable, stillUnreachable);
  clearMark(state, stillUnreachable, UNREACHABLE);
  state.lists.merge(unreachable, old);
}

/**
 * `delete_garbage`: breaks the cycles by calling `tp_clear` on each object (or,
 * with `DEBUG_SAVEALL`, appends it to `gc.garbage`). An object that survives
 * its own clearing moves to `old`; it may die later.
 */
function deleteGarbage(state: CollectorState, collectable: number, old: number): void {
  const { lists, heap } = state;
  const store = heap.store;
  while (!lists.isEmpty(collectable)) {
    const slot = lists.first(collectable);
    const handle = store.handleOf(slot);
    if ((state.debug & DEBUG_SAVEALL) !== 0) {
      heap.incref(slot);
      state.garbage.push(slot);
    } else {
      heap.incref(slot);
      heap.clearReferences(slot);
      heap.decref(slot);
    }
    if (store.isAlive(handle) && lists.first(collectable) === slot) {
      store.flags[slot] &= ~COLLECTING;
      state.gcRefs[slot] = NOT_COLLECTING;
      lists.move(slot, old);
    }
  }
}
