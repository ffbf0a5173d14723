/**
 * Python's container operations on heap slots: lists, dicts, sets, instances.
 * Each follows CPython 3.11: list over-allocation and shrinking, dict key-table
 * growth and lazy tracking (`MAINTAIN_TRACKING`), set table growth, the order
 * in which replaced or removed references are released.
 *
 * @module
 */

import {
  DICT_LOG_MINSIZE,
  dictGrowLog2Size,
  dictKeysBytes,
  dictUsable,
  listResizeCapacity,
  setTableSizeAfterAdd,
} from '../objects/size-model.js';
import { TypeId, typeName } from '../objects/type-id.js';
import type { Heap } from './heap.js';
import { NULL_REF, ObjectFlag } from './object-store.js';

/**
 * A Python exception raised by a simulated operation (`IndexError`,
 * `KeyError`, `TypeError`, `AttributeError`, ...). `pythonType` names it.
 *
 * @example
 * ```ts
 * import { PythonError } from '@pymm/core';
 * const error = new PythonError('IndexError', 'list index out of range');
 * error.message; // 'IndexError: list index out of range'
 * ```
 */
export class PythonError extends Error {
  override readonly name = 'PythonError';
  constructor(
    /** The Python exception class name. */
    readonly pythonType: string,
    /** The exception's message, as Python would print it. */
    readonly detail: string,
  ) {
    super(`${pythonType}: ${detail}`);
  }
}

/**
 * Throws a `TypeError` unless `slot` is one of `types`.
 *
 * @example
 * ```ts
 * import { createRuntime, expectType, TypeId } from '@pymm/core';
 * const heap = createRuntime().heap;
 * let message = '';
 * try {
 *   expectType(heap, heap.newInt(1000), [TypeId.List], 'append');
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message; // 'TypeError: append: expected list, got int'
 * ```
 */
export function expectType(heap: Heap, slot: number, types: readonly number[], operation: string): void {
  const type = heap.store.type[slot];
  if (!types.includes(type)) {
    const wanted = [...new Set(types.map((t) => typeName(t as TypeId)))].join(' or ');
    throw new PythonError('TypeError', `${operation}: expected ${wanted}, got ${heap.typeNameOf(slot)}`);
  }
}

const LIST_TYPES = [TypeId.List, TypeId.ListSubclass];

/**
 * Whether an object is a list or a list subclass.
 *
 * @example
 * ```ts
 * import { createRuntime, isList } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const Stack = heap.defineClass({ name: 'Stack', base: 'list' });
 * isList(heap, heap.newList());              // true
 * isList(heap, heap.newListSubclass(Stack)); // true
 * isList(heap, heap.newTuple([heap.none]));  // false
 * ```
 */
export function isList(heap: Heap, slot: number): boolean {
  const t = heap.store.type[slot];
  return t === TypeId.List || t === TypeId.ListSubclass;
}

/**
 * Normalises a Python index (negative counts from the end); throws `IndexError` when out of range.
 *
 * @example
 * ```ts
 * import { normaliseIndex } from '@pymm/core';
 * normaliseIndex(-1, 3, 'list'); // 2
 * let message = '';
 * try {
 *   normaliseIndex(3, 3, 'list');
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message; // 'IndexError: list index out of range'
 * ```
 */
export function normaliseIndex(index: number, length: number, what: string): number {
  const i = index < 0 ? index + length : index;
  if (!Number.isInteger(i) || i < 0 || i >= length)
    throw new PythonError('IndexError', `${what} index out of range`);
  return i;
}

function resizeList(heap: Heap, list: number, newSize: number): void {
  const capacity = heap.store.aux[list];
  const next = listResizeCapacity(capacity, newSize);
  if (next !== capacity) heap.setListCapacity(list, next);
}

/**
 * `list.append(item)`: the list grows by CPython's over-allocation rule.
 *
 * @example
 * ```ts
 * import { createRuntime, listAppend } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const xs = heap.newList();
 * listAppend(heap, xs, heap.none);
 * heap.store.sizeof[xs]; // 88: room for 4 items, as sys.getsizeof after [].append(None)
 * for (let i = 0; i < 4; i++) listAppend(heap, xs, heap.newInt(i));
 * heap.store.sizeof[xs]; // 120: the fifth item made room for 8
 * ```
 */
