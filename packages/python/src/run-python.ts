/**
 * Running a Python program: check it (syntax, validation, the subset), compile it once into
 * closures, and run it on a new `@pymm/core` runtime with the chosen strategy. The program's
 * stdout and stderr go where the options say; an uncaught exception prints CPython's traceback
 * and gives exit code 1.
 *
 * @module
 */

import {
  type CPythonVersion,
  createRuntime,
  type Runtime,
  SimulatedMemoryError,
  type Strategy,
  type StrategyFactory,
} from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import {
  type AttributionRecorder,
  type LineAttribution,
  recordAttribution,
} from './attribution/line-attribution.js';
import { setUpBuiltins } from './builtins/setup.js';
import { checkProgramSync } from './check-program.js';
import { compileModule } from './compiler/compile-function.js';
import { CompileRefusal } from './compiler/context.js';
import { installGenerators } from './compiler/generators.js';
import { SymbolTable } from './compiler/symtable.js';
import { loadParser } from './load-parser.js';
import { importModule } from './modules/modules.js';
import { hasSiblingModule } from './modules/source-modules.js';
import { createStreams } from './modules/sys-module.js';
import { enterFrame, runFrame } from './runtime/calls.js';
import { formatException } from './runtime/exceptions.js';
import { Interp, type ModuleScope } from './runtime/interp.js';
import { shutdown } from './runtime/shutdown.js';
import { ExitSignal, PyRaise, StepLimitExceeded } from './runtime/signals.js';
import { builtinType, typeOf } from './runtime/types.js';
import { SUBSET_GUIDE } from './subset-check.js';

/**
 * Options of {@link runPython}.
 *
 * @example
 * ```ts
 * import type { RunPythonOptions } from '@pymm/python';
 * const options: RunPythonOptions = { filename: 'prog.py', maxSteps: 1_000_000 };
 * options.filename; // 'prog.py'
 * ```
 */
export interface RunPythonOptions {
  /** The memory-management strategy (default: core's `noGC()`). */
  readonly strategy?: StrategyFactory;
  /** The CPython version whose sizes and behaviour are modelled (default `3.11`). */
  readonly version?: CPythonVersion;
  /** The program's file name in tracebacks (default `prog.py`). */
  readonly filename?: string;
  /** Receives what the program writes to stdout (default: collected into the result only). */
  readonly stdout?: (text: string) => void;
  /** Receives what the program writes to stderr (default: collected into the result only). */
  readonly stderr?: (text: string) => void;
  /** `sys.argv` after the file name. */
  readonly argv?: readonly string[];
  /**
   * `sys.argv[0]`, when it differs from `filename`: `pymm run prog.py` names the code by its
   * absolute path (`__file__` and tracebacks, as `python3 prog.py` does since 3.9) and keeps
   * `sys.argv[0]` as typed.
   */
  readonly argv0?: string;
  /** Statements the program may execute before it is stopped (default: unlimited). */
  readonly maxSteps?: number;
  /** Live bytes before a simulated `MemoryError` (default: unlimited). */
  readonly heapLimit?: number;
  /**
   * A runtime the caller created, to run the program on instead of a new one: its strategy,
   * version and heap limit apply (then leave `strategy`, `version` and `heapLimit` out).
   */
  readonly runtime?: Runtime;
  /**
   * Functions called each time a statement of the program (not of a module it imports) that starts
   * on the given line runs: how `@pymm/workloads` turns `# phase:` comments into phases.
   */
  readonly lineMarks?: ReadonlyMap<number, () => void>;
  /** Record the per-line attribution of allocations, collections and files left open (`result.attribution`). */
  readonly attribution?: boolean;
  /**
   * Called once with the interpreter, after compiling and before the first statement: the hook of
   * the inspection API (`runStepped`), which reads the frames and the heap between statements.
   *
   * @internal
   */
  readonly onInterpreter?: (interp: Interp) => void;
}

/**
 * What a run gave: the exit code, everything written to stdout and stderr, the runtime (its heap,
 * strategy, events and `memory()`), and why it stopped early, if it did.
 *
 * @example
 * ```ts
 * import { type RunPythonResult, runPython } from '@pymm/python';
 * const result: RunPythonResult = await runPython('print(1 + 1)\n');
 * [result.exitCode, result.stdout]; // [0, '2\n']
 * ```
 */
