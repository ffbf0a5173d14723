/**
 * Workloads written in Python: a {@link Workload} whose `run` executes a real Python program with
 * `@pymm/python` on the runtime it is given, so the source in the report is the program that ran.
 *
 * - **Parameters** reach the program as `sys.argv` words `name=value`: `scale=`, `seed=`, then each
 *   of the workload's own parameters (its default or the caller's override), in declaration order.
 *   The program scales its own counts and seeds `random` with `seed`.
 * - **Phases** are comment lines `# phase: NAME`: the first statement after the comment (the next
 *   line that is neither blank nor a comment) starts the phase each time it runs. The name is
 *   taken as written (`# phase: depth-{depth}` in a loop names each of its phases `depth-{depth}`).
 * - **The fingerprint** of a run: core's runtime fingerprint sees only runtime API operations, not
 *   the interpreter's, so a Python run is fingerprinted from what the program did: how many
 *   objects of each type it allocated, and their bytes, then its stdout and exit code. Counts, not
 *   the order, because when finalizers run is the strategy's choice. Ints and strs are left out,
 *   since the strategy decides some of them: `gc.collect()` returns how many objects it found (0
 *   under reference counting, often a boxed int beyond the small-int cache under a collector),
 *   and an interned str is made again only once the strategy has freed the previous one. The
 *   fingerprint is equal under every strategy of one Python version that frees objects, unless a
 *   finalizer or a weak-reference callback allocates or prints (a program whose output depends on
 *   the strategy gets different ones). Under `noGC()` no finalizer runs and no suspended
 *   generator is closed, so a program whose finalizers allocate gets another fingerprint there.
 *
 * The parser must be loaded (`await loadParser()` from `@pymm/python`) before a Python workload runs.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { type LineAttribution, runPythonSync } from '@pymm/python';
import { parameterValues } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';

/**
 * What {@link pythonWorkload} builds a workload from.
 *
 * @example
 * ```ts
 * import type { PythonWorkloadSpec } from '@pymm/workloads';
 * const spec: PythonWorkloadSpec = {
 *   name: 'hello', title: 'Hello', lesson: 'Printing allocates a str.', kind: 'program',
 *   parameters: [], source: 'print("hello")\n',
 * };
 * spec.kind; // 'program'
 * ```
 */
export interface PythonWorkloadSpec {
  readonly name: string;
  readonly title: string;
  readonly lesson: string;
  readonly kind: Workload['kind'];
  readonly parameters: readonly WorkloadParameter[];
  /** The program's source. */
  readonly source: string;
  /** Its file name in tracebacks and attribution (default `NAME.py`). */
  readonly filename?: string;
  /**
   * Whether the program gets the `scale=`, `seed=` and parameter words in `sys.argv` (default
   * true); a user's own program, compared as it is, gets none.
   */
  readonly withArguments?: boolean;
}

/**
 * What one run of a Python workload gave, beyond what the runtime holds.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { loadParser } from '@pymm/python';
 * import { createContext, type PythonRun, pythonWorkload } from '@pymm/workloads';
 * await loadParser();
 * const hello = pythonWorkload({ name: 'hello', title: 'Hello', lesson: 'Hi.', kind: 'program', parameters: [], source: 'print("hi")\n' });
 * const run: PythonRun = hello.runProgram(createRuntime(), createContext());
 * [run.exitCode, run.stdout]; // [0, 'hi\n']
 * ```
 */
export interface PythonRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The run's fingerprint (see the module's description): equal under every strategy of one version. */
  readonly fingerprint: string;
  /** The per-line attribution, when asked for. */
  readonly attribution: LineAttribution | null;
}

/**
 * A workload that is a Python program.
 *
 * @example
 * ```ts
 * import { isPythonWorkload, pythonWorkload, type PythonWorkload } from '@pymm/workloads';
 * const w: PythonWorkload = pythonWorkload({ name: 'x', title: 'X', lesson: 'X.', kind: 'program', parameters: [], source: 'x = 1\n' });
 * [isPythonWorkload(w), w.filename]; // [true, 'x.py']
 * ```
 */
export interface PythonWorkload extends Workload {
  readonly language: 'python';
  /** The program's file name. */
  readonly filename: string;
  /** The `sys.argv` words after the file name that a run with `context` gives the program. */
  argumentsFor(context: WorkloadContext): string[];
  /** Runs the program on `py` and returns its exit code, output, fingerprint and (if asked) attribution. */
  runProgram(py: Runtime, context: WorkloadContext, options?: { readonly attribution?: boolean }): PythonRun;
}

/**
 * Whether a workload is a Python program.
 *
 * @example
 * ```ts
 * import { isPythonWorkload, workloadByName } from '@pymm/workloads';
 * typeof isPythonWorkload(workloadByName('reference-cycles')); // 'boolean'
 * ```
 */
export function isPythonWorkload(workload: Workload): workload is PythonWorkload {
  return (workload as Partial<PythonWorkload>).language === 'python';
}

