/**
 * Attributes (`PyObject_GenericGetAttr` and friends): data descriptors (`property`) first, then the
 * instance's own attributes, then the class's (functions become bound methods, built-in methods
 * become built-in methods bound to the object), and `LOAD_METHOD`, which calls a method without
 * creating a bound method.
 *
 * @module
 */

import { ObjectFlag, TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import { callableData, type DescriptorData, newBoundBuiltin, newMethod } from './callables.js';
import { type SuperData, subclassesOf, superAttr } from './classes.js';
import {
  deleteDictAttribute,
  dictAttribute,
  HAS_DICT,
  hasDictObject,
  instanceDict,
  setDictAttribute,
  setInstanceDict,
} from './instance-dict.js';
import type { Interp, NativeFn, PyType } from './interp.js';
import { slotDescriptorData, slotDescriptorGet } from './slot-descriptors.js';
import { asType, lookupType, typeOf } from './types.js';

/** The instance attribute `name` of `obj` (borrowed), or NULL_REF. */
export function instanceAttribute(ip: Interp, obj: number, name: string): number {
  const store = ip.store;
  const t = store.type[obj];
  if (t === TypeId.Instance || t === TypeId.SlotsInstance) {
    if (store.aux[obj] === HAS_DICT && t === TypeId.Instance)
      return name === '__class__' ? store.refs.cells[store.refStart[obj]] : dictAttribute(ip, obj, name);
    const info = ip.heap.classInfo(store.klass[obj]);
    const index = info.attributeIndex.get(name);
    if (index === undefined || index >= store.refLen[obj]) return NULL_REF;
    return store.refs.cells[store.refStart[obj] + index];
  }
  return NULL_REF;
}

function descriptorKind(ip: Interp, slot: number): DescriptorData | null {
  const data = callableData(ip, slot);
  return data && (data.kind === 'property' || data.kind === 'staticmethod' || data.kind === 'classmethod')
    ? (data as DescriptorData)
    : null;
}

/** Binds a class attribute found on `type` to `obj` (or to the class itself when `obj` is NULL_REF). */
function bind(
  ip: Interp,
  found: NonNullable<ReturnType<typeof lookupType>>,
  obj: number,
  type: PyType,
): number {
  if (found.native) {
    // __new__ is a static method: never bound.
    if (found.native === found.owner.methods.get('__new__'))
      return newBoundBuiltin(ip, '__new__', found.native, NULL_REF);
    return obj === NULL_REF
      ? ip.raise('AttributeError', 'unbound built-in method')
      : newBoundBuiltin(ip, '', found.native, obj);
  }
  const value = found.slot;
  const descriptor = descriptorKind(ip, value);
  if (descriptor) {
    if (descriptor.kind === 'staticmethod') return ip.own(descriptor.func);
    if (descriptor.kind === 'classmethod') return newMethod(ip, descriptor.func, type.slot);
    if (obj === NULL_REF) return ip.own(value);
    return ip.call(descriptor.func, [obj], null);
  }
  if (obj !== NULL_REF && ip.store.type[value] === TypeId.Function) return newMethod(ip, value, obj);
  return ip.own(value);
}

/** `obj.name`: an owned value; `AttributeError` as CPython words it. */
export function getAttr(ip: Interp, obj: number, name: string): number {
  const klass = asType(ip, obj);
  if (klass) return classAttr(ip, klass, name);
  const sup = ip.payload(obj) as SuperData | undefined;
  if (sup?.kind === 'super') return superAttr(ip, sup, name);
  const type = typeOf(ip, obj);
  if (name === '__dict__' && ip.store.type[obj] === TypeId.Instance) return instanceDict(ip, obj);
  const found = lookupType(type, name);
  if (found && !found.native) {
    const d = descriptorKind(ip, found.slot);
    if (d?.kind === 'property') return ip.call(d.func, [obj], null);
  }
  const own = instanceAttribute(ip, obj, name);
  if (own !== NULL_REF) return ip.own(own);
  const special = ip.specialAttribute(obj, name);
  if (special !== NULL_REF) return special;
  if (found) {
    const descriptor = found.native ? null : slotDescriptorData(ip, found.slot);
    if (descriptor) return slotDescriptorGet(ip, descriptor, obj);
    return bind(ip, found, obj, type);
  }
  const getattrHook = lookupType(type, '__getattr__');
  if (getattrHook) {
    const key = ip.str(name, true);
    try {
      return ip.callMethod(obj, getattrHook, [key]);
    } finally {
      ip.drop(key);
    }
  }
  if (type.name === 'module')
    return ip.raise('AttributeError', `module '${ip.moduleName(obj)}' has no attribute '${name}'`);
  return ip.raise('AttributeError', `'${type.name}' object has no attribute '${name}'`);
}

/** `C.name` on a class: class attributes along the MRO, and the type's own attributes. */
function classAttr(ip: Interp, klass: PyType, name: string): number {
  // The metatype's data descriptor wins over the class's own `__dict__` getset (`type_getattro`).
  if (name === '__dict__' && klass.dict !== NULL_REF) return ip.own(klass.dict);
  const found = lookupType(klass, name);
  if (found) {
    if (found.native) return newBoundBuiltin(ip, name, unboundNative(found.native), NULL_REF);
    const d = descriptorKind(ip, found.slot);
    if (d?.kind === 'classmethod') return newMethod(ip, d.func, klass.slot);
    if (d?.kind === 'staticmethod') return ip.own(d.func);
    return ip.own(found.slot);
  }
  switch (name) {
    case '__name__':
      return ip.str(klass.name, true);
    case '__qualname__':
      return ip.str(klass.qualname, true);
    case '__module__':
      return ip.str(klass.module, true);
    case '__base__':
      return ip.own(klass.base ? klass.base.slot : ip.none);
    case '__bases__':
      if (klass.user) return ip.own(ip.store.refs.cells[ip.store.refStart[klass.slot] + 2]);
      return ip.own(ip.heap.newTuple(klass.base ? [klass.base.slot] : []));
    case '__mro__':
      if (klass.user) return ip.own(ip.store.refs.cells[ip.store.refStart[klass.slot] + 1]);
      return ip.own(ip.heap.newTuple(klass.mro.map((t) => t.slot)));
    case '__dict__':
      if (klass.dict !== NULL_REF) return ip.own(klass.dict);
      break;
    case '__subclasses__':
      if (!klass.user) break;
      return newBoundBuiltin(
        ip,
        '__subclasses__',
        (ip2) => ip2.newList(subclassesOf(klass).map((t) => t.slot)),
        klass.slot,
      );
    default:
      break;
  }
  return ip.raise('AttributeError', `type object '${klass.name}' has no attribute '${name}'`);
}

/** A built-in method taken from its class (`list.append`): called with the object first. */
function unboundNative(fn: NativeFn): NativeFn {
  return fn;
}

/** `obj.name = value` (value borrowed). */
export function setAttr(ip: Interp, obj: number, name: string, value: number): void {
  const klass = asType(ip, obj);
  if (klass) {
    ip.setClassAttr(klass, name, value);
    return;
  }
  const type = typeOf(ip, obj);
  const found = lookupType(type, name);
  if (found && !found.native) {
    const d = descriptorKind(ip, found.slot);
    if (d?.kind === 'property') {
      if (d.fset === NULL_REF)
        ip.raise(
          'AttributeError',
          `property '${ip.functionName(d.func)}' of '${type.name}' object has no setter`,
        );
      ip.drop(ip.call(d.fset, [obj, value], null));
      return;
    }
  }
  const store = ip.store;
  const t = store.type[obj];
  if (t === TypeId.Instance || t === TypeId.SlotsInstance) {
    const info = ip.heap.classInfo(store.klass[obj]);
    if (name === '__class__') {
      setClass(ip, obj, type, value);
      return;
    }
    if (t === TypeId.Instance && name === '__dict__') {
      setInstanceDict(ip, obj, value);
      return;
    }
    if (t === TypeId.Instance && store.aux[obj] === HAS_DICT) {
      setDictAttribute(ip, obj, name, value);
      return;
    }
    if (info.slots && !info.attributeIndex.has(name)) noAttributeToSet(ip, type, name);
    let index = info.attributeIndex.get(name);
    if (index === undefined) {
      index = info.attributeNames.length;
      info.attributeNames.push(name);
      info.attributeIndex.set(name, index);
    }
    if (index >= store.refLen[obj]) {
      store.reserveRefs(obj, index + 1);
      store.refs.cells.fill(
        NULL_REF,
        store.refStart[obj] + store.refLen[obj],
        store.refStart[obj] + index + 1,
      );
      store.refLen[obj] = index + 1;
      const used = index + 1 - (info.typeObject === NULL_REF ? 0 : 1);
      if (t === TypeId.Instance && used > store.aux[obj]) {
        const usable = Math.max(used, store.aux[obj] * 2);
        ip.heap.replaceExtraBlock(obj, ip.heap.sizes.instanceValuesBytes(usable));
        store.aux[obj] = usable;
      }
    }
    ip.heap.setCell(obj, index, value);
    return;
  }
  if (ip.setSpecialAttribute(obj, name, value)) return;
  if (found) ip.raise('AttributeError', `'${type.name}' object attribute '${name}' is read-only`);
  ip.raise('AttributeError', `'${type.name}' object has no attribute '${name}'`);
}

/** The AttributeError of setting an attribute a `__slots__` instance has no room for. */
function noAttributeToSet(ip: Interp, type: PyType, name: string): never {
  if (ip.heap.sizes.version === '3.13')
    ip.raise(
      'AttributeError',
      `'${type.name}' object has no attribute '${name}' and no __dict__ for setting new attributes`,
    );
  return ip.raise('AttributeError', `'${type.name}' object has no attribute '${name}'`);
}

/** `obj.__class__ = cls` (`object_set_class`): only between classes whose instances are laid out alike. */
function setClass(ip: Interp, obj: number, type: PyType, value: number): void {
  const target = asType(ip, value);
  if (!target)
    ip.raise('TypeError', `__class__ must be set to a class, not '${typeOf(ip, value).name}' object`);
  const from = type.info!;
  const to = target.info;
  const sameLayout =
    to !== null &&
    target.user &&
    !target.exception &&
    (from.slots === null) === (to.slots === null) &&
    (from.slots === null || from.slots.join() === to.slots!.join());
  if (!sameLayout)
    ip.raise('TypeError', `__class__ assignment: '${target.name}' object layout differs from '${type.name}'`);
  const store = ip.store;
  if (to.finalizer) store.flags[obj] |= ObjectFlag.HasFinalizer;
  else store.flags[obj] &= ~ObjectFlag.HasFinalizer;
  if (hasDictObject(ip, obj)) {
    ip.heap.setCell(obj, 0, target.slot);
    store.klass[obj] = to.id;
    return;
  }
  // The attributes move to the new class's shared keys.
  const h = ip.stackHeight;
  const names = from.attributeNames;
  const values: [string, number][] = [];
  for (let i = 1; i < store.refLen[obj]; i++) {
    const v = store.refs.cells[store.refStart[obj] + i];
    if (v === NULL_REF) continue;
    ip.push(ip.own(v));
    values.push([names[i], v]);
    ip.heap.setCell(obj, i, NULL_REF);
  }
  ip.heap.setCell(obj, 0, target.slot);
  store.klass[obj] = to.id;
  for (const [name, v] of values) setAttr(ip, obj, name, v);
  ip.unwindTo(h);
}

/** `del obj.name`. */
export function delAttr(ip: Interp, obj: number, name: string): void {
  const klass = asType(ip, obj);
  if (klass) {
    ip.delClassAttr(klass, name);
    return;
  }
  const store = ip.store;
  const t = store.type[obj];
  if (t === TypeId.Instance || t === TypeId.SlotsInstance) {
    const info = ip.heap.classInfo(store.klass[obj]);
    const index = info.attributeIndex.get(name);
    if (name === '__class__') ip.raise('TypeError', "can't delete __class__ attribute");
    if (t === TypeId.Instance && store.aux[obj] === HAS_DICT) {
      if (deleteDictAttribute(ip, obj, name)) return;
      ip.raise('AttributeError', `'${typeOf(ip, obj).name}' object has no attribute '${name}'`);
    }
    if (
      index !== undefined &&
      index < store.refLen[obj] &&
      store.refs.cells[store.refStart[obj] + index] !== NULL_REF
    ) {
      ip.heap.setCell(obj, index, NULL_REF);
      return;
    }
  }
  if (ip.delSpecialAttribute(obj, name)) return;
  ip.raise('AttributeError', `'${typeOf(ip, obj).name}' object has no attribute '${name}'`);
}

/**
 * `obj.name(args)` as 3.11's `LOAD_METHOD`/`CALL`: a plain function found on the class (and not
 * shadowed by an instance attribute) is called with `obj` first, without a bound method object.
 */
export function callMethodByName(
  ip: Interp,
  obj: number,
  name: string,
  args: number[],
  kw: import('./interp.js').KwArgs | null,
): number {
  if (!asType(ip, obj) && (ip.payload(obj) as SuperData | undefined)?.kind !== 'super') {
    const type = typeOf(ip, obj);
    const found = lookupType(type, name);
    if (found) {
      if (found.native) return found.native(ip, [obj, ...args], kw);
      if (ip.store.type[found.slot] === TypeId.Function && instanceAttribute(ip, obj, name) === NULL_REF)
        return ip.call(found.slot, [obj, ...args], kw);
    }
  }
  const bound = getAttr(ip, obj, name);
  ip.push(bound);
  try {
    return ip.call(bound, args, kw);
  } finally {
    ip.drop(ip.pop());
  }
}
