/**
 * The host stack's headroom, checked where a Python frame is entered. Each Python call takes a few
 * kilobytes of the host's stack, so deep recursion can exhaust the host stack below the recursion
 * limit; if the host threw there, anywhere, a value owned but not yet on the value stack would be
 * lost (a leaked reference). Past a modest depth, every few frames, the interpreter first makes
 * sure a generous reserve is left, and raises `RecursionError` at the frame's entry, where every
 * value is rooted, when it is not.
 *
 * @module
 */

import { isHostStackOverflow } from './signals.js';

/** Below this Python depth the host stack is never short (no check at all). */
const FIRST_CHECKED_DEPTH = 48;
/** The reserve is checked at every this many levels. */
const CHECK_EVERY = 4;
/** Frames of {@link probe} that must fit (about a hundred kilobytes: many Python levels' worth). */
const RESERVE_FRAMES = 1200;

/** Recurses `n` frames with a few words each, to find whether that much stack is left. */
function probe(n: number, a: number, b: number, c: number): number {
  return n === 0 ? a + b + c : probe(n - 1, b, c, a + 1) + 1;
}

/** Whether a Python frame at `depth` may be entered without risking the host stack. */
export function hostStackAllows(depth: number): boolean {
  if (depth < FIRST_CHECKED_DEPTH || depth % CHECK_EVERY !== 0) return true;
  try {
    probe(RESERVE_FRAMES, 0, 1, 2);
    return true;
  } catch (error) {
    if (isHostStackOverflow(error)) return false;
    throw error;
  }
}
