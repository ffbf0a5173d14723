/**
 * What every object has: `object`'s methods (`__init__`, `__repr__`, `__str__`, `__eq__`, ...),
 * the reprs of the built-in kinds (functions, classes, methods, modules, ranges, exceptions), and
 * their read-only attributes (`__name__`, `__class__`, `args`, `__traceback__`, `f_lineno`, ...).
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import {
  type BuiltinData,
  callableData,
  type FunctionData,
  functionDict,
  type MethodData,
} from '../runtime/callables.js';
import { raisedIs } from '../runtime/classes.js';
import type { TracebackData } from '../runtime/exceptions.js';
import {
  E_ARGS,
  E_CAUSE,
  E_CONTEXT,
  E_DICT,
  E_TRACEBACK,
  type ExceptionData,
  exceptionStr,
  isException,
} from '../runtime/exceptions.js';
import type { FrameData } from '../runtime/frames.js';
import type { Interp, KwArgs, ModuleScope, NativeFn } from '../runtime/interp.js';
import { addressOf, defaultRepr } from '../runtime/repr.js';
import { type SlotDescriptorData, slotDescriptorRepr } from '../runtime/slot-descriptors.js';
import { asType, lookupType, typeOf } from '../runtime/types.js';
import type { RangeData } from './constructors.js';

/** Methods of `object`. */
export const OBJECT_METHODS: Record<string, NativeFn> = {
  __new__: objectNew,
  __init__: (ip) => ip.own(ip.none),
  __repr__: (ip, [self]) => ip.str(ip.nativeRepr(self) ?? defaultRepr(ip, self)),
  __str__: (ip, [self]) => ip.str(ip.toStr(self)),
  __eq__: (ip, [self, other]) => (self === other ? ip.bool(true) : ip.own(ip.notImplemented)),
  __ne__: (ip, [self, other]) => (self === other ? ip.bool(false) : ip.own(ip.notImplemented)),
};

/** `object.__new__(cls, ...)` (`object_new`): a new, uninitialised instance of a class. */
function objectNew(ip: Interp, args: number[], kw: KwArgs | null): number {
  if (args.length === 0) return ip.raise('TypeError', 'object.__new__(): not enough arguments');
  const type = asType(ip, args[0]);
  if (!type)
    return ip.raise('TypeError', `object.__new__(X): X is not a type object (${typeOf(ip, args[0]).name})`);
  if (args.length > 1 || (kw && kw.names.length > 0)) {
    const newOwner = lookupType(type, '__new__')?.owner;
    if (newOwner?.user)
      ip.raise('TypeError', 'object.__new__() takes exactly one argument (the type to instantiate)');
    if (!lookupType(type, '__init__')?.owner.user) ip.raise('TypeError', `${type.name}() takes no arguments`);
  }
  if (type.name === 'object' && !type.user) return ip.native('object');
  if (!type.user || type.exception) {
    const owner = type.mro.find((t) => !t.user)!;
    return ip.raise('TypeError', `object.__new__(${type.name}) is not safe, use ${owner.name}.__new__()`);
  }
  return ip.own(ip.heap.newInstance(type.info!));
}

/** `vars(obj)`: `obj.__dict__`; `vars()` is the module's globals (pymm runs no `locals()`). */
export const vars: NativeFn = (ip, args, kw) => {
  if (kw && kw.names.length > 0) ip.raise('TypeError', 'vars() takes no keyword arguments');
  if (args.length > 1) ip.raise('TypeError', `vars expected at most 1 argument, got ${args.length}`);
  if (args.length === 0) {
    if (ip.frame && ip.frame.func !== NULL_REF)
      ip.raise('NotImplementedError', 'vars() inside a function is not supported by pymm');
    return ip.own(ip.frame ? ip.frame.globals.dict : ip.none);
  }
  try {
    return ip.getAttr(args[0], '__dict__');
  } catch (error) {
    if (!raisedIs(ip, error, 'AttributeError')) throw error;
    ip.dropRaised(ip.toPyRaise(error).exc);
    return ip.raise('TypeError', 'vars() argument must have __dict__ attribute');
  }
};

