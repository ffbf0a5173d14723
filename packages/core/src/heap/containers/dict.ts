/**
 * Dicts (`Objects/dictobject.c`): the key table's growth (`dictresize`),
 * lazy tracking (`MAINTAIN_TRACKING`), deleted entries left as dummies, and
 * the order in which removed keys and values are released.
 *
 * @module
 */

import { DICT_LOG_MINSIZE, dictGrowLog2Size, dictKeysBytes, dictUsable } from '../../objects/size-model.js';
import { TypeId } from '../../objects/type-id.js';
import type { Heap } from '../heap.js';
import { ObjectFlag } from '../object-store.js';
import { findKey, keyToken, storedKeyToken } from './keys.js';
import { expectType, PythonError } from './python-error.js';

function dictLog2(aux: number): number {
  return aux & 0x3f;
}
function dictUnicode(aux: number): boolean {
  return (aux & 0x40) !== 0;
}
function dictDummies(aux: number): number {
  return aux >>> 7;
}
function dictAux(log2: number, unicode: boolean, dummies: number): number {
  return log2 | (unicode ? 0x40 : 0) | (dummies << 7);
}

/** Installs a new key table for `dict` (as `dictresize` / `new_keys_object`). */
function setDictKeys(heap: Heap, dict: number, log2: number, unicode: boolean): void {
  const store = heap.store;
  const before = store.sizeof[dict];
  const keysBytes = dictKeysBytes({ log2Size: log2, unicode });
  heap.reserveBytes(heap.sizes.dictObjectBytes() + keysBytes - before);
  heap.replaceExtraBlock(dict, keysBytes);
  store.aux[dict] = dictAux(log2, unicode, 0);
  heap.resize(dict, heap.sizes.dictObjectBytes() + keysBytes - before);
}

/**
 * `dict[key] = value` (`insertdict`, with `MAINTAIN_TRACKING`): the key table
 * grows as CPython's does, and the dict becomes tracked by the cycle collector
 * only once it holds something that may be tracked.
 *
 * @example
 * ```ts
 * import { createRuntime, ObjectFlag } from '@pymm/core';
 * import { dictSet } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const d = heap.newDict();
 * dictSet(heap, d, heap.newStr('a'), heap.newInt(1));
 * heap.store.sizeof[d]; // 184, as sys.getsizeof({'a': 1})
 * (heap.store.flags[d] & ObjectFlag.Tracked) !== 0; // false: ints cannot form cycles
 * dictSet(heap, d, heap.newStr('items'), heap.newList());
 * (heap.store.flags[d] & ObjectFlag.Tracked) !== 0; // true
 * ```
 */
export function dictSet(heap: Heap, dict: number, key: number, value: number): void {
  expectType(heap, dict, [TypeId.Dict], 'setitem');
  const store = heap.store;
  if (
    (store.flags[dict] & ObjectFlag.Tracked) === 0 &&
    (heap.mayBeTracked(key) || heap.mayBeTracked(value))
  ) {
    heap.track(dict);
  }
  const at = findKey(heap, dict, key, 2);
  if (at >= 0) {
    heap.setCell(dict, at + 1, value);
    return;
  }
  const isStr = store.type[key] === TypeId.Str;
  const used = store.refLen[dict] >> 1;
  let aux = store.aux[dict];
  if (aux === 0) {
    setDictKeys(heap, dict, DICT_LOG_MINSIZE, isStr);
  } else if (dictUnicode(aux) && !isStr) {
    setDictKeys(heap, dict, dictGrowLog2Size(used), false);
  } else if (dictUsable(dictLog2(aux)) - used - dictDummies(aux) <= 0) {
    setDictKeys(heap, dict, dictGrowLog2Size(used), dictUnicode(aux));
  }
  aux = store.aux[dict];
  heap.appendCell(dict, key);
  heap.appendCell(dict, value);
  const index = heap.keyIndexes.get(dict);
  if (index) index.set(storedKeyToken(heap, key), store.refLen[dict] - 2);
}