/**
 * The `sys.argv` words a Python workload gets: `scale=`, `seed=`, then its parameters.
 *
 * @example
 * ```ts
 * import { createContext, programArguments } from '@pymm/workloads';
 * const rings = { name: 'rings', description: 'Rings (scaled).', default: 100 };
 * programArguments([rings], createContext({ scale: 0.5, seed: 3, params: { rings: 7 } }));
 * // ['scale=0.5', 'seed=3', 'rings=7']
 * ```
 */
export function programArguments(
  parameters: readonly WorkloadParameter[],
  context: WorkloadContext,
): string[] {
  const words = [`scale=${context.scale}`, `seed=${context.seed}`];
  for (const parameter of parameters) {
    const value = context.params[parameter.name];
    words.push(`${parameter.name}=${value === undefined ? parameter.default : value}`);
  }
  return words;
}

const PHASE_COMMENT = /^\s*#\s*phase:\s*(\S(?:.*\S)?)\s*$/;

/**
 * The phases a program marks with `# phase: NAME` comments, by the line of the statement that
 * starts each (the next line that is neither blank nor a comment).
 *
 * @example
 * ```ts
 * import { phaseLines } from '@pymm/workloads';
 * phaseLines('# phase: build\nxs = [1]\n\n# phase: drop\ndel xs\n');
 * // new Map([[2, 'build'], [5, 'drop']])
 * ```
 */
export function phaseLines(source: string): Map<number, string> {
  const lines = source.split('\n');
  const phases = new Map<number, string>();
  let pending: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const match = PHASE_COMMENT.exec(lines[i]);
    if (match) {
      pending = match[1];
      continue;
    }
    const text = lines[i].trim();
    if (text === '' || text.startsWith('#')) continue;
    if (pending !== null) phases.set(i + 1, pending);
    pending = null;
  }
  return phases;
}

/** FNV-1a (32 bits) over strings, as core's operation fingerprint. */
class Fnv {
  private hash = 0x811c9dc5;
  mix(text: string): void {
    let h = this.hash;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    this.hash = h >>> 0;
  }
  get hex(): string {
    return this.hash.toString(16).padStart(8, '0');
  }
}

/**
 * Builds a workload from a Python program. Its `run` throws an `Error` with the program's stderr
 * when the program exits with a non-zero code (a traceback, a syntax error, the subset refused).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { loadParser } from '@pymm/python';
 * import { pythonWorkload, runWorkload } from '@pymm/workloads';
 * await loadParser();
 * const cycles = pythonWorkload({
 *   name: 'cycles', title: 'Cycles', lesson: 'A list that holds itself.', kind: 'lesson',
 *   parameters: [{ name: 'n', description: 'Lists (scaled).', default: 10 }],
 *   source: 'import sys\nargs = dict(w.split("=") for w in sys.argv[1:])\n# phase: build\nfor i in range(int(args["n"])):\n    xs = []\n    xs.append(xs)\n',
 * });
 * runWorkload(cycles, createRuntime()).phases.map((p) => p.name); // ['build']
 * ```
 */
export function pythonWorkload(spec: PythonWorkloadSpec): PythonWorkload {
  const filename = spec.filename ?? `${spec.name}.py`;
  const phases = phaseLines(spec.source);
  const runProgram = (
    py: Runtime,
    context: WorkloadContext,
    options: { readonly attribution?: boolean } = {},
  ): PythonRun => {
    const lineMarks = new Map<number, () => void>();
    for (const [line, name] of phases) lineMarks.set(line, () => context.phase(name));
    const made = new Map<string, number[]>();
    const off = py.heap.events.on('allocate', (event) => {
      if (event.type === 'int' || event.type === 'str') return;
      let counts = made.get(event.type);
      if (counts === undefined) {
        counts = [0, 0];
        made.set(event.type, counts);
      }
      counts[0]++;
      counts[1] += event.bytes;
    });
    let result: ReturnType<typeof runPythonSync>;
    try {
      result = runPythonSync(spec.source, {
        runtime: py,
        filename,
        argv: workload.argumentsFor(context),
        lineMarks,
        attribution: options.attribution,
      });
    } finally {
      off();
    }
    const fingerprint = new Fnv();
    for (const type of [...made.keys()].sort()) fingerprint.mix(`${type}:${made.get(type)!.join(':')};`);
    fingerprint.mix(result.stdout);
    fingerprint.mix(String(result.exitCode));
    return {
      exitCode: result.exitCode,
      stdout: result.stdout,
      stderr: result.stderr,
      fingerprint: fingerprint.hex,
      attribution: result.attribution,
    };
  };
  const workload: PythonWorkload = {
    language: 'python',
    name: spec.name,
    title: spec.title,
    lesson: spec.lesson,
    python: spec.source,
    kind: spec.kind,
    parameters: spec.parameters,
    filename,
    argumentsFor: (context) =>
      spec.withArguments === false ? [] : programArguments(spec.parameters, context),
    runProgram,
    run(py, context) {
      // The caller's overrides are checked against the parameters, as for every workload.
      parameterValues(workload, context.params);
      const run = runProgram(py, context);
      if (run.exitCode !== 0) {
        throw new Error(`${filename}: the program exited with code ${run.exitCode}\n${run.stderr}`);
      }
    },
  };
  return Object.freeze(workload);
}
