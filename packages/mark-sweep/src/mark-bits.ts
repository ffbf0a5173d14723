/**
 * The object-flag bits the collector owns. Core reserves four bits of every
 * object's `flags` word for the active strategy (`ObjectFlag.Strategy0..3`);
 * mark-sweep uses three of them as its colours and a scratch mark, so marking
 * allocates nothing per object (`Strategy2` is free: core tells the strategy
 * about objects with finalizers once, through `finalizerRegistered`).
 *
 * Tri-colour reading of the bits:
 *
 * | colour | `MARKED` | `GREY` | meaning                                         |
 * |--------|----------|--------|-------------------------------------------------|
 * | white  | 0        | 0      | not reached (yet); garbage if still white at the end of marking |
 * | grey   | 1        | 1      | reached, its references not (all) traced yet     |
 * | black  | 1        | 0      | reached and traced                               |
 *
 * @module
 */

import { ObjectFlag } from '@pymm/core';

/** Reached by the tracer in the current cycle (grey or black), or allocated during it. */
export const MARKED = ObjectFlag.Strategy0;
/** On the mark stack or partly scanned: reached, references not all traced. */
export const GREY = ObjectFlag.Strategy1;
/** Scratch bit of weak-reference processing: this referent's weak references were handled. */
export const WEAKREFS_HANDLED = ObjectFlag.Strategy3;
/** Both colour bits. */
export const COLOUR_BITS = MARKED | GREY;