function cell(ip: Interp, obj: number, i: number): number {
  return ip.store.refs.cells[ip.store.refStart[obj] + i];
}

/** The repr of a built-in kind, or null for the default `<... object at 0x...>`. */
export function nativeRepr(ip: Interp, slot: number): string | null {
  const type = asType(ip, slot);
  if (type) return `<class '${type.module === 'builtins' ? '' : `${type.module}.`}${type.qualname}'>`;
  if (slot === ip.notImplemented) return 'NotImplemented';
  if (slot === ip.ellipsis) return 'Ellipsis';
  const data = ip.payload(slot) as { kind?: string } | undefined;
  if (isException(ip, slot)) {
    const t = typeOf(ip, slot);
    const args = ip.items(cell(ip, slot, E_ARGS));
    const inner = args.length === 1 ? ip.repr(args[0]) : args.map((a) => ip.repr(a)).join(', ');
    return `${t.qualname}(${inner})`;
  }
  switch (data?.kind) {
    case 'function':
      return `<function ${(data as FunctionData).qualname} at ${addressOf(ip, slot)}>`;
    case 'slot-descriptor':
      return slotDescriptorRepr(data as SlotDescriptorData);
    case 'builtin': {
      const b = data as BuiltinData;
      return b.self === NULL_REF
        ? `<built-in function ${b.name}>`
        : `<built-in method ${b.name} of ${typeOf(ip, b.self).name} object at ${addressOf(ip, b.self)}>`;
    }
    case 'method': {
      const m = data as MethodData;
      const fn = ip.payload(m.func) as FunctionData;
      return `<bound method ${fn.qualname} of ${ip.repr(m.self)}>`;
    }
    case 'module':
      return `<module '${(data as { name: string }).name}' (built-in)>`;
    case 'range': {
      const r = data as RangeData;
      return r.step === 1 ? `range(${r.start}, ${r.stop})` : `range(${r.start}, ${r.stop}, ${r.step})`;
    }
    case 'slice':
      return `slice(${ip.repr(cell(ip, slot, 0))}, ${ip.repr(cell(ip, slot, 1))}, ${ip.repr(cell(ip, slot, 2))})`;
    case 'view': {
      const v = data as { what: string; dict: number };
      const items = ip.items(v.dict);
      const store = ip.store;
      const parts = items.map((k, i) => {
        const value = store.refs.cells[store.refStart[v.dict] + 2 * i + 1];
        if (v.what === 'keys') return ip.repr(k);
        if (v.what === 'values') return ip.repr(value);
        return `(${ip.repr(k)}, ${ip.repr(value)})`;
      });
      return `dict_${v.what}([${parts.join(', ')}])`;
    }
    case 'generator':
      return `<generator object ${(data as { qualname: string }).qualname} at ${addressOf(ip, slot)}>`;
    default:
      break;
  }
  if (ip.store.type[slot] === TypeId.WeakRef) {
    const target = ip.heap.weakrefTarget(slot);
    if (target === ip.none) return `<weakref at ${addressOf(ip, slot)}; dead>`;
    return `<weakref at ${addressOf(ip, slot)}; to '${typeOf(ip, target).qualname}' at ${addressOf(ip, target)}>`;
  }
  if (ip.store.type[slot] === TypeId.Cell)
    return `<cell at ${addressOf(ip, slot)}: ${cell(ip, slot, 0) === NULL_REF ? 'empty' : `${typeOf(ip, cell(ip, slot, 0)).name} object at ${addressOf(ip, cell(ip, slot, 0))}`}>`;
  return null;
}

/** The str of a built-in kind when it differs from its repr (exceptions), or null. */
export function nativeStr(ip: Interp, slot: number): string | null {
  if (isException(ip, slot)) return exceptionStr(ip, slot);
  return null;
}

let created = NULL_REF;

/** Marks a value created for an attribute read (owned already). */
function fresh(_ip: Interp, slot: number): number {
  created = slot;
  return slot;
}

