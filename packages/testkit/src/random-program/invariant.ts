/**
 * What an invariant of the random programs sees and when it is asked: the
 * interpreter (`interpreter.ts`) calls each hook of every invariant the
 * suite passed, at the moments named below. An invariant reports a
 * violation with `run.fail(message)`; the interpreter throws once the
 * current command's checks are done.
 */

import type { Handle, Heap, Runtime, Strategy } from '@pymm/core';
import type { SlotSet } from '../reachability-oracle.js';

/** What one program did, for the counts the tests print. */
export interface ProgramOutcome {
  /** Commands executed (those inside calls included). */
  operations: number;
  /** Commands that raised a Python exception (an expected outcome: KeyError, unhashable keys, ...). */
  pythonErrors: number;
  /** Commands that found nothing to act on. */
  skipped: number;
  frees: number;
  finalizers: number;
  callbacks: number;
  /** Complete collections, automatic and explicit. */
  collections: number;
  /** Full collections checked against the oracle. */
  checkedCollections: number;
  /** Heap checks (after every command and every checked collection). */
  checks: number;
}

/** An outcome with every count at zero, to count one program or to add programs up. */
export function emptyOutcome(): ProgramOutcome {
  return {
    operations: 0,
    pythonErrors: 0,
    skipped: 0,
    frees: 0,
    finalizers: 0,
    callbacks: 0,
    collections: 0,
    checkedCollections: 0,
    checks: 0,
  };
}

/** The program being run, as the invariants see it. */
export interface ProgramRun {
  readonly py: Runtime;
  readonly heap: Heap;
  readonly strategy: Strategy;
  readonly outcome: Readonly<ProgramOutcome>;
  /** Objects whose finalizer ran (the program's classes with `__del__`). */
  readonly finalized: ReadonlySet<Handle>;
  /** Objects a finalizer could reach when it ran (so it may have resurrected them). */
  readonly resurrectable: ReadonlySet<Handle>;
  /** Weak references the program made and has not yet seen cleared, with their referents. */
  readonly weakrefs: Map<Handle, Handle>;
  /** Records a violation. */
  fail(message: string): void;
}

/** A freed object, as the `free` event reports it. */
export interface FreedObject {
  readonly handle: Handle;
  readonly slot: number;
  /** Its type name (`'list'`, `'Final'`). */
  readonly type: string;
}

/** A checked full collection (`gc.collect(2)`), with what the heap was before and what it did. */
export interface FullCollection {
  /** What the roots reached just before it. */
  readonly reachableBefore: SlotSet;
  /** Every live object's references just before it (taken when an invariant asks for it). */
  readonly graphBefore: Map<number, number[]> | null;
  /** What `collect(2)` returned. */
  readonly returned: number;
  /** Slots of the objects its finalizers and callbacks allocated. */
  readonly allocated: readonly number[];
  /** Slots of the objects it finalized. */
  readonly finalized: readonly number[];
}

/** A check run on every program. Every hook is optional. */
export interface Invariant {
  /** For failure messages. */
  readonly name: string;
  /** Whether {@link FullCollection.graphBefore} must be taken. */
  readonly needsGraphBefore?: boolean;
  /** When the strategy frees an object (before its slot can be reused). */
  onFree?(run: ProgramRun, freed: FreedObject): void;
  /** After every command and every checked full collection; `reachable` is what the roots reach now. */
  afterCommand?(run: ProgramRun, reachable: SlotSet): void;
  /** After a checked full collection. */
  afterFullCollection?(run: ProgramRun, collection: FullCollection): void;
  /** At the end, once every root is dropped and the final collections ran. */
  atEnd?(run: ProgramRun): void;
}
