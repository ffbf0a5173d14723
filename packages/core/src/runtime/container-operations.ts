/**
 * The runtime's container operations: creating lists, dicts, sets and
 * frozensets from values, and `append`, `c[k]`, `c[k] = v`, `del c[k]`,
 * `k in c`, `pop`, `clear`, `add`, `discard` and `len`.
 *
 * @module
 */

import { containerLength } from '../heap/containers/container-length.js';
import { dictClear, dictDelete, dictGet, dictHas, dictSet } from '../heap/containers/dict.js';
import { listAppend, listClear, listDelete, listPop, listSet, sequenceGet } from '../heap/containers/list.js';
import { PythonError } from '../heap/containers/python-error.js';
import { setAdd, setDiscard, setHas } from '../heap/containers/set.js';
import type { Handle } from '../heap/object-store.js';
import { TypeId } from '../objects/type-id.js';
import type { OperationContext } from './operation-context.js';
import { type PyValue, slotOfValue } from './values.js';

/** A list of the given items (`[a, b, c]`). */
export function list(cx: OperationContext, items: readonly PyValue[]): Handle {
  return cx.op('list', () => {
    const slots = items.map((item) => slotOfValue(cx, item, 'list'));
    const list = cx.heap.newList(slots.length);
    const temp = cx.temporary(list);
    for (const s of slots) {
      listAppend(cx.heap, list, s);
      cx.consumed(s);
    }
    return temp;
  });
}

/** A dict of the given `[key, value]` entries. */
export function dict(cx: OperationContext, entries: readonly (readonly [PyValue, PyValue])[]): Handle {
  return cx.op('dict', () => {
    const dict = cx.heap.newDict();
    const temp = cx.temporary(dict);
    for (const [k, v] of entries) {
      const key = slotOfValue(cx, k, 'dict');
      const value = slotOfValue(cx, v, 'dict');
      dictSet(cx.heap, dict, key, value);
      cx.consumed(key);
      cx.consumed(value);
    }
    return temp;
  });
}

/** A set (or a frozenset, when `frozen`) of the given members. */
export function set(cx: OperationContext, members: readonly PyValue[], frozen: boolean): Handle {
  return cx.op(frozen ? 'frozenset' : 'set', () => {
    const set = cx.heap.newSet(frozen);
    const temp = cx.temporary(set);
    for (const m of members) {
      const key = slotOfValue(cx, m, 'set');
      setAdd(cx.heap, set, key);
      cx.consumed(key);
    }
    return temp;
  });
}

/** `xs.append(x)`. */
export function append(cx: OperationContext, list: Handle, item: PyValue): void {
  cx.statement('append', () => {
    const l = cx.slot(list, 'append');
    const x = slotOfValue(cx, item, 'append');
    listAppend(cx.heap, l, x);
    cx.consumed(x);
  });
}

/** `c[key]` for lists and tuples (integer index) and dicts (any key): a borrowed handle. */
export function getitem(cx: OperationContext, container: Handle, key: PyValue | number): Handle {
  return cx.op('getitem', () => {
    const heap = cx.heap;
    const c = cx.slot(container, 'getitem');
    let found: number;
    if (heap.store.type[c] === TypeId.Dict) {
      found = dictGet(heap, c, keySlot(cx, key));
    } else {
      found = sequenceGet(heap, c, indexOf(key));
    }
    return heap.store.handleOf(found);
  });
}

/** `c[key] = value`. */
export function setitem(
  cx: OperationContext,
  container: Handle,
  key: PyValue | number,
  value: PyValue,
): void {
  cx.statement('setitem', () => {
    const heap = cx.heap;
    const c = cx.slot(container, 'setitem');
    const v = slotOfValue(cx, value, 'setitem');
    if (heap.store.type[c] === TypeId.Dict) {
      const k = keySlot(cx, key);
      dictSet(heap, c, k, v);
      cx.consumed(k);
    } else {
      listSet(heap, c, indexOf(key), v);
    }
    cx.consumed(v);
  });
}

/** `del c[key]`. */
export function delitem(cx: OperationContext, container: Handle, key: PyValue | number): void {
  cx.statement('delitem', () => {
    const heap = cx.heap;
    const c = cx.slot(container, 'delitem');
    if (heap.store.type[c] === TypeId.Dict) dictDelete(heap, c, keySlot(cx, key));
    else listDelete(heap, c, indexOf(key));
  });
}

/** `key in c` for dicts and sets. */
export function contains(cx: OperationContext, container: Handle, key: PyValue | number): boolean {
  const heap = cx.heap;
  const c = cx.slot(container, 'contains');
  const type = heap.store.type[c];
  if (type === TypeId.Dict) return dictHas(heap, c, keySlot(cx, key));
  return setHas(heap, c, keySlot(cx, key));
}

/** `xs.pop(index)`: removes the item and returns it as a temporary. */
export function pop(cx: OperationContext, list: Handle, index: number): Handle {
  return cx.op('pop', () => {
    const removed = listPop(cx.heap, cx.slot(list, 'pop'), index);
    const temp = cx.temporary(removed);
    cx.heap.decref(removed);
    return temp;
  });
}

/** `c.clear()` for lists and dicts. */
export function clear(cx: OperationContext, container: Handle): void {
  cx.statement('clear', () => {
    const heap = cx.heap;
    const c = cx.slot(container, 'clear');
    if (heap.store.type[c] === TypeId.Dict) dictClear(heap, c);
    else listClear(heap, c);
  });
}

/** `s.add(x)`. */
export function add(cx: OperationContext, set: Handle, member: PyValue): void {
  cx.statement('add', () => {
    const m = slotOfValue(cx, member, 'add');
    setAdd(cx.heap, cx.slot(set, 'add'), m);
    cx.consumed(m);
  });
}

/** `s.discard(x)`. */
export function discard(cx: OperationContext, set: Handle, member: PyValue): void {
  cx.statement('discard', () => {
    const m = slotOfValue(cx, member, 'discard');
    setDiscard(cx.heap, cx.slot(set, 'discard'), m);
  });
}

/** `len(c)`. */
export function len(cx: OperationContext, container: Handle): number {
  return containerLength(cx.heap, cx.slot(container, 'len'));
}

/** A dict or set key: a handle or a literal (a bare number must be a live handle). */
function keySlot(cx: OperationContext, key: PyValue | number): number {
  if (typeof key === 'number' && !cx.heap.store.isAlive(key)) {
    throw new TypeError('a dict key must be a handle or a literal ({ int: n } / { str: s })');
  }
  return slotOfValue(cx, key, 'key');
}

/** A list index: a number or an `{ int: n }` literal. */
function indexOf(key: PyValue | number): number {
  if (typeof key === 'number') return key;
  if (key !== null && typeof key === 'object' && 'int' in key) return Number(key.int);
  throw new PythonError('TypeError', 'list indices must be integers');
}
