/**
 * Roots: where references from outside the heap live. Frames with named
 * locals (pushed and popped), module globals, temporaries (values an
 * expression produced that nothing holds yet, like CPython's value stack) and
 * explicit external references. Every root slot holds one reference to its
 * object, exactly as a Python variable does.
 *
 * @module
 */

import { NULL_REF } from './object-store.js';

/**
 * A set of named variables (a frame's locals or a module's globals). Values
 * are object slots, or {@link NULL_REF} for a variable that is not bound.
 *
 * @example
 * ```ts
 * import { Namespace } from '@pymm/core/heap';
 * const ns = new Namespace('main');
 * const i = ns.indexOf('x', true); // 0
 * ns.values[i];                    // -1 (unbound)
 * ```
 */
export class Namespace {
  /** The variables' values (object slots); grows, so re-read after binding new names. */
  values: Int32Array;
  /** Number of variables. */
  length = 0;
  private readonly names = new Map<string, number>();
  private readonly nameList: string[] = [];

  constructor(
    /** Label, e.g. the function's name or `<module>`. */
    readonly label: string,
    size = 0,
  ) {
    this.values = new Int32Array(Math.max(8, size)).fill(NULL_REF);
    this.length = size;
  }

  /** Index of a named variable; creates it (unbound) when `create` is true, else returns -1. */
  indexOf(name: string, create: boolean): number {
    let index = this.names.get(name);
    if (index !== undefined) return index;
    if (!create) return -1;
    index = this.length++;
    if (index >= this.values.length) {
      const next = new Int32Array(this.values.length * 2).fill(NULL_REF);
      next.set(this.values);
      this.values = next;
    }
    this.names.set(name, index);
    this.nameList[index] = name;
    return index;
  }

  /** Name of variable `index` (numbered variables are named by their index). */
  nameAt(index: number): string {
    return this.nameList[index] ?? String(index);
  }

  /** Names of the bound variables. */
  boundNames(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.length; i++) if (this.values[i] !== NULL_REF) out.push(this.nameAt(i));
    return out;
  }
}

/**
 * All roots of a heap.
 *
 * @example
 * ```ts
 * import { Roots } from '@pymm/core/heap';
 * const roots = new Roots();
 * roots.pushFrame('f');
 * roots.frames.length; // 1
 * ```
 */
export class Roots {
  /** Module globals. */
  readonly globals = new Namespace('<module>');
  /** Frame stack, innermost last. */
  readonly frames: Namespace[] = [];
  /**
   * Temporaries, oldest first: slots held on behalf of an expression, like CPython's value stack
   * (see the runtime's temporaries). Grown by {@link Roots.pushTemporary}; a taken entry holds
   * {@link NULL_REF}. Each entry holds one reference, which its owner takes and drops.
   */
  temporaries = new Int32Array(64);
  /** Number of live temporaries. */
  temporaryCount = 0;
  /** The operation that pushed each temporary (beside `temporaries`). */
  private temporaryOperations = new Int32Array(64);
  /** External references: slot → how many times it was kept. */
  readonly external = new Map<number, number>();

  /** Pushes a new frame with `size` numbered variables. */
  pushFrame(label: string, size = 0): Namespace {
    const frame = new Namespace(label, size);
    this.frames.push(frame);
    return frame;
  }

  /**
   * Pushes a temporary: `slot`, held on behalf of operation `operation`. The caller has given it the
   * reference the temporary holds.
   *
   * @example
   * ```ts
   * import { Roots } from '@pymm/core/heap';
   * const roots = new Roots();
   * roots.pushTemporary(7, 1);
   * roots.pushTemporary(8, 2);
   * [roots.temporaryCount, roots.temporaries[1]]; // [2, 8]
   * ```
   */
  pushTemporary(slot: number, operation: number): void {
    const count = this.temporaryCount;
    if (count === this.temporaries.length) this.growTemporaries();
    this.temporaries[count] = slot;
    this.temporaryOperations[count] = operation;
    this.temporaryCount = count + 1;
  }

  /**
   * Pops the newest temporary and returns its slot (POP_TOP); the caller drops its reference.
   *
   * @example
   * ```ts
   * import { Roots } from '@pymm/core/heap';
   * const roots = new Roots();
   * roots.pushTemporary(7, 1);
   * roots.popTemporary(); // 7
   * roots.temporaryCount; // 0
   * ```
   */
  popTemporary(): number {
    return this.temporaries[--this.temporaryCount];
  }

  /**
   * A temporary that was stored somewhere is no longer one: clears the newest entry holding `slot`
   * and returns true, or returns false when no temporary holds it. On true the caller drops the
   * reference the entry held.
   *
   * @example
   * ```ts
   * import { Roots } from '@pymm/core/heap';
   * const roots = new Roots();
   * roots.pushTemporary(7, 1);
   * roots.takeTemporary(7); // true
   * roots.takeTemporary(7); // false
   * roots.temporaryCount;   // 1: the entry stays, cleared, until it is released
   * ```
   */
  takeTemporary(slot: number): boolean {
    const temporaries = this.temporaries;
    for (let i = this.temporaryCount - 1; i >= 0; i--) {
      if (temporaries[i] === slot) {
        temporaries[i] = NULL_REF;
        return true;
      }
    }
    return false;
  }

  /**
   * Takes out the temporaries pushed before operation `operation` (the oldest ones) and returns
   * their slots (cleared entries hold {@link NULL_REF}), or `null` when there are none. They are out
   * of the roots before the caller drops their references, so that whatever dropping them runs (a
   * finalizer that pushes or releases temporaries) sees the roots without them.
   *
   * @example
   * ```ts
   * import { Roots } from '@pymm/core/heap';
   * const roots = new Roots();
   * roots.pushTemporary(7, 1);
   * roots.pushTemporary(8, 2);
   * Array.from(roots.takeTemporariesBefore(2) ?? []); // [7]
   * roots.takeTemporariesBefore(2); // null
   * roots.temporaryCount; // 1
   * ```
   */
  takeTemporariesBefore(operation: number): Int32Array | null {
    const count = this.temporaryCount;
    const operations = this.temporaryOperations;
    let stale = 0;
    while (stale < count && operations[stale] < operation) stale++;
    if (stale === 0) return null;
    const taken = this.temporaries.slice(0, stale);
    this.temporaries.copyWithin(0, stale, count);
    operations.copyWithin(0, stale, count);
    this.temporaryCount = count - stale;
    return taken;
  }

  private growTemporaries(): void {
    const size = this.temporaries.length * 2;
    const temporaries = new Int32Array(size);
    temporaries.set(this.temporaries);
    this.temporaries = temporaries;
    const operations = new Int32Array(size);
    operations.set(this.temporaryOperations);
    this.temporaryOperations = operations;
  }

  /** Calls `visit` once per reference held by a root (a slot can be visited several times). */
  forEach(visit: (slot: number) => void): void {
    visitNamespace(this.globals, visit);
    for (const frame of this.frames) visitNamespace(frame, visit);
    for (let i = 0; i < this.temporaryCount; i++) {
      const slot = this.temporaries[i];
      if (slot !== NULL_REF) visit(slot);
    }
    for (const [slot, count] of this.external) for (let i = 0; i < count; i++) visit(slot);
  }
}

function visitNamespace(ns: Namespace, visit: (slot: number) => void): void {
  const values = ns.values;
  for (let i = 0; i < ns.length; i++) {
    const slot = values[i];
    if (slot !== NULL_REF) visit(slot);
  }
}
