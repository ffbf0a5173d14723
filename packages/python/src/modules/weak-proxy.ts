/**
 * `weakref.proxy(obj[, callback])` (`Objects/weakrefobject.c`, `proxy_*`): a weak reference of type
 * `weakref.ProxyType` (or `weakref.CallableProxyType` when the referent is callable) that forwards
 * attribute access, calls, operators, comparisons, `len`, `in`, items, iteration, `bool` and `str`
 * to its referent, and raises `ReferenceError` once the referent died. A proxy is unhashable; its
 * repr names both objects. Core keeps it in the referent's weak reference list as CPython does:
 * the plain proxy is shared and sits right after the plain reference.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import { delAttr, getAttr, setAttr } from '../runtime/attributes.js';
import { callableData } from '../runtime/callables.js';
import { richCompare } from '../runtime/compare.js';
import type { Interp, NativeFn, PyType } from '../runtime/interp.js';
import { delItem, getItem, setItem } from '../runtime/items.js';
import { getIter, iterNext } from '../runtime/iterate.js';
import { unaryOp } from '../runtime/numbers.js';
import { addressOf } from '../runtime/repr.js';
import { asType, builtinType, defineBuiltinType, lookupType, typeOf } from '../runtime/types.js';
import { newWeakReference } from './weak-reference-new.js';

/** Whether `slot` is a proxy (a weak reference whose class column names a proxy type). */
export function isProxy(ip: Interp, slot: number): boolean {
  return ip.store.type[slot] === TypeId.WeakRef && ip.store.klass[slot] !== 0;
}

/** `UNWRAP`: a proxy's live referent (borrowed), `ReferenceError` once it died; others unchanged. */
function unwrap(ip: Interp, slot: number): number {
  if (!isProxy(ip, slot)) return slot;
  const target = ip.store.scalar[slot];
  if (target < 0) return ip.raise('ReferenceError', 'weakly-referenced object no longer exists');
  return target;
}

/** The proxy type's `tp_name` (`weakref.ProxyType`), which CPython's messages show. */
function tpName(ip: Interp, proxy: number): string {
  return `weakref.${typeOf(ip, proxy).name}`;
}

const BINARY: readonly [string, string, string][] = [
  ['Add', '__add__', '__radd__'],
  ['Sub', '__sub__', '__rsub__'],
  ['Mult', '__mul__', '__rmul__'],
  ['MatMult', '__matmul__', '__rmatmul__'],
  ['Div', '__truediv__', '__rtruediv__'],
  ['Mod', '__mod__', '__rmod__'],
  ['Pow', '__pow__', '__rpow__'],
  ['LShift', '__lshift__', '__rlshift__'],
  ['RShift', '__rshift__', '__rrshift__'],
  ['BitOr', '__or__', '__ror__'],
  ['BitXor', '__xor__', '__rxor__'],
  ['BitAnd', '__and__', '__rand__'],
  ['FloorDiv', '__floordiv__', '__rfloordiv__'],
];
const COMPARE: readonly [string, string][] = [
  ['Lt', '__lt__'],
  ['Gt', '__gt__'],
  ['LtE', '__le__'],
  ['GtE', '__ge__'],
  ['Eq', '__eq__'],
  ['NotEq', '__ne__'],
];
const UNARY: readonly [string, string][] = [
  ['USub', '__neg__'],
  ['UAdd', '__pos__'],
  ['Invert', '__invert__'],
];

/** The proxy methods both proxy types share (`proxy_as_number`, `proxy_as_mapping`, ...). */
function proxyMethods(): Map<string, NativeFn> {
  const methods = new Map<string, NativeFn>();
  for (const [op, method, rmethod] of BINARY) {
    methods.set(method, (ip, [self, other]) => ip.binaryOp(op, unwrap(ip, self), unwrap(ip, other)));
    methods.set(rmethod, (ip, [self, other]) => ip.binaryOp(op, unwrap(ip, other), unwrap(ip, self)));
  }
  for (const [op, method] of COMPARE)
    methods.set(method, (ip, [self, other]) => richCompare(ip, op, unwrap(ip, self), unwrap(ip, other)));
  for (const [op, method] of UNARY) methods.set(method, (ip, [self]) => unaryOp(ip, op, unwrap(ip, self)));
  methods.set('__bool__', (ip, [self]) => ip.bool(ip.truthy(unwrap(ip, self))));
  methods.set('__len__', (ip, [self]) => ip.int(ip.len(unwrap(ip, self))));
  methods.set('__contains__', (ip, [self, item]) => ip.bool(ip.contains(unwrap(ip, self), item)));
  methods.set('__getitem__', (ip, [self, key]) => getItem(ip, unwrap(ip, self), key));
  methods.set('__setitem__', (ip, [self, key, value]) => {
    setItem(ip, unwrap(ip, self), key, value);
    return ip.own(ip.none);
  });
  methods.set('__delitem__', (ip, [self, key]) => {
    delItem(ip, unwrap(ip, self), key);
    return ip.own(ip.none);
  });
  methods.set('__iter__', (ip, [self]) => getIter(ip, unwrap(ip, self)));
  methods.set('__next__', (ip, [self]) => {
    const it = unwrap(ip, self);
    if (lookupType(typeOf(ip, it), '__next__') === null && ip.payload(it) === undefined)
      ip.raise('TypeError', `Weakref proxy referenced a non-iterator '${typeOf(ip, it).name}' object`);
    const next = iterNext(ip, it);
    if (next === NULL_REF) return ip.raise('StopIteration');
    return next;
  });
  methods.set('__hash__', (ip, [self]) => ip.raise('TypeError', `unhashable type: '${tpName(ip, self)}'`));
  return methods;
}

