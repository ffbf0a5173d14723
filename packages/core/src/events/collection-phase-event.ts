/**
 * Collection phases as events: what a collector found or did in each phase of
 * one collection, so that a viewer can draw a collection step by step from the
 * public event stream, never from a strategy's private state.
 *
 * A collector emits these only when someone listens (it asks
 * `heap.events.wants('collection-phase')` once per collection), between the
 * collection's `collection-start` and `collection-stop`.
 *
 * @module
 */

/**
 * The phases a collector reports, named as in CPython's `Modules/gcmodule.c`
 * (3.11, `gc_collect_main`) and in the tracing-collector literature (Dijkstra's
 * tri-colour marking). Each phase says what its event's `objects` and `values`
 * hold.
 *
 * CPython's cycle collector (`@pymm/generational`), in the order it runs:
 *
 * | phase | `objects` | `values` |
 * | --- | --- | --- |
 * | `update_refs` | the objects of the generation collected (younger ones merged in), in list order | `gc_refs`: each one's reference count |
 * | `subtract_refs` | the same objects | `gc_refs` after subtracting the references from inside the set: the references from outside it |
 * | `move_unreachable` | the same objects | {@link PHASE_REACHABLE} or {@link PHASE_UNREACHABLE} |
 * | `handle_weakrefs` | the weak references cleared because their referent (or they themselves) are unreachable | {@link PHASE_CALLED_BACK} if its callback was called, else 0 |
 * | `finalize_garbage` | the unreachable objects whose finalizer (`__del__`, PEP 442) ran | none |
 * | `handle_resurrected_objects` | the unreachable objects, checked again after the finalizers | {@link PHASE_REACHABLE} (resurrected) or {@link PHASE_UNREACHABLE} |
 * | `delete_garbage` | the objects still unreachable, given to `tp_clear` | {@link PHASE_FREED} or {@link PHASE_SURVIVED} |
 *
 * The resurrection check runs update_refs, subtract_refs and move_unreachable
 * again over the unreachable objects; it is reported once, as its result.
 * Objects the collector does not track (ints, strs, tuples and dicts it
 * untracked) are not in these sets; when the garbage's `tp_clear` frees them,
 * they appear as `free` events (`by: 'collector'`), as every freed object does.
 *
 * A tracing collector (`@pymm/mark-sweep`), in the order it runs:
 *
 * | phase | `objects` | `values` |
 * | --- | --- | --- |
 * | `mark_roots` | the objects the roots shaded (white to grey); incremental mode rescans the roots when marking seems done, and reports each rescan (often empty) | colour: {@link COLOUR_GREY} |
 * | `mark` | the objects whose colour changed in one batch of marking; batches that change nothing are not reported, and one cycle reports a few dozen at most, however big the heap | colour: {@link COLOUR_GREY} or {@link COLOUR_BLACK} |
 * | `mark_termination` | every live object when marking ends: black is reachable, white is garbage | colour: {@link COLOUR_BLACK} or {@link COLOUR_WHITE} |
 * | `handle_weakrefs` | the weak references cleared because their referent (or they themselves) are white | {@link PHASE_CALLED_BACK} if its callback was called, else 0 |
 * | `mark` (again) | the white objects with a finalizer, shaded so that what they reach survives this cycle, and what they reach | colour |
 * | `finalize_garbage` | the white objects whose finalizer ran (one event per step that runs finalizers) | none |
 * | `sweep` | the objects freed: per sweep step that frees something, and at the end of the sweep; the garbage interned strings, freed just before the finalizers run, come with the first | none |
 *
 * An incremental cycle runs in steps, each between its own `collection-start`
 * and `collection-stop` (`complete` is true on the last): a viewer groups the
 * phase events of one step by those brackets. Between steps, the program's
 * stores into reached objects may shade white ones: see `WriteBarrierEvent`.
 *
 * @example
 * ```ts
 * import type { CollectionPhase } from '@pymm/core';
 * const generational: CollectionPhase[] = ['update_refs', 'subtract_refs', 'move_unreachable', 'delete_garbage'];
 * const tracing: CollectionPhase[] = ['mark_roots', 'mark', 'mark_termination', 'sweep'];
 * generational.length + tracing.length; // 8
 * ```
 */
export type CollectionPhase =
  | 'update_refs'
  | 'subtract_refs'
  | 'move_unreachable'
  | 'handle_weakrefs'
  | 'finalize_garbage'
  | 'handle_resurrected_objects'
  | 'delete_garbage'
  | 'mark_roots'
  | 'mark'
  | 'mark_termination'
  | 'sweep';

