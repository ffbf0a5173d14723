/**
 * Classes: creating one from its body's namespace (single inheritance, `__slots__`, `__del__` as
 * the instances' finalizer), calling a class (instance creation, then `__init__`), class
 * attributes, `super()`, and the special-method lookup of `with`.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import { callableData, newBoundBuiltin, newMethod } from './callables.js';
import { exceptionCell, formatException, newExceptionOf } from './exceptions.js';
import type { Frame, Interp, KwArgs, ModuleScope, PyType } from './interp.js';
import { nativeKind } from './native-sizes.js';
import { addressOf } from './repr.js';
import { PyRaise } from './signals.js';
import { addSlotDescriptors } from './slot-descriptors.js';
import { asType, builtinType, lookupType, typeOf } from './types.js';

/** Side data of a `super` object. */
export interface SuperData {
  readonly kind: 'super';
  readonly type: PyType;
  readonly self: number;
}

/** Each class's direct subclasses, in the order they were created (`tp_subclasses`). */
const SUBCLASSES = new WeakMap<PyType, PyType[]>();

/** `C.__subclasses__()`: the direct subclasses of a class (none known for a built-in type). */
export function subclassesOf(type: PyType): readonly PyType[] {
  return SUBCLASSES.get(type) ?? [];
}

/** Creates a class from its name, bases (borrowed slots) and body namespace; the class object, owned. */
export function createClass(
  ip: Interp,
  name: string,
  qualname: string,
  bases: number[],
  ns: ModuleScope,
): number {
  if (bases.length > 1) ip.raise('NotImplementedError', 'multiple inheritance is not supported by pymm');
  const base = bases.length === 0 ? builtinType(ip, 'object') : asType(ip, bases[0]);
  if (!base) return ip.raise('TypeError', 'bases must be types');
  if (!base.user && !base.exception && base.name !== 'object')
    ip.raise('NotImplementedError', `subclassing '${base.name}' is not supported by pymm`);
  const slotsValue = ns.map.get('__slots__');
  let slots: string[] | null = null;
  let listed: string[] = [];
  let ownSlots: string[] = [];
  if (slotsValue !== undefined) {
    listed =
      ip.store.type[slotsValue] === TypeId.Str
        ? [ip.text(slotsValue)]
        : ip.items(slotsValue).map((s) => ip.text(s));
    // type_new sorts the names of __slots__; clear_slots releases this class's slots (in that
    // order) before its base's.
    ownSlots = listed.filter((s) => s !== '__weakref__' && s !== '__dict__').sort();
    if (listed.includes('__dict__')) slots = null;
    else if (base.info?.slots) slots = [...ownSlots, ...base.info.slots];
    else if (!base.user || base.exception) slots = ownSlots;
  }
  // type_new: __qualname__ leaves the dict for the type's own field.
  const qualKey = ip.str('__qualname__', true);
  if (ns.map.has('__qualname__')) ip.scopeDelete(ns, qualKey);
  ip.drop(qualKey);
  const hasDel = ns.map.has('__del__') || lookupType(base, '__del__') !== null;
  // The class object: its dict, MRO, bases and base, as type_traverse visits them.
  const kind = nativeKind(ip.heap.sizes.version, 'type');
  const bases0 = ip.own(ip.heap.newTuple([base.slot]));
  // An exception class stays for the whole run: its instances (native exception objects) hold no
  // reference to it. Any other class is freed like any object, and its JavaScript record with it.
  let type: PyType | null = null;
  const released = base.exception ? undefined : () => forgetClass(ip, type!);
  const slot = ip.own(
    ip.heap.newNative(ip.nativeClass('type', true), kind.size, [ns.dict, NULL_REF, bases0, base.slot], {
      released,
    }),
  );
  ip.drop(bases0);
  const info = ip.heap.defineClass({
    name,
    slots: base.exception ? null : slots,
    finalizer: hasDel ? (handle) => runDel(ip, ip.store.slotOf(handle, '__del__')) : null,
    typeObject: base.exception ? NULL_REF : slot,
  });
  if (listed.includes('__weakref__') || base.info?.weakrefable)
    (info as { weakrefable: boolean }).weakrefable = true;
  type = {
    name,
    slot,
    base,
    mro: [],
    attrs: ns.map,
    dict: ns.dict,
    info,
    methods: new Map(),
    exception: base.exception,
    user: true,
    qualname,
    module: '__main__',
    ctor: null,
  };
  type.mro = [type, ...base.mro];
  if (base.user) SUBCLASSES.set(base, [...subclassesOf(base), type]);
  ip.setPayload(slot, type);
  if (base.exception) ip.keepForever(slot);
  ip.typeByClass[info.id] = type;
  ip.push(slot);
  setClassCell(ip, ns, slot);
  // PyType_Ready: the MRO, then the dict's descriptors, __doc__ (None unless given) and, for a
  // class that defines __eq__ and not __hash__, __hash__ = None (unhashable).
  const mro = ip.own(ip.heap.newTuple(type.mro.map((t) => t.slot)));
  ip.heap.setCell(slot, 1, mro);
  ip.drop(mro);
  addSlotDescriptors(ip, ns, slot, base, name, ownSlots, slotsValue !== undefined, listed);
  if (!ns.map.has('__doc__')) ip.scopeSetText(ns, '__doc__', ip.none);
  if (ns.map.has('__eq__') && !ns.map.has('__hash__')) ip.scopeSetText(ns, '__hash__', ip.none);
  return ip.pop();
}

