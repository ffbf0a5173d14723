/**
 * The short value a heap picture writes inside an object's box: `42`, `'abc'`, `3.5`, `len 3`,
 * `<class 'Node'>`. Read straight from the heap's columns, never by calling `repr()`: a user's
 * `__repr__` would run Python code (and count steps) in the middle of an inspection.
 *
 * @module
 */

import { ObjectFlag, TypeId } from '@pymm/core';
import type { Interp } from '../runtime/interp.js';
import { asType } from '../runtime/types.js';

/** Longest text shown for a str before it is cut with `…`. */
const MAX_TEXT = 24;

/** The short value of the live object at `slot`, or `''` when its type has none worth drawing. */
export function shortValue(ip: Interp, slot: number): string {
  const store = ip.store;
  switch (store.type[slot]) {
    case TypeId.None:
      return 'None';
    case TypeId.Bool:
      return slot === ip.bool(true) ? 'True' : 'False';
    case TypeId.Int:
      return String(ip.intValue(slot));
    case TypeId.Float:
      return floatText(store.scalar[slot]);
    case TypeId.Str:
      return quoted(ip.text(slot));
    case TypeId.Tuple:
    case TypeId.List:
    case TypeId.ListSubclass:
    case TypeId.Set:
    case TypeId.FrozenSet:
      return `len ${itemCount(ip, slot)}`;
    case TypeId.Dict:
      return `len ${store.refLen[slot] >>> 1}`;
    case TypeId.File:
      return (store.flags[slot] & ObjectFlag.Open) !== 0 ? 'open' : 'closed';
    default: {
      const type = asType(ip, slot);
      return type ? `<class '${type.name}'>` : '';
    }
  }
}

/** Items of a sequence or set: its reference cells that are set (a set's table has empty cells). */
function itemCount(ip: Interp, slot: number): number {
  const store = ip.store;
  if (store.type[slot] !== TypeId.Set && store.type[slot] !== TypeId.FrozenSet) return store.refLen[slot];
  const cells = store.refs.cells;
  let count = 0;
  for (let i = store.refStart[slot], end = i + store.refLen[slot]; i < end; i++) if (cells[i] >= 0) count++;
  return count;
}

function floatText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  return String(value);
}

function quoted(text: string): string {
  const cut = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
  return `'${cut.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
