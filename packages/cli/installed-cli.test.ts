/**
 * The `pymm` command as a user installs it: this package packed as a release packs it (`pnpm
 * pack`), the tarball installed with `npm i -g` into a scratch prefix with no network (`--offline`,
 * an empty cache, and a registry address nothing listens on, so any download would fail), then
 * `pymm` run from an unrelated directory. The expected figures come from CPython: `python3` runs
 * the same program, and the replayed trace is one CPython recorded (conformance/traces).
 *
 * It needs the build (`pnpm build`; `npm test` builds first). Without it, off CI, it is skipped.
 */
import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE = dirname(fileURLToPath(import.meta.url));
const TRACES = join(PACKAGE, '..', '..', 'conformance', 'traces');
const MANIFEST = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { version: string };
const BUILT = existsSync(join(PACKAGE, 'dist', 'cli.js'));
const NOT_BUILT = 'the pymm command is not built: pnpm build';

/** The program `pymm run` and CPython both run: a cycle, a finalizer, a weak reference, argv. */
const PROGRAM = `import gc
import sys
import weakref

class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)

a = Node("a")
b = Node("b")
a.other = b
b.other = a
probe = weakref.ref(a)
del a, b
print("alive before collect:", probe() is not None)
print("collected:", gc.collect())
print("alive after collect:", probe() is not None)
print("argv:", sys.argv[1:])
print(sum(i * i for i in range(100)))
`;

/** A program that leaves a cycle for the next collection, with the collector off, to snapshot. */
const LEAK = `import gc
gc.disable()

class Node:
    pass

a = Node()
b = Node()
a.other = b
b.other = a
del a, b
`;

/**
 * The environment of a user's shell: a search path without the repository's `node_modules/.bin`
 * directories, and none of the variables `pnpm` and vitest set (`NODE_PATH` among them, through
 * which the installed command would find this repository's packages). `HOME` is the scratch
 * directory, so no user configuration of npm applies either.
 */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const path = (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.includes('node_modules'))
    .join(':');
  return { PATH: path, HOME: scratch, ...extra };
}

let scratch = '';
let prefix = '';
let work = '';
let install: ReturnType<typeof spawnSync> | undefined;

/** Runs a command to completion and returns its output as text. */
function run(command: string, args: readonly string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000, ...options });
  if (result.error) throw result.error;
  return { stdout: String(result.stdout), stderr: String(result.stderr), status: result.status };
}

/** The installed `pymm`, run in the unrelated work directory. */
function pymm(...args: string[]) {
  return run(join(prefix, 'bin', 'pymm'), args, { cwd: work, env: userEnv() });
}

/** Where npm puts the installed package under a global prefix (on POSIX). */
function installedPackage(): string {
  return join(prefix, 'lib', 'node_modules', '@pymm', 'cli');
}

