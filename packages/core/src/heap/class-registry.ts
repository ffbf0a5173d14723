/**
 * The class registry: user-defined classes by id (the id is what an
 * instance's `klass` column stores), with their layout and finalizer.
 *
 * @module
 */

import type { Handle } from './object-store.js';

/**
 * A user-defined class: its name, layout and finalizer.
 *
 * @example
 * ```ts
 * import { type ClassInfo, createRuntime } from '@pymm/core';
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
  /** Attribute names seen on instances (the class's shared keys), in first-set order. */
  readonly attributeNames: string[];
  /** Index of each attribute name in {@link ClassInfo.attributeNames}. */
  readonly attributeIndex: Map<string, number>;
}

/** What {@link ClassRegistry.define} needs to know about a class. */
export interface ClassSpec {
  name: string;
  base?: 'object' | 'list';
  slots?: readonly string[] | null;
  finalizer?: ((self: Handle) => void) | null;
}

/** The heap's user classes, by id; id 0 means "no class". */
export class ClassRegistry {
  private readonly classes: ClassInfo[] = [null as unknown as ClassInfo];

  /** Registers a user class and returns its description. */
  define(spec: ClassSpec): ClassInfo {
    const slots = spec.slots ?? null;
    const info: ClassInfo = {
      id: this.classes.length,
      name: spec.name,
      base: spec.base ?? 'object',
      slots,
      finalizer: spec.finalizer ?? null,
      weakrefable: slots === null,
      attributeNames: slots ? [...slots] : [],
      attributeIndex: new Map((slots ?? []).map((n, i) => [n, i])),
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