export interface RunPythonResult {
  /** 0, or 1 after an uncaught exception, a refused program or the step limit; `sys.exit(n)` gives n. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The runtime the program ran on (null when it was refused before running). */
  readonly runtime: Runtime<Strategy> | null;
  /** Statements executed. */
  readonly steps: number;
  /** Why the run stopped early: a syntax or subset error, an uncaught exception, or the step limit. */
  readonly stopped: 'refused' | 'exception' | 'step-limit' | null;
  /** Host seconds spent running the compiled program (parsing, checking and compiling left out; 0 when refused). */
  readonly seconds: number;
  /** The per-line attribution, when `attribution` was asked for and the program ran. */
  readonly attribution: LineAttribution | null;
}

/**
 * Runs a Python program (loading the parser first if needed).
 *
 * @example
 * ```ts
 * import { runPython } from '@pymm/python';
 * const result = await runPython('xs = [1, 2, 3]\nprint(sum(xs), len(xs))\n');
 * result.stdout; // '6 3\n'
 * result.runtime?.heap.store.liveCount !== undefined; // true
 * ```
 */
export async function runPython(source: string, options: RunPythonOptions = {}): Promise<RunPythonResult> {
  await loadParser();
  return runPythonSync(source, options);
}

function syntaxErrorText(error: {
  filename: string;
  line: number;
  column: number;
  text: string | null;
  message: string;
  kind?: string;
}): string {
  let out = `  File "${error.filename}", line ${error.line}\n`;
  if (error.text) {
    const raw = error.text.replace(/\n$/, '');
    const stripped = raw.trimStart();
    out += `    ${stripped}\n`;
    const caret = Math.max(0, error.column - 1 - (raw.length - stripped.length));
    out += `    ${' '.repeat(caret)}^\n`;
  }
  return `${out}${error.kind ?? 'SyntaxError'}: ${error.message}\n`;
}

/** The options of the runtime to create (none may come with a caller's runtime). */
function runtimeOptions(options: RunPythonOptions) {
  return { strategy: options.strategy, version: options.version, heapLimit: options.heapLimit };
}

/** Refuses a caller's runtime given together with options that only a new runtime can take. */
function checkRuntimeOption(options: RunPythonOptions): void {
  if (options.runtime === undefined) return;
  const clashing = (['strategy', 'version', 'heapLimit'] as const).filter(
    (key) => options[key] !== undefined,
  );
  if (clashing.length > 0) {
    throw new TypeError(
      `runPython: 'runtime' comes with its own strategy, version and heap limit; leave out ${clashing.map((k) => `'${k}'`).join(', ')}`,
    );
  }
}

/** Shuts the interpreter down (globals finalized); errors in finalizers are reported, not raised. */
function finish(ip: Interp, globals: ModuleScope): void {
  try {
    // `atexit` callbacks run first, last registered first (`_PyAtExit_Call`).
    for (let i = ip.exitFunctions.length - 1; i >= 0; i--) ip.exitFunctions[i]();
    shutdown(ip, globals);
  } catch (error) {
    if (error instanceof StepLimitExceeded) return;
    const raised = ip.toPyRaise(error);
    ip.options.stderr(formatException(ip, raised.exc));
  }
}

/**
 * {@link runPython}, synchronously, once the parser is loaded (`await loadParser()`).
 *
 * @example
 * ```ts
 * import { loadParser, runPythonSync } from '@pymm/python';
 * await loadParser();
 * const result = runPythonSync('def f():\n    raise ValueError("bad")\nf()\n');
 * result.exitCode; // 1
 * result.stderr.split('\n').at(-2); // 'ValueError: bad'
 * ```
 */
