/**
 * CPython's `PyGC_Head` lists, over typed arrays: every tracked object is in
 * exactly one circular doubly linked list (a generation, the permanent
 * generation, or one of a collection's working lists). Node ids are
 * `slot + LIST_COUNT`; ids below `LIST_COUNT` are the list heads.
 *
 * @module
 */

/**
 * The lists a collector uses, by head id.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { GcList, gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const strategy = py.strategy;
 * py.locals.xs = py.list();
 * strategy.lists.size(GcList.Generation0); // 1: newly tracked containers start in generation 0
 * gcModule(py).freeze();
 * strategy.lists.size(GcList.Generation0); // 0
 * strategy.lists.size(GcList.Permanent); // 1
 * ```
 */
export const GcList = {
  Generation0: 0,
  Generation1: 1,
  Generation2: 2,
  /** `gc.freeze()`'s permanent generation: never scanned. */
  Permanent: 3,
  /** `unreachable` of `gc_collect_main`. */
  Unreachable: 4,
  /** `finalizers` (objects with legacy `tp_del`). */
  Finalizers: 5,
  /** `wrcb_to_call` of `handle_weakrefs`. */
  WeakrefCallbacks: 6,
  /** `final_unreachable` after the resurrection check. */
  StillUnreachable: 7,
  /** `seen` of `finalize_garbage`. */
  Seen: 8,
} as const;

/**
 * Number of list heads: node ids below it are heads, and slot `s` is node `s + LIST_COUNT`.
 *
 * @example
 * ```ts
 * import { GcList, LIST_COUNT } from '@pymm/generational';
 * LIST_COUNT; // 9
 * Object.keys(GcList).length === LIST_COUNT; // true
 * ```
 */
export const LIST_COUNT = 9;

/**
 * A set of intrusive circular lists of object slots.
 *
 * @example
 * ```ts
 * import { GcList, GcLists } from '@pymm/generational';
 * const lists = new GcLists();
 * lists.append(GcList.Generation0, 7);
 * lists.append(GcList.Generation0, 3);
 * [...lists.slots(GcList.Generation0)]; // [7, 3]
 * lists.merge(GcList.Generation0, GcList.Generation1);
 * lists.size(GcList.Generation1); // 2
 * ```
 */
export class GcLists {
  /** Next node of each node (read-only for callers: hot loops walk lists through it). */
  next: Int32Array;
  /** Previous node of each node. */
  prev: Int32Array;

  constructor(initialSlots = 1024) {
    this.next = new Int32Array(initialSlots + LIST_COUNT);
    this.prev = new Int32Array(initialSlots + LIST_COUNT);
    for (let head = 0; head < LIST_COUNT; head++) {
      this.next[head] = head;
      this.prev[head] = head;
    }
  }

  private ensure(slot: number): void {
    const needed = slot + LIST_COUNT + 1;
    if (needed <= this.next.length) return;
    let size = this.next.length * 2;
    while (size < needed) size *= 2;
    const n = new Int32Array(size);
    n.set(this.next);
    this.next = n;
    const p = new Int32Array(size);
    p.set(this.prev);
    this.prev = p;
  }

  /** Whether a list is empty. */
  isEmpty(head: number): boolean {
    return this.next[head] === head;
  }

  /** First slot of a list, or -1 when empty. */
  first(head: number): number {
    const node = this.next[head];
    return node === head ? -1 : node - LIST_COUNT;
  }

  /** The slot after `slot` in its list, or -1 at the end of list `head`. */
  after(slot: number, head: number): number {
    const node = this.next[slot + LIST_COUNT];
    return node === head ? -1 : node - LIST_COUNT;
  }

  /** Appends a slot (not in any list) at the end of a list (`gc_list_append`). */
  append(head: number, slot: number): void {
    this.ensure(slot);
    const node = slot + LIST_COUNT;
    const last = this.prev[head];
    this.next[last] = node;
    this.prev[node] = last;
    this.next[node] = head;
    this.prev[head] = node;
  }

  /** Unlinks a slot from whatever list it is in (`gc_list_remove`). */
  remove(slot: number): void {
    const node = slot + LIST_COUNT;
    const p = this.prev[node];
    const n = this.next[node];
    this.next[p] = n;
    this.prev[n] = p;
  }

  /** Moves a slot from its list to the end of another (`gc_list_move`). */
  move(slot: number, head: number): void {
    this.remove(slot);
    this.append(head, slot);
  }

  /** Appends all of `from` to the end of `to`, leaving `from` empty (`gc_list_merge`). */
  merge(from: number, to: number): void {
    if (this.isEmpty(from)) return;
    const toLast = this.prev[to];
    const fromFirst = this.next[from];
    const fromLast = this.prev[from];
    this.next[toLast] = fromFirst;
    this.prev[fromFirst] = toLast;
    this.next[fromLast] = to;
    this.prev[to] = fromLast;
    this.next[from] = from;
    this.prev[from] = from;
  }

  /** Number of slots in a list (`gc_list_size`: walks it). */
  size(head: number): number {
    let n = 0;
    for (let node = this.next[head]; node !== head; node = this.next[node]) n++;
    return n;
  }

  /** The slots of a list, in order (do not change the list while iterating). */
  *slots(head: number): Generator<number> {
    for (let node = this.next[head]; node !== head; node = this.next[node]) yield node - LIST_COUNT;
  }
}