/**
 * `dict[key]`: the value's slot (not a new reference); `KeyError` when missing.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { dictGet, dictSet } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const d = heap.newDict();
 * dictSet(heap, d, heap.newStr('answer'), heap.newInt(42));
 * heap.store.scalar[dictGet(heap, d, heap.newStr('answer'))]; // 42
 * let message = '';
 * try {
 *   dictGet(heap, d, heap.newStr('question'));
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message; // 'KeyError: question'
 * ```
 */
export function dictGet(heap: Heap, dict: number, key: number): number {
  expectType(heap, dict, [TypeId.Dict], 'getitem');
  const at = findKey(heap, dict, key, 2);
  if (at < 0) throw new PythonError('KeyError', String(keyToken(heap, key)).replace(/^s:/, ''));
  return heap.store.refs.cells[heap.store.refStart[dict] + at + 1];
}

/**
 * Whether `key in dict` (keys compare by value: `1`, `1.0` and `True` are the same key).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { dictHas, dictSet } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const d = heap.newDict();
 * dictSet(heap, d, heap.newInt(1), heap.newStr('one'));
 * dictHas(heap, d, heap.newFloat(1)); // true
 * dictHas(heap, d, heap.newInt(2));   // false
 * ```
 */
export function dictHas(heap: Heap, dict: number, key: number): boolean {
  expectType(heap, dict, [TypeId.Dict], 'contains');
  return findKey(heap, dict, key, 2) >= 0;
}

/**
 * `del dict[key]`: the key is released, then the value; the entry becomes a dummy.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { containerLength, dictDelete, dictHas, dictSet } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const d = heap.newDict();
 * dictSet(heap, d, heap.newStr('a'), heap.newInt(1));
 * dictDelete(heap, d, heap.newStr('a'));
 * dictHas(heap, d, heap.newStr('a')); // false
 * containerLength(heap, d); // 0
 * heap.store.sizeof[d]; // 184: the key table does not shrink
 * ```
 */
export function dictDelete(heap: Heap, dict: number, key: number): void {
  expectType(heap, dict, [TypeId.Dict], 'delitem');
  const at = findKey(heap, dict, key, 2);
  if (at < 0) throw new PythonError('KeyError', String(keyToken(heap, key)).replace(/^s:/, ''));
  dictDeleteAt(heap, dict, at);
}

/**
 * Deletes the entry at position `at` (as {@link findKey} gives it) of a dict: `del d[key]` after
 * the one lookup.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { containerLength, dictDeleteAt, dictSet, findKey } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const d = heap.newDict();
 * dictSet(heap, d, heap.newStr('a'), heap.newInt(1));
 * dictDeleteAt(heap, d, findKey(heap, d, heap.newStr('a'), 2));
 * containerLength(heap, d); // 0
 * ```
 */
export function dictDeleteAt(heap: Heap, dict: number, at: number): void {
  const store = heap.store;
  const k = heap.removeCell(dict, at);
  const v = heap.removeCell(dict, at);
  const aux = store.aux[dict];
  store.aux[dict] = dictAux(dictLog2(aux), dictUnicode(aux), dictDummies(aux) + 1);
  heap.keyIndexes.delete(dict);
  heap.decref(k);
  heap.decref(v);
}

/**
 * `dict.clear()`: back to the shared empty key table; entries released first to last.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { dictClear, dictSet } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const d = heap.newDict();
 * dictSet(heap, d, heap.newStr('a'), heap.newInt(1));
 * dictClear(heap, d);
 * heap.store.sizeof[d]; // 64, as sys.getsizeof({})
 * ```
 */
export function dictClear(heap: Heap, dict: number): void {
  expectType(heap, dict, [TypeId.Dict], 'clear');
  heap.clearReferences(dict);
}
