/**
 * What the worker sends the page for one pane at one step: the heap picture as a graph already
 * grouped (so that a heap of 10,000 objects crosses to the page as a hundred boxes, not as 10,000
 * inspected objects), the console, and the phases of the statement before.
 *
 * @module
 */

import type { HeapEvent } from '@pymm/core';
import type { HeapInspection } from '@pymm/python';
import { buildHeapGraph, type HeapGraph } from '../ui/heap-graph.js';
import type { PaneConfig, PaneStep } from './session.js';

/** One pane at one step, ready to draw. */
export interface PanePicture {
  readonly step: number;
  /** The line about to run (0 past the pane's end). */
  readonly line: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly events: readonly HeapEvent[];
  /** The picture, or null when the program has ended on this pane. */
  readonly graph: HeapGraph | null;
}

/** The picture of `step` on `pane`, with the objects `before` had and it has not as ghosts. */
export function pictureOf(
  step: PaneStep,
  before: HeapInspection | null,
  pane: PaneConfig,
  expanded: readonly string[],
): PanePicture {
  const graph = step.inspection
    ? buildHeapGraph(step.inspection, before, {
        show: { refcount: pane.strategy !== 'mark-sweep', generation: pane.strategy === 'generational' },
        expanded: new Set(expanded),
      })
    : null;
  return {
    step: step.step,
    line: step.inspection?.line ?? 0,
    stdout: step.stdout,
    stderr: step.stderr,
    events: step.events,
    graph,
  };
}
