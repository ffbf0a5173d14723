/**
 * `repr()` and `str()` of any value, as CPython prints them: containers through their items'
 * reprs (`[...]` for a container already being printed, `Py_ReprEnter`), instances through their
 * class's `__repr__`/`__str__`.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NO_ADDRESS } from '@pymm/core/heap';
import type { Interp } from './interp.js';
import { floatRepr } from './pylib-fallback.js';
import { setMembersInOrder } from './set-order.js';
import { lookupType, typeOf } from './types.js';

const printing = new Set<number>();

/** `repr(s)` of a str: quotes chosen and characters escaped as `unicode_repr` does. */
export function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0xad) out += '\\xad';
    else out += ch;
  }
  return out + quote;
}

/** The `0x...` address CPython shows in default reprs (the object's simulated address). */
export function addressOf(ip: Interp, slot: number): string {
  const address = ip.store.address[slot];
  return `0x${(address === NO_ADDRESS ? slot : address).toString(16).padStart(12, '0')}`;
}

/** `repr(x)`. */
export function repr(ip: Interp, slot: number): string {
  const store = ip.store;
  switch (store.type[slot]) {
    case TypeId.None:
      return 'None';
    case TypeId.Bool:
      return store.scalar[slot] ? 'True' : 'False';
    case TypeId.Int: {
      const text = String(ip.intValue(slot));
      // sys.int_info.default_max_str_digits (CPython 3.11+): str() of a longer int is refused.
      if (text.length - (text[0] === '-' ? 1 : 0) > 4300)
        ip.raise(
          'ValueError',
          'Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit',
        );
      return text;
    }
    case TypeId.Float:
      return floatRepr(store.scalar[slot]);
    case TypeId.Str:
      return strRepr(ip.text(slot));
    case TypeId.Bytes:
    case TypeId.ByteArray:
      return ip.bytesRepr(slot);
    case TypeId.List:
      return sequenceRepr(ip, slot, '[', ']');
    case TypeId.Tuple:
      return sequenceRepr(ip, slot, '(', store.refLen[slot] === 1 ? ',)' : ')');
    case TypeId.Dict:
      return dictRepr(ip, slot);
    case TypeId.Set:
      return store.refLen[slot] === 0 ? 'set()' : setRepr(ip, slot, '{', '}');
    case TypeId.FrozenSet:
      return store.refLen[slot] === 0 ? 'frozenset()' : setRepr(ip, slot, 'frozenset({', '})');
    default:
      return objectRepr(ip, slot, '__repr__');
  }
}

/** `str(x)`. */
export function str(ip: Interp, slot: number): string {
  const t = ip.store.type[slot];
  if (t === TypeId.Str) return ip.text(slot);
  if (t <= TypeId.Float || t === TypeId.List || t === TypeId.Tuple || t === TypeId.Dict)
    return repr(ip, slot);
  return objectRepr(ip, slot, '__str__');
}

function guarded(ip: Interp, slot: number, inner: string, body: () => string): string {
  if (printing.has(slot)) return inner;
  if (printing.size > ip.recursionLimit)
    ip.raise('RecursionError', 'maximum recursion depth exceeded while getting the repr of an object');
  printing.add(slot);
  try {
    return body();
  } finally {
    printing.delete(slot);
  }
}

function sequenceRepr(ip: Interp, slot: number, open: string, close: string): string {
  return guarded(ip, slot, open === '[' ? '[...]' : '...', () => {
    const store = ip.store;
    const parts: string[] = [];
    for (let i = 0; i < store.refLen[slot]; i++)
      parts.push(repr(ip, store.refs.cells[store.refStart[slot] + i]));
    return open + parts.join(', ') + close;
  });
}

/** `set_repr`: the members in iteration order, each kept alive while the others print. */
function setRepr(ip: Interp, slot: number, open: string, close: string): string {
  return guarded(ip, slot, '...', () => {
    const members = setMembersInOrder(ip, slot);
    for (const m of members) ip.own(m);
    try {
      return open + members.map((m) => repr(ip, m)).join(', ') + close;
    } finally {
      for (const m of members) ip.drop(m);
    }
  });
}

function dictRepr(ip: Interp, slot: number): string {
  return guarded(ip, slot, '{...}', () => {
    const store = ip.store;
    const parts: string[] = [];
    for (let i = 0; i < store.refLen[slot]; i += 2) {
      const start = store.refStart[slot];
      parts.push(`${repr(ip, store.refs.cells[start + i])}: ${repr(ip, store.refs.cells[start + i + 1])}`);
    }
    return `{${parts.join(', ')}}`;
  });
}

/** An instance's or native object's repr/str: the class's method, or the built-in default. */
function objectRepr(ip: Interp, slot: number, method: '__repr__' | '__str__'): string {
  const type = typeOf(ip, slot);
  const found = lookupType(type, method);
  if (found && found.native === null) {
    const result = ip.callMethod(slot, found, []);
    try {
      if (ip.store.type[result] !== TypeId.Str)
        ip.raise('TypeError', `${method} returned non-string (type ${typeOf(ip, result).name})`);
      return ip.text(result);
    } finally {
      ip.drop(result);
    }
  }
  if (method === '__str__') {
    const special = ip.nativeStr(slot);
    if (special !== null) return special;
    return repr(ip, slot);
  }
  const special = ip.nativeRepr(slot);
  if (special !== null) return special;
  return defaultRepr(ip, slot);
}

/** `object.__repr__`: `<module.Class object at 0x...>`. */
export function defaultRepr(ip: Interp, slot: number): string {
  const type = typeOf(ip, slot);
  return `<${type.module === 'builtins' ? '' : `${type.module}.`}${type.qualname} object at ${addressOf(ip, slot)}>`;
}
