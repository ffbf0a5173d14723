/**
 * Classes and attributes: defining user classes (with `__slots__`, a `list`
 * base, a `__del__` finalizer), creating instances, and `obj.name`,
 * `obj.name = value`, `hasattr` and `del obj.name`.
 *
 * @module
 */

import type { ClassInfo } from '../heap/class-registry.js';
import { deleteAttribute, getAttribute, hasAttribute, setAttribute } from '../heap/containers/attributes.js';
import type { Handle } from '../heap/object-store.js';
import type { OperationContext } from './operation-context.js';
import { type PyValue, slotOfValue } from './values.js';

/**
 * Attributes to set on a new instance.
 *
 * @example
 * ```ts
 * import { type Attributes, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const Person = py.class('Person');
 * const attributes: Attributes = { name: py.str('Ada'), born: py.int(1815) };
 * py.locals.ada = Person.new(attributes);
 * py.value(py.getattr(py.locals.ada, 'name')); // 'Ada'
 * ```
 */
export type Attributes = Record<string, Handle>;

/**
 * A user class, as returned by `Runtime.class`.
 *
 * @example
 * ```ts
 * import { type PyClass, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const Node: PyClass = py.class('Node');
 * py.locals.n = Node.new({ value: py.int(1) });
 * py.type(py.locals.n); // 'Node'
 * Node.info.attributeNames; // ['value']
 * ```
 */
export interface PyClass {
  /** The class's name. */
  readonly name: string;
  /** The heap's description of the class. */
  readonly info: ClassInfo;
  /** Creates an instance (a temporary), setting the given attributes, like `Node(...)`. */
  new: (attributes?: Attributes) => Handle;
}

/**
 * Options for `Runtime.class`.
 *
 * @example
 * ```ts
 * import { type ClassOptions, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const point: ClassOptions = { slots: ['x', 'y'] };
 * py.locals.p = py.class('Point', point).new({ x: py.int(1), y: py.int(2) });
 * py.sizeof(py.locals.p); // 48, without a __dict__
 * const stack: ClassOptions = { base: 'list' };
 * py.locals.s = py.class('Stack', stack).new();
 * py.isList(py.locals.s); // true
 * const closing: ClassOptions = { del: (self) => py.close(py.getattr(self, 'file')) };
 * py.class('Handle', closing).info.finalizer !== null; // true
 * ```
 */
export interface ClassOptions {
  /** `__slots__`: instances have exactly these attributes and no `__dict__` (and no weak references). */
  readonly slots?: readonly string[];
  /** `__del__`: called once when the instance is about to be freed; it may resurrect it. */
  readonly del?: (self: Handle) => void;
  /** Build on `list` instead of `object` (a list subclass). */
  readonly base?: 'object' | 'list';
}

/** Defines a class: instances have a `__dict__` unless `slots` is given; `del` is its `__del__`. */
export function defineClass(cx: OperationContext, name: string, options: ClassOptions): PyClass {
  const info = cx.heap.defineClass({
    name,
    base: options.base,
    slots: options.slots ?? (options.base === 'list' ? [] : null),
    finalizer: options.del ?? null,
  });
  return { name, info, new: (attributes) => newInstance(cx, info, attributes) };
}

/** Creates an instance of a class (a temporary) with the given attributes. */
export function newInstance(
  cx: OperationContext,
  klass: ClassInfo | PyClass,
  attributes: Attributes = {},
): Handle {
  const info = 'info' in klass ? klass.info : klass;
  return cx.op('new', () => {
    const obj = cx.heap.newInstance(info);
    const temp = cx.temporary(obj);
    for (const [name, value] of Object.entries(attributes)) {
      const slot = cx.slot(value, `${info.name}.${name}`);
      setAttribute(cx.heap, obj, name, slot);
      cx.consumed(slot);
    }
    return temp;
  });
}

/** `obj.name = value`. */
export function setattr(cx: OperationContext, obj: Handle, name: string, value: PyValue): void {
  cx.statement('setattr', () => {
    const v = slotOfValue(cx, value, 'setattr');
    setAttribute(cx.heap, cx.slot(obj, 'setattr'), name, v);
    cx.consumed(v);
  });
}

/** `obj.name`: a borrowed handle. */
export function getattr(cx: OperationContext, obj: Handle, name: string): Handle {
  return cx.heap.store.handleOf(getAttribute(cx.heap, cx.slot(obj, 'getattr'), name));
}

/** `hasattr(obj, name)`. */
export function hasattr(cx: OperationContext, obj: Handle, name: string): boolean {
  return hasAttribute(cx.heap, cx.slot(obj, 'hasattr'), name);
}

/** `del obj.name`. */
export function delattr(cx: OperationContext, obj: Handle, name: string): void {
  cx.statement('delattr', () => deleteAttribute(cx.heap, cx.slot(obj, 'delattr'), name));
}
