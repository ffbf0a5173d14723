/**
 * The iteration order of sets and frozensets: CPython iterates a set in the order of its hash
 * table's slots (`{3, 1, 2}` prints `{1, 2, 3}`). Core keeps a set's members in insertion order;
 * a set that changed is put into table order (pylib's {@link SetTable}, replaying the insertions)
 * before it is next read: repr, iteration, `items`.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { hashOf } from '../builtins/hash.js';
import { SetTable } from '../lib/set-table.js';
import type { Interp } from './interp.js';

/** The sets of each interpreter that changed since they were last put in table order. */
const CHANGED = new WeakMap<Interp, Set<number>>();

function changedOf(ip: Interp): Set<number> {
  let changed = CHANGED.get(ip);
  if (!changed) {
    changed = new Set();
    CHANGED.set(ip, changed);
  }
  return changed;
}

/** Notes that members were added to `set`. */
export function setChanged(ip: Interp, set: number): void {
  changedOf(ip).add(set);
}

/** A member's hash for the table: the one its dict entry keeps for a class's `__hash__`. */
function memberHash(ip: Interp, member: number): bigint {
  const token = ip.heap.customKeyTokens.get(member);
  return token === undefined ? hashOf(ip, member) : BigInt(token.slice(2));
}

/** Puts a changed set's members in CPython's iteration order (its table's slot order). */
export function orderSet(ip: Interp, set: number): void {
  if (!changedOf(ip).delete(set)) return;
  const store = ip.store;
  const t = store.type[set];
  const n = store.refLen[set];
  if ((t !== TypeId.Set && t !== TypeId.FrozenSet) || n < 2) return;
  const start = store.refStart[set];
  const members = Array.from(store.refs.cells.subarray(start, start + n));
  const table = new SetTable();
  for (let i = 0; i < n; i++) table.add(memberHash(ip, members[i]), i, () => false);
  const order = table.keyIds();
  for (let i = 0; i < n; i++) store.refs.cells[start + i] = members[order[i]];
  ip.heap.keyIndexes.delete(set);
}
