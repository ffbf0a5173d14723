/**
 * tracemalloc for a simulated heap (`@pymm/core/tracing`): start and stop
 * tracing a runtime's heap, traced memory and its peak, snapshots with
 * statistics by allocation site or type, comparisons and filters.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { Tracemalloc } from '@pymm/core/tracing';
 * const py = createRuntime();
 * const tracer = new Tracemalloc(py.heap);
 * tracer.start();
 * py.at('load', () => {
 *   py.locals.rows = py.list([py.dict(), py.dict()]);
 * });
 * tracer.takeSnapshot().statistics('site')[0].key; // 'load'
 * ```
 *
 * @module @pymm/core/tracing
 */

export {
  Snapshot,
  type Statistic,
  type StatisticDiff,
  type StatisticKey,
  type Trace,
  TraceFilter,
  Tracemalloc,
  UNKNOWN_SITE,
} from './tracemalloc.js';
