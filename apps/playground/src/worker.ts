/**
 * The interpreter's Web Worker: loads the parser from the WebAssembly bytes bundled into the page
 * (no fetch: the page may be a `file://` URL), then runs programs and steps for the page, one
 * request at a time. A runaway program only ever blocks this worker, never the page.
 *
 * @module
 */

import { grammar, runtime } from 'virtual:parser-wasm';
import { loadParser } from '@pymm/python';
import { pictureOf } from './engine/pane-picture.js';
import type { WorkerRequest, WorkerResponse } from './engine/protocol.js';
import type { PaneStep } from './engine/session.js';
import { runProgram } from './engine/session.js';
import { StepCache } from './engine/step-cache.js';

// `@pymm/python`'s virtual file system asks for the working directory; a page has only `/`.
const host = globalThis as { process?: unknown };
host.process ??= { cwd: () => '/', env: {}, platform: 'browser' };

const cache = new StepCache();
/** The step last shown, and what it drew ghosts from. */
let shown: { key: string; step: number; panes: PaneStep[]; before: PaneStep[] | null } | null = null;

const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message);

/** The bytes of base64 text. */
function bytesOf(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const ready = loadParser({ runtime: bytesOf(runtime), grammar: bytesOf(grammar) }).then(() =>
  post({ id: 0, kind: 'ready' }),
);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  await ready;
  const request = event.data;
  const started = performance.now();
  try {
    if (request.kind === 'run') {
      const run = runProgram(request.config);
      post({ id: request.id, kind: 'run', run, ms: performance.now() - started });
    } else {
      const { config, step } = request;
      const { panes } = cache.get(config, step, request.lastStep, request.direction);
      const key = JSON.stringify(config);
      const same = shown?.key === key;
      // Ghosts are objects freed since the step shown before, so only going forward makes them;
      // showing the same step again (a group expanded) keeps the ghosts it had.
      const before =
        same && shown?.step === step
          ? shown.before
          : same && (shown?.step ?? step) < step
            ? (shown?.panes ?? null)
            : null;
      shown = { key, step, panes, before };
      const pictures = panes.map((pane, i) =>
        pictureOf(pane, before?.[i]?.inspection ?? null, config.panes[i], request.expanded[i] ?? []),
      );
      post({ id: request.id, kind: 'step', panes: pictures, ms: performance.now() - started });
    }
  } catch (error) {
    post({ id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
