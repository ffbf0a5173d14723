/**
 * Types: the built-in type objects (static, as CPython's are) and the type of any value (`type(x)`),
 * found from the object's heap type and, for instances and native objects, its class.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { Interp, PyType } from './interp.js';
import { nativeKind } from './native-sizes.js';

/** Creates a built-in type (a static type object) deriving from `base`. */
export function defineBuiltinType(ip: Interp, name: string, base: PyType | null, exception = false): PyType {
  const kind = nativeKind(ip.heap.sizes.version, 'type');
  const slot = ip.heap.newNative(ip.nativeClass('type'), kind.size, [], { isStatic: true });
  const type: PyType = {
    name,
    slot,
    base,
    mro: [],
    attrs: new Map(),
    dict: NULL_REF,
    info: null,
    methods: new Map(),
    exception: exception || (base?.exception ?? false),
    user: false,
    qualname: name,
    module: 'builtins',
    ctor: null,
  };
  type.mro = base ? [type, ...base.mro] : [type];
  ip.types.set(name, type);
  ip.setPayload(slot, type);
  ip.typeByClass[ip.nativeClass(name).id] = type;
  return type;
}

/** The built-in type named `name`. */
export function builtinType(ip: Interp, name: string): PyType {
  const type = ip.types.get(name);
  if (!type) throw new Error(`internal error: no built-in type '${name}'`);
  return type;
}

const BY_TYPE_ID: Record<number, string> = {
  [TypeId.None]: 'NoneType',
  [TypeId.Bool]: 'bool',
  [TypeId.Int]: 'int',
  [TypeId.Float]: 'float',
  [TypeId.Str]: 'str',
  [TypeId.Bytes]: 'bytes',
  [TypeId.ByteArray]: 'bytearray',
  [TypeId.MemoryView]: 'memoryview',
  [TypeId.Tuple]: 'tuple',
  [TypeId.List]: 'list',
  [TypeId.Dict]: 'dict',
  [TypeId.Set]: 'set',
  [TypeId.FrozenSet]: 'frozenset',
  [TypeId.Function]: 'function',
  [TypeId.Generator]: 'generator',
  [TypeId.File]: 'TextIOWrapper',
  [TypeId.WeakRef]: 'weakref',
  [TypeId.Cell]: 'cell',
};

/** `type(x)`: the type of the object in `slot`. */
export function typeOf(ip: Interp, slot: number): PyType {
  const store = ip.store;
  const t = store.type[slot];
  if (
    t === TypeId.Instance ||
    t === TypeId.SlotsInstance ||
    t === TypeId.Native ||
    t === TypeId.NativeAtom ||
    t === TypeId.ListSubclass
  ) {
    const type = ip.typeByClass[store.klass[slot]];
    if (type) return type;
    return builtinType(ip, 'object');
  }
  // A weak reference with a class is a proxy (`weakref.ProxyType`, `weakref.CallableProxyType`).
  if (t === TypeId.WeakRef && store.klass[slot] !== 0) {
    const type = ip.typeByClass[store.klass[slot]];
    if (type) return type;
  }
  return builtinType(ip, BY_TYPE_ID[t] ?? 'object');
}

/** Whether `type` is `other` or derives from it. */
export function isSubtype(type: PyType, other: PyType): boolean {
  if (type === other) return true;
  return type.mro.includes(other);
}

/** `isinstance(x, type)` for one type. */
export function isInstance(ip: Interp, slot: number, type: PyType): boolean {
  return isSubtype(typeOf(ip, slot), type);
}

/** The type a type object's slot stands for, or null when the slot is not a type. */
export function asType(ip: Interp, slot: number): PyType | null {
  const data = ip.payload(slot);
  return data && typeof data === 'object' && 'mro' in data ? (data as PyType) : null;
}

/** Finds `name` along the MRO: a class-dict entry (slot) first, else a built-in method. */
export function lookupType(
  type: PyType,
  name: string,
):
  | { slot: number; native: null; owner: PyType }
  | { slot: number; native: NonNullable<ReturnType<PyType['methods']['get']>>; owner: PyType }
  | null {
  for (const t of type.mro) {
    const slot = t.attrs.get(name);
    if (slot !== undefined) return { slot, native: null, owner: t };
    const native = t.methods.get(name);
    if (native) return { slot: NULL_REF, native, owner: t };
  }
  return null;
}