/** The two proxy types. */
export interface ProxyTypes {
  readonly proxy: PyType;
  readonly callableProxy: PyType;
}

/** `proxy_repr`: 3.13 writes `; to 'T'` and `; dead`, older versions name `NoneType` once dead. */
function proxyRepr(ip: Interp, slot: number): string {
  const target = ip.store.scalar[slot];
  const modern = ip.heap.sizes.version === '3.13';
  if (target < 0 && modern) return `<weakproxy at ${addressOf(ip, slot)}; dead>`;
  const referent = target < 0 ? ip.none : target;
  const name = typeOf(ip, referent).name;
  return modern
    ? `<weakproxy at ${addressOf(ip, slot)}; to '${name}' at ${addressOf(ip, referent)}>`
    : `<weakproxy at ${addressOf(ip, slot)} to ${name} at ${addressOf(ip, referent)}>`;
}

/** Whether calling `x` can work (`PyCallable_Check`). */
function isCallable(ip: Interp, x: number): boolean {
  return (
    callableData(ip, x) !== undefined ||
    asType(ip, x) !== null ||
    lookupType(typeOf(ip, x), '__call__') !== null
  );
}

/**
 * Defines `weakref.ProxyType` and `weakref.CallableProxyType`, and hooks the interpreter's
 * attribute, `str` and `repr` paths so that they forward through a proxy.
 */
export function defineProxyTypes(ip: Interp): ProxyTypes {
  const object = builtinType(ip, 'object');
  const methods = proxyMethods();
  const define = (qualname: string): PyType => {
    const type = defineBuiltinType(ip, qualname, object);
    type.module = 'weakref';
    // Its special methods are slots of the type, which operators call.
    type.nativeSlots = true;
    for (const [name, fn] of methods) type.methods.set(name, fn);
    type.ctor = (ip2) => ip2.raise('TypeError', `cannot create 'weakref.${qualname}' instances`);
    return type;
  };
  const proxy = define('ProxyType');
  const callableProxy = define('CallableProxyType');
  callableProxy.methods.set('__call__', (ip2, args, kw) => ip2.call(unwrap(ip2, args[0]), args.slice(1), kw));
  const getSpecial = ip.specialAttribute;
  ip.specialAttribute = (obj, name) =>
    isProxy(ip, obj) ? getAttr(ip, unwrap(ip, obj), name) : getSpecial(obj, name);
  const setSpecial = ip.setSpecialAttribute;
  ip.setSpecialAttribute = (obj, name, value) => {
    if (!isProxy(ip, obj)) return setSpecial(obj, name, value);
    setAttr(ip, unwrap(ip, obj), name, value);
    return true;
  };
  const delSpecial = ip.delSpecialAttribute;
  ip.delSpecialAttribute = (obj, name) => {
    if (!isProxy(ip, obj)) return delSpecial(obj, name);
    delAttr(ip, unwrap(ip, obj), name);
    return true;
  };
  const hashCheck = ip.hashCheck.bind(ip);
  ip.hashCheck = (key) => {
    if (isProxy(ip, key)) ip.raise('TypeError', `unhashable type: '${tpName(ip, key)}'`);
    hashCheck(key);
  };
  const nativeRepr = ip.nativeRepr;
  ip.nativeRepr = (slot) => (isProxy(ip, slot) ? proxyRepr(ip, slot) : nativeRepr(slot));
  const nativeStr = ip.nativeStr;
  ip.nativeStr = (slot) => (isProxy(ip, slot) ? ip.toStr(unwrap(ip, slot)) : nativeStr(slot));
  return { proxy, callableProxy };
}

/** `weakref.proxy(obj[, callback])`: the callable proxy type for a callable referent. */
export function proxyFunction(types: ProxyTypes): NativeFn {
  return (ip2, args) => {
    if (args.length < 1 || args.length > 2)
      ip2.raise(
        'TypeError',
        args.length < 1
          ? `proxy expected at least 1 argument, got ${args.length}`
          : `proxy expected at most 2 arguments, got ${args.length}`,
      );
    const type = isCallable(ip2, args[0]) ? types.callableProxy : types.proxy;
    return newWeakReference(ip2, args[0], args[1] ?? NULL_REF, ip2.nativeClass(type.name).id);
  };
}
