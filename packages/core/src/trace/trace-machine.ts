/**
 * The machine a pymm-trace v1 program runs on: the runtime's heap with the
 * trace's variables, tagged classes and constants, the value-stack holds a
 * check needs, the eval-breaker checks, and the results the spec records.
 *
 * @module
 */

import type { ClassInfo } from '../heap/class-registry.js';
import type { Heap } from '../heap/heap.js';
import { ObjectFlag } from '../heap/object-store.js';
import type { Namespace } from '../heap/roots.js';
import { TypeId } from '../objects/type-id.js';
import type { Runtime } from '../runtime/runtime.js';
import { TraceError, type TraceHeader } from './trace-reader.js';
import type { TraceResults } from './trace-results.js';

const TAG_CLASSES = ['L', 'F', 'R'] as const;

/**
 * The state a trace runs in: the runtime's heap, the trace's variables
 * `v[0..slots-1]` (a frame), the tagged classes `L`, `F` and `R`, the code's
 * constants, and what the results record. The operations themselves are the
 * handlers of `trace-operations.ts`; this holds what they share.
 */
export class TraceMachine {
  /** The runtime's heap. */
  readonly heap: Heap;
  /** The trace's variables `v[0..slots-1]`. */
  readonly v: Namespace;
  /** The tagged list classes. */
  readonly classes: Record<(typeof TAG_CLASSES)[number], ClassInfo>;
  /** What each `collect` returned. */
  readonly collectResults: number[] = [];
  /** Tags in the order their finalizers ran. */
  readonly finalized: number[] = [];
  /** Tags in the order they were resurrected. */
  readonly resurrected: number[] = [];
  private readonly constants = new Map<string, number>();
  /** The tag of the next tagged list. */
  nextTag = 0;

  constructor(
    readonly runtime: Runtime,
    header: TraceHeader,
  ) {
    const heap = runtime.heap;
    this.heap = heap;
    this.v = heap.roots.pushFrame(`trace ${header.name}`, header.slots);
    this.v.values.fill(heap.none, 0, header.slots);
    const tagOf = (self: number) => heap.store.scalar[heap.store.slotOf(self, '__del__')];
    this.classes = {
      L: heap.defineClass({ name: 'L', base: 'list', slots: ['tag'] }),
      F: heap.defineClass({
        name: 'F',
        base: 'list',
        slots: ['tag'],
        finalizer: (self) => {
          this.evalBreaker(); // RESUME of __del__
          this.finalized.push(tagOf(self));
        },
      }),
      R: heap.defineClass({
        name: 'R',
        base: 'list',
        slots: ['tag'],
        finalizer: (self) => {
          this.evalBreaker(); // RESUME of __del__
          const tag = tagOf(self);
          this.finalized.push(tag);
          const slot = heap.store.slotOf(self, '__del__');
          // resurrected.append(self): a list created before the trace (frozen), so an external reference.
          heap.roots.external.set(slot, (heap.roots.external.get(slot) ?? 0) + 1);
          heap.incref(slot);
          this.resurrected.push(tag);
        },
      }),
    };
  }

  /**
   * An eval-breaker check: where CPython 3.12+ runs a collection that an
   * allocation scheduled (after every call returns, at a function's RESUME).
   * Strategies see it as a safepoint; 3.11's collector does nothing there.
   */
  evalBreaker(): void {
    this.heap.strategy.safepoint?.();
  }

  /** Holds an object on the value stack (a temporary root with one reference) during a check. */
  hold(slot: number, reference: 'new' | 'transfer'): void {
    if (reference === 'new') this.heap.incref(slot);
    this.heap.roots.pushTemporary(slot, this.heap.operation);
  }

  /** Drops the value held by {@link TraceMachine.hold} (POP_TOP). */
  drop(): void {
    this.heap.decref(this.heap.roots.popTemporary());
  }

  /** How an error message names what a slot holds (`a list`, `None`, ...). */
  describe(slot: number): string {
    const type = this.heap.store.type[slot];
    switch (type) {
      case TypeId.None:
        return 'None';
      case TypeId.ListSubclass:
      case TypeId.List:
        return 'a list';
      case TypeId.Tuple:
        return 'a tuple';
      case TypeId.Dict:
        return 'a dict';
      case TypeId.Int:
      case TypeId.Bool:
        return 'an int';
      case TypeId.Str:
        return 'a str';
      default:
        return `a ${this.heap.typeNameOf(slot)}`;
    }
  }

  /** A constant of the compiled code (in `co_consts`: one reference for the whole trace), made once. */
  constant(key: string, make: () => number): number {
    let slot = this.constants.get(key);
    if (slot === undefined) {
      slot = make();
      // A constant lives in the compiled code's co_consts for the whole trace.
      this.heap.incref(slot);
      this.constants.set(key, slot);
    }
    return slot;
  }

  /** An int as the compiled code holds it: a cached small int, or a constant of the code. */
  intConstant(n: number): number {
    if (n >= -5 && n <= 256) return this.heap.newInt(n);
    return this.constant(`i${n}`, () => this.heap.newInt(n));
  }

  /** `v[d] = slot`. */
  store(d: number, slot: number): void {
    this.heap.setRoot(this.v, d, slot);
  }

  /** Checks that `k` is a valid index of the sequence in `v[slot]`. */
  checkIndex(seq: number, k: number, slot: number, line: number, operation: string): void {
    const n = this.heap.store.refLen[seq];
    if (k < -n || k >= n) {
      invalid(
        line,
        operation,
        `index ${k} is out of range for v[${slot}], ${this.describe(seq)} of length ${n}`,
      );
    }
  }

  /** The results object of the spec, as things stand. */
  results(): TraceResults {
    const heap = this.heap;
    const store = heap.store;
    const gc = heap.strategy.gc;
    let stats: [number, number, number][];
    let count: [number, number, number];
    if (gc) {
      stats = gc.getStats().map((s) => [s.collections, s.collected, s.uncollectable]);
      const c = gc.getCount();
      count = [c[0], c[1], c[2]];
    } else {
      const s = heap.strategy.stats();
      stats = [0, 1, 2].map((g) => [s.collections[g] ?? 0, s.collected[g] ?? 0, s.uncollectable[g] ?? 0]);
      count = [0, 0, 0];
    }
    const alive: number[] = [];
    const tagged = new Set([this.classes.L.id, this.classes.F.id, this.classes.R.id]);
    for (let slot = 0; slot < store.slotLimit; slot++) {
      if ((store.flags[slot] & ObjectFlag.Alive) === 0) continue;
      if (store.type[slot] === TypeId.ListSubclass && tagged.has(store.klass[slot]))
        alive.push(store.scalar[slot]);
    }
    alive.sort((a, b) => a - b);
    return {
      collect_results: this.collectResults.slice(),
      stats,
      count,
      finalized: this.finalized.slice(),
      resurrected: this.resurrected.slice(),
      alive,
    };
  }
}

/** Throws the {@link TraceError} of an operation that is invalid for what the slots hold. */
export function invalid(line: number, operation: string, reason: string): never {
  throw new TraceError(line, operation, reason);
}

/** Whether the object is a list (a tagged list is a list subclass). */
export function isListType(heap: Heap, slot: number): boolean {
  const t = heap.store.type[slot];
  return t === TypeId.ListSubclass || t === TypeId.List;
}
