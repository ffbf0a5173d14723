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
 * import { Namespace } from '@pymm/core';
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
 * import { Roots } from '@pymm/core';
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
  /** Temporaries: slots held on behalf of an expression (see the runtime's temporaries). */
  temporaries = new Int32Array(64);
  /** Number of live temporaries. */
  temporaryCount = 0;
  /** External references: slot → how many times it was kept. */
  readonly external = new Map<number, number>();

  /** Pushes a new frame with `size` numbered variables. */
  pushFrame(label: string, size = 0): Namespace {
    const frame = new Namespace(label, size);
    this.frames.push(frame);
    return frame;
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
