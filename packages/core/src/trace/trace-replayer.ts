/**
 * Replaying a pymm-trace v1 program against any strategy, producing the
 * results object of the spec. Each operation does exactly what the Python
 * statement beside it in the spec does on CPython, including the work CPython
 * does behind the statement (for example `gc.set_threshold(a, b, c)` builds an
 * argument tuple), so that a strategy modelling CPython can match it exactly.
 *
 * @module
 */

import type { Allocator } from '../memory/allocator.js';
import type { CPythonVersion } from '../objects/size-model.js';
import { Runtime } from '../runtime/runtime.js';
import type { StrategyFactory } from '../strategy/strategy.js';
import { TraceBatch } from './trace-batch.js';
import { runBatch } from './trace-batch-runner.js';
import { TraceCompiler } from './trace-compiler.js';
import { TraceMachine } from './trace-machine.js';
import { executeOperation } from './trace-operations.js';
import { readTrace, type TraceHeader, type TraceLines, type TraceOperation } from './trace-reader.js';
import type { TraceResults } from './trace-results.js';
import { TraceScanner } from './trace-scanner.js';

/**
 * Options for {@link replayTrace}.
 *
 * @example
 * ```ts
 * import { noGC } from '@pymm/core';
 * import { type ReplayOptions, linesOf, replayTrace } from '@pymm/core/trace';
 * const allocated: string[] = [];
 * const options: ReplayOptions = {
 *   version: '3.12',
 *   allocator: 'system',
 *   onStart: (runtime) => {
 *     runtime.on('allocate', (event) => allocated.push(event.type));
 *   },
 * };
 * const trace = '{"format": "pymm-trace", "version": 1, "slots": 1, "name": "t"}\n["list", 0]';
 * const outcome = replayTrace(linesOf(trace), noGC(), options);
 * allocated; // ['list']
 * outcome.runtime.heap.sizes.version; // '3.12'
 * ```
 */
export interface ReplayOptions {
  /** Allocator model (default `pymalloc`). */
  readonly allocator?: 'pymalloc' | 'system' | Allocator;
  /** CPython version of the object model (sizes, trashcan); default `3.11`. */
  readonly version?: CPythonVersion;
  /** Called once the runtime exists, before the first operation (for subscribing to events). */
  readonly onStart?: (runtime: Runtime, header: TraceHeader) => void;
  /**
   * How the operations are read and run: `batch` (the default) scans them into typed-array
   * batches and runs each batch; `compiled` compiles each batch into a JavaScript function
   * (compilation is left out of `executeSeconds`, as CPython's recorder leaves out `compile()`);
   * `reference` parses each line into an object (`readTrace`)
   * and runs it with the reference interpreter (its `executeSeconds` includes the parsing, which
   * it interleaves with running). All three give the same results and errors.
   */
  readonly engine?: 'batch' | 'compiled' | 'reference';
}

/**
 * What {@link replayTrace} returns: the results plus the run's measurements.
 *
 * @example
 * ```ts
 * import { noGC } from '@pymm/core';
 * import { type ReplayOutcome, linesOf, replayTrace } from '@pymm/core/trace';
 * const trace = [
 *   '{"format": "pymm-trace", "version": 1, "slots": 2, "name": "cycle"}',
 *   '["list", 0]',
 *   '["append", 0, 0]',
 *   '["none", 0]',
 * ].join('\n');
 * const outcome: ReplayOutcome = replayTrace(linesOf(trace), noGC());
 * [outcome.header.name, outcome.operations]; // ['cycle', 3]
 * outcome.runtime.strategyName; // 'nogc'
 * outcome.seconds >= outcome.executeSeconds; // true
 * ```
 */
export interface ReplayOutcome {
  readonly header: TraceHeader;
  readonly results: TraceResults;
  /** Operations executed. */
  readonly operations: number;
  /** Host seconds spent executing operations (parsing included, as it is streamed; see `executeSeconds`). */
  readonly seconds: number;
  /** Host seconds spent inside operations only (excludes reading and parsing lines). */
  readonly executeSeconds: number;
  /** The runtime the trace ran on (its heap, strategy and events). */
  readonly runtime: Runtime;
}

