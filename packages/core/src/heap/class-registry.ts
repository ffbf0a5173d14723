/**
 * The class registry: user-defined classes by id (the id is what an
 * instance's `klass` column stores), with their layout and finalizer.
 *
 * @module
 */

import { type Handle, NULL_REF } from './object-store.js';

/**
 * A user-defined class: its name, layout and finalizer.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type ClassInfo } from '@pymm/core/heap';
 * const py = createRuntime();
 * const plain: ClassInfo = py.class('Node').info;
 * const slotted: ClassInfo = py.class('Point', { slots: ['x', 'y'] }).info;
 * [plain.slots, plain.weakrefable]; // [null, true]
 * [slotted.slots, slotted.weakrefable]; // [['x', 'y'], false]
 * py.locals.n = py.new(plain, { value: py.int(1) });
 * plain.attributeNames; // ['value']
 * ```
 */
export interface ClassInfo {
  /** Class id (stored in the heap's `klass` column); 0 is reserved for "no class". */
  readonly id: number;
  readonly name: string;
  /** What instances are built on: a plain object, or a `list` subclass. */
  readonly base: 'object' | 'list';
  /** `__slots__` names, or `null` for a class whose instances have a `__dict__`. */
  readonly slots: readonly string[] | null;
  /** `__del__`, called with the dying instance's handle. */
  readonly finalizer: ((self: Handle) => void) | null;
  /** Whether instances can be weakly referenced (classes with a `__dict__` can). */
  readonly weakrefable: boolean;
  /**
   * The class object instances hold a reference to (their first reference cell, named
   * `__class__`), or `NULL_REF` when instances hold none.
   */
  readonly typeObject: number;
  /**
   * Attribute names seen on instances (the class's shared keys), in first-set order; with a
   * {@link ClassInfo.typeObject}, `__class__` comes first.
   */
  readonly attributeNames: string[];
  /** Index of each attribute name in {@link ClassInfo.attributeNames}. */
  readonly attributeIndex: Map<string, number>;
}

/**
 * What defining a class needs to know (`Heap.defineClass`): its name, its base (`object` or
 * `list`), its `__slots__` (or `null` for a `__dict__`) and its `__del__`.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import type { ClassSpec } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const spec: ClassSpec = { name: 'Point', slots: ['x', 'y'] };
 * const info = heap.defineClass(spec);
 * [info.name, info.slots]; // ['Point', ['x', 'y']]
 * ```
 */
export interface ClassSpec {
  /** The class name (`__name__`). */
  name: string;
  /** The base class: `object` (the default) or `list`. */
  base?: 'object' | 'list';
  /** `__slots__` names, or `null` (the default) for instances with a `__dict__`. */
  slots?: readonly string[] | null;
  /** The class's `__del__`, called with the instance, or `null` (the default) for none. */
  finalizer?: ((self: Handle) => void) | null;
  /** The class object (a slot) each instance holds a reference to, or none (the default). */
  typeObject?: number;
}

/** The heap's user classes, by id; id 0 means "no class". */
export class ClassRegistry {
  private readonly classes: ClassInfo[] = [null as unknown as ClassInfo];

  /** Registers a user class and returns its description. */
  define(spec: ClassSpec): ClassInfo {
    const slots = spec.slots ?? null;
    const typeObject = spec.typeObject ?? NULL_REF;
    const names = typeObject === NULL_REF ? [...(slots ?? [])] : ['__class__', ...(slots ?? [])];
    const info: ClassInfo = {
      id: this.classes.length,
      name: spec.name,
      base: spec.base ?? 'object',
      slots,
      finalizer: spec.finalizer ?? null,
      weakrefable: slots === null,
      typeObject,
      attributeNames: names,
      attributeIndex: new Map(names.map((n, i) => [n, i])),
    };
    if (info.id > 0xffff) throw new RangeError('too many classes (at most 65535)');
    this.classes.push(info);
    return info;
  }

  /** A class by id; a `RangeError` for an id no class has. */
  info(id: number): ClassInfo {
    const info = this.classes[id];
    if (!info) throw new RangeError(`no class with id ${id}`);
    return info;
  }

  /** A class by id, unchecked: `undefined` for 0 (an object that is no instance). */
  at(id: number): ClassInfo | undefined {
    return this.classes[id];
  }
}
