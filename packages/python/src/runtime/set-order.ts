/**
 * The order in which a `set` or `frozenset` iterates, prints and pops: the
 * slot order of CPython's hash table (`Objects/setobject.c`), not the order of
 * insertion. `{3, 1, 2}` prints `{1, 2, 3}`; a set of strs prints in the order
 * of their hashes under `PYTHONHASHSEED=0`.
 *
 * Core keeps a set's members in insertion order (a discarded member's cell is
 * removed, the others keep theirs). The table is rebuilt from that order, with
 * the hashes CPython computes, by pylib's `SetTable`, which models
 * `set_add_entry`'s probing and `set_table_resize`'s growth and reinsertion
 * exactly: the same adds give the same table. A set whose table was presized
 * by a merge (see `set-merge.ts`) is rebuilt in a table of its real size, as
 * `set_merge` inserts. What the rebuild cannot see is where dummies left by
 * discards sat; where one decided a collision, the order can differ from
 * CPython's. A member whose class defines `__hash__` is placed by the hash
 * stored when it was added; a tuple holding one would need Python code to run
 * while the set is only being read, so a set holding such a tuple keeps
 * insertion order.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { hashOf } from '../builtins/hash.js';
import { SetTable } from '../lib/set-table.js';
import { equal } from './compare.js';
import type { Interp } from './interp.js';
import { lookupType, typeOf } from './types.js';

/** Members of one set are pairwise unequal, so two of them never compare equal in the table. */
const NEVER_EQUAL = () => false;

/** Whether hashing `key` would run Python code: a tuple holding an instance whose class defines `__hash__`. */
function hashRunsPython(ip: Interp, key: number): boolean {
  const store = ip.store;
  if (store.type[key] !== TypeId.Tuple) return false;
  const start = store.refStart[key];
  for (let i = 0; i < store.refLen[key]; i++) {
    const item = store.refs.cells[start + i];
    const t = store.type[item];
    if (t === TypeId.Tuple ? hashRunsPython(ip, item) : userHash(ip, item)) return true;
  }
  return false;
}

function userHash(ip: Interp, key: number): boolean {
  const t = ip.store.type[key];
  if (t !== TypeId.Instance && t !== TypeId.SlotsInstance) return false;
  return lookupType(typeOf(ip, key), '__hash__')?.owner.user === true;
}

/**
 * A member's hash as its table entry keeps it: for an instance whose class defines `__hash__`,
 * the hash core stored when the member was added (see `custom-keys.ts`), so no Python code runs.
 */
function memberHash(ip: Interp, member: number): bigint {
  const token = ip.heap.customKeyTokens.get(member);
  return token?.startsWith('u:') ? BigInt(token.slice(2)) : hashOf(ip, member);
}

/**
 * The positions of the cells of `set` (a set or frozenset) in CPython's iteration order.
 *
 * @param ip - the interpreter
 * @param set - a set or frozenset
 */
export function setOrder(ip: Interp, set: number): number[] {
  const store = ip.store;
  const start = store.refStart[set];
  const n = store.refLen[set];
  const inserted: number[] = new Array(n);
  for (let i = 0; i < n; i++) inserted[i] = i;
  if (n < 2) return inserted;
  const hashes: bigint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const key = store.refs.cells[start + i];
    if (hashRunsPython(ip, key)) return inserted;
    hashes[i] = memberHash(ip, key);
  }
  // Grown member by member: the same adds, with the same resizes, give the same table.
  const grown = new SetTable();
  for (let i = 0; i < n; i++) grown.add(hashes[i], i, NEVER_EQUAL);
  const size = store.aux[set];
  if (grown.mask + 1 === size) return grown.keyIds();
  // Presized by a merge, or left large by discards: the members go in turn into a table of
  // the set's real size, as set_merge inserts them.
  const presized = new SetTable();
  presized.resize(size >> 1);
  for (let i = 0; i < n; i++) presized.add(hashes[i], i, NEVER_EQUAL);
  return presized.keyIds();
}

/**
 * The members of `set` (borrowed) in CPython's iteration order.
 *
 * @param ip - the interpreter
 * @param set - a set or frozenset
 */
export function setMembersInOrder(ip: Interp, set: number): number[] {
  const store = ip.store;
  const start = store.refStart[set];
  return setOrder(ip, set).map((position) => store.refs.cells[start + position]);
}

/**
 * The order in which the frozenset constant behind a set display of three or more constants
 * (`{'a', 'b', 'c'}`) adds its members. CPython's compiler folds the members into a frozenset
 * (`PyFrozenSet_New` over them in source order), and its constant merging
 * (`merge_consts_recursive`) builds that frozenset again from the first one's iteration order.
 * Duplicates (`{1, 1.0, 2}`) keep the first.
 *
 * @param ip - the interpreter
 * @param constants - the members, borrowed, in source order
 */
export function constantFrozensetOrder(ip: Interp, constants: readonly number[]): number[] {
  const first = new SetTable();
  for (const key of constants) first.add(hashOf(ip, key), key, (a, b) => equal(ip, a, b));
  return first.keyIds();
}
