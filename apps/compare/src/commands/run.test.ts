import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRun } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'pymm-run-'));
function program(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}
async function run(options: Parameters<typeof runRun>[0]) {
  let stdout = '';
  let stderr = '';
  const exitCode = await runRun(options, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { exitCode, stdout, stderr };
}

const NODE_CYCLE = `import gc
class Node:
    def __init__(self):
        self.other = None
a = Node(); b = Node(); a.other = b; b.other = a
del a, b
print(gc.collect())
`;

describe('pymm run', { timeout: 60_000 }, () => {
  it('runs a program on generational (cpython-3.11) by default: the cycle is collected', async () => {
    expect(await run({ file: program('cycle.py', NODE_CYCLE) })).toEqual({
      exitCode: 0,
      stdout: '2\n',
      stderr: '',
    });
  });

  it('runs it on refcount, where the cycle leaks, and reports that as JSON', async () => {
    const result = await run({ file: program('cycle.py', NODE_CYCLE), strategy: 'refcount', json: true });
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ file: 'cycle.py', strategy: 'refcount', exitCode: 0, stdout: '0\n' });
    expect(json.memory.objects).toBeGreaterThan(0);
    expect(json.filesLeftOpen).toEqual([]);
  });

  it('accepts NAME:PROFILE and passes arguments to sys.argv', async () => {
    const file = program('argv.py', 'import sys\nprint(sys.argv[1:])\n');
    expect((await run({ file, strategy: 'generational:cpython-3.13', args: ['a', 'b'] })).stdout).toBe(
      "['a', 'b']\n",
    );
  });

  it('names the script by its absolute path in __file__ and tracebacks, and as typed in sys.argv[0], as CPython 3.9+ does', async () => {
    const typed = relative(
      process.cwd(),
      program('where.py', 'import sys\nprint(__file__)\nprint(sys.argv[0])\n1 / 0\n'),
    );
    const result = await run({ file: typed });
    const absolute = resolve(typed);
    expect(result.stdout).toBe(`${absolute}\n${typed}\n`);
    expect(result.stderr).toContain(`  File "${absolute}", line 4, in <module>\n    1 / 0\n`);
  });

  it('prints a traceback and exits 1 on an uncaught exception', async () => {
    const result = await run({ file: program('bad.py', 'def f(x):\n    return 1 / x\nf(0)\n') });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Traceback (most recent call last):\n');
    expect(result.stderr.endsWith('ZeroDivisionError: division by zero\n')).toBe(true);
  });

  it('stops a runaway loop at --max-steps, and times the run with --timing', async () => {
    const loop = await run({ file: program('loop.py', 'while True:\n    pass\n'), maxSteps: '1000' });
    expect(loop.exitCode).toBe(1);
    expect(loop.stderr).toMatch(/stopped after 1000 steps/);
    const timed = await run({ file: program('one.py', 'print(1)\n'), timing: true });
    expect(timed.stderr).toMatch(/^run-seconds: \d+\.\d{6}\n$/);
  });

  it('gives usage errors (exit 2) for a missing file, an unknown strategy or a bad --max-steps', async () => {
    expect(await run({ file: join(dir, 'missing.py') })).toMatchObject({ exitCode: 2, stdout: '' });
    const file = program('ok.py', 'print(1)\n');
    expect((await run({ file, strategy: 'nope' })).stderr).toMatch(/unknown strategy 'nope'/);
    expect((await run({ file, strategy: 'refcount:x' })).exitCode).toBe(2);
    expect((await run({ file, maxSteps: '-3' })).stderr).toBe(
      "pymm: run: --max-steps must be a positive integer, got '-3'\n",
    );
    expect((await run({})).exitCode).toBe(2);
  });

  it('runs the built command in a worker with a large stack: recursion reaches the recursion limit', () => {
    // `npm test` builds first; the built command is what users run (the worker needs the build).
    const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
    expect(existsSync(cli), 'apps/compare/dist/cli.js (run pnpm build)').toBe(true);
    const file = program(
      'deep.py',
      'import sys\nsys.setrecursionlimit(5000)\ndef f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\n' +
        'print(f(4900))\ndef g(n):\n    return g(n + 1)\ntry:\n    g(0)\nexcept RecursionError as e:\n    print(e)\n',
    );
    const result = spawnSync('node', [cli, 'run', file], { encoding: 'utf8' });
    expect(result.stdout).toBe('4900\nmaximum recursion depth exceeded\n');
    expect(result.status).toBe(0);
  });
});
