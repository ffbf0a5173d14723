/**
 * `pnpm bench`: runs pymm's benchmarks and prints their figures with the
 * machine they ran on. Benchmarks never fail for being slow; BENCHMARKS.md
 * keeps the latest table and this command. `pnpm bench --quick` runs small sizes.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machineLine } from './machine.js';
import type { BaselineRow } from './nogc-baseline.bench.js';

const quick = process.argv.includes('--quick');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Runs one measurement in a fresh node process and parses its JSON line. */
function inChild<T>(script: string, args: readonly string[]): T {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      '--conditions=@pymm/source',
      '--import',
      'tsx',
      here(script),
      ...args,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}

console.log(`pymm benchmarks on ${machineLine()}`);
console.log('');
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
    const row = inChild<BaselineRow>('./nogc-baseline.bench.ts', ['--measure', String(n), layer]);
    console.log(
      `| ${fmt(row.objects)} | ${layers[layer]} | ${fmt(row.allocationsPerSecond)} | ${row.hostBytesPerObject.toFixed(1)} |`,
    );
  }
}