/**
 * One phase of a collection: the objects it concerns, as handles, and one
 * number per object whose meaning the phase gives (see {@link CollectionPhase}).
 * The arrays belong to the listener: the collector made them for this event.
 * Handles of objects freed later in the collection stay valid as names (they
 * carry the slot's reuse serial) but no longer refer to a live object.
 *
 * @example
 * ```ts
 * import { type CollectionPhaseEvent, type CollectionReason, type CollectorHeap, type Strategy, type StrategyFactory, createRuntime } from '@pymm/core';
 * // A collector that reports one phase: the reference counts of the objects it looked at.
 * class Reporter implements Strategy {
 *   readonly name = 'reporter';
 *   constructor(private readonly heap: CollectorHeap) {}
 *   allocating(): void {}
 *   released(): void {}
 *   track(): void {}
 *   untrack(): void {}
 *   collect(generation: number, reason: CollectionReason): number {
 *     const heap = this.heap;
 *     return heap.collection(generation, reason, () => {
 *       if (heap.events.wants('collection-phase')) {
 *         const slots: number[] = [];
 *         heap.forEachRoot((slot) => slots.push(slot));
 *         heap.events.emit({
 *           kind: 'collection-phase',
 *           phase: 'update_refs',
 *           generation,
 *           objects: Int32Array.from(slots, (slot) => heap.store.handleOf(slot)),
 *           values: Int32Array.from(slots, (slot) => heap.store.refcount[slot]),
 *           operation: heap.operation,
 *         });
 *       }
 *       return { examined: 0, collected: 0, uncollectable: 0 };
 *     }).collected;
 *   }
 *   stats() {
 *     return { collections: [0], collected: [0], uncollectable: [0] };
 *   }
 * }
 * const reporter: StrategyFactory = {
 *   name: 'reporter',
 *   requirements: { referenceCounting: true, writeBarrier: false },
 *   guarantees: { reclaimsCycles: false, prompt: true },
 *   create: (heap) => new Reporter(heap),
 * };
 * const py = createRuntime({ strategy: reporter });
 * py.locals.xs = py.list();
 * const phases: CollectionPhaseEvent[] = [];
 * py.on('collection-phase', (event) => phases.push(event));
 * py.collect();
 * const [phase] = phases;
 * [phase.phase, phase.generation]; // ['update_refs', 2]
 * phase.objects.includes(py.locals.xs); // true
 * ```
 */
export interface CollectionPhaseEvent {
  readonly kind: 'collection-phase';
  readonly phase: CollectionPhase;
  /** Generation collected (0..2), or 0 for collectors without generations. */
  readonly generation: number;
  /** Handles of the objects the phase concerns. */
  readonly objects: Int32Array;
  /** One number per object (same index), or `undefined` for phases that report a set only. */
  readonly values: Int32Array | undefined;
  readonly operation: number;
}

/**
 * A value of `move_unreachable` and `handle_resurrected_objects`: the object is
 * reachable from outside the set collected (or was resurrected).
 *
 * @example
 * ```ts
 * import { PHASE_REACHABLE, PHASE_UNREACHABLE } from '@pymm/core';
 * [PHASE_REACHABLE, PHASE_UNREACHABLE]; // [1, 0]
 * ```
 */
export const PHASE_REACHABLE = 1;

/**
 * A value of `move_unreachable` and `handle_resurrected_objects`: the object is
 * unreachable (garbage, so far).
 *
 * @example
 * ```ts
 * import { PHASE_UNREACHABLE } from '@pymm/core';
 * PHASE_UNREACHABLE; // 0
 * ```
 */
export const PHASE_UNREACHABLE = 0;

/**
 * A value of `handle_weakrefs`: the weak reference's callback was called.
 *
 * @example
 * ```ts
 * import { PHASE_CALLED_BACK } from '@pymm/core';
 * PHASE_CALLED_BACK; // 1
 * ```
 */
export const PHASE_CALLED_BACK = 1;

/**
 * A value of `delete_garbage`: the object was freed.
 *
 * @example
 * ```ts
 * import { PHASE_FREED } from '@pymm/core';
 * PHASE_FREED; // 0
 * ```
 */
export const PHASE_FREED = 0;

/**
 * A value of `delete_garbage`: the object survived its `tp_clear` (something
 * outside the garbage still refers to it) and moved to the next generation.
 *
 * @example
 * ```ts
 * import { PHASE_SURVIVED } from '@pymm/core';
 * PHASE_SURVIVED; // 1
 * ```
 */
export const PHASE_SURVIVED = 1;

/**
 * Tri-colour value of the tracing phases: not reached (garbage at the end of marking).
 *
 * @example
 * ```ts
 * import { COLOUR_BLACK, COLOUR_GREY, COLOUR_WHITE } from '@pymm/core';
 * [COLOUR_WHITE, COLOUR_GREY, COLOUR_BLACK]; // [0, 1, 2]
 * ```
 */
export const COLOUR_WHITE = 0;

/**
 * Tri-colour value of the tracing phases: reached, its references not all traced (on the worklist).
 *
 * @example
 * ```ts
 * import { COLOUR_GREY } from '@pymm/core';
 * COLOUR_GREY; // 1
 * ```
 */
export const COLOUR_GREY = 1;

/**
 * Tri-colour value of the tracing phases: reached and traced.
 *
 * @example
 * ```ts
 * import { COLOUR_BLACK } from '@pymm/core';
 * COLOUR_BLACK; // 2
 * ```
 */
export const COLOUR_BLACK = 2;
