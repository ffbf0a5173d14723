/**
 * Type identifiers of the simulated Python built-ins, and what the heap needs to
 * know about each: its Python name, whether it is a GC container
 * (`Py_TPFLAGS_HAVE_GC`), and how its references are laid out.
 *
 * @module
 */

/**
 * The built-in types pymm models. Values are small integers stored in the heap's
 * `type` column (a `Uint8Array`).
 *
 * @example
 * ```ts
 * import { TypeId } from '@pymm/core';
 * import { typeName } from '@pymm/core/heap';
 * typeName(TypeId.List); // 'list'
 * ```
 */
export const TypeId = {
  None: 0,
  Bool: 1,
  Int: 2,
  Float: 3,
  Str: 4,
  Bytes: 5,
  ByteArray: 6,
  MemoryView: 7,
  Tuple: 8,
  List: 9,
  Dict: 10,
  Set: 11,
  FrozenSet: 12,
  /** An instance of a user class with a (managed) `__dict__`. */
  Instance: 13,
  /** An instance of a user class with `__slots__` and no `__dict__`. */
  SlotsInstance: 14,
  Function: 15,
  Generator: 16,
  File: 17,
  WeakRef: 18,
  /** An instance of a user class that subclasses `list` (such as the traces' tagged lists). */
  ListSubclass: 19,
  Cell: 20,
  /**
   * An object of a type that a front end describes (a class, a bound method, an iterator, a frame,
   * ...): its type name is its class's name (the `klass` column), its size is given at creation,
   * and its references are its cells. A GC container.
   */
  Native: 21,
  /** A {@link TypeId.Native} object whose type is not a GC container (a `range`, a code object). */
  NativeAtom: 22,
} as const;

/** A value of {@link TypeId}. */
export type TypeId = (typeof TypeId)[keyof typeof TypeId];

const NAMES: readonly string[] = [
  'NoneType',
  'bool',
  'int',
  'float',
  'str',
  'bytes',
  'bytearray',
  'memoryview',
  'tuple',
  'list',
  'dict',
  'set',
  'frozenset',
  'instance',
  'instance',
  'function',
  'generator',
  'file',
  'weakref',
  'list',
  'cell',
  'object',
  'object',
];

/**
 * Number of type ids; valid ids are `0 .. TYPE_COUNT - 1`.
 *
 * @example
 * ```ts
 * import { type TypeId } from '@pymm/core';
 * import { TYPE_COUNT, typeName } from '@pymm/core/heap';
 * TYPE_COUNT; // 23
 * typeName((TYPE_COUNT - 1) as TypeId); // 'object'
 * ```
 */
export const TYPE_COUNT = NAMES.length;

/**
 * Python's name for a built-in type id (`type(obj).__name__` of the base type).
 *
 * @example
 * ```ts
 * import { TypeId } from '@pymm/core';
 * import { typeName } from '@pymm/core/heap';
 * typeName(TypeId.Dict); // 'dict'
 * ```
 */
export function typeName(type: TypeId): string {
  return NAMES[type] ?? `type#${type}`;
}

const GC_TYPES = new Uint8Array(TYPE_COUNT);
for (const t of [
  TypeId.Tuple,
  TypeId.List,
  TypeId.Dict,
  TypeId.Set,
  TypeId.FrozenSet,
  TypeId.Instance,
  TypeId.SlotsInstance,
  TypeId.Function,
  TypeId.Generator,
  TypeId.File,
  TypeId.WeakRef,
  TypeId.ListSubclass,
  TypeId.Cell,
  TypeId.MemoryView,
  TypeId.Native,
]) {
  GC_TYPES[t] = 1;
}

/**
 * Whether objects of this type are GC containers in CPython (the type has
 * `Py_TPFLAGS_HAVE_GC`, so each object carries the 16-byte `PyGC_Head` and its
 * allocation and deallocation move the collector's generation-0 count).
 *
 * @example
 * ```ts
 * import { TypeId } from '@pymm/core';
 * import { isGcType } from '@pymm/core/heap';
 * isGcType(TypeId.List); // true
 * isGcType(TypeId.Int);  // false
 * ```
 */
export function isGcType(type: TypeId | number): boolean {
  return GC_TYPES[type] === 1;
}

/**
 * Whether an object of this type holds its references in the order of a
 * sequence that CPython releases last to first (list and tuple deallocation
 * and `list.clear()`), rather than first to last (dicts, instances, slots).
 *
 * @example
 * ```ts
 * import { TypeId } from '@pymm/core';
 * import { releasesItemsBackwards } from '@pymm/core/heap';
 * releasesItemsBackwards(TypeId.Tuple); // true
 * releasesItemsBackwards(TypeId.Dict);  // false
 * ```
 */
export function releasesItemsBackwards(type: TypeId | number): boolean {
  return type === TypeId.List || type === TypeId.Tuple || type === TypeId.ListSubclass;
}
