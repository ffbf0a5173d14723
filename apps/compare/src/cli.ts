/**
 * The `pymm` command. Parsing and printing only: every decision is in the
 * commands' pure functions.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { type CommandResult, ExitCode, usage } from './commands/command-result.js';
import type { RunCommandOptions } from './commands/run.js';
import { STRATEGIES } from './strategies.js';

const HELP = `pymm: Python's memory manager, simulated

usage:
  pymm compare [PROG.py ...] [--workload NAME ...] [--strategy NAME[:PROFILE]|PATH ...] [--scale N] [--seed N]
               [--jobs N] [--json] [--out DIR] [--heap-sizes M,M,...] [--shard I/N]
  pymm merge-reports DIR... [--out DIR] [--json]
  pymm conformance [--dir DIR] [--json]
  pymm run FILE.py [--strategy NAME[:PROFILE]] [--profile PROFILE] [--json] [--timing]
               [--max-steps N] [-- ARGS ...]
                     (runs a Python program; --strategy defaults to generational, cpython-3.11)
  pymm replay FILE [--strategy NAME] [--profile PROFILE] [--json] [--timing]
                     (--strategy defaults to generational)
  pymm trace-stats FILE [--json]
  pymm snapshot analyze FILE [--json] [--why OBJ] [--out DIR] [--top N] [--strategies]
  pymm snapshot diff A B [--json]
  pymm snapshot module  (prints the path of pymm_snapshot.py, the dump module)
  pymm COMMAND --help          (a command's options)
  pymm --version

strategies:
${STRATEGIES.map((s) => `  ${s.name.padEnd(13)} ${s.summary}${s.profiles.length ? ` (profiles: ${s.profiles.join(', ')})` : ''}`).join('\n')}

exit codes: 0 ok, 1 invalid input (pymm run: the program's own code, 1 for an uncaught
            exception), 2 usage error, 3 internal error
`;

const RUN_HELP = `usage: pymm run FILE.py [--strategy NAME[:PROFILE]] [--profile PROFILE] [--json] [--timing]
                [--max-steps N] [-- ARGS ...]

Runs a Python program on the simulated heap and prints what it prints, as CPython would.

  --strategy NAME[:PROFILE]  nogc, refcount, generational (default, profile cpython-3.11), mark-sweep
  --profile PROFILE          the strategy's profile; cpython-3.X also picks that version's object sizes
  --json                     after the run, print a result object (stdout, stats, memory, files left open)
  --timing                   print run-seconds: the time spent running (not parsing) on standard error
  --max-steps N              stop a program after N statements
  -- ARGS                    sys.argv[1:]

The exit code is the program's: 0, or 1 after an uncaught exception; 2 is a usage error.
The supported subset of Python: docs/guides/python-subset.md
`;

const COMPARE_HELP = `usage: pymm compare [PROG.py ...] [--workload NAME ...] [--strategy NAME[:PROFILE]|PATH ...] [--scale N]
                    [--seed N] [--jobs N] [--json] [--out DIR] [--heap-sizes M,M,...] [--shard I/N]
                    [--python CMD | --no-cpython]

Runs the workloads on every strategy (or the ones named) and writes the comparison report.
Given Python files, runs those programs instead (with any --workload named too), as they are,
and the report shows per line of each which allocated most, where collections started and
which opened the files left open.

  PROG.py                    a Python program of your own to compare (repeatable)
  --workload NAME            a workload to run (repeatable; also --workloads a,b,c); default all
  --strategy NAME[:PROFILE]  a strategy, or the path of a module exporting one (repeatable); default all
  --scale N                  multiplies each workload's size (default 1)
  --seed N                   the workloads' random seed (default 1)
  --jobs N                   runs in parallel (default: the number of cores)
  --json                     print the results as JSON instead of a summary
  --out DIR                  where the report and its JSON are written (default reports/latest)
  --heap-sizes M,M,...       also run the collecting strategies at these multiples (each at least 1)
                             of each workload's minimum heap, found by bisection; e.g. 1.25,1.5,2,3,4,6
  --shard I/N                run only slice I of N of the comparison and write only its JSON;
                             join the slices with pymm merge-reports
  --python CMD               the CPython that also runs each Python program (default: python3.X of the
                             version compared, pyenv's, or python3 when it is that version)
  --no-cpython               leave the CPython column out
Guide: docs/guides/sharded-comparisons.md
`;

const MERGE_REPORTS_HELP = `usage: pymm merge-reports DIR... [--out DIR] [--json]

Joins the shards of one comparison (each DIR holds the comparison.json of a pymm compare --shard I/N
run) into the report and the JSON one unsharded run writes. Refuses shards of different comparisons,
and missing or repeated shards.

  --out DIR   where the report and its JSON are written (default reports/latest)
  --json      print the merged JSON
`;

const CONFORMANCE_HELP = `usage: pymm conformance [--dir DIR] [--json]

Replays the recorded CPython traces (conformance/traces by default) on the generational strategy with
each trace's profile, and compares every result with what CPython recorded.
`;

const REPLAY_HELP = `usage: pymm replay FILE [--strategy NAME] [--profile PROFILE] [--json] [--timing]

Replays a pymm trace (the format: docs/specs/pymm-trace-v1.md) on one strategy.

  --strategy NAME            nogc, refcount, generational or mark-sweep; without it, generational
                             (CPython's collector)
  --profile PROFILE          the strategy's profile; without it, the strategy's default (generational:
                             cpython-3.11)
  --json                     print the results object the CPython recorder prints
  --timing                   print replay-seconds: the time spent replaying on standard error
`;

const TRACE_STATS_HELP = `usage: pymm trace-stats FILE [--json]

Counts a trace's operations by kind and checks it, without running it.
`;

const SNAPSHOT_HELP = `usage: pymm snapshot analyze FILE [--json] [--why OBJ] [--out DIR] [--top N] [--strategies]
       pymm snapshot diff A B [--json]
       pymm snapshot module

Reads a heap snapshot taken from a running CPython process by pymm_snapshot.py
(docs/guides/finding-a-leak.md; the format: docs/guides/snapshot-format.md).

  analyze FILE     what is unreachable, retained sizes, top retainers, generations
    --why OBJ      the shortest chain of references from a root to object OBJ
    --out DIR      also write a self-contained HTML report there
    --top N        how many objects, types and sites to list (default 20)
    --strategies   replay the heap on the simulated strategies, with their modelled pauses
    --json         print the analysis as JSON (apps/compare/schema/snapshot-analysis.schema.json)
  diff A B         what grew between two snapshots, by type and allocation site
  module           print the path of pymm_snapshot.py, the dump module
`;

/** Each command's own help, printed by \`pymm COMMAND --help\`. */
const COMMAND_HELP: Readonly<Record<string, string>> = {
  compare: COMPARE_HELP,
  'merge-reports': MERGE_REPORTS_HELP,
  conformance: CONFORMANCE_HELP,
  run: RUN_HELP,
  replay: REPLAY_HELP,
  'trace-stats': TRACE_STATS_HELP,
  snapshot: SNAPSHOT_HELP,
};

