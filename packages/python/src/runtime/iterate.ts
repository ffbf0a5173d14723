/**
 * Iteration (`GET_ITER`, `FOR_ITER`): every iterator is a heap object of CPython's iterator type
 * (`list_iterator`, `range_iterator`, `dict_keyiterator`, ...) that holds its sequence, with its
 * position as side data; a class's `__iter__`/`__next__`, with `StopIteration` ending the loop.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { Interp } from './interp.js';
import { setOrder } from './set-order.js';
import { type PyRaise, StepLimitExceeded } from './signals.js';
import { builtinType, isInstance, lookupType, typeOf } from './types.js';

/** Side data of a built-in iterator: `next` returns an owned item, or NULL_REF at the end. */
export interface IteratorData {
  readonly kind: 'iterator';
  next(ip: Interp): number;
  /** `__length_hint__`: how many items are left, for the iterators that tell. */
  hint?: () => number;
}

/** An iterator object of kind `key` over `refs`, owned. */
export function newIterator(
  ip: Interp,
  key: string,
  refs: number[],
  next: (ip: Interp) => number,
  hint?: () => number,
): number {
  const data: IteratorData = hint ? { kind: 'iterator', next, hint } : { kind: 'iterator', next };
  return ip.native(key, refs, data);
}

function sequenceIterator(ip: Interp, key: string, seq: number): number {
  let i = 0;
  const store = ip.store;
  return newIterator(
    ip,
    key,
    [seq],
    (ip2) => {
      if (i < 0 || i >= store.refLen[seq]) {
        i = -1;
        return NULL_REF;
      }
      return ip2.own(store.refs.cells[store.refStart[seq] + i++]);
    },
    () => (i < 0 ? 0 : Math.max(0, store.refLen[seq] - i)),
  );
}

/**
 * A `set_iterator`: walks the cells (in CPython's order, see `set-order.ts`) and, as
 * `setiter_iternext` does, raises `RuntimeError` once the set's size has changed.
 */
function setIterator(ip: Interp, set: number): number {
  let i = 0;
  const store = ip.store;
  const used = store.refLen[set];
  const order = setOrder(ip, set);
  return newIterator(ip, 'set_iterator', [set], (ip2) => {
    if (i < 0) return NULL_REF;
    if (store.refLen[set] !== used) {
      i = -1;
      ip2.raise('RuntimeError', 'Set changed size during iteration');
    }
    if (i >= used) {
      i = -1;
      return NULL_REF;
    }
    // A position, not a member: a set changed without changing size still yields live members.
    return ip2.own(store.refs.cells[store.refStart[set] + order[i++]]);
  });
}

/**
 * `GET_ITER`: the iterator (owned) of an owned value, which is released once the iterator holds
 * what it needs (kept on the value stack meanwhile, as an `__iter__` may collect).
 */
export function getIterOf(ip: Interp, source: number): number {
  ip.push(source);
  const it = getIter(ip, source);
  ip.pop();
  ip.drop(source);
  return it;
}

/** `iter(obj)`: an owned iterator. */
export function getIter(ip: Interp, obj: number): number {
  const store = ip.store;
  switch (store.type[obj]) {
    case TypeId.List:
      return sequenceIterator(ip, 'list_iterator', obj);
    case TypeId.Tuple:
      return sequenceIterator(ip, 'tuple_iterator', obj);
    case TypeId.Set:
    case TypeId.FrozenSet:
      return setIterator(ip, obj);
    case TypeId.Dict:
      return dictIterator(ip, obj, 'keys');
    case TypeId.Str: {
      const chars = [...ip.text(obj)];
      let i = 0;
      const key = ip.heap.sizes.version === '3.11' ? 'str_iterator' : 'str_ascii_iterator';
      return newIterator(
        ip,
        key,
        [obj],
        (ip2) => (i < chars.length ? ip2.str(chars[i++]) : NULL_REF),
        () => chars.length - i,
      );
    }
    default:
      break;
  }
  const data = ip.payload(obj) as
    | { kind?: string; iterate?: (ip: Interp, self: number) => number }
    | undefined;
  if (data?.kind === 'iterator' || data?.kind === 'generator') return ip.own(obj);
  if (data?.iterate) return data.iterate(ip, obj);
  const type = typeOf(ip, obj);
  const found = lookupType(type, '__iter__');
  if (found) {
    const it = ip.callMethod(obj, found, []);
    if (!lookupType(typeOf(ip, it), '__next__') && !isIteratorData(ip, it)) {
      const name = typeOf(ip, it).name;
      ip.drop(it);
      ip.raise('TypeError', `iter() returned non-iterator of type '${name}'`);
    }
    return it;
  }
  const getitem = lookupType(type, '__getitem__');
  if (getitem) {
    let i = 0;
    return newIterator(ip, 'iterator', [obj], (ip2) => {
      if (i < 0) return NULL_REF;
      const index = ip2.int(i++);
      try {
        return ip2.callMethod(obj, getitem, [index]);
      } catch (error) {
        const raised = ip2.toPyRaise(error);
        if (
          isInstance(ip2, raised.exc, builtinType(ip2, 'IndexError')) ||
          isInstance(ip2, raised.exc, builtinType(ip2, 'StopIteration'))
        ) {
          ip2.dropRaised(raised.exc);
          i = -1;
          return NULL_REF;
        }
        throw raised;
      } finally {
        ip2.drop(index);
      }
    });
  }
  return ip.raise('TypeError', `'${type.name}' object is not iterable`);
}

