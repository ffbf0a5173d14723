/**
 * The roots of a snapshot: objects referenced from outside it. An object whose reference count is
 * above the references the snapshot holds to it has an outside reference (the interpreter, a frame's
 * local variable, a C extension); the module globals and frame locals the dump named are roots too.
 *
 * @module
 */

import type { HeapSnapshot } from './heap-snapshot.js';

/**
 * Object numbers of the roots, ascending.
 *
 * @example
 * ```ts
 * import { readSnapshot, snapshotRoots } from '@pymm/snapshot';
 * // A list with 2 references, 1 of them from a dict in the snapshot: the other is outside.
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["t",1,"builtins.dict",false]',
 *     '["o",100,0,0,56,2,"<list of 0>",[],null,-1]',
 *     '["o",200,0,1,184,0,"<dict of 1>",[100],null,-1]',
 *     '["end",2,1]',
 *   ].join('\n') + '\n',
 * );
 * [...snapshotRoots(snapshot)]; // [0]
 * ```
 */
export function snapshotRoots(snapshot: HeapSnapshot): Int32Array {
  const { count: n, edgeTarget, refcount } = snapshot;
  const inside = new Float64Array(n);
  for (let e = 0; e < edgeTarget.length; e++) inside[edgeTarget[e]]++;
  const named = new Uint8Array(n);
  for (const root of snapshot.namedRoots) named[root.object] = 1;
  let count = 0;
  const roots = new Int32Array(n);
  for (let i = 0; i < n; i++) if (refcount[i] > inside[i] || named[i]) roots[count++] = i;
  return roots.slice(0, count);
}