export function listAppend(heap: Heap, list: number, item: number): void {
  expectType(heap, list, LIST_TYPES, 'append');
  resizeList(heap, list, heap.store.refLen[list] + 1);
  heap.appendCell(list, item);
}

/**
 * `list[index]` (or a tuple's): the item's slot (not a new reference).
 *
 * @example
 * ```ts
 * import { createRuntime, sequenceGet } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const pair = heap.newTuple([heap.newStr('key'), heap.newInt(7)]);
 * heap.store.scalar[sequenceGet(heap, pair, -1)]; // 7
 * heap.store.text.get(sequenceGet(heap, pair, 0)); // 'key'
 * ```
 */
export function sequenceGet(heap: Heap, seq: number, index: number): number {
  expectType(heap, seq, [TypeId.List, TypeId.ListSubclass, TypeId.Tuple], 'getitem');
  const n = heap.store.refLen[seq];
  const i = normaliseIndex(index, n, heap.store.type[seq] === TypeId.Tuple ? 'tuple' : 'list');
  return heap.store.refs.cells[heap.store.refStart[seq] + i];
}

/**
 * `list[index] = item`: the old item is released after the store.
 *
 * @example
 * ```ts
 * import { createRuntime, listAppend, listSet, sequenceGet } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const xs = heap.newList();
 * listAppend(heap, xs, heap.newInt(1));
 * listSet(heap, xs, -1, heap.newInt(9));
 * heap.store.scalar[sequenceGet(heap, xs, 0)]; // 9
 * ```
 */
export function listSet(heap: Heap, list: number, index: number, item: number): void {
  expectType(heap, list, LIST_TYPES, 'setitem');
  const i = normaliseIndex(index, heap.store.refLen[list], 'list assignment');
  heap.setCell(list, i, item);
}

/**
 * `del list[index]`: the list shrinks (maybe reallocating), then the item is released.
 *
 * @example
 * ```ts
 * import { containerLength, createRuntime, listAppend, listDelete, sequenceGet } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const xs = heap.newList();
 * for (const n of [10, 20, 30]) listAppend(heap, xs, heap.newInt(n));
 * listDelete(heap, xs, 0);
 * containerLength(heap, xs); // 2
 * heap.store.scalar[sequenceGet(heap, xs, 0)]; // 20
 * ```
 */
export function listDelete(heap: Heap, list: number, index: number): void {
  expectType(heap, list, LIST_TYPES, 'delitem');
  const i = normaliseIndex(index, heap.store.refLen[list], 'list assignment');
  const removed = heap.removeCell(list, i);
  resizeList(heap, list, heap.store.refLen[list]);
  if (removed !== NULL_REF) heap.decref(removed);
}

/**
 * `list.pop(index)`: removes and returns the item. The caller receives the
 * list's reference to it and must release it (or keep it).
 *
 * @example
 * ```ts
 * import { containerLength, createRuntime, listAppend, listPop } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const xs = heap.newList();
 * for (const n of [1, 2, 3]) listAppend(heap, xs, heap.newInt(n));
 * const last = listPop(heap, xs);
 * heap.store.scalar[last]; // 3
 * containerLength(heap, xs); // 2
 * heap.decref(last); // done with it (a no-op unless the strategy counts references)
 * ```
 */
export function listPop(heap: Heap, list: number, index = -1): number {
  expectType(heap, list, LIST_TYPES, 'pop');
  const n = heap.store.refLen[list];
  if (n === 0) throw new PythonError('IndexError', 'pop from empty list');
  const i = normaliseIndex(index, n, 'pop');
  const removed = heap.removeCell(list, i);
  resizeList(heap, list, n - 1);
  return removed;
}

/**
 * `list.clear()`: items are released last to first, and the item array is freed.
 *
 * @example
 * ```ts
 * import { createRuntime, listAppend, listClear } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const xs = heap.newList();
 * for (let i = 0; i < 5; i++) listAppend(heap, xs, heap.newInt(i));
 * listClear(heap, xs);
 * heap.store.sizeof[xs]; // 56, an empty list again
 * ```
 */
