/**
 * Stepping through a program by deterministic re-execution: a run is the same on every repeat
 * (same source, strategy and version give the same heap, step for step), so "the state before
 * statement N" is had by running again and stopping there. {@link runStepped} runs a program,
 * records a timeline of every statement (its line, live and held bytes, the collections it ran),
 * and, when asked, stops before statement `pauseAt` and returns the heap as {@link inspectHeap}
 * reads it.
 *
 * The program gets one statement more than it has: `pass` after its last line, so that the state
 * after the last statement, before the interpreter shuts down and frees the globals, is a step too
 * (its line is one past the program's last).
 *
 * @module
 */

import type { CollectionReason, HeapEvent } from '@pymm/core';
import { type RunPythonOptions, type RunPythonResult, runPythonSync } from '../run-python.js';
import type { Interp } from '../runtime/interp.js';
import { StepLimitExceeded } from '../runtime/signals.js';
import { type HeapInspection, inspectHeap } from './heap-inspection.js';

/**
 * Options of {@link runStepped}: those of `runPythonSync`, and where to stop.
 *
 * @example
 * ```ts
 * import type { SteppedRunOptions } from '@pymm/python';
 * const options: SteppedRunOptions = { pauseAt: 3, maxSteps: 100_000 };
 * options.pauseAt; // 3
 * ```
 */
export interface SteppedRunOptions extends Omit<RunPythonOptions, 'onInterpreter'> {
  /** Stop before the statement numbered `pauseAt` (from 1) and inspect the heap there. */
  readonly pauseAt?: number;
  /**
   * Inspect every step from `captureFrom` to `pauseAt` too, in the same run (into
   * {@link SteppedRunResult.captured}): a window of steps for the price of one re-execution.
   */
  readonly captureFrom?: number;
  /** Options of the inspections: the most objects each lists (default 20,000). */
  readonly inspect?: { readonly maxObjects?: number };
}

/**
 * A collection, and the statement that ran it.
 *
 * @example
 * ```ts
 * import { loadParser, runStepped } from '@pymm/python';
 * await loadParser();
 * import { generational } from '@pymm/generational';
 * const run = runStepped('import gc\ngc.collect()\n', { strategy: generational({ profile: 'cpython-3.11' }) });
 * run.timeline.collections.map((c) => [c.step, c.generation, c.reason]); // [[3, 2, 'explicit']]
 * ```
 */
export interface SteppedCollection {
  /** The first step whose picture shows its effect (the one after the statement that ran it). */
  readonly step: number;
  readonly generation: number;
  readonly reason: CollectionReason;
  readonly collected: number;
  readonly uncollectable: number;
}

/**
 * The run statement by statement (index `s - 1` holds statement `s`, measured just before it runs).
 *
 * @example
 * ```ts
 * import { loadParser, runStepped } from '@pymm/python';
 * await loadParser();
 * const run = runStepped('a = 1\nif a:\n    b = 2\n');
 * run.timeline.lines; // [1, 2, 3, 4]
 * ```
 */
export interface StepTimeline {
  readonly lines: number[];
  readonly liveBytes: number[];
  /** Bytes the allocator holds from the system (arenas and large blocks). */
  readonly heldBytes: number[];
  readonly collections: SteppedCollection[];
}

/**
 * What {@link runStepped} gives.
 *
 * @example
 * ```ts
 * import { loadParser, runStepped } from '@pymm/python';
 * await loadParser();
 * const at = runStepped('print(1)\nprint(2)\n', { pauseAt: 2 });
 * [at.paused, at.stdout, at.endLine]; // [true, '1\n', 3]
 * ```
 */
export interface SteppedRunResult {
  /** The run (stopped at `pauseAt` with `stopped: 'step-limit'` when it paused). */
  readonly run: RunPythonResult;
  /** Whether it stopped at `pauseAt`. */
  readonly paused: boolean;
  /** The heap before statement `pauseAt`, or null when the run did not get there. */
  readonly inspection: HeapInspection | null;
  /** What the program had written to stdout and stderr by then (all of it when it did not pause). */
  readonly stdout: string;
  readonly stderr: string;
  /** Up to the pause, or the whole run. */
  readonly timeline: StepTimeline;
  /** Heap events since the step before the pause: its statement's collections, phase by phase. */
  readonly events: HeapEvent[];
  /** Every step inspected, `captureFrom` to `pauseAt` (or to the end), in order. */
  readonly captured: readonly SteppedCapture[];
  /** The line of the `pass` added after the program: a step on it is the program's end. */
  readonly endLine: number;
}

/**
 * One step inspected by {@link runStepped}.
 *
 * @example
 * ```ts
 * import { loadParser, runStepped } from '@pymm/python';
 * await loadParser();
 * const run = runStepped('a = 1\nprint(a)\nb = 2\n', { captureFrom: 2, pauseAt: 4 });
 * run.captured.map((c) => [c.step, c.inspection.line, c.stdout]); // [[2, 2, ''], [3, 3, '1\n'], [4, 4, '1\n']]
 * ```
 */
