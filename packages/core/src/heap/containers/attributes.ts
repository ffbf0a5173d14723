/**
 * Instance attributes (`PyObject_GenericGetAttr` / `PyObject_GenericSetAttr`):
 * a plain instance's values array follows its class's shared keys and grows
 * with them; a `__slots__` instance has exactly its declared slots.
 *
 * @module
 */

import { TypeId } from '../../objects/type-id.js';
import type { Heap } from '../heap.js';
import { NULL_REF } from '../object-store.js';
import { PythonError } from './python-error.js';

function attributeCell(heap: Heap, obj: number, name: string, create: boolean, operation: string): number {
  const store = heap.store;
  const type = store.type[obj];
  if (type !== TypeId.Instance && type !== TypeId.SlotsInstance) {
    throw new PythonError('AttributeError', `'${heap.typeNameOf(obj)}' object has no attribute '${name}'`);
  }
  const klass = heap.classInfo(store.klass[obj]);
  let index = klass.attributeIndex.get(name);
  if (index === undefined) {
    if (!create || klass.slots) {
      throw new PythonError('AttributeError', `'${klass.name}' object has no attribute '${name}'`);
    }
    index = klass.attributeNames.length;
    klass.attributeNames.push(name);
    klass.attributeIndex.set(name, index);
  }
  if (index >= store.refLen[obj]) {
    if (!create) throw new PythonError('AttributeError', `'${klass.name}' object has no attribute '${name}'`);
    store.reserveRefs(obj, index + 1);
    store.refs.cells.fill(NULL_REF, store.refStart[obj] + store.refLen[obj], store.refStart[obj] + index + 1);
    store.refLen[obj] = index + 1;
    if (type === TypeId.Instance && index + 1 > store.aux[obj]) {
      // The shared keys grew past the values array: reallocate it.
      const usable = Math.max(index + 1, store.aux[obj] * 2);
      heap.replaceExtraBlock(obj, heap.sizes.instanceValuesBytes(usable));
      store.aux[obj] = usable;
    }
  }
  void operation;
  return index;
}

/**
 * `setattr(obj, name, value)`; an `AttributeError` for a name a `__slots__` class does not declare.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { getAttribute, setAttribute } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const node = heap.newInstance(heap.defineClass({ name: 'Node' }));
 * setAttribute(heap, node, 'value', heap.newInt(7));
 * heap.store.scalar[getAttribute(heap, node, 'value')]; // 7
 * const point = heap.newInstance(heap.defineClass({ name: 'Point', slots: ['x', 'y'] }));
 * let message = '';
 * try {
 *   setAttribute(heap, point, 'z', heap.newInt(0));
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message; // "AttributeError: 'Point' object has no attribute 'z'"
 * ```
 */
export function setAttribute(heap: Heap, obj: number, name: string, value: number): void {
  const index = attributeCell(heap, obj, name, true, 'setattr');
  heap.setCell(obj, index, value);
}

/**
 * `getattr(obj, name)`: the value's slot; `AttributeError` when unset.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { getAttribute, setAttribute } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const node = heap.newInstance(heap.defineClass({ name: 'Node' }));
 * setAttribute(heap, node, 'name', heap.newStr('root'));
 * heap.store.text.get(getAttribute(heap, node, 'name')); // 'root'
 * let message = '';
 * try {
 *   getAttribute(heap, node, 'parent');
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message; // "AttributeError: 'Node' object has no attribute 'parent'"
 * ```
 */
export function getAttribute(heap: Heap, obj: number, name: string): number {
  const index = attributeCell(heap, obj, name, false, 'getattr');
  const value = heap.store.refs.cells[heap.store.refStart[obj] + index];
  if (value === NULL_REF) {
    throw new PythonError('AttributeError', `'${heap.typeNameOf(obj)}' object has no attribute '${name}'`);
  }
  return value;
}

/**
 * Whether `hasattr(obj, name)`.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { hasAttribute, setAttribute } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const node = heap.newInstance(heap.defineClass({ name: 'Node' }));
 * setAttribute(heap, node, 'value', heap.none);
 * hasAttribute(heap, node, 'value'); // true
 * hasAttribute(heap, node, 'next');  // false
 * ```
 */
export function hasAttribute(heap: Heap, obj: number, name: string): boolean {
  try {
    getAttribute(heap, obj, name);
    return true;
  } catch (error) {
    if (error instanceof PythonError && error.pythonType === 'AttributeError') return false;
    throw error;
  }
}

/**
 * `delattr(obj, name)`: the attribute's cell becomes empty ({@link NULL_REF}); `AttributeError` when unset.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { deleteAttribute, hasAttribute, setAttribute } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const node = heap.newInstance(heap.defineClass({ name: 'Node' }));
 * setAttribute(heap, node, 'value', heap.newInt(1));
 * deleteAttribute(heap, node, 'value');
 * hasAttribute(heap, node, 'value'); // false
 * ```
 */
export function deleteAttribute(heap: Heap, obj: number, name: string): void {
  getAttribute(heap, obj, name);
  const index = attributeCell(heap, obj, name, false, 'delattr');
  heap.setCell(obj, index, NULL_REF);
}