export function listClear(heap: Heap, list: number): void {
  expectType(heap, list, LIST_TYPES, 'clear');
  heap.clearReferences(list);
}

/**
 * Number of items of a list, tuple, dict or set (Python's `len`); a `TypeError` for other objects.
 *
 * @example
 * ```ts
 * import { containerLength, createRuntime, dictSet } from '@pymm/core';
 * const heap = createRuntime().heap;
 * containerLength(heap, heap.newTuple([heap.none, heap.true])); // 2
 * const d = heap.newDict();
 * dictSet(heap, d, heap.newStr('a'), heap.newInt(1));
 * containerLength(heap, d); // 1
 * ```
 */
export function containerLength(heap: Heap, slot: number): number {
  const type = heap.store.type[slot];
  const n = heap.store.refLen[slot];
  if (type === TypeId.Dict) return n >> 1;
  if (type === TypeId.List || type === TypeId.ListSubclass || type === TypeId.Tuple) return n;
  if (type === TypeId.Set || type === TypeId.FrozenSet) return n;
  throw new PythonError('TypeError', `object of type '${heap.typeNameOf(slot)}' has no len()`);
}

// -----------------------------------------------------------------------------
// Keys (dicts and sets)

const INDEX_THRESHOLD = 16;

/**
 * A hashable key's identity for dict and set lookups: equal keys give equal
 * tokens (ints and floats by value, strs by text, tuples by their items, other
 * objects by identity). Nested tuples are walked with an explicit stack.
 * Unhashable objects (lists, dicts, sets) throw `TypeError`.
 *
 * @example
 * ```ts
 * import { createRuntime, keyToken } from '@pymm/core';
 * const heap = createRuntime().heap;
 * keyToken(heap, heap.newInt(1)) === keyToken(heap, heap.newFloat(1.0)); // true: 1 == 1.0 as keys
 * keyToken(heap, heap.newStr('abc')); // 's:abc'
 * keyToken(heap, heap.newTuple([heap.newInt(1), heap.newStr('x')])); // 't:(1,s:x)'
 * ```
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
function findKey(heap: Heap, holder: number, key: number, stride: number): number {
  const store = heap.store;
  const n = store.refLen[holder];
  const token = keyToken(heap, key);
  let index = heap.keyIndex(holder);
  if (!index && n / stride > INDEX_THRESHOLD) {
    index = new Map();
    const start = store.refStart[holder];
    for (let i = 0; i < n; i += stride) index.set(keyToken(heap, store.refs.cells[start + i]), i);
    heap.setKeyIndex(holder, index);
  }
  if (index) return index.get(token) ?? -1;
  const start = store.refStart[holder];
  for (let i = 0; i < n; i += stride) {
    const k = store.refs.cells[start + i];
    if (k === key || keyToken(heap, k) === token) return i;
  }
  return -1;
}

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
 * import { createRuntime, dictSet, ObjectFlag } from '@pymm/core';
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
  const index = heap.keyIndex(dict);
  if (index) index.set(keyToken(heap, key), store.refLen[dict] - 2);
}

/**
 * `dict[key]`: the value's slot (not a new reference); `KeyError` when missing.
 *
 * @example
 * ```ts
 * import { createRuntime, dictGet, dictSet } from '@pymm/core';
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
 * import { createRuntime, dictHas, dictSet } from '@pymm/core';
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
 * import { containerLength, createRuntime, dictDelete, dictHas, dictSet } from '@pymm/core';
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
  const store = heap.store;
  const k = heap.removeCell(dict, at);
  const v = heap.removeCell(dict, at);
  const aux = store.aux[dict];
  store.aux[dict] = dictAux(dictLog2(aux), dictUnicode(aux), dictDummies(aux) + 1);
  heap.dropKeyIndex(dict);
  heap.decref(k);
  heap.decref(v);
}

/**
 * `dict.clear()`: back to the shared empty key table; entries released first to last.
 *
 * @example
 * ```ts
 * import { createRuntime, dictClear, dictSet } from '@pymm/core';
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

// -----------------------------------------------------------------------------
// Sets

/**
 * `set.add(key)` (also used to build frozensets); adding a key already present does nothing.
 *
 * @example
 * ```ts
 * import { containerLength, createRuntime, setAdd } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const s = heap.newSet();
 * for (let i = 0; i < 5; i++) setAdd(heap, s, heap.newInt(i));
 * setAdd(heap, s, heap.newFloat(1)); // 1.0 == 1: already there
 * containerLength(heap, s); // 5
 * heap.store.sizeof[s]; // 728, as sys.getsizeof of a set grown to 5 members
 * ```
 */
