/**
 * `pnpm bench --only python`: `pymm run` against `python3` on the same Python programs
 * (`bench/programs/`: pyperformance's gc_collect and gc_traversal shapes, GCBench's binary trees),
 * whole-process wall time, best of three, the two in turn; and pymm's own `run-seconds`
 * (execution only, without Node's start, parsing and compiling). Both must print the same.
 * Needs the built command (`pnpm build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = `${root}apps/compare/dist/cli.js`;
const PROGRAMS = ['gc_collect', 'gc_traversal', 'binary_trees'];
const RUNS = 3;

if (!existsSync(cli))
  throw new Error('bench python: apps/compare/dist/cli.js is missing; run `pnpm build` first');

function timed(
  command: string,
  args: readonly string[],
): { seconds: number; stdout: string; stderr: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { seconds, stdout: result.stdout, stderr: result.stderr };
}

console.log(
  '| program | python3 wall s | pymm run wall s | pymm run-seconds | pymm / python3 (wall) | same stdout |',
);
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
for (const name of PROGRAMS) {
  const file = `bench/programs/${name}.py`;
  let python = Number.POSITIVE_INFINITY;
  let pymm = Number.POSITIVE_INFINITY;
  let runSeconds = Number.POSITIVE_INFINITY;
  let same = true;
  for (let i = 0; i < RUNS; i++) {
    const a = timed('python3', [file]);
    const b = timed(process.execPath, [cli, 'run', file, '--timing']);
    python = Math.min(python, a.seconds);
    pymm = Math.min(pymm, b.seconds);
    runSeconds = Math.min(runSeconds, Number(/run-seconds: ([\d.]+)/.exec(b.stderr)?.[1]));
    same &&= a.stdout === b.stdout;
  }
  console.log(
    `| ${name} | ${python.toFixed(2)} | ${pymm.toFixed(2)} | ${runSeconds.toFixed(2)} | ${(pymm / python).toFixed(2)} | ${same ? 'yes' : 'NO'} |`,
  );
}
