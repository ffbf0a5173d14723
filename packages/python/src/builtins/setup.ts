/**
 * Start-up: the built-in types (static type objects, in `object`'s hierarchy), their methods and
 * constructors, the exception classes, the `builtins` namespace, and the interpreter's hooks that
 * need the whole of it.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { dictSet, NULL_REF } from '@pymm/core/heap';
import { newBuiltin } from '../runtime/callables.js';
import { delClassAttr, setClassAttr } from '../runtime/classes.js';
import { installCustomKeys } from '../runtime/custom-keys.js';
import { defineExceptions } from '../runtime/exceptions.js';
import type { Interp, ModuleScope, NativeFn } from '../runtime/interp.js';
import { builtinType, defineBuiltinType } from '../runtime/types.js';
import { BYTEARRAY_METHODS } from './bytearray-methods.js';
import { BYTES_CONSTRUCTORS, bytesEqual, bytesItem, bytesOp, bytesRepr, newBytes } from './bytes.js';
import { BYTES_METHODS, bytearrayFromhex } from './bytes-methods.js';
import { defineUnicodeErrors } from './codecs.js';
import { CONSTRUCTORS, type RangeData } from './constructors.js';
import { DICT_METHODS, LIST_METHODS, SET_METHODS, TUPLE_METHODS } from './container-methods.js';
import { dir } from './dir.js';
import { formatValue, percentFormat, strFormat } from './format.js';
import { FUNCTIONS } from './functions.js';
import { inplaceOp } from './inplace.js';
import {
  liveView,
  MEMORYVIEW_METHODS,
  memoryviewAttribute,
  memoryviewConstructor,
  memoryviewRepr,
} from './memoryview-methods.js';
import { FLOAT_METHODS, INT_METHODS, numberAttribute } from './number-methods.js';
import {
  nativeRepr,
  nativeStr,
  OBJECT_METHODS,
  setSpecialAttribute,
  specialAttribute,
  vars,
} from './object-methods.js';
import { openBuiltin } from './open.js';
import { asciiBuiltin, STR_METHODS } from './str-methods.js';
import { bytesMaketrans, bytesTranslate, strMaketrans, strTranslate } from './str-translate.js';

const TYPES: [string, string | null][] = [
  ['object', null],
  ['type', 'object'],
  ['NoneType', 'object'],
  ['int', 'object'],
  ['bool', 'int'],
  ['float', 'object'],
  ['str', 'object'],
  ['bytes', 'object'],
  ['bytearray', 'object'],
  ['memoryview', 'object'],
  ['tuple', 'object'],
  ['list', 'object'],
  ['dict', 'object'],
  ['set', 'object'],
  ['frozenset', 'object'],
  ['function', 'object'],
  ['builtin_function_or_method', 'object'],
  ['method', 'object'],
  ['generator', 'object'],
  ['code', 'object'],
  ['frame', 'object'],
  ['traceback', 'object'],
  ['module', 'object'],
  ['cell', 'object'],
  ['range', 'object'],
  ['slice', 'object'],
  ['super', 'object'],
  ['property', 'object'],
  ['staticmethod', 'object'],
  ['classmethod', 'object'],
  ['getset_descriptor', 'object'],
  ['member_descriptor', 'object'],
  ['enumerate', 'object'],
  ['zip', 'object'],
  ['map', 'object'],
  ['filter', 'object'],
  ['reversed', 'object'],
  ['list_iterator', 'object'],
  ['list_reverseiterator', 'object'],
  ['tuple_iterator', 'object'],
  ['range_iterator', 'object'],
  ['str_iterator', 'object'],
  ['str_ascii_iterator', 'object'],
  ['set_iterator', 'object'],
  ['dict_keyiterator', 'object'],
  ['dict_valueiterator', 'object'],
  ['dict_itemiterator', 'object'],
  ['dict_keys', 'object'],
  ['dict_values', 'object'],
  ['dict_items', 'object'],
  ['iterator', 'object'],
  ['weakref', 'object'],
  ['NotImplementedType', 'object'],
  ['ellipsis', 'object'],
  ['TextIOWrapper', 'object'],
];

const METHODS: Record<string, Record<string, NativeFn>> = {
  object: OBJECT_METHODS,
  list: LIST_METHODS,
  tuple: TUPLE_METHODS,
  dict: DICT_METHODS,
  set: SET_METHODS,
  frozenset: SET_METHODS,
  str: { ...STR_METHODS, translate: strTranslate, maketrans: strMaketrans },
  bytes: { ...BYTES_METHODS, translate: bytesTranslate, maketrans: bytesMaketrans },
  bytearray: {
    ...BYTES_METHODS,
    ...BYTEARRAY_METHODS,
    fromhex: bytearrayFromhex,
    translate: bytesTranslate,
    maketrans: bytesMaketrans,
  },
  memoryview: MEMORYVIEW_METHODS,
  int: INT_METHODS,
  float: FLOAT_METHODS,
};

/** The length of any sized object (`len`). */
function lenOf(ip: Interp, obj: number): number {
  const store = ip.store;
  switch (store.type[obj]) {
    case TypeId.List:
    case TypeId.Tuple:
    case TypeId.Set:
    case TypeId.FrozenSet:
      return store.refLen[obj];
    case TypeId.Dict:
      return store.refLen[obj] >> 1;
    case TypeId.Str:
      return store.scalar[obj];
    case TypeId.Bytes:
    case TypeId.ByteArray:
      return store.scalar[obj];
    case TypeId.MemoryView:
      return liveView(ip, obj).length;
    default:
      break;
  }
  const data = ip.payload(obj) as RangeData | { kind: 'view'; dict: number } | undefined;
  if (data?.kind === 'range') return data.length;
  if (data?.kind === 'view') return store.refLen[data.dict] >> 1;
  const hook = ip.lookupSpecial(obj, '__len__');
  if (!hook) return ip.raise('TypeError', `object of type '${ip.typeName(obj)}' has no len()`);
  const r = ip.callMethod(obj, hook, []);
  if (!ip.isInt(r)) ip.raise('TypeError', `'${ip.typeName(r)}' object cannot be interpreted as an integer`);
  const n = Number(ip.intValue(r));
  ip.drop(r);
  if (n < 0) ip.raise('ValueError', '__len__() should return >= 0');
  return n;
}

