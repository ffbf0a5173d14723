/**
 * How CPython sizes a list's item array while it builds one (`Objects/listobject.c`), so that
 * `sys.getsizeof` of every list agrees: `list_resize`'s over-allocation (which does not
 * over-allocate when the new size is closer to the over-allocated size than to the old size),
 * `list_preallocate_exact` (rounded up to an even count), and `list_extend`: a list or tuple copied
 * in one step, any other iterable run to its end after a guess from its length hint
 * (`PyObject_LengthHint`, 8 without one), then trimmed by `list_resize`. `list(x)` preallocates
 * `len(x)` first when `x` has a length (`list___init__`), except, on 3.13, for dicts, sets and dict
 * views, which `list_extend` sizes itself (`list_extend_dict`, `list_extend_set`: `list_resize`).
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { Interp } from './interp.js';
import { getIter, type IteratorData, iterNext } from './iterate.js';

/** `list_resize(self, newsize)`: the capacity the item array gets (the size is set by the caller). */
export function listResize(ip: Interp, list: number, newSize: number): void {
  const store = ip.store;
  const allocated = store.aux[list];
  if (allocated >= newSize && newSize >= allocated >> 1) return;
  let newAllocated = (newSize + (newSize >> 3) + 6) & ~3;
  if (newSize - store.refLen[list] > newAllocated - newSize) newAllocated = (newSize + 3) & ~3;
  if (newSize === 0) newAllocated = 0;
  ip.heap.setListCapacity(list, newAllocated);
}

/** `list_preallocate_exact(self, size)`: room for `size` items, rounded up to an even count. */
export function listPreallocateExact(ip: Interp, list: number, size: number): void {
  ip.heap.setListCapacity(list, (size + 1) & ~1);
}

/** `app1`: appends a borrowed item, growing the array by `list_resize` when it is full. */
function append(ip: Interp, list: number, item: number): void {
  const n = ip.store.refLen[list];
  if (n >= ip.store.aux[list]) listResize(ip, list, n + 1);
  ip.heap.appendCell(list, item);
}

/** Whether a list has no item array yet (`ob_item == NULL`). */
function noItems(ip: Interp, list: number): boolean {
  return ip.store.aux[list] === 0;
}

/** Dicts, sets and dict views: 3.13's `list_extend` copies them after one `list_resize`. */
function isDictOrSet(ip: Interp, obj: number): boolean {
  const t = ip.store.type[obj];
  if (t === TypeId.Dict || t === TypeId.Set || t === TypeId.FrozenSet) return true;
  return (ip.payload(obj) as { kind?: string } | undefined)?.kind === 'view';
}

/** `_PyObject_HasLen`: whether the object's type has a length (a built-in sized type, or `__len__`). */
export function hasLength(ip: Interp, obj: number): boolean {
  switch (ip.store.type[obj]) {
    case TypeId.List:
    case TypeId.Tuple:
    case TypeId.Set:
    case TypeId.FrozenSet:
    case TypeId.Dict:
    case TypeId.Str:
    case TypeId.Bytes:
    case TypeId.ByteArray:
    case TypeId.MemoryView:
      return true;
    default:
      break;
  }
  const kind = (ip.payload(obj) as { kind?: string } | undefined)?.kind;
  if (kind === 'range' || kind === 'view') return true;
  return Boolean(ip.lookupSpecial(obj, '__len__'));
}

/** `PyObject_LengthHint(o, default)`: the length, else the iterator's `__length_hint__`, else `fallback`. */
export function lengthHint(ip: Interp, obj: number, fallback: number): number {
  if (hasLength(ip, obj)) return ip.len(obj);
  const data = ip.payload(obj) as IteratorData | undefined;
  if (data?.kind === 'iterator' && data.hint) return data.hint();
  return fallback;
}

/** `list_extend(self, iterable)` (`list.extend`, `LIST_EXTEND`, `[*a]`). */
export function listExtend(ip: Interp, list: number, iterable: number): void {
  const store = ip.store;
  const t = store.type[iterable];
  const m = store.refLen[list];
  if (t === TypeId.List || t === TypeId.Tuple || iterable === list) {
    const n = store.refLen[iterable];
    if (n === 0) return;
    if (noItems(ip, list)) listPreallocateExact(ip, list, n);
    else listResize(ip, list, m + n);
    for (let i = 0; i < n; i++) ip.heap.appendCell(list, store.refs.cells[store.refStart[iterable] + i]);
    return;
  }
  if (ip.heap.sizes.version === '3.13' && isDictOrSet(ip, iterable)) {
    listResize(ip, list, m + ip.len(iterable));
    extendByIterator(ip, list, iterable);
    return;
  }
  const it = getIter(ip, iterable);
  ip.push(it);
  const n = lengthHint(ip, iterable, 8);
  if (noItems(ip, list)) {
    if (n > 0) listPreallocateExact(ip, list, n);
  } else {
    // Make room, then make the list sane again (its size stays `m`).
    listResize(ip, list, m + n);
  }
  runInto(ip, list, it);
  if (store.refLen[list] < store.aux[list]) listResize(ip, list, store.refLen[list]);
  ip.drop(ip.pop());
}

/** Appends every item of the iterator `it` (items owned by the iteration). */
function runInto(ip: Interp, list: number, it: number): void {
  for (;;) {
    const item = iterNext(ip, it);
    if (item === NULL_REF) break;
    append(ip, list, item);
    ip.drop(item);
  }
}

function extendByIterator(ip: Interp, list: number, iterable: number): void {
  const it = getIter(ip, iterable);
  ip.push(it);
  runInto(ip, list, it);
  ip.drop(ip.pop());
}

/** `list(iterable)`: a new list, preallocated to the iterable's length when it has one, then extended. */
export function listFromIterable(ip: Interp, iterable: number): number {
  const list = ip.own(ip.heap.newList(0));
  ip.push(list);
  const presize = hasLength(ip, iterable) && !(ip.heap.sizes.version === '3.13' && isDictOrSet(ip, iterable));
  if (presize) {
    const n = ip.len(iterable);
    if (n > 0) listPreallocateExact(ip, list, n);
  }
  listExtend(ip, list, iterable);
  return ip.pop();
}

/** `PySequence_List(iterable)` (as `sorted` starts): a new empty list extended by the iterable. */
export function sequenceList(ip: Interp, iterable: number): number {
  const list = ip.own(ip.heap.newList(0));
  ip.push(list);
  listExtend(ip, list, iterable);
  return ip.pop();
}

/** `LIST_APPEND`: appends a borrowed item as `list.append` does. */
export function listAppendItem(ip: Interp, list: number, item: number): void {
  append(ip, list, item);
}

/** `list_inplace_repeat` (`a *= n`, n > 1): one `list_resize` to the whole size, then the copies. */
export function listInplaceRepeat(ip: Interp, list: number, items: number[], n: number): void {
  if (items.length === 0) return;
  listResize(ip, list, items.length * n);
  for (let i = 1; i < n; i++) for (const item of items) ip.heap.appendCell(list, item);
}
