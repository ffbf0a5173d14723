/**
 * `weakref.finalize(obj, func, /, *args, **kwargs)` as `Lib/weakref.py` writes it: the finalizer
 * object holds no state; a class-level registry dict maps it to an `_Info` object (the weak
 * reference to `obj` whose callback is the finalizer, `func`, `args`, `kwargs or None`, `atexit`,
 * and a creation index). Calling the finalizer (directly, or as the callback when `obj` dies) pops
 * its entry and, unless the interpreter is shutting down, returns `func(*args, **kwargs)`.
 * `detach`, `peek`, `alive` and `atexit` read the entry. At exit `_exitfunc` calls the finalizers
 * still registered with `atexit` set, newest first, with the collector disabled.
 *
 * @module
 */

import { dictDelete, dictGet, dictHas, dictSet, NULL_REF } from '@pymm/core/heap';
import { arity } from '../builtins/arguments.js';
import { formatException } from '../runtime/exceptions.js';
import type { Interp, KwArgs, NativeFn, PyType } from '../runtime/interp.js';
import { addressOf } from '../runtime/repr.js';
import { builtinType, defineBuiltinType, typeOf } from '../runtime/types.js';
import { newWeakReference } from './weak-reference-new.js';

/** Cells of an `_Info` object, in `__slots__` order. */
const WEAKREF = 0;
const FUNC = 1;
const ARGS = 2;
const KWARGS = 3;
const ATEXIT = 4;

/** The class attributes of `finalize`: `_registry` (a dict kept for the whole run), `_shutdown`, `_dirty`, ... */
interface FinalizeClass {
  readonly registry: number;
  nextIndex: number;
  dirty: boolean;
  shutdown: boolean;
  registeredWithAtexit: boolean;
}

/** Side data of a finalizer object: its class state. */
interface FinalizeData {
  readonly kind: 'finalize';
  readonly cls: FinalizeClass;
  readonly index: number;
}

/** A finalizer's data; anything else has no `_registry` to look itself up in. */
function dataOf(ip: Interp, self: number): FinalizeData {
  const data = ip.payload(self) as FinalizeData | undefined;
  if (data?.kind !== 'finalize')
    return ip.raise('AttributeError', `'${ip.typeName(self)}' object has no attribute '_registry'`);
  return data;
}

/** `self._registry.get(self)`: the `_Info` object (borrowed), or NULL_REF. */
function infoOf(ip: Interp, cls: FinalizeClass, self: number): number {
  return dictHas(ip.heap, cls.registry, self) ? dictGet(ip.heap, cls.registry, self) : NULL_REF;
}

/** `self._registry.pop(self, None)`: the `_Info` object, owned, or NULL_REF. */
function popInfo(ip: Interp, cls: FinalizeClass, self: number): number {
  const info = infoOf(ip, cls, self);
  if (info === NULL_REF) return NULL_REF;
  ip.own(info);
  dictDelete(ip.heap, cls.registry, self);
  return info;
}

function cell(ip: Interp, info: number, index: number): number {
  return ip.store.refs.cells[ip.store.refStart[info] + index];
}

/** `__call__(self, _=None)`: pops the entry and returns `func(*args, **kwargs)` (None once dead). */
function callFinalizer(ip: Interp, cls: FinalizeClass, self: number): number {
  const info = popInfo(ip, cls, self);
  if (info === NULL_REF) return ip.own(ip.none);
  ip.push(info);
  try {
    if (cls.shutdown) return ip.own(ip.none);
    const kwargs = cell(ip, info, KWARGS);
    let kw: KwArgs | null = null;
    if (kwargs !== ip.none) {
      const names: string[] = [];
      const values: number[] = [];
      const store = ip.store;
      for (let i = 0; i < store.refLen[kwargs]; i += 2) {
        names.push(ip.text(store.refs.cells[store.refStart[kwargs] + i]));
        values.push(store.refs.cells[store.refStart[kwargs] + i + 1]);
      }
      kw = { names, values };
    }
    return ip.call(cell(ip, info, FUNC), ip.items(cell(ip, info, ARGS)), kw);
  } finally {
    // `info` is a local of `__call__`: it goes (with the weak reference it holds) on return.
    ip.drop(ip.pop());
  }
}