export function setAdd(heap: Heap, set: number, key: number): void {
  expectType(heap, set, [TypeId.Set, TypeId.FrozenSet], 'add');
  if (findKey(heap, set, key, 1) >= 0) return;
  const store = heap.store;
  const tableSize = store.aux[set] & 0x7fffffff;
  const used = store.refLen[set] + 1;
  const fill = used + (store.scalar[set] | 0);
  const next = setTableSizeAfterAdd(tableSize, fill, used);
  const before = store.sizeof[set];
  // Check the memory before anything changes, so a MemoryError leaves the set as it was.
  if (next !== tableSize)
    heap.reserveBytes(heap.sizes.setObjectBytes() + heap.sizes.setExtraBytes(next) - before);
  heap.appendCell(set, key);
  if (next !== tableSize) {
    heap.replaceExtraBlock(set, heap.sizes.setExtraBytes(next));
    store.aux[set] = next;
    store.scalar[set] = 0;
    heap.resize(set, heap.sizes.setObjectBytes() + heap.sizes.setExtraBytes(next) - before);
  }
  const index = heap.keyIndex(set);
  if (index) index.set(keyToken(heap, key), used - 1);
}

/**
 * `set.discard(key)`: the slot becomes a dummy (the table does not shrink).
 * Returns whether the key was there.
 *
 * @example
 * ```ts
 * import { createRuntime, setAdd, setDiscard } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const s = heap.newSet();
 * setAdd(heap, s, heap.newStr('x'));
 * setDiscard(heap, s, heap.newStr('x')); // true
 * setDiscard(heap, s, heap.newStr('x')); // false: discard, unlike remove, does not raise
 * ```
 */
export function setDiscard(heap: Heap, set: number, key: number): boolean {
  expectType(heap, set, [TypeId.Set], 'discard');
  const at = findKey(heap, set, key, 1);
  if (at < 0) return false;
  const removed = heap.removeCell(set, at);
  heap.store.scalar[set] += 1;
  heap.dropKeyIndex(set);
  heap.decref(removed);
  return true;
}

/**
 * Whether `key in set` (or in a frozenset).
 *
 * @example
 * ```ts
 * import { createRuntime, setAdd, setHas } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const frozen = heap.newSet(true);
 * setAdd(heap, frozen, heap.newStr('read'));
 * setHas(heap, frozen, heap.newStr('read'));  // true
 * setHas(heap, frozen, heap.newStr('write')); // false
 * ```
 */
export function setHas(heap: Heap, set: number, key: number): boolean {
  expectType(heap, set, [TypeId.Set, TypeId.FrozenSet], 'contains');
  return findKey(heap, set, key, 1) >= 0;
}

// -----------------------------------------------------------------------------
// Attributes

function attributeCell(heap: Heap, obj: number, name: string, create: boolean, operation: string): number {
  const store = heap.store;
  const type = store.type[obj];
  if (type !== TypeId.Instance && type !== TypeId.SlotsInstance) {
    throw new PythonError('AttributeError', `'${heap.typeNameOf(obj)}' object has no attribute '${name}'`);
  }
  const klass = heap.classInfo(store.klass[obj]);
  let index = klass.attributeIndex.get(name);
  if (index === undefined) {
    if (!create || klass.slots) {
      throw new PythonError('AttributeError', `'${klass.name}' object has no attribute '${name}'`);
    }
    index = klass.attributeNames.length;
    klass.attributeNames.push(name);
    klass.attributeIndex.set(name, index);
  }
  if (index >= store.refLen[obj]) {
    if (!create) throw new PythonError('AttributeError', `'${klass.name}' object has no attribute '${name}'`);
    store.reserveRefs(obj, index + 1);
    store.refs.cells.fill(NULL_REF, store.refStart[obj] + store.refLen[obj], store.refStart[obj] + index + 1);
    store.refLen[obj] = index + 1;
    if (type === TypeId.Instance && index + 1 > store.aux[obj]) {
      // The shared keys grew past the values array: reallocate it.
      const usable = Math.max(index + 1, store.aux[obj] * 2);
      heap.replaceExtraBlock(obj, heap.sizes.instanceValuesBytes(usable));
      store.aux[obj] = usable;
    }
  }
  void operation;
  return index;
}

