/**
 * The Python exceptions that container and attribute operations raise, and
 * the type check they start with.
 *
 * @module
 */

import { type TypeId, typeName } from '../../objects/type-id.js';
import type { Heap } from '../heap.js';

/**
 * A Python exception raised by a simulated operation (`IndexError`,
 * `KeyError`, `TypeError`, `AttributeError`, ...). `pythonType` names it.
 *
 * @example
 * ```ts
 * import { PythonError } from '@pymm/core';
 * const error = new PythonError('IndexError', 'list index out of range');
 * error.message; // 'IndexError: list index out of range'
 * ```
 */
export class PythonError extends Error {
  override readonly name = 'PythonError';
  constructor(
    /** The Python exception class name. */
    readonly pythonType: string,
    /** The exception's message, as Python would print it. */
    readonly detail: string,
  ) {
    super(`${pythonType}: ${detail}`);
  }
}

/**
 * Throws a `TypeError` unless `slot` is one of `types`.
 */
export function expectType(heap: Heap, slot: number, types: readonly number[], operation: string): void {
  const type = heap.store.type[slot];
  if (!types.includes(type)) {
    const wanted = [...new Set(types.map((t) => typeName(t as TypeId)))].join(' or ');
    throw new PythonError('TypeError', `${operation}: expected ${wanted}, got ${heap.typeNameOf(slot)}`);
  }
}
