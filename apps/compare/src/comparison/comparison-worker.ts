/**
 * Worker thread entry: runs comparison jobs posted by the main thread.
 *
 * @module
 */

import { parentPort } from 'node:worker_threads';
import { type ComparisonJob, runJob } from './comparison-job.js';

parentPort?.on('message', async (job: ComparisonJob) => {
  try {
    const results = await runJob(job, (result) => parentPort?.postMessage({ kind: 'run', result }));
    parentPort?.postMessage({ kind: 'done', results });
  } catch (error) {
    parentPort?.postMessage({
      kind: 'error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
