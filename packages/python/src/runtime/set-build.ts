/**
 * How CPython sizes a set's table when it adds many keys at once (`Objects/setobject.c`,
 * `set_update_internal`): from another set or frozenset (`set_merge`) or from a dict, it resizes
 * once up front when the keys would fill the table past three fifths (to more than twice the keys it
 * will hold), then inserts without resizing; from any other iterable it adds key by key.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { Interp } from './interp.js';
import { getIter, iterNext } from './iterate.js';

/** `PySet_MINSIZE`: the smallest table. */
const SET_MINSIZE = 8;

/** `set_table_resize(so, minused)`: a table of the smallest power of two above `minused`. */
function setTableResize(ip: Interp, set: number, minused: number): void {
  const heap = ip.heap;
  const store = ip.store;
  let size = SET_MINSIZE;
  while (size <= minused) size <<= 1;
  const tableSize = store.aux[set] & 0x7fffffff;
  if (size === tableSize && (store.scalar[set] | 0) === 0) return;
  const before = store.sizeof[set];
  const after = heap.sizes.setObjectBytes() + heap.sizes.setExtraBytes(size);
  heap.reserveBytes(after - before);
  heap.replaceExtraBlock(set, heap.sizes.setExtraBytes(size));
  store.aux[set] = size;
  store.scalar[set] = 0;
  heap.resize(set, after - before);
}

/** Presizes for `incoming` keys as `set_merge` and the dict branch of `set_update_internal` do. */
function presize(ip: Interp, set: number, incoming: number): void {
  const store = ip.store;
  const used = store.refLen[set];
  const fill = used + (store.scalar[set] | 0);
  const mask = (store.aux[set] & 0x7fffffff) - 1;
  if ((fill + incoming) * 5 >= mask * 3) setTableResize(ip, set, (used + incoming) * 2);
}

/** `set_update_internal(so, other)`: `set.update`, `SET_UPDATE`, `{*a}`, `set(other)`. */
export function setUpdate(ip: Interp, set: number, other: number): void {
  const store = ip.store;
  const t = store.type[other];
  if (t === TypeId.Set || t === TypeId.FrozenSet || t === TypeId.Dict) {
    if (other === set) return;
    const keys = ip.items(other);
    if (keys.length === 0) return;
    presize(ip, set, keys.length);
    for (const key of keys) ip.setAdd(set, key);
    return;
  }
  const it = getIter(ip, other);
  ip.push(it);
  for (;;) {
    const key = iterNext(ip, it);
    if (key === NULL_REF) break;
    ip.push(key);
    ip.setAdd(set, key);
    ip.drop(ip.pop());
  }
  ip.drop(ip.pop());
}