/**
 * Forgets a freed class (`type_dealloc`): its entry in its base's subclasses
 * (`remove_all_subclasses`), its record by class id and its side data. Its instances are gone:
 * each held a reference to it.
 */
function forgetClass(ip: Interp, type: PyType): void {
  const siblings = SUBCLASSES.get(type.base!);
  if (siblings) {
    const at = siblings.indexOf(type);
    if (at >= 0) siblings.splice(at, 1);
  }
  if (type.info) ip.typeByClass[type.info.id] = undefined;
  ip.setPayload(type.slot, undefined);
}

/**
 * `type_new_set_classcell`: the `__class__` cell that the class body left in its namespace as
 * `__classcell__` (when a method uses `super()` or `__class__`) now holds the class, and the name
 * leaves the dict.
 */
function setClassCell(ip: Interp, ns: ModuleScope, klass: number): void {
  const cell = ns.map.get('__classcell__');
  if (cell === undefined) return;
  if (ip.store.type[cell] !== TypeId.Cell)
    ip.raise('TypeError', `__classcell__ must be a nonlocal cell, not ${typeOf(ip, cell).name}`);
  ip.heap.setCell(cell, 0, klass);
  const key = ip.str('__classcell__', true);
  ip.scopeDelete(ns, key);
  ip.drop(key);
}

/** Runs `__del__` of a dying instance; an error is printed as CPython's "Exception ignored in". */
function runDel(ip: Interp, self: number): void {
  const type = typeOf(ip, self);
  const found = lookupType(type, '__del__');
  if (!found) return;
  try {
    ip.drop(ip.callMethod(self, found, []));
  } catch (error) {
    const raised = ip.toPyRaise(error);
    ip.options.stderr(
      `Exception ignored in: <function ${type.qualname}.__del__ at ${addressOf(ip, found.slot)}>\n`,
    );
    ip.options.stderr(formatException(ip, raised.exc));
    ip.dropRaised(raised.exc);
  }
}

/** Calls a class: a built-in type's constructor, or a new instance initialised by `__init__`. */
export function construct(ip: Interp, type: PyType, args: number[], kw: KwArgs | null): number {
  if (!type.user) {
    if (type.exception) {
      if (kw) ip.raise('TypeError', `${type.name}() takes no keyword arguments`);
      return newExceptionOf(ip, type, args);
    }
    const ctor = type.mro.find((t) => t.ctor)?.ctor;
    if (!ctor) return ip.raise('TypeError', `cannot create '${type.name}' instances`);
    return ctor(ip, args, kw);
  }
  const newHook = lookupType(type, '__new__');
  let self: number;
  if (newHook?.owner.user) {
    const fn = callableData(ip, newHook.slot);
    const target = fn && 'func' in fn ? fn.func : newHook.slot;
    self = ip.call(target, [type.slot, ...args], kw);
    if (!asType(ip, self) && typeOf(ip, self) !== type && !typeOf(ip, self).mro.includes(type)) return self;
  } else if (type.exception) {
    self = newExceptionOf(ip, type, args);
  } else {
    self = ip.own(ip.heap.newInstance(type.info!));
  }
  ip.push(self);
  const init = lookupType(type, '__init__');
  if (init && !init.native) {
    const r = ip.callMethod(self, init, args, kw);
    if (r !== ip.none) {
      ip.drop(r);
      ip.raise('TypeError', `__init__() should return None, not '${typeOf(ip, r).name}'`);
    }
    ip.drop(r);
  } else if ((args.length > 0 || kw) && !type.exception && !newHook?.owner.user) {
    ip.raise('TypeError', `${type.name}() takes no arguments`);
  }
  return ip.pop();
}