/** The version of this package, from its package.json (beside src/ and dist/ alike). */
function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return String(manifest.version);
}

/** Host stack of the thread a Python program runs in: room for deep Python recursion. */
const RUN_STACK_MB = 256;

/**
 * Runs `pymm run` in a worker thread with a {@link RUN_STACK_MB} stack; resolves to the exit code.
 * Run from source (tsx, whose loader a worker's entry does not get on Node 20), it runs in this
 * thread, with Node's default stack.
 */
async function runInWorker(options: RunCommandOptions): Promise<number> {
  const output = {
    stdout: (text: string) => process.stdout.write(text),
    stderr: (text: string) => process.stderr.write(text),
  };
  if (import.meta.url.endsWith('.ts')) {
    const { runRun } = await import('./commands/run.js');
    return runRun(options, output);
  }
  const worker = new Worker(new URL('./run-worker.js', import.meta.url), {
    workerData: options,
    resourceLimits: { stackSizeMb: RUN_STACK_MB },
  });
  return new Promise((resolve, reject) => {
    let exitCode: number | null = null;
    worker.on('message', (message: { stdout?: string; stderr?: string; exitCode?: number }) => {
      if (message.stdout !== undefined) process.stdout.write(message.stdout);
      if (message.stderr !== undefined) process.stderr.write(message.stderr);
      if (message.exitCode !== undefined) exitCode = message.exitCode;
    });
    worker.on('error', reject);
    worker.on('exit', () => {
      if (exitCode === null) reject(new Error("the program's worker stopped without an exit code"));
      else resolve(exitCode);
    });
  });
}