function isIteratorData(ip: Interp, slot: number): boolean {
  const data = ip.payload(slot) as { kind?: string } | undefined;
  return data?.kind === 'iterator' || data?.kind === 'generator';
}

/** An iterator over a dict's keys, values or items (`dict_keyiterator`, ...), owned. */
export function dictIterator(ip: Interp, dict: number, what: 'keys' | 'values' | 'items'): number {
  const store = ip.store;
  let i = 0;
  const size = store.refLen[dict];
  const key =
    what === 'keys' ? 'dict_keyiterator' : what === 'values' ? 'dict_valueiterator' : 'dict_itemiterator';
  return newIterator(
    ip,
    key,
    [dict],
    (ip2) => {
      if (i < 0) return NULL_REF;
      if (store.refLen[dict] !== size) {
        i = -1;
        ip2.raise('RuntimeError', 'dictionary changed size during iteration');
      }
      if (i >= store.refLen[dict]) {
        i = -1;
        return NULL_REF;
      }
      const start = store.refStart[dict];
      const k = store.refs.cells[start + i];
      const v = store.refs.cells[start + i + 1];
      i += 2;
      if (what === 'keys') return ip2.own(k);
      if (what === 'values') return ip2.own(v);
      return ip2.own(ip2.heap.newTuple([k, v]));
    },
    () => (i < 0 ? 0 : Math.max(0, (size - i) >> 1)),
  );
}

/** `next(it)` for the `for` loop: an owned item, or NULL_REF when the iterator is exhausted. */
export function iterNext(ip: Interp, it: number): number {
  const data = ip.payload(it) as IteratorData | { kind: string; resume?: unknown } | undefined;
  if (data?.kind === 'iterator') {
    if (++ip.iterations > ip.options.maxSteps) throw new StepLimitExceeded(ip.options.maxSteps);
    return (data as IteratorData).next(ip);
  }
  if (data?.kind === 'generator') {
    const v = ip.resumeGenerator(it, ip.none, true);
    if (v === NULL_REF) ip.drop(ip.takeReturnValue(it));
    return v;
  }
  const found = lookupType(typeOf(ip, it), '__next__');
  if (!found) return ip.raise('TypeError', `'${typeOf(ip, it).name}' object is not an iterator`);
  try {
    return ip.callMethod(it, found, []);
  } catch (error) {
    const raised = ip.toPyRaise(error);
    if (isInstance(ip, raised.exc, builtinType(ip, 'StopIteration'))) {
      ip.dropRaised(raised.exc);
      return NULL_REF;
    }
    throw raised;
  }
}

/**
 * Every item of an iterable, each owned by the value stack (pushed): the caller stores them, then
 * unwinds the stack to its height from before the call, which drops the stack's references.
 */
export function collect(ip: Interp, iterable: number): number[] {
  const store = ip.store;
  const t = store.type[iterable];
  if (t === TypeId.List || t === TypeId.Tuple) {
    const items = ip.items(iterable);
    for (const item of items) ip.push(ip.own(item));
    return items;
  }
  const it = getIter(ip, iterable);
  ip.push(it);
  const at = ip.stackHeight - 1;
  const out: number[] = [];
  for (;;) {
    const item = iterNext(ip, it);
    if (item === NULL_REF) break;
    ip.push(item);
    out.push(item);
  }
  ip.heap.roots.temporaries[at] = NULL_REF;
  ip.drop(it);
  return out;
}

/** Whether a raised signal is `StopIteration`. */
export function isStopIteration(ip: Interp, raised: PyRaise): boolean {
  return isInstance(ip, raised.exc, builtinType(ip, 'StopIteration'));
}
