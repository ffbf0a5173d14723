/**
 * Files, `with` blocks and external references: `open`, `f.close()`, a
 * context manager's exit, and objects kept alive from outside the program
 * (`keep`/`release`, which `with` uses to hold its resource).
 *
 * @module
 */

import { PythonError } from '../heap/containers/python-error.js';
import { type Handle, ObjectFlag } from '../heap/object-store.js';
import { TypeId } from '../objects/type-id.js';
import type { OperationContext } from './operation-context.js';

/** `open(name)`: a file object (a temporary); `buffer` is the size of its I/O buffer in bytes. */
export function open(cx: OperationContext, name: string, buffer: number): Handle {
  cx.literal(name);
  return cx.op('open', () => cx.temporary(cx.heap.newFile(name, buffer)));
}

/** `f.close()`. */
export function close(cx: OperationContext, file: Handle): void {
  cx.statement('close', () => {
    const heap = cx.heap;
    const slot = cx.slot(file, 'close');
    if (heap.store.type[slot] !== TypeId.File) {
      throw new PythonError('AttributeError', `'${heap.typeNameOf(slot)}' object has no attribute 'close'`);
    }
    heap.closeFile(slot, 'close');
  });
}

/** Whether a file is still open. */
export function isOpen(cx: OperationContext, file: Handle): boolean {
  return (cx.heap.store.flags[cx.slot(file, 'isOpen')] & ObjectFlag.Open) !== 0;
}

/** A `with` block: holds the resource while `body` runs, then closes it, even when `body` throws. */
export function withResource<T>(cx: OperationContext, resource: Handle, body: (resource: Handle) => T): T {
  const slot = cx.slot(resource, 'with');
  cx.op('with', () => {
    addExternal(cx, slot);
    cx.consumed(slot);
  });
  try {
    return body(resource);
  } finally {
    cx.statement('with', () => {
      cx.heap.closeFile(slot, 'with');
      dropExternal(cx, slot);
    });
  }
}

/** Keeps an object alive from outside the program (an external root), until {@link release}. */
export function keep(cx: OperationContext, handle: Handle): Handle {
  return cx.statement('keep', () => {
    const slot = cx.slot(handle, 'keep');
    addExternal(cx, slot);
    cx.consumed(slot);
    return handle;
  });
}

/** Drops one external reference taken by {@link keep}. */
export function release(cx: OperationContext, handle: Handle): void {
  cx.statement('release', () => dropExternal(cx, cx.slot(handle, 'release')));
}

/** Adds an external reference to `slot` (one more reference held from outside). */
function addExternal(cx: OperationContext, slot: number): void {
  const external = cx.heap.roots.external;
  external.set(slot, (external.get(slot) ?? 0) + 1);
  cx.heap.incref(slot);
}

/** Drops an external reference to `slot`; throws when it was not kept. */
function dropExternal(cx: OperationContext, slot: number): void {
  const external = cx.heap.roots.external;
  const count = external.get(slot) ?? 0;
  if (count === 0) throw new Error(`release: ${cx.heap.describe(slot)} was not kept`);
  if (count === 1) external.delete(slot);
  else external.set(slot, count - 1);
  cx.heap.decref(slot);
}
