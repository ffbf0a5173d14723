/**
 * The write barrier at work, as an event: an incremental tracing collector's
 * barrier shaded an object because the program stored a reference to it into
 * an object already reached.
 *
 * @module
 */

import type { Handle } from '../heap/object-store.js';

/**
 * Dijkstra's insertion barrier shaded an object: while marking was under way,
 * the program stored a reference to a white object (`target`) into a marked
 * one (`holder`), and the barrier made the target grey, so that no black object
 * ever refers to a white one. Emitted only when the barrier shades (a store of
 * an object already grey or black is not reported), and only while someone
 * listens (the collector asks `heap.events.wants('write-barrier')` once per
 * cycle).
 *
 * @example
 * ```ts
 * import { type WriteBarrierEvent, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const shaded: WriteBarrierEvent[] = [];
 * py.on('write-barrier', (event) => shaded.push(event));
 * py.locals.xs = py.list(); // the default strategy has no write barrier
 * shaded.length; // 0
 * ```
 */
export interface WriteBarrierEvent {
  readonly kind: 'write-barrier';
  /** The object stored into (grey or black). */
  readonly holder: Handle;
  /** The object stored, shaded from white to grey. */
  readonly target: Handle;
  readonly operation: number;
}