export function runPythonSync(source: string, options: RunPythonOptions = {}): RunPythonResult {
  checkRuntimeOption(options);
  const filename = options.filename ?? 'prog.py';
  let stdout = '';
  let stderr = '';
  const out = (text: string) => {
    stdout += text;
    options.stdout?.(text);
  };
  const err = (text: string) => {
    stderr += text;
    options.stderr?.(text);
  };
  const checked = checkProgramSync(source, {
    filename,
    localModule: (name) => hasSiblingModule(filename, name),
  });
  if (!checked.ok) {
    const e = checked.error;
    err('construct' in e ? `${e.toString()}\n` : syntaxErrorText(e));
    return {
      exitCode: 1,
      stdout,
      stderr,
      runtime: null,
      steps: 0,
      stopped: 'refused',
      seconds: 0,
      attribution: null,
    };
  }
  const runtime = options.runtime ?? createRuntime(runtimeOptions(options));
  const ip = new Interp(runtime, {
    filename,
    source,
    stdout: out,
    stderr: err,
    argv: [options.argv0 ?? filename, ...(options.argv ?? [])],
    maxSteps: options.maxSteps ?? Number.POSITIVE_INFINITY,
    lineMarks: options.lineMarks,
  });
  let started = 0;
  let attribution: AttributionRecorder | null = null;
  const result = (exitCode: number, stopped: RunPythonResult['stopped']): RunPythonResult => ({
    exitCode,
    stdout,
    stderr,
    runtime: runtime as Runtime<Strategy>,
    steps: ip.steps,
    stopped,
    seconds: started === 0 ? 0 : (performance.now() - started) / 1000,
    attribution: attribution?.finish() ?? null,
  });
  let globals: ModuleScope;
  let code: ReturnType<typeof compileModule>;
  try {
    setUpBuiltins(ip);
    installGenerators(ip);
    const streams = createStreams(ip);
    ip.sysStdout = () => streams.stdout;
    ip.sysStderr = () => streams.stderr;
    ip.importModule = (name) => importModule(ip, name);
    ip.refuse = (construct, lineno) => new CompileRefusal(construct, lineno);
    globals = { dict: ip.keepForever(ip.heap.newDict()), map: new Map() };
    ip.scopeSetText(globals, '__name__', ip.str('__main__', true));
    ip.scopeSetText(globals, '__file__', ip.str(filename));
    code = compileModule(ip, new SymbolTable(checked.module), checked.module, filename);
  } catch (error) {
    if (error instanceof SimulatedMemoryError) {
      // The heap limit is below what start-up itself allocates (builtins, modules, the program's constants).
      err(`${error.message} (while the interpreter started, before the program ran)\n`);
      return result(1, 'exception');
    }
    if (!(error instanceof CompileRefusal)) throw error;
    err(`${filename}:${error.lineno}: ${error.construct} is not supported by pymm (see ${SUBSET_GUIDE})\n`);
    // Refused before running, as a syntax error is: the half-compiled module's references are abandoned with the runtime.
    return {
      exitCode: 1,
      stdout,
      stderr,
      runtime: null,
      steps: 0,
      stopped: 'refused',
      seconds: 0,
      attribution: null,
    };
  }
  if (options.attribution) attribution = recordAttribution(ip, filename);
  options.onInterpreter?.(ip);
  started = performance.now();
  try {
    const frame = enterFrame(ip, code, globals, NULL_REF);
    ip.drop(runFrame(ip, frame));
  } catch (error) {
    if (error instanceof StepLimitExceeded) {
      // pymm's own message starts a line even after a partial one (unittest's progress dots).
      err(`${stderr !== '' && !stderr.endsWith('\n') ? '\n' : ''}${error.message}\n`);
      return result(1, 'step-limit');
    }
    if (error instanceof ExitSignal) return result(error.code, null);
    const raised = error instanceof PyRaise ? error : ip.toPyRaise(error);
    const exc = raised.exc;
    if (typeOf(ip, exc).mro.includes(builtinType(ip, 'SystemExit'))) {
      const args = ip.items(ip.store.refs.cells[ip.store.refStart[exc] + 1]);
      if (args.length === 0 || args[0] === ip.none) return result(0, null);
      if (ip.isInt(args[0])) return result(Number(ip.intValue(args[0])), null);
      err(`${ip.toStr(args[0])}\n`);
      return result(1, null);
    }
    err(formatException(ip, exc));
    ip.dropRaised(exc);
    finish(ip, globals);
    return result(1, 'exception');
  }
  finish(ip, globals);
  return result(0, null);
}
