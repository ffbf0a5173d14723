/**
 * CPython's trashcan: deallocations nested deeper than a limit are deferred
 * (`Py_TRASHCAN_BEGIN` deposits the object with
 * `_PyTrash_thread_deposit_object`) and destroyed once the outermost
 * deallocation has unwound (`_PyTrash_thread_destroy_chain`). Together with
 * the deallocator's explicit frame stack, which it lives in.
 *
 * @module
 */

import type { CPythonVersion } from '../objects/size-model.js';

/**
 * CPython 3.11's trashcan depth (`_PyTrash_UNWIND_LEVEL`): deeper deallocations are deferred
 * (3.12 keeps the same rule; 3.13 counts a C recursion budget instead, see
 * {@link TRASHCAN_313_BUDGET}).
 */
export const TRASHCAN_UNWIND_LEVEL = 50;

/**
 * CPython 3.13 defers a deallocation when the C recursion budget left is at
 * most 50 (`Py_TRASHCAN_HEADROOM`) and destroys the deferred ones as soon as
 * more than 100 is left. The budget starts at `Py_C_RECURSION_LIMIT` (10,000)
 * less what the interpreter already uses; this models that start.
 */
export const TRASHCAN_313_BUDGET = 9_950;

/**
 * When the trashcan defers deallocations and when it destroys the deferred ones.
 *
 * @example
 * ```ts
 * import { type TrashcanRule, trashcanRule } from '@pymm/core/heap';
 * const rule: TrashcanRule = trashcanRule('3.11');
 * // A chain of objects freed one inside the other: the 50th nested deallocation is deferred,
 * // and the deferred ones are destroyed once the outermost deallocation has finished.
 * [rule.depositAt, rule.destroyBelow]; // [50, 1]
 * ```
 */
export interface TrashcanRule {
  /** Defer a deallocation that would run at this nesting or deeper. */
  readonly depositAt: number;
  /** Destroy the deferred ones when a deallocation ends below this nesting. */
  readonly destroyBelow: number;
}

/**
 * The trashcan of a CPython version.
 *
 * @example
 * ```ts
 * import { trashcanRule } from '@pymm/core/heap';
 * trashcanRule('3.11'); // { depositAt: 50, destroyBelow: 1 }
 * ```
 */
export function trashcanRule(version: CPythonVersion): TrashcanRule {
  if (version === '3.13')
    return { depositAt: TRASHCAN_313_BUDGET - 50, destroyBelow: TRASHCAN_313_BUDGET - 100 };
  return { depositAt: TRASHCAN_UNWIND_LEVEL, destroyBelow: 1 };
}

/** A frame's phase: untrack, trashcan, finalizer and weak references (the start of `tp_dealloc`). */
export const PHASE_BEGIN = 0;
/** A frame's phase: releasing the references the object holds, one child at a time. */
export const PHASE_RELEASE = 1;
/** A frame's phase: freeing the object's memory. */
export const PHASE_FINISH = 2;
/** A frame's phase: destroying the deposited objects (`_PyTrash_thread_destroy_chain`). */
export const PHASE_CHAIN = 3;

/**
 * The deallocator's explicit stack of frames (one per object being
 * deallocated, innermost on top) and the trashcan's deposited objects, as
 * typed arrays that grow by doubling: no JavaScript recursion and no
 * per-object allocation. A frame is its object's slot, its phase, its
 * position among the references it releases, and whether it entered the
 * trashcan (`Py_TRASHCAN_BEGIN`), so that leaving it must unwind the nesting.
 */
export class TrashcanStack {
  /** The object each frame deallocates (-1 for a destroy-chain frame). */
  slot = new Int32Array(256);
  /** Each frame's phase (`PHASE_*`). */
  phase = new Uint8Array(256);
  /** Each frame's position among the references its object releases. */
  position = new Int32Array(256);
  /** 1 when the frame entered the trashcan and counts in {@link TrashcanStack.nesting}. */
  inTrashcan = new Uint8Array(256);
  /** Number of frames. */
  top = 0;
  /** Trashcan nesting: frames that entered the trashcan and have not left it. */
  nesting = 0;
  /** Deposited objects, waiting for the destroy chain. */
  private deposited = new Int32Array(64);
  private depositedCount = 0;

  constructor(private readonly rule: TrashcanRule) {}

  /** Pushes a frame for `slot` in `phase`. */
  push(slot: number, phase: number): void {
    if (this.top === this.slot.length) this.grow();
    const top = this.top++;
    this.slot[top] = slot;
    this.phase[top] = phase;
    this.position[top] = 0;
    this.inTrashcan[top] = 0;
  }

  /**
   * `Py_TRASHCAN_BEGIN` for the frame `top`: too deeply nested, the object is
   * deposited and its frame dropped (returns false); otherwise the frame
   * enters the trashcan (returns true).
   */
  begin(top: number): boolean {
    if (this.nesting >= this.rule.depositAt) {
      this.deposit(this.slot[top]);
      this.top--;
      return false;
    }
    this.nesting++;
    this.inTrashcan[top] = 1;
    return true;
  }

  /**
   * Pops the frame `top` (`Py_TRASHCAN_END` when it entered the trashcan):
   * once the nesting is low enough, a destroy-chain frame takes its place to
   * deallocate the deposited objects.
   */
  end(top: number): void {
    const trashFrame = this.inTrashcan[top] === 1;
    this.top = top;
    if (!trashFrame) return;
    this.nesting--;
    if (this.depositedCount > 0 && this.nesting < this.rule.destroyBelow) {
      this.nesting++;
      this.push(-1, PHASE_CHAIN);
    }
  }

  /**
   * `_PyTrash_thread_destroy_chain`, one step: the next deposited object to
   * deallocate, or -1 when none is left (the chain frame is then popped).
   */
  nextDeposited(): number {
    if (this.depositedCount > 0) return this.deposited[--this.depositedCount];
    this.nesting--;
    this.top--;
    return -1;
  }

  /** `_PyTrash_thread_deposit_object`: defers an object's deallocation. */
  private deposit(slot: number): void {
    if (this.depositedCount === this.deposited.length) {
      const bigger = new Int32Array(this.deposited.length * 2);
      bigger.set(this.deposited);
      this.deposited = bigger;
    }
    this.deposited[this.depositedCount++] = slot;
  }

  private grow(): void {
    const size = this.slot.length * 2;
    const slot = new Int32Array(size);
    slot.set(this.slot);
    this.slot = slot;
    const position = new Int32Array(size);
    position.set(this.position);
    this.position = position;
    const phase = new Uint8Array(size);
    phase.set(this.phase);
    this.phase = phase;
    const inTrashcan = new Uint8Array(size);
    inTrashcan.set(this.inTrashcan);
    this.inTrashcan = inTrashcan;
  }
}