/** Attributes of built-in kinds (owned), or NULL_REF. */
export function specialAttribute(ip: Interp, obj: number, name: string): number {
  created = NULL_REF;
  const r = borrowedAttribute(ip, obj, name);
  if (r === NULL_REF || r === created) return r;
  return ip.own(r);
}

function borrowedAttribute(ip: Interp, obj: number, name: string): number {
  if (name === '__class__') return typeOf(ip, obj).slot;
  const data = ip.payload(obj) as { kind?: string } | undefined;
  if (isException(ip, obj)) {
    switch (name) {
      case 'args':
        return cell(ip, obj, E_ARGS);
      case '__traceback__':
        return cell(ip, obj, E_TRACEBACK) === NULL_REF ? ip.none : cell(ip, obj, E_TRACEBACK);
      case '__cause__':
        return cell(ip, obj, E_CAUSE) === NULL_REF ? ip.none : cell(ip, obj, E_CAUSE);
      case '__context__':
        return cell(ip, obj, E_CONTEXT) === NULL_REF ? ip.none : cell(ip, obj, E_CONTEXT);
      case '__suppress_context__':
        return ip.bool((data as ExceptionData).suppressContext);
      default: {
        const dict = cell(ip, obj, E_DICT);
        if (dict !== NULL_REF) {
          const key = ip.str(name, true);
          const v = ip.dictLookup(dict, key);
          ip.drop(key);
          if (v !== NULL_REF) return v;
        }
        if (name === 'value' && typeOf(ip, obj).mro.some((t) => t.name === 'StopIteration')) {
          const args = ip.items(cell(ip, obj, E_ARGS));
          return args.length > 0 ? args[0] : ip.none;
        }
        return NULL_REF;
      }
    }
  }
  switch (data?.kind) {
    case 'module': {
      const v = (data as unknown as { scope: ModuleScope }).scope.map.get(name);
      return v ?? NULL_REF;
    }
    case 'function': {
      const f = data as FunctionData;
      if (name === '__name__') return fresh(ip, ip.str(f.name));
      if (name === '__qualname__') return fresh(ip, ip.str(f.qualname));
      if (name === '__module__') return fresh(ip, ip.str('__main__'));
      if (name === '__doc__') return ip.none;
      if (name === '__code__') return f.code.slot;
      if (name === '__globals__') return f.globals.dict;
      if (name === '__closure__') return f.closureCell < 0 ? ip.none : cell(ip, obj, f.closureCell);
      if (name === '__dict__') return functionDict(ip, obj, true);
      if (name === '__defaults__')
        return f.defaults.length === 0 ? ip.none : fresh(ip, ip.own(ip.heap.newTuple(f.defaults)));
      if (name === '__kwdefaults__') {
        if (f.kwdefaults.size === 0) return ip.none;
        const d = ip.own(ip.heap.newDict());
        for (const [k, v] of f.kwdefaults) {
          const key = ip.str(k, true);
          ip.setItem(d, key, v);
          ip.drop(key);
        }
        return fresh(ip, d);
      }
      const dict = functionDict(ip, obj, false);
      if (dict === NULL_REF) return NULL_REF;
      const key = ip.str(name, true);
      const value = ip.dictLookup(dict, key);
      ip.drop(key);
      return value;
    }
    case 'method': {
      const m = data as MethodData;
      if (name === '__self__') return m.self;
      if (name === '__func__') return m.func;
      if (name === '__name__') return fresh(ip, ip.str((ip.payload(m.func) as FunctionData).name));
      return NULL_REF;
    }
    case 'builtin':
      if (name === '__name__') return fresh(ip, ip.str((data as BuiltinData).name));
      if (name === '__self__')
        return (data as BuiltinData).self === NULL_REF ? ip.none : (data as BuiltinData).self;
      return NULL_REF;
    case 'frame': {
      const fr = data as FrameData;
      if (name === 'f_lineno') return fresh(ip, ip.int(fr.frame ? fr.frame.lineno : fr.lineno));
      if (name === 'f_back') return fr.frame?.back ? ip.frameObject(fr.frame.back) : ip.none;
      return NULL_REF;
    }
    case 'traceback': {
      const tb = data as TracebackData;
      if (name === 'tb_lineno') return fresh(ip, ip.int(tb.lineno));
      if (name === 'tb_frame') return cell(ip, obj, 1);
      if (name === 'tb_next') return cell(ip, obj, 0) === NULL_REF ? ip.none : cell(ip, obj, 0);
      return NULL_REF;
    }
    case 'range': {
      const r = data as RangeData;
      if (name === 'start') return fresh(ip, ip.int(r.start));
      if (name === 'stop') return fresh(ip, ip.int(r.stop));
      if (name === 'step') return fresh(ip, ip.int(r.step));
      return NULL_REF;
    }
    case 'property':
      if (name === 'fget') return cell(ip, obj, 0);
      return NULL_REF;
    default:
      break;
  }
  if (ip.store.type[obj] === TypeId.MemoryView && name === 'obj') return cell(ip, obj, 0);
  if (ip.store.type[obj] === TypeId.MemoryView && name === 'nbytes')
    return fresh(ip, ip.int((ip.payload(obj) as { length: number }).length));
  if (ip.store.type[obj] === TypeId.Cell && name === 'cell_contents') {
    const v = cell(ip, obj, 0);
    if (v === NULL_REF) ip.raise('ValueError', 'Cell is empty');
    return v;
  }
  return NULL_REF;
}