/** The data attributes of numbers and memoryviews (`x.real`, `m.nbytes`), owned, or undefined. */
function valueAttribute(ip: Interp, obj: number, name: string): number | undefined {
  const t = ip.store.type[obj];
  if (t === TypeId.Int || t === TypeId.Bool || t === TypeId.Float) return numberAttribute(ip, obj, name);
  if (t === TypeId.MemoryView) return memoryviewAttribute(ip, obj, name);
  return undefined;
}

/** Creates the built-in world of an interpreter. */
export function setUpBuiltins(ip: Interp): void {
  for (const [name, base] of TYPES) defineBuiltinType(ip, name, base ? builtinType(ip, base) : null);
  for (const [name, methods] of Object.entries(METHODS)) {
    const type = builtinType(ip, name);
    for (const [m, fn] of Object.entries(methods)) type.methods.set(m, fn);
  }
  for (const [name, ctor] of Object.entries(CONSTRUCTORS)) builtinType(ip, name).ctor = ctor;
  defineExceptions(ip);
  defineUnicodeErrors(ip);

  const dict = ip.keepForever(ip.heap.newDict());
  const builtins: ModuleScope = { dict, map: new Map() };
  ip.builtins = builtins;
  const bind = (name: string, value: number) => {
    const key = ip.str(name, true);
    dictSet(ip.heap, dict, key, value);
    builtins.map.set(name, value);
    ip.drop(key);
  };
  for (const [name, fn] of Object.entries({
    ...FUNCTIONS,
    open: openBuiltin,
    vars,
    ascii: asciiBuiltin,
    dir,
  })) {
    const f = newBuiltin(ip, name, fn);
    ip.push(f);
    bind(name, f);
    ip.drop(ip.pop());
  }
  const exposed = [
    ...Object.keys(CONSTRUCTORS),
    ...[...ip.types.values()].filter((t) => t.exception).map((t) => t.name),
  ];
  for (const name of exposed) bind(name, builtinType(ip, name).slot);
  bind('IOError', builtinType(ip, 'OSError').slot);
  bind('EnvironmentError', builtinType(ip, 'OSError').slot);
  ip.notImplemented = ip.heap.newNative(ip.nativeClass('NotImplementedType'), 16, [], {
    gc: false,
    isStatic: true,
  });
  ip.ellipsis = ip.heap.newNative(ip.nativeClass('ellipsis'), 16, [], { gc: false, isStatic: true });
  bind('NotImplemented', ip.notImplemented);
  bind('Ellipsis', ip.ellipsis);
  bind('None', ip.none);

  ip.lenOf = (obj) => lenOf(ip, obj);
  ip.inplaceOp = (op, method, a, b) => inplaceOp(ip, op, method, a, b);
  ip.formatValue = (value, conversion, spec) => formatValue(ip, value, conversion, spec);
  ip.percentFormat = (format, args) => percentFormat(ip, format, args);
  ip.strFormat = (template, args, kw) => strFormat(ip, template, args, kw);
  ip.specialAttribute = (obj, name) => valueAttribute(ip, obj, name) ?? specialAttribute(ip, obj, name);
  installCustomKeys(ip);
  ip.setSpecialAttribute = (obj, name, value) => setSpecialAttribute(ip, obj, name, value);
  ip.setClassAttr = (type, name, value) => setClassAttr(ip, type, name, value);
  ip.delClassAttr = (type, name) => delClassAttr(ip, type, name);
  ip.newSlice = (parts) => ip.native('slice', parts, { kind: 'slice' });
  ip.bytesValue = (bytes) => newBytes(ip, bytes, false, true);
  ip.bytesOp = (op, a, b) => bytesOp(ip, op, a, b);
  ip.bytesItem = (obj, key) => bytesItem(ip, obj, key);
  ip.bytesRepr = (slot) => bytesRepr(ip, slot);
  ip.bytesEqual = (a, b) => bytesEqual(ip, a, b);
  for (const [name, ctor] of Object.entries({ ...BYTES_CONSTRUCTORS, memoryview: memoryviewConstructor })) {
    builtinType(ip, name).ctor = ctor;
    bind(name, builtinType(ip, name).slot);
  }
  ip.dictMerge = (a, b) => {
    const d = ip.own(ip.heap.newDict());
    ip.push(d);
    ip.dictUpdate(d, a);
    ip.dictUpdate(d, b);
    return ip.pop();
  };
  ip.moduleName = (module) => (ip.payload(module) as { name: string }).name;
  ip.functionName = (fn) => (ip.payload(fn) as { name?: string } | undefined)?.name ?? '?';
  ip.nativeRepr = (slot) => memoryviewRepr(ip, slot) ?? nativeRepr(ip, slot);
  ip.nativeStr = (slot) => nativeStr(ip, slot);
  void NULL_REF;
}
