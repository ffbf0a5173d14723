/**
 * The words for where a mark-sweep cycle stands and what colour an object
 * has in it (the tri-colour abstraction of Dijkstra et al.).
 *
 * @module
 */

/**
 * Where a collection cycle stands, in the order the phases run.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { markSweep, type CyclePhase } from '@pymm/mark-sweep';
 * const py = createRuntime({ strategy: markSweep() });
 * const phase: CyclePhase = py.strategy.phase; // 'idle'
 * ```
 */
export type CyclePhase =
  | 'idle'
  | 'root-scan'
  | 'marking'
  | 'termination'
  | 'finalizer-discovery'
  | 'finalizer-marking'
  | 'release-interned'
  | 'finalizing'
  | 'sweeping';

/**
 * An object's colour in the tri-colour abstraction: `white` (not reached),
 * `grey` (reached, references not all traced), `black` (reached and traced).
 *
 * @example
 * ```ts
 * import type { Colour } from '@pymm/mark-sweep';
 * const colour: Colour = 'grey';
 * ```
 */
export type Colour = 'white' | 'grey' | 'black';