/** Sets an attribute of a built-in kind that allows it; false when it does not. */
export function setSpecialAttribute(ip: Interp, obj: number, name: string, value: number): boolean {
  const data0 = callableData(ip, obj);
  if (data0?.kind === 'function') return setFunctionAttribute(ip, obj, data0, name, value);
  if (!isException(ip, obj)) return false;
  const data = ip.payload(obj) as ExceptionData;
  switch (name) {
    case '__traceback__':
      ip.heap.setCell(obj, E_TRACEBACK, value === ip.none ? NULL_REF : value);
      return true;
    case '__cause__':
      ip.heap.setCell(obj, E_CAUSE, value === ip.none ? NULL_REF : value);
      data.suppressContext = true;
      return true;
    case '__context__':
      ip.heap.setCell(obj, E_CONTEXT, value === ip.none ? NULL_REF : value);
      return true;
    case '__suppress_context__':
      data.suppressContext = ip.truthy(value);
      return true;
    case 'args': {
      const t = ip.own(ip.heap.newTuple(ip.items(value)));
      ip.heap.setCell(obj, E_ARGS, t);
      ip.drop(t);
      return true;
    }
    default: {
      let dict = cell(ip, obj, E_DICT);
      if (dict === NULL_REF) {
        dict = ip.own(ip.heap.newDict());
        ip.heap.setCell(obj, E_DICT, dict);
        ip.drop(dict);
      }
      const key = ip.str(name, true);
      ip.setItem(dict, key, value);
      ip.drop(key);
      return true;
    }
  }
}

/** `f.name = value` on a function: `__name__`/`__qualname__` (strs), else an entry of its `__dict__`. */
function setFunctionAttribute(ip: Interp, fn: number, f: FunctionData, name: string, value: number): boolean {
  if (name === '__name__' || name === '__qualname__') {
    if (ip.store.type[value] !== TypeId.Str) ip.raise('TypeError', `${name} must be set to a string object`);
    if (name === '__name__') f.name = ip.text(value);
    else f.qualname = ip.text(value);
    return true;
  }
  if (name === '__dict__') {
    if (ip.store.type[value] !== TypeId.Dict)
      ip.raise('TypeError', `__dict__ must be set to a dictionary, not a '${typeOf(ip, value).name}'`);
    functionDict(ip, fn, true);
    ip.heap.setCell(fn, f.dictCell, value);
    return true;
  }
  if (name === '__closure__' || name === '__globals__' || name === '__code__' || name === '__defaults__')
    return false;
  const key = ip.str(name, true);
  ip.setItem(functionDict(ip, fn, true), key, value);
  ip.drop(key);
  return true;
}

export { callableData };
