/**
 * `pnpm bench --only cpython`: pymm against CPython 3.11 on the same work, in
 * one invocation, the two run in turn, best of N each, with their ratio.
 *
 * - Traces (`bench/traces/make_traces.py`): CPython's recorder
 *   (`conformance/record.py --timing`) times the execution of the compiled
 *   operations, compilation excluded; `pymm replay --timing` times the
 *   execution of the operations under `generational` (`cpython-3.11`),
 *   reading excluded. The wall time of both commands (start-up, reading or
 *   compiling, running) is printed beside them.
 * - Python programs (`bench/programs/*.py`): `python3 bench/cpython_exec.py`
 *   compiles the program first and times `exec` with `perf_counter`;
 *   `pymm run --timing` times the execution (`runPythonSync`'s `seconds`),
 *   parsing and compiling excluded. Both must print the same; the wall time of
 *   both commands, start-up included, is printed beside them.
 *
 * Both run as a user runs them, as commands, so pymm's figures are those of
 * the built command (`pnpm build` first).
 *
 *   node --conditions=@pymm/source --import tsx bench/cpython-side-by-side.bench.ts [--runs N] [--scale S]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = join(root, 'apps/compare/dist/cli.js');
const argument = (name: string, otherwise: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : otherwise;
const scale = argument('--scale', 1);
const runs = argument('--runs', 3);

if (!existsSync(cli))
  throw new Error('bench cpython: apps/compare/dist/cli.js is missing; run `pnpm build` first');

/** One run of a command: its wall time, its output, and the `NAME: seconds` figure it printed. */
function timed(
  command: string,
  args: readonly string[],
  figure: string,
): { wall: number; seconds: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - started) / 1000;
  const seconds = new RegExp(`${figure}: ([\\d.]+)`).exec(result.stderr)?.[1];
  if (result.status !== 0 || seconds === undefined)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { wall, seconds: Number(seconds), stdout: result.stdout };
}

interface Best {
  seconds: number;
  wall: number;
}

/** `runs` alternating runs of CPython and pymm: the best (least disturbed) figures of each, and whether every pair printed the same. */
function sideBySide(
  cpython: () => ReturnType<typeof timed>,
  pymm: () => ReturnType<typeof timed>,
): { cpython: Best; pymm: Best; sameOutput: boolean } {
  const c: Best = { seconds: Number.POSITIVE_INFINITY, wall: Number.POSITIVE_INFINITY };
  const p: Best = { seconds: Number.POSITIVE_INFINITY, wall: Number.POSITIVE_INFINITY };
  let sameOutput = true;
  for (let i = 0; i < runs; i++) {
    const a = cpython();
    const b = pymm();
    c.seconds = Math.min(c.seconds, a.seconds);
    c.wall = Math.min(c.wall, a.wall);
    p.seconds = Math.min(p.seconds, b.seconds);
    p.wall = Math.min(p.wall, b.wall);
    sameOutput &&= a.stdout === b.stdout;
  }
  return { cpython: c, pymm: p, sameOutput };
}

const ratio = (pymm: number, cpython: number) => `${(pymm / cpython).toFixed(2)}×`;

const dir = mkdtempSync(join(tmpdir(), 'pymm-bench-traces-'));
execFileSync('python3', [join(root, 'bench/traces/make_traces.py'), dir, '--scale', String(scale)]);

console.log(`Traces (best of ${runs}; execution only, then wall time of the whole command)`);
console.log('');
console.log(
  '| trace | operations | CPython 3.11 s | pymm s | pymm / CPython | CPython wall s | pymm wall s | pymm / CPython (wall) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const name of ['churn', 'gc-collect', 'gc-traversal', 'web-requests', 'random']) {
  const file = join(dir, `${name}.jsonl`);
  const operations = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('[')).length;
  const { cpython, pymm } = sideBySide(
    () =>
      timed(
        'python3',
        [join(root, 'conformance/record.py'), file, '--out-dir', dir, '--timing'],
        'replay-seconds',
      ),
    () =>
      timed(
        process.execPath,
        [
          cli,
          'replay',
          file,
          '--strategy',
          'generational',
          '--profile',
          'cpython-3.11',
          '--timing',
          '--json',
        ],
        'replay-seconds',
      ),
  );
  console.log(
    `| ${name} | ${operations.toLocaleString('en-US')} | ${cpython.seconds.toFixed(3)} | ${pymm.seconds.toFixed(3)} | ${ratio(pymm.seconds, cpython.seconds)} | ${cpython.wall.toFixed(2)} | ${pymm.wall.toFixed(2)} | ${ratio(pymm.wall, cpython.wall)} |`,
  );
}

console.log('');
console.log(
  `Python programs (best of ${runs}; execution only, then wall time of the whole command, start-up included)`,
);
console.log('');
console.log(
  '| program | CPython 3.11 exec s | pymm run-seconds | pymm / CPython | python3 wall s | pymm run wall s | pymm / CPython (wall) | same stdout |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
const programs = readdirSync(join(root, 'bench/programs'))
  .filter((f) => f.endsWith('.py'))
  .sort();
for (const program of programs) {
  const file = join(root, 'bench/programs', program);
  const { cpython, pymm, sameOutput } = sideBySide(
    () => timed('python3', [join(root, 'bench/cpython_exec.py'), file], 'exec-seconds'),
    () => timed(process.execPath, [cli, 'run', file, '--timing'], 'run-seconds'),
  );
  console.log(
    `| ${program.slice(0, -3)} | ${cpython.seconds.toFixed(3)} | ${pymm.seconds.toFixed(3)} | ${ratio(pymm.seconds, cpython.seconds)} | ${cpython.wall.toFixed(2)} | ${pymm.wall.toFixed(2)} | ${ratio(pymm.wall, cpython.wall)} | ${sameOutput ? 'yes' : 'NO'} |`,
  );
}

// Start-up alone: an empty program through each command.
const empty = join(dir, 'empty.py');
writeFileSync(empty, '');
const startup = sideBySide(
  () => timed('python3', [join(root, 'bench/cpython_exec.py'), empty], 'exec-seconds'),
  () => timed(process.execPath, [cli, 'run', empty, '--timing'], 'run-seconds'),
);
console.log('');
console.log(
  `Start-up (an empty program, wall): python3 ${startup.cpython.wall.toFixed(3)} s, pymm run ${startup.pymm.wall.toFixed(3)} s`,
);
