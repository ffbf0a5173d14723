/**
 * Sets made by merging whole sets or dicts (`Objects/setobject.c`'s `set_merge`
 * and `set_update_internal`). Before adding the members of another set or
 * dict, CPython resizes the table once, to the smallest power of two above
 * twice the combined size, when they would fill it past three fifths; and when
 * the target is empty and the two tables have the same size, it copies the
 * other table slot for slot. So `set(a_set)`, `a_set.copy()`, `a | b`,
 * `s.update(a_set)` and a display of constants (`{1, 2, 3, 4, 5}`, built by
 * `SET_UPDATE` from a frozenset constant) have the table, `sys.getsizeof` and
 * iteration order of that presized or copied table, not of a set grown member
 * by member.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { setAdd, setResize } from '@pymm/core/heap';
import type { Interp } from './interp.js';
import { setMembersInOrder, setOrder } from './set-order.js';

/**
 * `set_merge`'s presizing of `set` before `incoming` members of another set or dict are added.
 *
 * @param ip - the interpreter
 * @param set - the set being filled
 * @param incoming - how many members the other set or dict has
 */
export function presizeForMerge(ip: Interp, set: number, incoming: number): void {
  const store = ip.store;
  const mask = store.aux[set] - 1;
  const used = store.refLen[set];
  const fill = used + store.scalar[set];
  if ((fill + incoming) * 5 < mask * 3) return;
  // set_table_resize reinserts the members in their slot order: put the cells in that order,
  // so that rebuilding the table later (set-order.ts) inserts them as the resize did.
  if (used > 1) {
    const order = setOrder(ip, set);
    const start = store.refStart[set];
    const members = order.map((position) => store.refs.cells[start + position]);
    for (let i = 0; i < used; i++) store.refs.cells[start + i] = members[i];
    ip.heap.keyIndexes.delete(set); // core's key-to-position index is stale once cells move
  }
  setResize(ip.heap, set, (used + incoming) * 2);
}

/**
 * Merges a table's members into `set`: `inserted` in the order they were added to it
 * (reproducing its layout when the table is copied slot for slot), `slots` in its
 * iteration order (the order set_merge inserts them otherwise), `size` its table size.
 */
function mergeTable(
  ip: Interp,
  set: number,
  inserted: readonly number[],
  slots: readonly number[],
  size: number,
) {
  const store = ip.store;
  presizeForMerge(ip, set, slots.length);
  const copied = store.refLen[set] === 0 && store.scalar[set] === 0 && store.aux[set] === size;
  for (const member of copied ? inserted : slots) setAdd(ip.heap, set, member);
}

/**
 * Merges the set, frozenset or dict `source` (borrowed) into `set`, as `set_update_internal` does.
 *
 * @param ip - the interpreter
 * @param set - the set being filled
 * @param source - a set, frozenset or dict
 */
export function mergeIntoSet(ip: Interp, set: number, source: number): void {
  const store = ip.store;
  if (store.refLen[source] === 0) return;
  if (store.type[source] === TypeId.Dict) {
    const keys = ip.items(source);
    presizeForMerge(ip, set, keys.length);
    for (const key of keys) setAdd(ip.heap, set, key);
    return;
  }
  const start = store.refStart[source];
  const inserted: number[] = [];
  for (let i = 0; i < store.refLen[source]; i++) inserted.push(store.refs.cells[start + i]);
  mergeTable(ip, set, inserted, setMembersInOrder(ip, source), store.aux[source]);
}

/**
 * A new set (or frozenset), owned, made by merging each of `sources` (sets, frozensets or
 * dicts, borrowed) in turn: `set(a_set)`, `a_set.copy()`, `a | b`.
 *
 * @param ip - the interpreter
 * @param sources - the sets or dicts merged
 * @param frozen - whether the result is a frozenset
 */
export function newMergedSet(ip: Interp, sources: readonly number[], frozen: boolean): number {
  const set = ip.own(ip.heap.newSet(frozen));
  ip.push(set);
  for (const source of sources) mergeIntoSet(ip, set, source);
  return ip.pop();
}
