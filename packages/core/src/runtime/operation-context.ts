/**
 * Operations and temporaries: what every runtime call goes through.
 *
 * A top-level runtime call is one *operation*: it is counted, its name goes
 * into the fingerprint, and the strategy gets a safepoint when it ends. Calls
 * made while an operation runs (by a finalizer, a weakref callback, or one
 * runtime call using another) are nested work and are not counted.
 *
 * Handles returned by creating operations are *temporaries*, like values on
 * CPython's value stack: `Roots` holds them, with one reference each,
 * until they are stored somewhere (then `consumed`
 * drops that reference) or until the end of the next *statement* (a binding,
 * a mutation, `del`, `collect`, a scope exit), which releases those that
 * nothing took.
 *
 * @module
 */

import type { Heap } from '../heap/heap.js';
import { type Handle, NULL_REF } from '../heap/object-store.js';
import { OperationFingerprint } from './fingerprint.js';

/**
 * The state every runtime module works through: the heap, how deep in nested
 * work the runtime is, and the fingerprint of the operation stream. Internal
 * to the runtime; `Runtime` owns one.
 */
export class OperationContext {
  /** 0 outside any operation; 1 inside a top-level one; more inside nested work. */
  depth = 0;
  /** The fingerprint of the top-level operation stream. */
  readonly fingerprint = new OperationFingerprint();

  constructor(
    /** The heap the runtime works on. */
    readonly heap: Heap,
  ) {}

  /**
   * Runs one runtime operation and counts it. A *statement* (a binding, a
   * mutation, `del`, `collect`, a scope exit) ends by releasing the temporaries
   * that earlier operations created and nothing took; creating operations never
   * do, because they are the arguments of the statement still being built.
   */
  op<T>(name: string, body: () => T, statement = false): T {
    if (this.depth > 0) return body();
    this.depth++;
    this.heap.operation++;
    this.fingerprint.operation(name);
    try {
      return body();
    } finally {
      // Still inside the operation: whatever the safepoint runs (a collection's
      // finalizers and callbacks) is nested work, not an operation of the program.
      try {
        this.heap.strategy.safepoint?.();
        // Also still inside: finalizers that releasing a temporary runs are nested work.
        if (statement) this.releaseTemporaries(this.heap.operation);
      } finally {
        this.depth--;
      }
    }
  }

  /** Runs a statement: an operation that ends by releasing the temporaries nothing took. */
  statement<T>(name: string, body: () => T): T {
    return this.op(name, body, true);
  }

  /** Literal values count in the fingerprint too, but only at the top level (not inside finalizers). */
  literal(text: string): void {
    if (this.depth === 0) this.fingerprint.literal(text);
  }

  /** Makes a new object's creation reference a temporary and returns its handle. */
  temporary(slot: number): Handle {
    if (this.depth <= 1) this.fingerprint.created(this.heap.typeNameOf(slot));
    this.heap.incref(slot);
    this.heap.roots.pushTemporary(slot, this.heap.operation);
    return this.heap.store.handleOf(slot);
  }

  /** A stored value that was a temporary is no longer one: its temporary reference is dropped. */
  consumed(slot: number): void {
    if (this.heap.roots.takeTemporary(slot)) this.heap.decref(slot);
  }

  /** Releases temporaries created before operation `current`. */
  releaseTemporaries(current: number): void {
    // The roots take the stale temporaries out first; their references are then dropped as
    // nested work: a finalizer that runs may bind variables or create temporaries (even flush),
    // and must see the roots already without them.
    const released = this.heap.roots.takeTemporariesBefore(current);
    if (released === null) return;
    this.depth++;
    try {
      for (let i = 0; i < released.length; i++) if (released[i] !== NULL_REF) this.heap.decref(released[i]);
    } finally {
      this.depth--;
    }
  }

  /** Releases every temporary now, and those that finalizers run by the release create. */
  flushTemporaries(): void {
    // Finalizers run by the release may create temporaries of their own: release those too.
    for (let pass = 0; pass < 1000 && this.heap.roots.temporaryCount > 0; pass++) {
      this.releaseTemporaries(Number.MAX_SAFE_INTEGER);
    }
  }

  /** The slot of a live object's handle; throws (naming `operation`) for a dead or invalid one. */
  slot(handle: Handle, operation: string): number {
    return this.heap.store.slotOf(handle, operation);
  }
}