/**
 * Thresholds every trace starts with, whatever the profile's default (spec, "Starting state").
 *
 * @example
 * ```ts
 * import { SPEC_START_THRESHOLDS } from '@pymm/core/trace';
 * // replayTrace calls strategy.gc?.setThreshold(...SPEC_START_THRESHOLDS) before the first
 * // operation, so a profile whose default differs (CPython 3.13: 2000) replays a trace
 * // with the thresholds it was recorded with.
 * SPEC_START_THRESHOLDS; // [700, 10, 10]
 * ```
 */
export const SPEC_START_THRESHOLDS: readonly [number, number, number] = [700, 10, 10];

/**
 * Runs a trace on a strategy and returns its results. Throws {@link TraceError}
 * (naming the line, the operation and the reason) at the first invalid
 * operation, and then reports no results.
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
 * replayTrace(linesOf(trace), noGC()).results.alive; // [0]
 * ```
 */
export function replayTrace(
  lines: TraceLines,
  strategy: StrategyFactory,
  options: ReplayOptions = {},
): ReplayOutcome {
  const engine = options.engine ?? 'batch';
  if (engine === 'reference') {
    const { header, operations } = readTrace(lines);
    return replayOn(header, strategy, options, (machine) => runReference(machine, operations));
  }
  const scanner = new TraceScanner(lines);
  try {
    const header = scanner.readHeader();
    const compiler = engine === 'compiled' ? new TraceCompiler(header.slots) : null;
    return replayOn(header, strategy, options, (machine) => runBatches(machine, scanner, compiler));
  } finally {
    scanner.close();
  }
}

/** What an engine reports: operations run, and milliseconds spent running them. */
interface Executed {
  readonly operations: number;
  readonly executing: number;
}

/** Sets up the runtime and the machine in the spec's starting state, runs the operations, and collects the outcome. */
function replayOn(
  header: TraceHeader,
  strategy: StrategyFactory,
  options: ReplayOptions,
  execute: (machine: TraceMachine) => Executed,
): ReplayOutcome {
  const runtime = new Runtime({ strategy, allocator: options.allocator, version: options.version });
  // The spec's starting state: thresholds (700, 10, 10), automatic collection enabled.
  runtime.strategy.gc?.setThreshold(...SPEC_START_THRESHOLDS);
  runtime.strategy.gc?.enable();
  const machine = new TraceMachine(runtime, header);
  options.onStart?.(runtime, header);
  const started = performance.now();
  const { operations, executing } = execute(machine);
  // The recorder ends with one call (gc.isenabled()): a last eval-breaker check.
  machine.evalBreaker();
  const seconds = (performance.now() - started) / 1000;
  return {
    header,
    results: machine.results(),
    operations,
    seconds,
    executeSeconds: executing / 1000,
    runtime,
  };
}

/**
 * The fast path: the scanner decodes a batch of operations into typed arrays, then the batch
 * runs. Each batch's execution is timed, so that `executeSeconds` leaves reading out without a
 * clock read per operation. A line that is not a valid operation ends its batch; its error is
 * thrown once the operations before it have run.
 */
function runBatches(machine: TraceMachine, scanner: TraceScanner, compiler: TraceCompiler | null): Executed {
  const batch = new TraceBatch();
  let operations = 0;
  let executing = 0;
  while (!scanner.done) {
    scanner.fill(batch);
    const compiled = compiler?.compile(batch);
    const t = performance.now();
    if (compiled) compiled(machine);
    else runBatch(machine, batch);
    executing += performance.now() - t;
    operations += batch.count;
    if (scanner.error !== null) throw scanner.error;
  }
  return { operations, executing };
}

/** The reference: each operation parsed into an object by `readTrace`, run by `executeOperation`. */
function runReference(machine: TraceMachine, parsed: Iterable<readonly [number, TraceOperation]>): Executed {
  let operations = 0;
  const started = performance.now();
  for (const [line, operation] of parsed) {
    executeOperation(machine, line, operation);
    operations++;
  }
  return { operations, executing: performance.now() - started };
}

export { diffTraceResults, type TraceResults } from './trace-results.js';
