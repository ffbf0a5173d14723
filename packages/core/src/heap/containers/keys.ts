/**
 * Keys of dicts and sets: a hashable key's identity (equal keys, equal
 * tokens), and finding a key's position, with a position cache for large
 * containers.
 *
 * @module
 */

import { TypeId } from '../../objects/type-id.js';
import type { Heap } from '../heap.js';
import { PythonError } from './python-error.js';

const INDEX_THRESHOLD = 16;

/**
 * Keys whose hash and equality a front end defines (instances of classes with
 * `__hash__` and `__eq__`), or whose value only the front end holds (ints
 * beyond 2**53, bytes): `keyToken` asks `token` for every object it has
 * no rule for and for such ints, and two different keys with the same `u:`
 * token are the same key when `equals(stored, key)` says so (Python's `==`).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import type { CustomKeys } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const identity: CustomKeys = { token: () => null, equals: () => false };
 * heap.customKeys = identity; // every object keyed by identity, as without a hook
 * heap.customKeys === identity; // true
 * ```
 */
export interface CustomKeys {
  /**
   * `u:<hash>` for an object whose hash the front end defines, another string for one keyed by a
   * value only the front end holds, null for identity; may throw.
   */
  token(slot: number): string | null;
  /** Whether `stored == key`, for two different objects with the same token. */
  equals(stored: number, key: number): boolean;
}

/**
 * A hashable key's identity for dict and set lookups: equal keys give equal
 * tokens (ints and floats by value, strs by text, tuples by their items,
 * frozensets by their members, objects with a front-end hash by that hash
 * ({@link CustomKeys}), other objects by identity). Nested tuples are walked
 * with an explicit stack. Unhashable objects (lists, dicts, sets) throw
 * `TypeError`.
 */
export function keyToken(heap: Heap, slot: number): string | number {
  const store = heap.store;
  const type = store.type[slot];
  if (type === TypeId.Int || type === TypeId.Bool || type === TypeId.Float) return numberToken(heap, slot);
  if (type !== TypeId.Tuple) return atomToken(heap, slot);
  // Tuples: emit "t:(" item "," item ")" without recursion.
  let out = '';
  const stack: number[] = [slot, -1];
  while (stack.length > 0) {
    const index = stack.pop()!;
    const current = stack.pop()!;
    if (index === -1) {
      if (store.type[current] !== TypeId.Tuple) {
        const t = store.type[current];
        out +=
          t === TypeId.Int || t === TypeId.Bool || t === TypeId.Float
            ? String(numberToken(heap, current))
            : atomToken(heap, current);
        continue;
      }
      out += 't:(';
      stack.push(current, 0);
      continue;
    }
    const n = store.refLen[current];
    if (index >= n) {
      out += ')';
      continue;
    }
    if (index > 0) out += ',';
    stack.push(current, index + 1);
    stack.push(store.refs.cells[store.refStart[current] + index], -1);
  }
  return out;
}

/**
 * A number's token: its value, or, for an int too large for a double to hold
 * exactly, the front end's ({@link CustomKeys}).
 */
function numberToken(heap: Heap, slot: number): string | number {
  const value = heap.store.scalar[slot];
  if (heap.customKeys === null || Math.abs(value) < 2 ** 53) return value;
  return heap.customKeys.token(slot) ?? value;
}

function atomToken(heap: Heap, slot: number): string {
  const store = heap.store;
  switch (store.type[slot]) {
    case TypeId.Str:
      return `s:${store.text.get(slot)}`;
    case TypeId.Bytes: {
      // A bytes object whose contents a front end recorded (as Latin-1 text) is keyed by them.
      const contents = store.text.get(slot);
      return contents === undefined ? `o:${slot}` : `b:${contents}`;
    }
    case TypeId.None:
      return 'None';
    case TypeId.List:
    case TypeId.ListSubclass:
    case TypeId.Dict:
    case TypeId.Set:
    case TypeId.ByteArray:
      throw new PythonError('TypeError', `unhashable type: '${heap.typeNameOf(slot)}'`);
    case TypeId.FrozenSet: {
      const start = store.refStart[slot];
      const members: string[] = [];
      for (let i = 0; i < store.refLen[slot]; i++)
        members.push(String(storedKeyToken(heap, store.refs.cells[start + i])));
      return `f:{${members.sort().join(',')}}`;
    }
    default: {
      const custom = heap.customKeys?.token(slot) ?? null;
      if (custom === null) return `o:${slot}`;
      heap.customKeyTokens.set(slot, custom);
      return custom;
    }
  }
}

/**
 * The token of a key already stored in a dict or set: a front-end hash is not
 * computed again (CPython keeps each entry's hash).
 */
export function storedKeyToken(heap: Heap, slot: number): string | number {
  return heap.customKeyTokens.get(slot) ?? keyToken(heap, slot);
}

/**
 * Position (cell index of the key) of `key` in a dict (`stride` 2) or set (`stride` 1), or -1:
 * one lookup, which hashes `key` once.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { dictSet, findKey } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const d = heap.newDict();
 * dictSet(heap, d, heap.newStr('a'), heap.newInt(1));
 * dictSet(heap, d, heap.newStr('b'), heap.newInt(2));
 * findKey(heap, d, heap.newStr('b'), 2); // 2
 * findKey(heap, d, heap.newStr('c'), 2); // -1
 * ```
 */
export function findKey(heap: Heap, holder: number, key: number, stride: number): number {
  const store = heap.store;
  const n = store.refLen[holder];
  const token = keyToken(heap, key);
  // Keys with a front-end hash may share a token without being equal: no position cache for them.
  const custom = typeof token === 'string' && token.startsWith('u:');
  let index = heap.keyIndexes.get(holder);
  if (!index && n / stride > INDEX_THRESHOLD) {
    index = new Map();
    const start = store.refStart[holder];
    for (let i = 0; i < n; i += stride) index.set(storedKeyToken(heap, store.refs.cells[start + i]), i);
    heap.keyIndexes.set(holder, index);
  }
  if (index && !custom) return index.get(token) ?? -1;
  const start = store.refStart[holder];
  for (let i = 0; i < n; i += stride) {
    const k = store.refs.cells[start + i];
    if (k === key) return i;
    if (storedKeyToken(heap, k) === token && (!custom || heap.customKeys!.equals(k, key))) return i;
  }
  return -1;
}
