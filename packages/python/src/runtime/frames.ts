/**
 * Frame objects (`PyFrameObject`): created when something needs one (a traceback entry,
 * `sys._getframe()`), owned by the running frame; when the frame exits while its frame object
 * is still referenced elsewhere, the frame object takes over the locals (`take_ownership`), so a
 * traceback keeps them alive. Otherwise the locals are released first to last (`_PyFrame_Clear`).
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { Frame, Interp } from './interp.js';

/** Side data of a frame object. */
export interface FrameData {
  readonly kind: 'frame';
  readonly name: string;
  readonly filename: string;
  /** The running frame, until it exits. */
  frame: Frame | null;
  lineno: number;
}

/** The frame object of `f`, created on first use (borrowed: the frame holds it). */
export function frameObject(ip: Interp, f: Frame): number {
  if (f.frameObj === NULL_REF) {
    const data: FrameData = {
      kind: 'frame',
      name: f.code.name,
      filename: f.code.filename,
      frame: f,
      lineno: f.lineno,
    };
    f.frameObj = ip.native('frame', [], data);
    // The running frame's reference is a root (frames are not heap objects).
    const external = ip.heap.roots.external;
    external.set(f.frameObj, (external.get(f.frameObj) ?? 0) + 1);
  }
  return f.frameObj;
}

/** Releases a frame's locals at its exit, or moves them into its surviving frame object. */
export function releaseLocals(ip: Interp, f: Frame): void {
  const heap = ip.heap;
  const locals = f.ns.values;
  const n = f.ns.length;
  const frameObj = f.frameObj;
  if (frameObj !== NULL_REF) {
    const data = ip.payload(frameObj) as FrameData;
    data.frame = null;
    data.lineno = f.lineno;
    f.frameObj = NULL_REF;
    const external = heap.roots.external;
    const kept = external.get(frameObj) ?? 0;
    if (kept > 1) external.set(frameObj, kept - 1);
    else external.delete(frameObj);
    const survives = !heap.refcounting || heap.store.refcount[frameObj] > 1;
    if (survives) {
      for (let i = 0; i < n; i++) {
        const v = locals[i];
        if (v === NULL_REF) continue;
        heap.appendCell(frameObj, v);
        locals[i] = NULL_REF;
        heap.decref(v);
      }
    }
    ip.drop(frameObj);
  }
  for (let i = 0; i < n; i++) {
    const v = locals[i];
    if (v === NULL_REF) continue;
    locals[i] = NULL_REF;
    heap.decref(v);
  }
}
