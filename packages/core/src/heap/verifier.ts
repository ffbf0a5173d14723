/**
 * The heap verifier: checks the invariants every strategy must keep. No
 * reference points at a freed object, and (when reference counts are kept)
 * every count equals the references held by objects plus those held by roots.
 * It walks the heap with plain loops over typed arrays, so it works on
 * millions of objects and arbitrarily deep structures.
 *
 * @module
 */

import { markReachable } from '../gc/mark-reachable.js';
import { TypeId } from '../objects/type-id.js';
import type { Heap } from './heap.js';
import { NULL_REF, ObjectFlag } from './object-store.js';

/**
 * What {@link verifyHeap} found.
 *
 * @example
 * ```ts
 * import { createRuntime, verifyHeap } from '@pymm/core';
 * import { type HeapVerification } from '@pymm/core/heap';
 * const py = createRuntime();
 * py.locals.xs = py.list([py.list()]);
 * const inner = py.heap.store.slotOf(py.getitem(py.locals.xs, 0), 'inner');
 * py.heap.destroy(inner); // a faulty strategy frees an object that is still referenced
 * const result: HeapVerification = verifyHeap(py.heap);
 * result.ok; // false
 * result.problems.length; // 1
 * result.problems[0].includes('refers to freed object'); // true
 * ```
 */
export interface HeapVerification {
  /** True when no problem was found. */
  readonly ok: boolean;
  /** Live objects checked. */
  readonly objects: number;
  /** References checked (held by objects and roots). */
  readonly references: number;
  /** Problems, at most `limit` of them, each naming the object. */
  readonly problems: readonly string[];
}

/**
 * Thrown by {@link assertHeap} when the heap is inconsistent.
 *
 * @example
 * ```ts
 * import { HeapCorruptionError } from '@pymm/core/heap';
 * new HeapCorruptionError(['list#3: refcount 2, but 1 reference']).message.includes('list#3'); // true
 * ```
 */
export class HeapCorruptionError extends Error {
  override readonly name = 'HeapCorruptionError';
  constructor(readonly problems: readonly string[]) {
    super(`heap verification failed:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Checks the heap's invariants and reports what is wrong.
 *
 * @example
 * ```ts
 * import { createRuntime, verifyHeap } from '@pymm/core';
 * const py = createRuntime();
 * py.locals.xs = py.list([py.int(1000)]);
 * verifyHeap(py.heap).ok; // true
 * ```
 */
export function verifyHeap(
  heap: Heap,
  limit = 20,
  options: { reachableOnly?: boolean } = {},
): HeapVerification {
  const store = heap.store;
  const n = store.slotLimit;
  const inbound = new Int32Array(n);
  const problems: string[] = [];
  let objects = 0;
  let references = 0;
  const report = (message: string) => {
    if (problems.length < limit) problems.push(message);
  };
  const count = (holder: string, target: number) => {
    references++;
    if (target < 0 || target >= n || (store.flags[target] & ObjectFlag.Alive) === 0) {
      report(`${holder} refers to freed object #${target}`);
      return;
    }
    inbound[target]++;
  };
  // A lazy or incremental collector may leave garbage pointing at garbage it already freed:
  // with `reachableOnly`, only references held by reachable objects are checked.
  const reachable = options.reachableOnly ? markReachable(heap) : null;
  for (let slot = 0; slot < n; slot++) {
    if ((store.flags[slot] & ObjectFlag.Alive) === 0) continue;
    if (reachable && reachable[slot] === 0) continue;
    objects++;
    const start = store.refStart[slot];
    const len = store.refLen[slot];
    for (let i = 0; i < len; i++) {
      const target = store.refs.cells[start + i];
      if (target !== NULL_REF) count(heap.describe(slot), target);
    }
  }
  heap.forEachRoot((slot) => count('a root', slot));
  // Weak references: a live referent lists the weak reference, and a listed weak reference points back.
  for (let slot = 0; slot < n; slot++) {
    if ((store.flags[slot] & ObjectFlag.Alive) === 0) continue;
    if (store.type[slot] === TypeId.WeakRef) {
      const referent = store.scalar[slot];
      if (referent >= 0) {
        if ((store.flags[referent] & ObjectFlag.Alive) === 0)
          report(`${heap.describe(slot)} refers weakly to freed object #${referent}`);
        else if (!heap.weakrefsTo(referent).includes(slot))
          report(`${heap.describe(slot)} is missing from the weak references of ${heap.describe(referent)}`);
      }
    }
    for (const wr of heap.weakrefsTo(slot)) {
      if ((store.flags[wr] & ObjectFlag.Alive) === 0 || store.scalar[wr] !== slot) {
        report(`${heap.describe(slot)} lists weak reference #${wr}, which does not refer to it`);
      }
    }
  }
  if (heap.refcounting && !reachable) {
    for (let slot = 0; slot < n; slot++) {
      const flags = store.flags[slot];
      if ((flags & ObjectFlag.Alive) === 0 || (flags & ObjectFlag.Static) !== 0) continue;
      if (store.refcount[slot] !== inbound[slot]) {
        report(
          `${heap.describe(slot)}: reference count ${store.refcount[slot]}, but ${inbound[slot]} reference(s) point at it`,
        );
      }
    }
  }
  return { ok: problems.length === 0, objects, references, problems };
}

/**
 * Verifies the heap and throws {@link HeapCorruptionError} on any problem.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { assertHeap } from '@pymm/core/heap';
 * const py = createRuntime();
 * assertHeap(py.heap); // no error
 * ```
 */
export function assertHeap(heap: Heap): void {
  const result = verifyHeap(heap);
  if (!result.ok) throw new HeapCorruptionError(result.problems);
}
