/**
 * A statement's collections, phase by phase, from the `collection-phase` (and `write-barrier`)
 * events the strategies emit: the phase's name, the objects it concerns, and the value it gives
 * each, in words the picture draws on the object (`gc_refs 0`, `unreachable`, `grey`, `freed`).
 *
 * @module
 */

import {
  COLOUR_BLACK,
  COLOUR_GREY,
  COLOUR_WHITE,
  type CollectionPhase,
  type HeapEvent,
  PHASE_CALLED_BACK,
  PHASE_FREED,
  PHASE_REACHABLE,
} from '@pymm/core';

/** One phase of one collection, or one write-barrier greying (incremental mark-sweep). */
export interface PhaseStep {
  /** `update_refs`, ..., or `write_barrier`. */
  readonly name: CollectionPhase | 'write_barrier';
  /** Which collection of the statement it belongs to (from 0), and that collection's generation. */
  readonly collection: number;
  readonly generation: number;
  /** The value in words per handle. */
  readonly values: ReadonlyMap<number, string>;
}

const COLOURS = new Map([
  [COLOUR_WHITE, 'white'],
  [COLOUR_GREY, 'grey'],
  [COLOUR_BLACK, 'black'],
]);

/** The value of `phase` for one object, in words. */
export function phaseValue(phase: CollectionPhase, value: number | undefined): string {
  switch (phase) {
    case 'update_refs':
    case 'subtract_refs':
      return `gc_refs ${value}`;
    case 'move_unreachable':
    case 'handle_resurrected_objects':
      return value === PHASE_REACHABLE ? 'reachable' : 'unreachable';
    case 'handle_weakrefs':
      return value === PHASE_CALLED_BACK ? 'weakref cleared, callback called' : 'weakref cleared';
    case 'finalize_garbage':
      return '__del__ ran';
    case 'delete_garbage':
      return value === PHASE_FREED ? 'freed' : 'survived tp_clear';
    case 'mark_roots':
    case 'mark':
    case 'mark_termination':
      return COLOURS.get(value ?? -1) ?? `colour ${value}`;
    case 'sweep':
      return 'swept';
  }
}

/** The phases in `events`, in the order they happened. */
export function phaseSteps(events: readonly HeapEvent[]): PhaseStep[] {
  const out: PhaseStep[] = [];
  let collection = -1;
  let generation = 0;
  for (const event of events) {
    if (event.kind === 'collection-start') {
      collection++;
      generation = event.generation;
    } else if (event.kind === 'collection-phase') {
      const values = new Map<number, string>();
      for (let i = 0; i < event.objects.length; i++)
        values.set(event.objects[i], phaseValue(event.phase, event.values?.[i]));
      out.push({
        name: event.phase,
        collection: Math.max(0, collection),
        generation: event.generation,
        values,
      });
    } else if (event.kind === 'write-barrier') {
      out.push({
        name: 'write_barrier',
        collection: Math.max(0, collection),
        generation,
        values: new Map([[event.target, 'greyed by the write barrier']]),
      });
    }
  }
  return out;
}