export interface SteppedCapture {
  readonly step: number;
  /** The heap before the step's statement. */
  readonly inspection: HeapInspection;
  /** What the program had written by then. */
  readonly stdout: string;
  readonly stderr: string;
  /** Heap events since the step before (its statement's collections, phase by phase), allocations left out. */
  readonly events: HeapEvent[];
}

/** The source with the closing `pass` (see the module comment), and that statement's line. */
export function withEndStatement(source: string): { source: string; endLine: number } {
  const body = source.endsWith('\n') || source === '' ? source : `${source}\n`;
  const endLine = body.split('\n').length;
  return { source: `${body}pass\n`, endLine };
}

/**
 * Runs `source` once, recording its timeline; with `pauseAt`, stops before that statement and
 * inspects the heap. Load the parser first (`await loadParser()`).
 *
 * @example
 * ```ts
 * import { loadParser, runStepped } from '@pymm/python';
 * import { refcount } from '@pymm/refcount';
 * await loadParser();
 * const source = 'class Node:\n    pass\na = Node()\nb = Node()\na.ref = b\nb.ref = a\ndel a, b\n';
 * const at = runStepped(source, { strategy: refcount(), pauseAt: 7 });
 * at.inspection?.objects.filter((o) => o.type === 'Node').map((o) => o.refcount); // [2, 2]
 * const end = runStepped(source, { strategy: refcount(), pauseAt: 8 });
 * end.inspection?.objects.filter((o) => o.type === 'Node').map((o) => [o.refcount, o.reachable]); // [[1, false], [1, false]]
 * ```
 */
export function runStepped(source: string, options: SteppedRunOptions = {}): SteppedRunResult {
  const pauseAt = options.pauseAt ?? Number.POSITIVE_INFINITY;
  const captureFrom = Math.min(options.captureFrom ?? pauseAt, pauseAt);
  const { source: program, endLine } = withEndStatement(source);
  const timeline: StepTimeline = { lines: [], liveBytes: [], heldBytes: [], collections: [] };
  const allocationLines = new Map<number, number>();
  const captured: SteppedCapture[] = [];
  let stdout = '';
  let stderr = '';

  const onInterpreter = (ip: Interp) => {
    const heap = ip.heap;
    heap.events.on('allocate', (event) => {
      allocationLines.set(event.handle, ip.frame?.lineno ?? 0);
    });
    // A collection shows in the picture of the next step (it ran during a statement, or at the
    // safepoint before the next one).
    let unshown: Omit<SteppedCollection, 'step'>[] = [];
    heap.events.on('collection-stop', (event) => {
      unshown.push({
        generation: event.generation,
        reason: event.reason,
        collected: event.collected,
        uncollectable: event.uncollectable,
      });
    });
    // The events since the last step, for the steps captured (collectors report their phases
    // only when listened to, so this listens only when something is captured).
    let pending: HeapEvent[] = [];
    if (Number.isFinite(pauseAt)) {
      heap.events.onAny((event) => {
        if (ip.steps >= captureFrom - 1 && event.kind !== 'allocate') pending.push(event);
      });
    }
    // Interp.step() calls the strategy's safepoint once per statement (comprehension loops call it
    // between items too): the first call at a new step count is "just before statement N".
    const strategy = heap.strategy;
    const safepoint = strategy.safepoint?.bind(strategy);
    let last = 0;
    strategy.safepoint = () => {
      safepoint?.();
      const step = ip.steps;
      if (step === last) return;
      last = step;
      timeline.lines.push(ip.frame?.lineno ?? 0);
      timeline.liveBytes.push(heap.liveBytes);
      timeline.heldBytes.push(heap.allocator.stats().heldBytes);
      for (const collection of unshown) timeline.collections.push({ step, ...collection });
      unshown = [];
      if (step >= captureFrom) {
        const inspection = inspectHeap(ip, { ...options.inspect, allocationLines });
        captured.push({ step, inspection, stdout, stderr, events: pending });
      }
      pending = [];
      if (step === pauseAt) throw new StepLimitExceeded(pauseAt);
    };
  };
  const run = runPythonSync(program, {
    ...options,
    stdout: (text) => {
      stdout += text;
      options.stdout?.(text);
    },
    stderr: (text) => {
      stderr += text;
      options.stderr?.(text);
    },
    onInterpreter,
  });
  const paused = captured.at(-1)?.step === pauseAt;
  const atPause = paused ? captured.at(-1) : undefined;
  return {
    run,
    paused,
    inspection: atPause?.inspection ?? null,
    stdout: atPause?.stdout ?? stdout,
    stderr: atPause?.stderr ?? stderr,
    timeline,
    events: atPause?.events ?? [],
    captured,
    endLine,
  };
}
