/**
 * A heap snapshot in memory: the objects of a CPython process as parallel typed arrays indexed by
 * object number (the order of the file), and their references as one compressed sparse row.
 *
 * @module
 */

/** Generation of an object that the collector does not track (`gc.is_tracked(o)` is false).
 *
 * @example
 * ```ts
 * import { UNTRACKED } from '@pymm/snapshot';
 * UNTRACKED; // -1
 * ```
 */
export const UNTRACKED = -1;

/** What the dump recorded about the process.
 *
 * @example
 * ```ts
 * import { readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * snapshot.header.python; // '3.12.1'
 * ```
 */
export interface SnapshotHeader {
  /** `pymm-snapshot`. */
  readonly format: string;
  /** Format version (1). */
  readonly version: number;
  /** CPython version of the process, `3.12.1`. */
  readonly python: string;
  /** `gc.get_threshold()` when dumped. */
  readonly thresholds: readonly number[];
  /** `gc.get_count()` when dumped. */
  readonly counts: readonly number[];
  /** Whether tracemalloc was tracing (objects then carry allocation sites). */
  readonly tracemalloc: boolean;
}

/** A root the dump named: a module's globals dict, or an object a frame's local variable holds.
 *
 * @example
 * ```ts
 * import type { NamedRoot } from '@pymm/snapshot';
 * const root: NamedRoot = { object: 0, kind: 'module', label: '__main__' };
 * root.kind; // 'module'
 * ```
 */
export interface NamedRoot {
  /** Object number. */
  readonly object: number;
  /** `module` or `frame`. */
  readonly kind: string;
  /** The module's name, or `function file:line` of the frame. */
  readonly label: string;
}

/** The objects of a snapshot, their types, sites and references.
 *
 * @example
 * ```ts
 * import { readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",4096,0,0,64,1,"<list of 1>",[8192],null,-1]',
 *     '["o",8192,0,0,64,1,"<list of 1>",[4096],null,-1]',
 *     '["end",2,2]',
 *   ].join('\n') + '\n',
 * );
 * [...snapshot.edgeStart]; // [0, 1, 2]
 * [...snapshot.edgeTarget]; // [1, 0]
 * ```
 */
export interface HeapSnapshot {
  readonly header: SnapshotHeader;
  /** Number of objects. */
  readonly count: number;
  /** `id(o)` of each object (its address in the process). */
  readonly address: Float64Array;
  /** Generation 0–2 of each tracked object, or {@link UNTRACKED}. */
  readonly generation: Int8Array;
  /** Index into {@link HeapSnapshot.typeNames} of each object's type. */
  readonly type: Int32Array;
  /** `sys.getsizeof(o)` of each object. */
  readonly size: Float64Array;
  /** Reference count of each object, less the dump's own references. */
  readonly refcount: Float64Array;
  /** Allocation site of each object (index into {@link HeapSnapshot.sites}), or -1. */
  readonly site: Int32Array;
  /** A short safe repr of each object. */
  readonly repr: readonly string[];
  /** The references of object `i` are `edgeTarget[edgeStart[i] .. edgeStart[i + 1]]`, in `gc.get_referents` order. */
  readonly edgeStart: Int32Array;
  /** Object number each reference points to. */
  readonly edgeTarget: Int32Array;
  /** Labels of references where the dump could know them (`.[3]`, `['key']`), by reference index. */
  readonly edgeLabel: ReadonlyMap<number, string>;
  /** Type names, `module.qualname`. */
  readonly typeNames: readonly string[];
  /** Whether each type has a finalizer (`__del__`, or a generator's). */
  readonly typeHasFinalizer: readonly boolean[];
  /** Allocation sites: the traceback's frames, `file:line`, oldest first as tracemalloc gives them. */
  readonly sites: readonly (readonly string[])[];
  /** The module globals and frame locals the dump named. */
  readonly namedRoots: readonly NamedRoot[];
  /** References to objects absent from the snapshot (frozen objects), dropped. */
  readonly droppedReferences: number;
}
