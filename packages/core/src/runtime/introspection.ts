/**
 * Introspection: what a program can ask about its objects (`sys.getsizeof`,
 * reference counts, `type`, `is`, liveness) and about memory as a whole.
 *
 * @module
 */

import { isList as isListObject } from '../heap/containers/list.js';
import type { Handle } from '../heap/object-store.js';
import type { AllocatorStats } from '../memory/allocator.js';
import type { OperationContext } from './operation-context.js';

/**
 * What `Runtime.memory` reports.
 *
 * @example
 * ```ts
 * import { type MemoryReport, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const before: MemoryReport = py.memory();
 * py.locals.xs = py.list();
 * py.locals.f = py.open('data.txt');
 * const after: MemoryReport = py.memory();
 * after.liveBytes - before.liveBytes; // 120: the list (56) and the file object (64)
 * after.openFiles; // 1
 * after.allocator.heldBytes > 0; // true: pymalloc took an arena
 * ```
 */
export interface MemoryReport {
  /** Live objects. */
  readonly objects: number;
  /** Bytes in live objects (sum of `sys.getsizeof`). */
  readonly liveBytes: number;
  /** Highest `liveBytes` so far. */
  readonly peakLiveBytes: number;
  /** The allocator's view: held bytes, arenas, fragmentation. */
  readonly allocator: AllocatorStats;
  /** Files open now. */
  readonly openFiles: number;
}

/** `sys.getsizeof(obj)`. */
export function sizeof(cx: OperationContext, obj: Handle): number {
  return cx.heap.store.sizeof[cx.slot(obj, 'sizeof')];
}

/** The object's reference count (`sys.getrefcount(obj) - 1`), or 0 when counts are not kept. */
export function refcount(cx: OperationContext, obj: Handle): number {
  return cx.heap.store.refcount[cx.slot(obj, 'refcount')];
}

/** `type(obj).__name__`. */
export function typeName(cx: OperationContext, obj: Handle): string {
  return cx.heap.typeNameOf(cx.slot(obj, 'type'));
}

/** `a is b`. */
export function is(cx: OperationContext, a: Handle, b: Handle): boolean {
  return cx.slot(a, 'is') === cx.slot(b, 'is');
}

/** Whether the object is a list (or a list subclass). */
export function isList(cx: OperationContext, obj: Handle): boolean {
  return isListObject(cx.heap, cx.slot(obj, 'isList'));
}

/** Memory in use now: objects, live and peak bytes, and the allocator's view. */
export function memory(cx: OperationContext): MemoryReport {
  const heap = cx.heap;
  return {
    objects: heap.store.liveCount,
    liveBytes: heap.liveBytes,
    peakLiveBytes: heap.peakLiveBytes,
    allocator: heap.allocator.stats(),
    openFiles: heap.openFileCount,
  };
}
