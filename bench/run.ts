/**
 * `pnpm bench`: runs pymm's benchmarks and prints their figures with the
 * machine they ran on. Benchmarks never fail for being slow; BENCHMARKS.md
 * keeps the latest tables and this command.
 *
 *   pnpm bench                 every benchmark
 *   pnpm bench --quick         small sizes (a smoke run)
 *   pnpm bench --only NAME     one section: baseline, pymalloc, mark-sweep, cpython, engines, python, overheads, scale
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machineLine } from './machine.js';
import type { BaselineRow } from './nogc-baseline.bench.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const root = fileURLToPath(new URL('../', import.meta.url));
const nodeArgs = ['--expose-gc', '--max-old-space-size=8192', '--conditions=@pymm/source', '--import', 'tsx'];

/** Runs a script in a fresh node process; returns its standard output. */
function run(script: string, scriptArgs: readonly string[] = []): string {
  return execFileSync(process.execPath, [...nodeArgs, script, ...scriptArgs], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
}

const sections: Record<string, () => void> = {
  baseline() {
    console.log('## noGC baseline: empty lists, nothing freed');
    console.log('| objects | layer | allocations/s | host bytes/object |');
    console.log('| ---: | --- | ---: | ---: |');
    const layers = {
      heap: '`heap.newList()`',
      'heap-reserved': '`heap.newList()`, capacity reserved',
      runtime: '`py.append(keep, py.list())`',
    };
    for (const layer of ['heap', 'heap-reserved', 'runtime'] as const) {
      for (const n of quick ? [100_000] : [1_000_000, 10_000_000]) {
        const out = run('bench/nogc-baseline.bench.ts', ['--measure', String(n), layer]);
        const row = JSON.parse(out.trim().split('\n').at(-1)!) as BaselineRow;
        console.log(
          `| ${fmt(row.objects)} | ${layers[layer]} | ${fmt(row.allocationsPerSecond)} | ${row.hostBytesPerObject.toFixed(1)} |`,
        );
      }
    }
  },
  pymalloc() {
    console.log('## pymalloc and system allocator models: allocate + free');
    process.stdout.write(run('packages/core/src/memory/pymalloc.bench.ts'));
  },
  'mark-sweep'() {
    console.log('## mark-sweep: marking throughput and incremental pauses');
    process.stdout.write(run('packages/mark-sweep/src/mark-sweep.bench.ts'));
  },
  cpython() {
    console.log('## Side by side with CPython 3.11 (best of three, in turn; needs `pnpm build`)');
    process.stdout.write(run('bench/cpython-side-by-side.bench.ts'));
  },
  engines() {
    console.log('## Trace engines: reference, batch (default) and compiled (best of four, in one process)');
    process.stdout.write(run('bench/trace-engines.bench.ts'));
  },
  python() {
    console.log('## Python programs: `pymm run` against `python3` (best of three, needs `pnpm build`)');
    process.stdout.write(run('bench/python-programs.bench.ts'));
  },
  overheads() {
    console.log('## Overheads against the noGC baseline (best of five, scale 1)');
    process.stdout.write(run('bench/overheads.bench.ts'));
  },
  scale() {
    console.log('## Scale: 10,000,000 live objects, 20,000,000 references, one full collection');
    console.log('| strategy | build s | host memory | full collection s |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const strategy of ['generational', 'mark-sweep']) {
      const out = run('bench/scale.bench.ts', ['--measure', strategy, '10000000']);
      const row = JSON.parse(out.trim().split('\n').at(-1)!) as {
        buildSeconds: number;
        hostBytes: number;
        collectSeconds: number;
      };
      console.log(
        `| ${strategy} | ${row.buildSeconds.toFixed(1)} | ${(row.hostBytes / 2 ** 20).toFixed(0)} MiB | ${row.collectSeconds.toFixed(2)} |`,
      );
    }
  },
};

console.log(`pymm benchmarks on ${machineLine()}`);
for (const [name, section] of Object.entries(sections)) {
  if (only && only !== name) continue;
  if (quick && name !== 'baseline') continue;
  console.log('');
  section();
}
