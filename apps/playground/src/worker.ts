/**
 * The interpreter's Web Worker: loads the parser from the WebAssembly bytes bundled into the page
 * (no fetch: the page may be a `file://` URL), then runs programs and steps for the page, one
 * request at a time. A runaway program only ever blocks this worker, never the page.
 *
 * @module
 */

import { grammar, runtime } from 'virtual:parser-wasm';
import { loadParser } from '@pymm/python';
import type { WorkerRequest, WorkerResponse } from './engine/protocol.js';
import { runProgram } from './engine/session.js';
import { StepCache } from './engine/step-cache.js';

// `@pymm/python`'s virtual file system asks for the working directory; a page has only `/`.
const host = globalThis as { process?: unknown };
host.process ??= { cwd: () => '/', env: {}, platform: 'browser' };

const cache = new StepCache();

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
      const { panes } = cache.get(request.config, request.step, request.lastStep, request.direction);
      post({ id: request.id, kind: 'step', panes, ms: performance.now() - started });
    }
  } catch (error) {
    post({ id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
