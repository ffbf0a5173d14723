/**
 * The results of replaying a trace (the spec's "Results" object), and
 * comparing them with expected ones.
 *
 * @module
 */

/**
 * The results of running a trace (the spec's "Results" object).
 *
 * @example
 * ```ts
 * import { noGC } from '@pymm/core';
 * import { type TraceResults, linesOf, replayTrace } from '@pymm/core/trace';
 * const trace = '{"format": "pymm-trace", "version": 1, "slots": 1, "name": "t"}\n["list", 0]\n["collect", 2]';
 * const results: TraceResults = replayTrace(linesOf(trace), noGC()).results;
 * results.collect_results; // [0]: noGC finds nothing
 * results.alive; // [0]: the tagged list in v0
 * ```
 */
export interface TraceResults {
  /** Return value of each `collect`, in order. */
  readonly collect_results: number[];
  /** Per generation 0..2: `[collections, collected, uncollectable]` during the trace. */
  readonly stats: [number, number, number][];
  /** `gc.get_count()` after the last operation (zeros for strategies without generations). */
  readonly count: [number, number, number];
  /** Tags in the order their finalizers ran. */
  readonly finalized: number[];
  /** Tags in the order they were resurrected. */
  readonly resurrected: number[];
  /** Sorted tags of tagged lists still alive after the last operation. */
  readonly alive: number[];
}

/**
 * Compares replayed results with expected ones (for example recorded by
 * CPython), field by field. Returns the names of the fields that differ.
 *
 * @example
 * ```ts
 * import { type TraceResults, diffTraceResults } from '@pymm/core/trace';
 * const a: TraceResults = { collect_results: [2], stats: [], count: [0, 0, 0], finalized: [], resurrected: [], alive: [] };
 * diffTraceResults(a, { ...a, collect_results: [1] }); // ['collect_results']
 * ```
 */
export function diffTraceResults(actual: TraceResults, expected: TraceResults): string[] {
  const fields = ['collect_results', 'stats', 'count', 'finalized', 'resurrected', 'alive'] as const;
  return fields.filter((f) => JSON.stringify(actual[f]) !== JSON.stringify(expected[f]));
}