/** `C.name = value` on a class (value borrowed). */
export function setClassAttr(ip: Interp, type: PyType, name: string, value: number): void {
  if (!type.user) ip.raise('TypeError', `cannot set '${name}' attribute of immutable type '${type.name}'`);
  const key = ip.str(name, true);
  ip.scopeSet({ dict: type.dict, map: type.attrs }, key, value);
  ip.drop(key);
}

/** `del C.name`. */
export function delClassAttr(ip: Interp, type: PyType, name: string): void {
  if (!type.user || !type.attrs.has(name))
    ip.raise('AttributeError', `type object '${type.name}' has no attribute '${name}'`);
  const key = ip.str(name, true);
  ip.scopeDelete({ dict: type.dict, map: type.attrs }, key);
  ip.drop(key);
}

/**
 * `super()` in a method (`super_init_without_args`): the class in the function's `__class__` cell
 * and the method's first argument.
 */
export function zeroArgSuper(ip: Interp, f: Frame): number {
  if (f.code.argcount === 0) return ip.raise('RuntimeError', 'super(): no arguments');
  const store = ip.store;
  let self = f.locals[0];
  if (self !== NULL_REF && store.type[self] === TypeId.Cell) self = store.refs.cells[store.refStart[self]];
  if (self === NULL_REF) return ip.raise('RuntimeError', 'super(): arg[0] deleted');
  for (const i of f.code.freeIndices) {
    if (f.code.varnames[i] !== '__class__') continue;
    const cell = f.locals[i];
    if (cell === NULL_REF || store.type[cell] !== TypeId.Cell)
      return ip.raise('RuntimeError', 'super(): bad __class__ cell');
    const klass = store.refs.cells[store.refStart[cell]];
    if (klass === NULL_REF) return ip.raise('RuntimeError', 'super(): empty __class__ cell');
    const type = asType(ip, klass);
    if (!type)
      return ip.raise('RuntimeError', `super(): __class__ is not a type (${typeOf(ip, klass).name})`);
    return newSuper(ip, type, self);
  }
  return ip.raise('RuntimeError', 'super(): __class__ cell not found');
}

/** A `super(type, obj)` object, owned. */
export function newSuper(ip: Interp, type: PyType, self: number): number {
  const data: SuperData = { kind: 'super', type, self };
  return ip.native('super', [type.slot, self], data);
}

/** `super().name`: looked up after `type` in the MRO of the object's class, bound to the object. */
export function superAttr(ip: Interp, sup: SuperData, name: string): number {
  const selfType = asType(ip, sup.self) ?? typeOf(ip, sup.self);
  const mro = selfType.mro;
  const start = mro.indexOf(sup.type) + 1;
  for (let i = start; i < mro.length; i++) {
    const t = mro[i];
    const slot = t.attrs.get(name);
    if (slot !== undefined) {
      const d = callableData(ip, slot);
      if (d?.kind === 'classmethod')
        return newMethod(ip, d.func, asType(ip, sup.self) ? sup.self : selfType.slot);
      if (d?.kind === 'staticmethod') return ip.own(d.func);
      if (ip.store.type[slot] === TypeId.Function) return newMethod(ip, slot, sup.self);
      return ip.own(slot);
    }
    const native = t.methods.get(name);
    // __new__ is a static method: never bound.
    if (native) return newBoundBuiltin(ip, name, native, name === '__new__' ? NULL_REF : sup.self);
  }
  return ip.raise('AttributeError', `'super' object has no attribute '${name}'`);
}

/** The bound special method `name` of `obj` for `with` (`__enter__`/`__exit__`), owned. */
export function boundSpecial(ip: Interp, obj: number, name: string, message: string): number {
  const type = typeOf(ip, obj);
  const found = lookupType(type, name);
  if (!found) return ip.raise('TypeError', `'${type.name}${message}`);
  if (found.native) return newBoundBuiltin(ip, name, found.native, obj);
  if (ip.store.type[found.slot] === TypeId.Function) return newMethod(ip, found.slot, obj);
  return ip.own(found.slot);
}

/** The traceback of an exception (owned; `None` when it has none). */
export function tracebackOf(ip: Interp, exc: number): number {
  const tb = exceptionCell(ip, exc, 2);
  return ip.own(tb === NULL_REF ? ip.none : tb);
}

/** Whether an error is a Python exception signal of a class deriving from `name`. */
export function raisedIs(ip: Interp, error: unknown, name: string): boolean {
  return error instanceof PyRaise && typeOf(ip, error.exc).mro.includes(builtinType(ip, name));
}