/** `(obj, func, args, kwargs or {})` of a live entry, owned, or NULL_REF. */
function entryTuple(ip: Interp, info: number, obj: number): number {
  const kwargs = cell(ip, info, KWARGS);
  const dict = kwargs === ip.none ? ip.own(ip.heap.newDict()) : ip.own(kwargs);
  const tuple = ip.own(ip.heap.newTuple([obj, cell(ip, info, FUNC), cell(ip, info, ARGS), dict]));
  ip.drop(dict);
  return tuple;
}

/** `detach` (pops the entry) and `peek`: the entry while `obj` lives, else None. */
function entry(ip: Interp, self: number, pop: boolean): number {
  const { cls } = dataOf(ip, self);
  const info = infoOf(ip, cls, self);
  const obj = info === NULL_REF ? ip.none : ip.heap.weakrefTarget(cell(ip, info, WEAKREF));
  if (obj === ip.none) return ip.own(ip.none);
  const tuple = entryTuple(ip, info, ip.own(obj));
  ip.drop(obj);
  if (pop) ip.drop(popInfo(ip, cls, self));
  return tuple;
}

/** `finalize.__repr__`. */
function finalizeRepr(ip: Interp, self: number, cls: FinalizeClass): string {
  const info = infoOf(ip, cls, self);
  const obj = info === NULL_REF ? ip.none : ip.heap.weakrefTarget(cell(ip, info, WEAKREF));
  if (obj === ip.none) return `<finalize object at ${addressOf(ip, self)}; dead>`;
  return `<finalize object at ${addressOf(ip, self)}; for '${typeOf(ip, obj).name}' at ${addressOf(ip, obj)}>`;
}

/** `_exitfunc`: at shutdown, the registered finalizers with `atexit` set, newest first. */
function exitFunc(ip: Interp, cls: FinalizeClass): void {
  const gc = ip.heap.strategy.gc;
  let reenable = false;
  try {
    if (ip.store.refLen[cls.registry] === 0) return;
    if (gc?.isEnabled()) {
      reenable = true;
      gc.disable();
    }
    // `pending` holds its finalizers (owned), as the Python list does.
    let pending: number[] | null = null;
    try {
      for (;;) {
        if (pending === null || cls.dirty) {
          for (const f of pending ?? []) ip.drop(f);
          pending = selectForExit(ip, cls).map((f) => ip.own(f));
          cls.dirty = false;
        }
        const f = pending.pop();
        if (f === undefined) break;
        try {
          ip.drop(ip.call(f, [], null));
        } catch (error) {
          const raised = ip.toPyRaise(error);
          ip.options.stderr(formatException(ip, raised.exc));
          ip.dropRaised(raised.exc);
        } finally {
          ip.drop(f);
        }
      }
    } finally {
      for (const f of pending ?? []) ip.drop(f);
    }
  } finally {
    cls.shutdown = true;
    if (reenable) gc?.enable();
  }
}

/** `_select_for_exit`: live finalizers marked for exit, oldest first (borrowed: the registry holds them). */
function selectForExit(ip: Interp, cls: FinalizeClass): number[] {
  const store = ip.store;
  const chosen: [number, number][] = [];
  for (let i = 0; i < store.refLen[cls.registry]; i += 2) {
    const f = store.refs.cells[store.refStart[cls.registry] + i];
    const info = store.refs.cells[store.refStart[cls.registry] + i + 1];
    if (ip.truthy(cell(ip, info, ATEXIT))) chosen.push([f, (ip.payload(f) as FinalizeData).index]);
  }
  chosen.sort((a, b) => a[1] - b[1]);
  return chosen.map(([f]) => f);
}

