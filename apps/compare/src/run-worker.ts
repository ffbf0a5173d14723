/**
 * The thread `pymm run` runs a program in: a worker with a large stack, so that Python recursion
 * reaches `sys.getrecursionlimit()` (1000 by default, or what the program sets) before the host
 * stack runs out. The program's output is posted to the main thread as it is written.
 *
 * @module
 */

import { parentPort, workerData } from 'node:worker_threads';
import { type RunCommandOptions, runRun } from './commands/run.js';

const port = parentPort;
if (port) {
  const exitCode = await runRun(workerData as RunCommandOptions, {
    stdout: (text) => port.postMessage({ stdout: text }),
    stderr: (text) => port.postMessage({ stderr: text }),
  });
  port.postMessage({ exitCode });
}