/**
 * `setattr(obj, name, value)`; an `AttributeError` for a name a `__slots__` class does not declare.
 *
 * @example
 * ```ts
 * import { createRuntime, getAttribute, setAttribute } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const node = heap.newInstance(heap.defineClass({ name: 'Node' }));
 * setAttribute(heap, node, 'value', heap.newInt(7));
 * heap.store.scalar[getAttribute(heap, node, 'value')]; // 7
 * const point = heap.newInstance(heap.defineClass({ name: 'Point', slots: ['x', 'y'] }));
 * let message = '';
 * try {
 *   setAttribute(heap, point, 'z', heap.newInt(0));
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message; // "AttributeError: 'Point' object has no attribute 'z'"
 * ```
 */
export function setAttribute(heap: Heap, obj: number, name: string, value: number): void {
  const index = attributeCell(heap, obj, name, true, 'setattr');
  heap.setCell(obj, index, value);
}

/**
 * `getattr(obj, name)`: the value's slot; `AttributeError` when unset.
 *
 * @example
 * ```ts
 * import { createRuntime, getAttribute, setAttribute } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const node = heap.newInstance(heap.defineClass({ name: 'Node' }));
 * setAttribute(heap, node, 'name', heap.newStr('root'));
 * heap.store.text.get(getAttribute(heap, node, 'name')); // 'root'
 * let message = '';
 * try {
 *   getAttribute(heap, node, 'parent');
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message; // "AttributeError: 'Node' object has no attribute 'parent'"
 * ```
 */
export function getAttribute(heap: Heap, obj: number, name: string): number {
  const index = attributeCell(heap, obj, name, false, 'getattr');
  const value = heap.store.refs.cells[heap.store.refStart[obj] + index];
  if (value === NULL_REF) {
    throw new PythonError('AttributeError', `'${heap.typeNameOf(obj)}' object has no attribute '${name}'`);
  }
  return value;
}

/**
 * Whether `hasattr(obj, name)`.
 *
 * @example
 * ```ts
 * import { createRuntime, hasAttribute, setAttribute } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const node = heap.newInstance(heap.defineClass({ name: 'Node' }));
 * setAttribute(heap, node, 'value', heap.none);
 * hasAttribute(heap, node, 'value'); // true
 * hasAttribute(heap, node, 'next');  // false
 * ```
 */
export function hasAttribute(heap: Heap, obj: number, name: string): boolean {
  try {
    getAttribute(heap, obj, name);
    return true;
  } catch (error) {
    if (error instanceof PythonError && error.pythonType === 'AttributeError') return false;
    throw error;
  }
}

/**
 * `delattr(obj, name)`: the attribute's cell becomes empty ({@link NULL_REF}); `AttributeError` when unset.
 *
 * @example
 * ```ts
 * import { createRuntime, deleteAttribute, hasAttribute, setAttribute } from '@pymm/core';
 * const heap = createRuntime().heap;
 * const node = heap.newInstance(heap.defineClass({ name: 'Node' }));
 * setAttribute(heap, node, 'value', heap.newInt(1));
 * deleteAttribute(heap, node, 'value');
 * hasAttribute(heap, node, 'value'); // false
 * ```
 */
export function deleteAttribute(heap: Heap, obj: number, name: string): void {
  getAttribute(heap, obj, name);
  const index = attributeCell(heap, obj, name, false, 'delattr');
  heap.setCell(obj, index, NULL_REF);
}
