/**
 * The messages between the page and the interpreter's Web Worker. The worker answers each request
 * with its `id`; the page ignores answers to requests it no longer wants.
 *
 * @module
 */

import type { PanePicture } from './pane-picture.js';
import type { ProgramConfig, ProgramRun } from './session.js';

/** What the page asks. */
export type WorkerRequest =
  | { readonly id: number; readonly kind: 'run'; readonly config: ProgramConfig }
  | {
      readonly id: number;
      readonly kind: 'step';
      readonly config: ProgramConfig;
      readonly step: number;
      /** The last step (the window of steps inspected together stays within it). */
      readonly lastStep: number;
      /** Where the learner is heading: the worker inspects the steps that way in the same run. */
      readonly direction: 1 | -1;
      /** The groups expanded in each pane. */
      readonly expanded: readonly (readonly string[])[];
    };

/** What the worker answers. */
export type WorkerResponse =
  | { readonly id: 0; readonly kind: 'ready' }
  | { readonly id: number; readonly kind: 'run'; readonly run: ProgramRun; readonly ms: number }
  | {
      readonly id: number;
      readonly kind: 'step';
      readonly panes: readonly PanePicture[];
      readonly ms: number;
    }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
