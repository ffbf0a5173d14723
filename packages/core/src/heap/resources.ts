/**
 * Resources: open files (each with a record in the resource log, closed by
 * `close()`, a `with` exit or deallocation) and the close actions of
 * suspended generators (their `finally` blocks and `with` exits).
 *
 * @module
 */

import { TypeId } from '../objects/type-id.js';
import type { HeapCore } from './heap-core.js';
import { type Handle, ObjectFlag } from './object-store.js';

/**
 * An open or closed resource (file object), as `Heap.resourceLog` records it.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type ResourceRecord } from '@pymm/core/heap';
 * const py = createRuntime();
 * py.locals.log = py.open('log.txt');
 * py.with(py.open('data.txt'), () => {});
 * const records: readonly ResourceRecord[] = py.heap.resourceLog;
 * records.map((r) => [r.name, r.how]); // [['log.txt', null], ['data.txt', 'with']]
 * records[0].closedAt; // null: still open
 * ```
 */
export interface ResourceRecord {
  readonly handle: Handle;
  readonly name: string;
  readonly openedAt: number;
  closedAt: number | null;
  how: 'close' | 'with' | 'dealloc' | null;
}

/** Open files and generator close actions, by slot while their objects live. */
export class Resources {
  /** Every resource ever opened, in opening order. */
  readonly log: ResourceRecord[] = [];
  /** Number of files currently open. */
  openFileCount = 0;
  /** Resource records by slot while the object lives. */
  private readonly openResources = new Map<number, ResourceRecord>();
  private readonly generatorClosers = new Map<number, () => void>();
  /** What runs when an object flagged {@link ObjectFlag.ReleaseHook} is freed. */
  private readonly releaseHooks = new Map<number, () => void>();

  constructor(private readonly heap: HeapCore) {}

  /** Records a new file object as open. */
  open(slot: number, name: string): void {
    const heap = this.heap;
    heap.store.flags[slot] |= ObjectFlag.Open | ObjectFlag.HasFinalizer;
    const record: ResourceRecord = {
      handle: heap.store.handleOf(slot),
      name,
      openedAt: heap.operation,
      closedAt: null,
      how: null,
    };
    this.openResources.set(slot, record);
    this.log.push(record);
    this.openFileCount++;
  }

  /** Closes a file if it is open (`f.close()`, a `with` exit, or deallocation). */
  closeFile(slot: number, how: 'close' | 'with' | 'dealloc'): void {
    const heap = this.heap;
    const flags = heap.store.flags[slot];
    if ((flags & ObjectFlag.Open) === 0) return;
    heap.store.flags[slot] = flags & ~ObjectFlag.Open;
    this.openFileCount--;
    const record = this.openResources.get(slot)!;
    record.closedAt = heap.operation;
    record.how = how;
    if (heap.events.wants('resource-closed')) {
      heap.events.emit({
        kind: 'resource-closed',
        handle: record.handle,
        name: record.name,
        how,
        operation: heap.operation,
        openedAt: record.openedAt,
      });
    }
  }

  /** Registers what closing a suspended generator runs; the generator then has a finalizer. */
  setGeneratorCloser(slot: number, onClose: () => void): void {
    this.generatorClosers.set(slot, onClose);
    this.heap.store.flags[slot] |= ObjectFlag.HasFinalizer;
  }

  /** Closes a generator (its finalizer): runs its close action once, if it has one. */
  closeGenerator(slot: number): void {
    const close = this.generatorClosers.get(slot);
    this.generatorClosers.delete(slot);
    close?.();
  }

  /** Registers what runs when the object in `slot` is freed (a front end forgetting its side data). */
  onRelease(slot: number, released: () => void): void {
    this.releaseHooks.set(slot, released);
    this.heap.store.flags[slot] |= ObjectFlag.ReleaseHook;
  }

  /** Runs and forgets the release hook of an object being freed. */
  runReleaseHook(slot: number): void {
    const released = this.releaseHooks.get(slot);
    this.releaseHooks.delete(slot);
    released?.();
  }

  /** Forgets a freed object's resource state. */
  forget(slot: number, type: TypeId): void {
    if (type === TypeId.File) this.openResources.delete(slot);
    else if (type === TypeId.Generator) this.generatorClosers.delete(slot);
  }
}
