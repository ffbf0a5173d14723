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
 * A hashable key's identity for dict and set lookups: equal keys give equal
 * tokens (ints and floats by value, strs by text, tuples by their items, other
 * objects by identity). Nested tuples are walked with an explicit stack.
 * Unhashable objects (lists, dicts, sets) throw `TypeError`.
 */
export function keyToken(heap: Heap, slot: number): string | number {
  const store = heap.store;
  const type = store.type[slot];
  if (type === TypeId.Int || type === TypeId.Bool || type === TypeId.Float) return store.scalar[slot];
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
            ? String(store.scalar[current])
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
    default:
      return `o:${slot}`;
  }
}

/** Position (cell index of the key) of `key` in a dict (`stride` 2) or set (`stride` 1), or -1. */
export function findKey(heap: Heap, holder: number, key: number, stride: number): number {
  const store = heap.store;
  const n = store.refLen[holder];
  const token = keyToken(heap, key);
  let index = heap.keyIndexes.get(holder);
  if (!index && n / stride > INDEX_THRESHOLD) {
    index = new Map();
    const start = store.refStart[holder];
    for (let i = 0; i < n; i += stride) index.set(keyToken(heap, store.refs.cells[start + i]), i);
    heap.keyIndexes.set(holder, index);
  }
  if (index) return index.get(token) ?? -1;
  const start = store.refStart[holder];
  for (let i = 0; i < n; i += stride) {
    const k = store.refs.cells[start + i];
    if (k === key || keyToken(heap, k) === token) return i;
  }
  return -1;
}