/** A progress bar on standard error, only on a terminal. */
function progressBar(enabled: boolean) {
  return (p: { done: number; total: number; last: { workload: string; label: string } | null }) => {
    if (!enabled) return;
    const width = 30;
    const filled = Math.round((p.done / Math.max(1, p.total)) * width);
    const last = p.last ? ` ${p.last.workload} / ${p.last.label}` : '';
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}${last}`.padEnd(100),
    );
    if (p.done === p.total) process.stderr.write('\n');
  };
}

/** Runs the command line `argv` (without `node` and the script) and returns its output. */
export async function main(argv: readonly string[]): Promise<CommandResult> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return { stdout: HELP, stderr: '', exitCode: command === undefined ? ExitCode.Usage : ExitCode.Ok };
  }
  if (command === '--version' || command === '-V') {
    return { stdout: `pymm ${version()}\n`, stderr: '', exitCode: ExitCode.Ok };
  }
  const commandHelp = COMMAND_HELP[command];
  if (commandHelp !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    // `pymm run prog.py -- --help` passes --help to the program.
    const end = rest.indexOf('--');
    const own = end === -1 ? rest : rest.slice(0, end);
    if (own.includes('--help') || own.includes('-h'))
      return { stdout: commandHelp, stderr: '', exitCode: ExitCode.Ok };
  }
  try {
    switch (command) {
      case 'compare': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: {
            workload: { type: 'string', multiple: true },
            workloads: { type: 'string' },
            strategy: { type: 'string', multiple: true },
            strategies: { type: 'string' },
            scale: { type: 'string' },
            seed: { type: 'string' },
            jobs: { type: 'string' },
            json: { type: 'boolean' },
            out: { type: 'string' },
            'heap-sizes': { type: 'string' },
            shard: { type: 'string' },
            python: { type: 'string' },
            'no-cpython': { type: 'boolean' },
          },
        });
        const workloads = [...(values.workload ?? []), ...(values.workloads ? [values.workloads] : [])];
        const strategies = [...(values.strategy ?? []), ...(values.strategies ? [values.strategies] : [])];
        const { runCompare } = await import('./commands/compare.js');
        return await runCompare(
          {
            workloads: workloads.length ? workloads : undefined,
            strategies: strategies.length ? strategies : undefined,
            scale: values.scale,
            seed: values.seed,
            jobs: values.jobs,
            json: values.json,
            out: values.out,
            heapSizes: values['heap-sizes'],
            shard: values.shard,
            programs: positionals.length ? positionals : undefined,
            python: values['no-cpython'] ? false : values.python,
          },
          progressBar(Boolean(process.stderr.isTTY) && !values.json),
        );
      }
      case 'merge-reports': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: { out: { type: 'string' }, json: { type: 'boolean' } },
        });
        const { runMergeReports } = await import('./commands/merge-reports.js');
        return await runMergeReports({ inputs: positionals, out: values.out, json: values.json });
      }
      case 'conformance': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: { dir: { type: 'string' }, json: { type: 'boolean' } },
        });
        if (positionals.length > 0) return usage(`conformance: unexpected argument '${positionals[0]}'`);
        const { runConformance } = await import('./commands/conformance.js');
        return runConformance(values);
      }
      case 'run': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: {
            strategy: { type: 'string' },
            profile: { type: 'string' },
            json: { type: 'boolean' },
            timing: { type: 'boolean' },
            'max-steps': { type: 'string' },
          },
        });
        // The program runs in a worker with a large stack (see run-worker.ts); its output is
        // written as it comes.
        const exitCode = await runInWorker({
          file: positionals[0],
          args: positionals.slice(1),
          strategy: values.strategy,
          profile: values.profile,
          json: values.json,
          timing: values.timing,
          maxSteps: values['max-steps'],
        });
        return { stdout: '', stderr: '', exitCode };
      }
      case 'replay': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: {
            strategy: { type: 'string' },
            profile: { type: 'string' },
            json: { type: 'boolean' },
            timing: { type: 'boolean' },
          },
        });
        if (positionals.length > 1) return usage(`replay: expected one FILE, got ${positionals.length}`);
        const { runReplay } = await import('./commands/replay.js');
        return runReplay({ file: positionals[0], ...values });
      }
      case 'trace-stats': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: { json: { type: 'boolean' } },
        });
        if (positionals.length > 1) return usage(`trace-stats: expected one FILE, got ${positionals.length}`);
        const { runTraceStats } = await import('./commands/trace-stats.js');
        return runTraceStats({ file: positionals[0], ...values });
      }
      case 'snapshot': {
        const [sub, ...args] = rest;
        const { values, positionals } = parseArgs({
          args,
          allowPositionals: true,
          options: {
            json: { type: 'boolean' },
            why: { type: 'string' },
            out: { type: 'string' },
            top: { type: 'string' },
            strategies: { type: 'boolean' },
          },
        });
        const snapshot = await import('./commands/snapshot.js');
        if (sub === 'analyze' && positionals.length <= 1)
          return await snapshot.runSnapshotAnalyze({ file: positionals[0], ...values });
        if (sub === 'diff' && positionals.length === 2)
          return snapshot.runSnapshotDiff({
            before: positionals[0],
            after: positionals[1],
            json: values.json,
          });
        if (sub === 'module' && positionals.length === 0) return snapshot.runSnapshotModule();
        return usage('snapshot: expected analyze FILE, diff A B or module (try: pymm --help)');
      }
      default:
        return usage(`unknown command '${command}' (try: pymm --help)`);
    }
  } catch (error) {
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return usage(error.message);
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      stdout: '',
      stderr: `pymm: internal error (please report it): ${message}\n`,
      exitCode: ExitCode.Internal,
    };
  }
}

const result = await main(process.argv.slice(2));
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
