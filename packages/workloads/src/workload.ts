/**
 * The workload contract: a deterministic, seeded program written against the
 * runtime API, with the Python lesson it teaches. The same workload, scale
 * and seed produce the same operation stream under every strategy (the
 * runtime's `fingerprint` proves it), so strategies can be compared on it.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';

/**
 * A parameter a workload accepts, with its default. Counts that grow with
 * the workload's size say "(scaled)" in their description: the workload
 * multiplies them by `context.scale`.
 *
 * @example
 * ```ts
 * import type { WorkloadParameter } from '@pymm/workloads';
 * const rings: WorkloadParameter = { name: 'rings', description: 'Rings created and dropped (scaled).', default: 2000 };
 * ```
 */
export interface WorkloadParameter {
  readonly name: string;
  readonly description: string;
  readonly default: number;
}

/**
 * What a workload gets when it runs; build one with `createContext`.
 *
 * @example
 * ```ts
 * import { createContext, type WorkloadContext } from '@pymm/workloads';
 * const context: WorkloadContext = createContext({ scale: 0.1, seed: 3 });
 * context.scale; // 0.1
 * ```
 */
export interface WorkloadContext {
  /** Size multiplier: 1 is the default suite's size; counts scale linearly with it. */
  readonly scale: number;
  /** The seed of `random`. */
  readonly seed: number;
  /** Parameter values (defaults merged with overrides). */
  readonly params: Readonly<Record<string, number>>;
  /** A deterministic pseudo-random generator seeded with `seed`: returns a float in [0, 1). */
  readonly random: () => number;
  /**
   * Marks the start of a named phase of the workload (for example `build` and
   * `drop`), so reports can show where in the program memory went up or down.
   */
  readonly phase: (name: string) => void;
}

/**
 * A workload: a Python memory lesson as a program. `run` must be
 * deterministic given the context, and must not let what a strategy frees
 * change what the program does: it may branch on anything reachable (a
 * container's length, a dict's keys), never on whether a weak reference is
 * still alive. Finalizers and weak-reference callbacks should not run
 * runtime operations (they would run at different points under different
 * strategies).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { runWorkload, type Workload } from '@pymm/workloads';
 * const selfReference: Workload = {
 *   name: 'self-reference',
 *   title: 'A list that contains itself',
 *   lesson: 'A list that contains itself is a reference cycle. Only a cycle collector frees it.',
 *   python: 'xs = []\nxs.append(xs)\ndel xs',
 *   kind: 'lesson',
 *   parameters: [],
 *   run(py, context) {
 *     context.phase('build');
 *     py.locals.xs = py.list();
 *     py.append(py.locals.xs, py.locals.xs);
 *     py.del('xs');
 *   },
 * };
 * runWorkload(selfReference, createRuntime()).phases.length; // 1
 * ```
 */
export interface Workload {
  /** Kebab-case identifier, e.g. `reference-cycles`. */
  readonly name: string;
  /** Short title, e.g. `Reference cycles`. */
  readonly title: string;
  /** The lesson in two sentences, for a Python programmer. */
  readonly lesson: string;
  /** The Python code the workload models (a few lines). */
  readonly python: string;
  /** Classic collector benchmark (pyperformance, GCBench, ...), lesson, or a user's own program. */
  readonly kind: 'lesson' | 'collector-benchmark' | 'program';
  /** Parameters with defaults. */
  readonly parameters: readonly WorkloadParameter[];
  /** Runs the workload on a runtime. Must be deterministic given the context. */
  run(py: Runtime, context: WorkloadContext): void;
}
