/**
 * The worker's cache of inspected steps. Re-running a program to a step costs the whole prefix, so
 * one run inspects a window of steps in the direction the learner is going; the next steps that
 * way are then answered at once. The window holds about {@link WINDOW_OBJECTS} objects in all:
 * long for a small heap, short for a large one.
 *
 * @module
 */

import { inspectSteps, type PaneStep, type ProgramConfig } from './session.js';

/** Objects the inspections of one window may hold together. */
export const WINDOW_OBJECTS = 150_000;
/** Most steps in a window. */
export const MAX_WINDOW = 32;

/** Steps of one program, inspected. */
export class StepCache {
  private key = '';
  private readonly steps = new Map<number, PaneStep[]>();
  private objectsPerStep = 1;

  /** The panes at `step`, from the cache or from a new window going `direction`. */
  get(
    config: ProgramConfig,
    step: number,
    lastStep: number,
    direction: 1 | -1,
  ): { panes: PaneStep[]; cached: boolean } {
    const key = JSON.stringify(config);
    if (key !== this.key) {
      this.key = key;
      this.steps.clear();
      this.objectsPerStep = 1;
    }
    const cached = this.steps.get(step);
    if (cached) return { panes: cached, cached: true };
    const size = Math.max(1, Math.min(MAX_WINDOW, Math.floor(WINDOW_OBJECTS / this.objectsPerStep)));
    const from = direction > 0 ? step : Math.max(1, step - size + 1);
    const to = direction > 0 ? Math.min(Math.max(step, lastStep), step + size - 1) : step;
    const window = inspectSteps(config, from, to);
    this.steps.clear();
    for (const [k, panes] of window.entries()) this.steps.set(from + k, panes);
    const objects = window.map((panes) => panes.reduce((n, p) => n + (p.inspection?.objects.length ?? 0), 0));
    this.objectsPerStep = Math.max(1, ...objects);
    return { panes: window[step - from], cached: false };
  }
}
