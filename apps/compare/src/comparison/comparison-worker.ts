/**
 * Worker thread entry: runs comparison jobs posted by the main thread (a
 * workload's runs, or its part of the heap-size sweep).
 *
 * @module
 */

import { parentPort } from 'node:worker_threads';
import { type ComparisonJob, runJob } from './comparison-job.js';
import { isSweepJob, runSweepJob, type SweepJob } from './heap-sweep-job.js';

parentPort?.on('message', async (job: ComparisonJob | SweepJob) => {
  try {
    const results = isSweepJob(job)
      ? await runSweepJob(job, () => parentPort?.postMessage({ kind: 'point' }))
      : await runJob(job, (result) => parentPort?.postMessage({ kind: 'run', result }));
    parentPort?.postMessage({ kind: 'done', results });
  } catch (error) {
    parentPort?.postMessage({
      kind: 'error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
