/**
 * `set_update_internal` (`Objects/setobject.c`): from another set, frozenset or dict it merges
 * (`set-merge.ts`: one resize up front, or a copy of the other table); from any other iterable it
 * adds key by key.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { Interp } from './interp.js';
import { getIter, iterNext } from './iterate.js';
import { mergeIntoSet } from './set-merge.js';

/** `set_update_internal(so, other)`: `set.update`, `SET_UPDATE`, `{*a}`, `set(other)`. */
export function setUpdate(ip: Interp, set: number, other: number): void {
  const store = ip.store;
  const t = store.type[other];
  if (t === TypeId.Set || t === TypeId.FrozenSet || t === TypeId.Dict) {
    if (other !== set) mergeIntoSet(ip, set, other);
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
