/**
 * One collection of CPython's cycle collector (`gc_collect_main` in
 * `Modules/gcmodule.c`, 3.11), phase by phase, in CPython's order.
 * {@link collectGeneration} comes first; the phases follow in the order it
 * runs them. Every function here works on slots, typed arrays and the
 * intrusive lists; nothing recurses over the object graph.
 *
 * @module
 */

import { type CollectorHeap, ObjectFlag, TypeId } from '@pymm/core';
import { dictSharesValues, embeddedValuesOf, forEachReference } from '@pymm/core/gc';
import { NULL_REF } from '@pymm/core/heap';
import { DEBUG_COLLECTABLE, DEBUG_SAVEALL, DEBUG_STATS } from './gc-flags.js';
import { GcList, LIST_COUNT } from './gc-lists.js';
import { COLLECTING, type CollectorState, NOT_COLLECTING, NUM_GENERATIONS, UNREACHABLE } from './gc-state.js';
import { PhaseReport } from './phase-report.js';

/**
 * `gc_collect_main`: collects `generation` and everything younger, in CPython's phase
 * order, and updates the counts and statistics. It is the collection itself: the
 * strategy wraps it with `gc.callbacks` and the collection events.
 */
export function collectGeneration(
  heap: CollectorHeap,
  state: CollectorState,
  generation: number,
): CollectionOutcome {
  const { lists } = state;
  // Update collection and allocation counters: this collection counts towards the next
  // generation's threshold, and the generations collected start counting again.
  if (generation + 1 < NUM_GENERATIONS) state.count[generation + 1] += 1;
  for (let i = 0; i <= generation; i++) state.count[i] = 0;
  // Merge younger generations with the one we are currently collecting.
  for (let i = 0; i < generation; i++) lists.merge(i, generation);
  // Survivors move to `old`, the next generation; the oldest generation keeps its own.
  const young = generation;
  const old = generation < NUM_GENERATIONS - 1 ? generation + 1 : young;
  const examined = lists.size(young);
  const startedAt = performance.now();
  if ((state.debug & DEBUG_STATS) !== 0) {
    let sizes = '';
    for (let i = 0; i < NUM_GENERATIONS; i++) sizes += ` ${lists.size(i)}`;
    state.debugLog.push(
      `gc: collecting generation ${generation}...`,
      `gc: objects in each generation:${sizes}`,
      `gc: objects in permanent generation: ${lists.size(GcList.Permanent)}`,
    );
  }
  state.reserveRefs(heap.store.slotLimit);
  // The phases are reported as events only if someone listens.
  const report = PhaseReport.forCollection(heap, state, generation);

  // Using gc_refs, find what is reachable only from inside `young`: that is the garbage.
  deduceUnreachable(heap, state, young, GcList.Unreachable, report);

  untrackTuples(heap, state, young);
  // Move reachable objects to the next generation.
  if (young !== old) {
    if (generation === NUM_GENERATIONS - 2) state.longLivedPending += lists.size(young);
    lists.merge(young, old);
  } else {
    // Dicts are untracked only in full collections, to avoid quadratic dict build-up (bpo-14775).
    untrackDicts(heap, state, young);
    state.longLivedPending = 0;
    state.longLivedTotal = lists.size(young);
  }

  // All objects in unreachable are trash, but objects reachable from legacy finalizers
  // (e.g. tp_del) can't safely be deleted.
  moveLegacyFinalizers(heap, state, GcList.Unreachable);
  if ((state.debug & DEBUG_COLLECTABLE) !== 0) {
    for (const slot of lists.slots(GcList.Unreachable)) {
      state.debugLog.push(`gc: collectable <${heap.typeNameOf(slot)} #${slot}>`);
    }
  }

  // Clear weakrefs and invoke callbacks as necessary.
  let collected = handleWeakrefs(heap, state, GcList.Unreachable, old, report);
  // Call tp_finalize on objects which have one.
  finalizeGarbage(heap, state, GcList.Unreachable, report);
  // Continue the collection with the objects that are still unreachable after the finalizers.
  handleResurrectedObjects(heap, state, GcList.Unreachable, GcList.StillUnreachable, old, report);
  // Call tp_clear on what is left: this breaks the reference cycles.
  collected += lists.size(GcList.StillUnreachable);
  const deleting = report === null ? null : report.beforeDelete(GcList.StillUnreachable);
  deleteGarbage(heap, state, GcList.StillUnreachable, old);
  if (report !== null && deleting !== null) report.deleted(deleting);

  // handle_legacy_finalizers: the uncollectable objects stay alive, in the old generation.
  const uncollectable = lists.size(GcList.Finalizers);
  lists.merge(GcList.Finalizers, old);

  // Clear free lists only during the collection of the highest generation.
  if (generation === NUM_GENERATIONS - 1) heap.clearFreeLists();

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

/**
 * `deduce_unreachable`: leaves in `base` what is reachable from outside it
 * and moves everything else to `unreachable`. Reference counts say how many
 * references an object has; subtracting those that come from inside `base`
 * leaves the ones from outside, and whatever those reach is alive. With a
 * `report`, each of the three steps is reported as it ends.
 */
function deduceUnreachable(
  heap: CollectorHeap,
  state: CollectorState,
  base: number,
  unreachable: number,
  report: PhaseReport | null,
): void {
  updateRefs(heap, state, base);
  if (report !== null) report.gcRefs('update_refs', base);
  subtractRefs(heap, state, base);
  if (report !== null) report.gcRefs('subtract_refs', base);
  moveUnreachable(heap, state, base, unreachable);
  if (report !== null) report.partition('move_unreachable', base, unreachable);
}

/**
 * `update_refs`: `gc_refs` starts as the reference count, and the set is marked
 * as collecting, so that the next phases can tell its objects from the rest.
 */
function updateRefs(heap: CollectorHeap, state: CollectorState, containers: number): void {
  const { lists, gcRefs } = state;
  const store = heap.store;
  const next = lists.next;
  const refcount = store.refcount;
  const flags = store.flags;
  for (let node = next[containers]; node !== containers; node = next[node]) {
    const slot = node - LIST_COUNT;
    gcRefs[slot] = refcount[slot];
    flags[slot] |= COLLECTING;
  }
}

/**
 * `subtract_refs`: removes the references that come from inside the set, so that
 * `gc_refs` counts only the references from outside it.
 */
function subtractRefs(heap: CollectorHeap, state: CollectorState, containers: number): void {
  const { lists, gcRefs } = state;
  const store = heap.store;
  const next = lists.next;
  const refStart = store.refStart;
  const refLen = store.refLen;
  const cells = store.refs.cells;
  const flags = store.flags;
  for (let node = next[containers]; node !== containers; node = next[node]) {
    const slot = node - LIST_COUNT;
    const start = refStart[slot];
    const end = start + refLen[slot];
    if ((flags[slot] & ObjectFlag.EmbeddedValues) !== 0 && subtractEmbedded(heap, gcRefs, slot)) continue;
    // The order of visits does not matter here (every internal reference is subtracted
    // once), so the cells are read in storage order rather than in tp_traverse order.
    for (let i = start; i < end; i++) {
      const target = cells[i];
      if (target < 0) continue;
      const refs = gcRefs[target];
      if (refs > 0) gcRefs[target] = refs - 1;
      else if (refs === 0)
        throw new Error(`internal error: gc_refs of ${heap.describe(target)} fell below zero`);
    }
  }
}

/**
 * `subtract_refs` for an object flagged with 3.13's embedded values: a dict that shares an
 * instance's values visits nothing, and that instance visits the values and its type. False when
 * the object's cells are to be read as usual.
 */
function subtractEmbedded(heap: CollectorHeap, gcRefs: Int32Array, slot: number): boolean {
  const store = heap.store;
  if (dictSharesValues(store, slot)) return true;
  const dict = embeddedValuesOf(store, slot);
  if (dict === NULL_REF) return false;
  const cells = store.refs.cells;
  const at = store.refStart[dict];
  for (let i = at + 1; i < at + store.refLen[dict]; i += 2) subtractRef(heap, gcRefs, cells[i]);
  subtractRef(heap, gcRefs, cells[store.refStart[slot]]);
  return true;
}

/** One reference from inside the set: `visit_decref`. */
function subtractRef(heap: CollectorHeap, gcRefs: Int32Array, target: number): void {
  if (target < 0) return;
  const refs = gcRefs[target];
  if (refs > 0) gcRefs[target] = refs - 1;
  else if (refs === 0) throw new Error(`internal error: gc_refs of ${heap.describe(target)} fell below zero`);
}

/**
 * `move_unreachable`: objects with `gc_refs > 0` are reachable from outside;
 * what they reach is reachable too. Objects with `gc_refs == 0` move
 * (tentatively) to `unreachable`, and back to the end of `young` if a
 * reachable object turns out to refer to them, where the scan reaches them
 * again. Referents are visited in `tp_traverse` order, which decides the order
 * of both lists and so the order in which finalizers run.
 */
function moveUnreachable(
  heap: CollectorHeap,
  state: CollectorState,
  young: number,
  unreachable: number,
): void {
  const { lists, gcRefs } = state;
  const store = heap.store;
  const flags = store.flags;
  const next = lists.next;
  // visit_reachable, for one referent. Only objects in the set (gc_refs >= 0) matter; one with
  // gc_refs 0 is either not scanned yet (set it to 1) or tentatively unreachable (move it back).
  const visitReachable = (target: number): void => {
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
      forEachReference(heap, slot, visitReachable);
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

/**
 * `untrack_tuples`: a surviving tuple whose items can never be part of a cycle
 * stops being tracked, so later collections need not scan it.
 */
function untrackTuples(heap: CollectorHeap, state: CollectorState, head: number): void {
  const { lists } = state;
  const type = heap.store.type;
  let slot = lists.first(head);
  while (slot >= 0) {
    const next = lists.after(slot, head);
    if (type[slot] === TypeId.Tuple) heap.maybeUntrackTuple(slot);
    slot = next;
  }
}

/**
 * `untrack_dicts`: in full collections, a dict holding nothing trackable stops
 * being tracked (only there, because doing it in every collection makes building
 * dicts quadratic).
 */
function untrackDicts(heap: CollectorHeap, state: CollectorState, head: number): void {
  const { lists } = state;
  const type = heap.store.type;
  let slot = lists.first(head);
  while (slot >= 0) {
    const next = lists.after(slot, head);
    if (type[slot] === TypeId.Dict) heap.maybeUntrackDict(slot);
    slot = next;
  }
}

/**
 * `move_legacy_finalizers`: "Move the objects in unreachable with tp_del slots
 * into `finalizers`. This function also removes NEXT_MASK_UNREACHABLE flag from
 * _gc_next in unreachable."
 *
 * In the modelled versions nothing moves. An object "has a pre-PEP 442
 * finalization method" (`has_legacy_finalizer`) when its type's `tp_del` is set,
 * and no modelled type sets it: since PEP 442 a class's `__del__` is its
 * `tp_finalize`, which `finalize_garbage` calls, and only C extension types can
 * still fill `tp_del`. So `finalizers` stays empty, `move_legacy_finalizer_reachable`
 * has nothing to start from, and this phase only clears the tentative-unreachable
 * marks, after which `unreachable` is a normal list.
 */
function moveLegacyFinalizers(heap: CollectorHeap, state: CollectorState, unreachable: number): void {
  clearUnreachableMask(heap, state, unreachable);
}

/**
 * `handle_weakrefs`: clears every weak reference to an unreachable object
 * (and every unreachable weak reference) before any callback can run, so that
 * no callback can reach the garbage; then calls the callbacks of weak
 * references that are themselves reachable. Returns how many of those weak
 * references the callbacks freed.
 */
function handleWeakrefs(
  heap: CollectorHeap,
  state: CollectorState,
  unreachable: number,
  old: number,
  report: PhaseReport | null,
): number {
  const { lists } = state;
  const store = heap.store;
  for (let slot = lists.first(unreachable); slot >= 0; slot = lists.after(slot, unreachable)) {
    if (store.type[slot] === TypeId.WeakRef) {
      if (report !== null && store.scalar[slot] >= 0) report.weakrefCleared(slot);
      heap.clearWeakref(slot);
    }
    const refs = heap.weakrefsTo(slot);
    if (refs.length === 0) continue;
    for (const wr of refs.slice()) {
      if (report !== null && store.scalar[wr] >= 0) report.weakrefCleared(wr);
      heap.clearWeakref(wr);
      if (!heap.weakrefHasCallback(wr)) continue;
      // A weak reference that is itself trash never gets its callback.
      if ((store.flags[wr] & COLLECTING) !== 0) continue;
      if (report !== null) report.weakrefQueued();
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
  if (report !== null) report.weakrefsHandled();
  return freed;
}

/**
 * `finalize_garbage`: calls each unreachable object's finalizer once (PEP 442),
 * while all the garbage still exists. Finalizers may free objects or resurrect
 * them, so the list is consumed from its head into `seen`.
 */
function finalizeGarbage(
  heap: CollectorHeap,
  state: CollectorState,
  collectable: number,
  report: PhaseReport | null,
): void {
  const { lists } = state;
  while (!lists.isEmpty(collectable)) {
    const slot = lists.first(collectable);
    lists.move(slot, GcList.Seen);
    if (heap.needsFinalizing(slot)) {
      if (report !== null) report.finalizing(heap.store.handleOf(slot));
      heap.finalize(slot);
    }
  }
  lists.merge(GcList.Seen, collectable);
  if (report !== null) report.finalizersRan();
}

/**
 * `handle_resurrected_objects`: a finalizer may have stored a reference to the
 * garbage somewhere reachable, so the reachability analysis runs again over the
 * unreachable set; whatever finalizers made reachable moves to `old`, the rest
 * goes to `stillUnreachable`.
 */
function handleResurrectedObjects(
  heap: CollectorHeap,
  state: CollectorState,
  unreachable: number,
  stillUnreachable: number,
  old: number,
  report: PhaseReport | null,
): void {
  // Remove the collecting mark from unreachable to prepare it for a new deduce_unreachable.
  gcListClearCollecting(heap, state, unreachable);
  // Reported as one phase, the check's result, rather than as a second round of the three steps.
  deduceUnreachable(heap, state, unreachable, stillUnreachable, null);
  clearUnreachableMask(heap, state, stillUnreachable);
  if (report !== null) report.partition('handle_resurrected_objects', unreachable, stillUnreachable);
  // Move the resurrected objects to the old generation for future collection.
  state.lists.merge(unreachable, old);
}

/**
 * `delete_garbage`: breaks the cycles by calling `tp_clear` on each object (or,
 * with `DEBUG_SAVEALL`, appends it to `gc.garbage`); reference counting then
 * frees what is no longer referred to. An object that survives its own
 * clearing moves to `old`; it may die later.
 */
function deleteGarbage(heap: CollectorHeap, state: CollectorState, collectable: number, old: number): void {
  const { lists } = state;
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

// -----------------------------------------------------------------------------
// Helpers

/** What one collection did. */
export interface CollectionOutcome {
  /** Objects found unreachable and collected (`m`). */
  readonly collected: number;
  /** Unreachable objects that could not be collected (`n`). */
  readonly uncollectable: number;
  /** Objects in the generations that were scanned. */
  readonly examined: number;
}

/** `gc_list_clear_collecting`: the objects of a list leave the collected set. */
function gcListClearCollecting(heap: CollectorHeap, state: CollectorState, head: number): void {
  const { lists, gcRefs } = state;
  const flags = heap.store.flags;
  for (let slot = lists.first(head); slot >= 0; slot = lists.after(slot, head)) {
    flags[slot] &= ~COLLECTING;
    gcRefs[slot] = NOT_COLLECTING;
  }
}

/** `clear_unreachable_mask`: the objects of a list lose their tentative-unreachable mark. */
function clearUnreachableMask(heap: CollectorHeap, state: CollectorState, head: number): void {
  const { lists } = state;
  const flags = heap.store.flags;
  for (let slot = lists.first(head); slot >= 0; slot = lists.after(slot, head)) {
    flags[slot] &= ~UNREACHABLE;
  }
}
