/**
 * Traces of `@pymm/core`: the reader of the trace format (a header, then one
 * operation a line), the replayer that runs a trace against a strategy, and
 * the results it records, which CPython's own run of the same trace is
 * compared with.
 *
 * @example
 * ```ts
 * import { noGC } from '@pymm/core';
 * import { linesOf, replayTrace } from '@pymm/core/trace';
 * const trace = [
 *   '{"format": "pymm-trace", "version": 1, "slots": 2, "name": "cycle"}',
 *   '["list", 0]',
 *   '["append", 0, 0]',
 *   '["none", 0]',
 *   '["collect", 2]',
 * ].join('\n');
 * replayTrace(linesOf(trace), noGC()).results.alive; // [0]: without a collector, the cycle stays
 * ```
 *
 * @module @pymm/core/trace
 */

export {
  isSkippableLine,
  linesOf,
  MAX_TRACE_SLOTS,
  parseTraceHeader,
  parseTraceOperation,
  readLines,
  readTrace,
  TRACE_OPERATIONS,
  TraceError,
  type TraceHeader,
  type TraceLines,
  type TraceOperation,
} from './trace-reader.js';
export {
  diffTraceResults,
  type ReplayOptions,
  type ReplayOutcome,
  replayTrace,
  SPEC_START_THRESHOLDS,
  type TraceResults,
} from './trace-replayer.js';