/** `finalize(obj, func, /, *args, **kwargs)`. */
function construct(ip: Interp, cls: FinalizeClass, args: number[], kw: KwArgs | null): number {
  if (args.length < 2) {
    const missing =
      args.length === 0
        ? "2 required positional arguments: 'obj' and 'func'"
        : "1 required positional argument: 'func'";
    return ip.raise('TypeError', `finalize.__init__() missing ${missing}`);
  }
  if (!cls.registeredWithAtexit) {
    ip.exitFunctions.push(() => exitFunc(ip, cls));
    cls.registeredWithAtexit = true;
  }
  const h = ip.stackHeight;
  try {
    const self = ip.native('finalize', [], {
      kind: 'finalize',
      cls,
      index: cls.nextIndex,
    } satisfies FinalizeData);
    ip.push(self);
    // The call binds `*args` into a tuple and `**kwargs` into a dict (kept only when not empty).
    const rest = ip.own(ip.heap.newTuple(args.slice(2)));
    ip.push(rest);
    const kwargs = ip.own(ip.heap.newDict());
    ip.push(kwargs);
    for (let i = 0; kw && i < kw.names.length; i++) {
      const key = ip.str(kw.names[i], true);
      dictSet(ip.heap, kwargs, key, kw.values[i]);
      ip.drop(key);
    }
    const info = ip.native('finalize_Info', [], { kind: 'finalize_Info' });
    ip.push(info);
    const ref = newWeakReference(ip, args[0], self);
    ip.push(ref);
    const index = ip.int(cls.nextIndex++);
    for (const value of [ref, args[1], rest, kw ? kwargs : ip.none, ip.heap.true, index])
      ip.heap.appendCell(info, value);
    ip.drop(index);
    dictSet(ip.heap, cls.registry, self, info);
    cls.dirty = true;
    ip.own(self);
    return self;
  } finally {
    ip.unwindTo(h);
  }
}

/** Defines `weakref.finalize` (and its `_Info`), and hooks its `alive` and `atexit` attributes. */
export function defineFinalize(ip: Interp): PyType {
  const object = builtinType(ip, 'object');
  const type = defineBuiltinType(ip, 'finalize', object);
  type.module = 'weakref';
  const info = defineBuiltinType(ip, '_Info', object);
  info.module = 'weakref';
  info.qualname = 'finalize._Info';
  const cls: FinalizeClass = {
    registry: ip.keepForever(ip.heap.newDict()),
    nextIndex: 0,
    dirty: false,
    shutdown: false,
    registeredWithAtexit: false,
  };
  type.ctor = (ip2, args, kw) => construct(ip2, cls, args, kw);
  const call: NativeFn = (ip2, args) => {
    arity(ip2, '__call__', args, 1, 2);
    return callFinalizer(ip2, dataOf(ip2, args[0]).cls, args[0]);
  };
  type.methods.set('__call__', call);
  type.methods.set('detach', (ip2, args) => {
    arity(ip2, 'detach', args, 1, 1);
    return entry(ip2, args[0], true);
  });
  type.methods.set('peek', (ip2, args) => {
    arity(ip2, 'peek', args, 1, 1);
    return entry(ip2, args[0], false);
  });
  const isFinalizer = (slot: number) => (ip.payload(slot) as FinalizeData | undefined)?.kind === 'finalize';
  const getSpecial = ip.specialAttribute;
  ip.specialAttribute = (obj, name) => {
    if (!isFinalizer(obj)) return getSpecial(obj, name);
    if (name === 'alive') return ip.bool(dictHas(ip.heap, cls.registry, obj));
    if (name === 'atexit') {
      const found = infoOf(ip, cls, obj);
      return ip.bool(found !== NULL_REF && ip.truthy(cell(ip, found, ATEXIT)));
    }
    return getSpecial(obj, name);
  };
  const setSpecial = ip.setSpecialAttribute;
  ip.setSpecialAttribute = (obj, name, value) => {
    if (!isFinalizer(obj) || name !== 'atexit') return setSpecial(obj, name, value);
    const found = infoOf(ip, cls, obj);
    if (found !== NULL_REF) ip.heap.setCell(found, ATEXIT, ip.bool(ip.truthy(value)));
    return true;
  };
  const nativeRepr = ip.nativeRepr;
  ip.nativeRepr = (slot) => (isFinalizer(slot) ? finalizeRepr(ip, slot, cls) : nativeRepr(slot));
  return type;
}