beforeAll(() => {
  if (!BUILT && !process.env.CI) return;
  scratch = mkdtempSync(join(tmpdir(), 'pymm-installed-cli-'));
  prefix = join(scratch, 'prefix');
  work = join(scratch, 'work');
  mkdirSync(work);
  const packed = run('pnpm', ['pack', '--pack-destination', scratch], { cwd: PACKAGE });
  const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball:\n${packed.stdout}${packed.stderr}`);
  install = spawnSync(
    'npm',
    [
      'install',
      '--global',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--prefix',
      prefix,
      join(scratch, tarball),
    ],
    {
      cwd: scratch,
      encoding: 'utf8',
      timeout: 120_000,
      env: userEnv({
        npm_config_offline: 'true',
        npm_config_cache: join(scratch, 'npm-cache'),
        npm_config_registry: 'http://127.0.0.1:9/',
      }),
    },
  );
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the pymm command installed from its packed tarball, offline', { timeout: 60_000 }, () => {
  it('installs as one package, with nothing fetched and nothing else installed', (ctx) => {
    ctx.skip(!BUILT && !process.env.CI, NOT_BUILT);
    expect(install?.status, `${install?.stdout}${install?.stderr}`).toBe(0);
    expect(String(install?.stdout)).toMatch(/added 1 package\b/);
    const installed = JSON.parse(readFileSync(join(installedPackage(), 'package.json'), 'utf8'));
    expect(installed.dependencies).toBeUndefined();
    expect(existsSync(join(installedPackage(), 'node_modules'))).toBe(false);
    expect(existsSync(join(prefix, 'bin', 'pymm'))).toBe(true);
  });

  it('prints its version and, from any directory, each command its own --help', (ctx) => {
    ctx.skip(!BUILT && !process.env.CI, NOT_BUILT);
    expect(pymm('--version')).toEqual({ stdout: `pymm ${MANIFEST.version}\n`, stderr: '', status: 0 });
    const help = pymm('--help');
    expect(help.status).toBe(0);
    for (const command of ['compare', 'conformance', 'run', 'replay', 'trace-stats', 'snapshot']) {
      expect(help.stdout).toContain(`pymm ${command}`);
      const own = pymm(command, '--help');
      expect(own.status, command).toBe(0);
      expect(own.stdout.startsWith(`usage: pymm ${command}`), own.stdout).toBe(true);
    }
  });

  it('pymm run prog.py prints what CPython prints', (ctx) => {
    ctx.skip(!BUILT && !process.env.CI, NOT_BUILT);
    const file = join(work, 'prog.py');
    writeFileSync(file, PROGRAM);
    const cpython = run(pythonExecutable(), [file, 'x', '--y'], { cwd: work });
    expect(cpython.status, cpython.stderr).toBe(0);
    const simulated = pymm('run', 'prog.py', '--', 'x', '--y');
    expect(simulated).toEqual({ stdout: cpython.stdout, stderr: '', status: 0 });
  });

  it('pymm replay TRACE without --strategy replays on generational and matches what CPython recorded', (ctx) => {
    ctx.skip(!BUILT && !process.env.CI, NOT_BUILT);
    expect(pymm('replay', '--help').stdout).toContain('without it, generational');
    const name = 'gen-auto-108';
    copyFileSync(join(TRACES, `${name}.jsonl`), join(work, `${name}.jsonl`));
    const { python, ...recorded } = JSON.parse(readFileSync(join(TRACES, `${name}.expected.json`), 'utf8'));
    expect(python).toMatch(/^3\.11\./); // the default profile, cpython-3.11
    const implicit = pymm('replay', `${name}.jsonl`, '--json');
    expect(implicit.status, implicit.stderr).toBe(0);
    expect(JSON.parse(implicit.stdout)).toEqual(recorded);
    expect(pymm('replay', `${name}.jsonl`, '--json', '--strategy', 'generational')).toEqual(implicit);
    expect(pymm('replay', `${name}.jsonl`).stdout).toContain('operations on generational (cpython-3.11)');
  });

  // `pymm compare prog.py` is not on this branch's base yet: the workloads' form is tested, on two
  // workloads with two jobs so that the worker entry is started from the installed package too.
  it('pymm compare writes the report, with the installed ECharts inlined', (ctx) => {
    ctx.skip(!BUILT && !process.env.CI, NOT_BUILT);
    const workloads = ['reference-cycles', 'gc-collect'];
    const compared = pymm(
      'compare',
      '--workloads',
      workloads.join(','),
      '--scale',
      '0.01',
      '--jobs',
      '2',
      '--out',
      'report',
    );
    expect(compared.status, compared.stderr).toBe(0);
    const comparison = JSON.parse(readFileSync(join(work, 'report', 'comparison.json'), 'utf8'));
    expect(comparison.workloads.map((w: { name: string }) => w.name)).toEqual(workloads);
    expect(comparison.runs).toHaveLength(workloads.length * comparison.strategies.length);
    const html = readFileSync(join(work, 'report', 'index.html'), 'utf8');
    expect(html).toContain(readFileSync(join(installedPackage(), 'dist', 'echarts.min.js'), 'utf8'));
  });

  it('pymm snapshot: the dump module ships with it, and analyze --out draws the root path (viz-js)', (ctx) => {
    ctx.skip(!BUILT && !process.env.CI, NOT_BUILT);
    const module = pymm('snapshot', 'module');
    expect(module.stdout).toBe(`${join(installedPackage(), 'dist', 'pymm_snapshot.py')}\n`);
    writeFileSync(join(work, 'leak.py'), LEAK);
    const dumped = run(pythonExecutable(), ['-m', 'pymm_snapshot', '-o', 'leak.pymmsnap', 'leak.py'], {
      cwd: work,
      env: { ...process.env, PYTHONPATH: dirname(module.stdout.trim()) },
    });
    expect(dumped.status, dumped.stderr).toBe(0);
    const analyzed = pymm('snapshot', 'analyze', 'leak.pymmsnap', '--out', 'snapshot', '--top', '3');
    expect(analyzed.status, analyzed.stderr).toBe(0);
    expect(analyzed.stdout).toMatch(/1 cluster of 2 objects, \d+ B in all: 2 __main__\.Node\n/);
    const report = readFileSync(join(work, 'snapshot', 'snapshot.html'), 'utf8');
    expect(report).toMatch(/<figure id="why"><!-- Generated by graphviz [\s\S]*<svg[\s\S]*<\/svg>/);
  });
});
