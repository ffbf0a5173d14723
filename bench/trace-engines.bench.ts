/**
 * `pnpm bench --only engines`: the three ways `replayTrace` can read and run a
 * trace, on the bench traces (`bench/traces/make_traces.py`), in one process,
 * in turn, best of four each: `reference` (each line parsed into an object,
 * run by the reference interpreter; its execution time includes the parsing,
 * which it interleaves), `batch` (the default: the scanner into typed-array
 * batches, one `switch` per operation) and `compiled` (each batch compiled
 * into a generated function; compilation is outside the execution time).
 *
 *   node --conditions=@pymm/source --import tsx bench/trace-engines.bench.ts [--scale S]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLines, replayTrace } from '@pymm/core/trace';
import { generational } from '@pymm/generational';

const root = fileURLToPath(new URL('../', import.meta.url));
const scale = process.argv.includes('--scale')
  ? Number(process.argv[process.argv.indexOf('--scale') + 1])
  : 1;
const dir = mkdtempSync(join(tmpdir(), 'pymm-bench-engines-'));
execFileSync('python3', [join(root, 'bench/traces/make_traces.py'), dir, '--scale', String(scale)]);
const ENGINES = ['reference', 'batch', 'compiled'] as const;

console.log(
  '| trace | operations | reference s (wall) | batch execute s | batch wall s | compiled execute s | compiled wall s |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const name of ['churn', 'web-requests', 'random']) {
  const file = join(dir, `${name}.jsonl`);
  const execute: Record<string, number> = {};
  const wall: Record<string, number> = {};
  let operations = 0;
  for (let round = 0; round < 4; round++) {
    for (const engine of ENGINES) {
      const started = performance.now();
      const outcome = replayTrace(readLines(file), generational(), { engine });
      const seconds = (performance.now() - started) / 1000;
      operations = outcome.operations;
      execute[engine] = Math.min(execute[engine] ?? Number.POSITIVE_INFINITY, outcome.executeSeconds);
      wall[engine] = Math.min(wall[engine] ?? Number.POSITIVE_INFINITY, seconds);
    }
  }
  console.log(
    `| ${name} | ${operations.toLocaleString('en-US')} | ${wall.reference.toFixed(2)} | ${execute.batch.toFixed(2)} | ${wall.batch.toFixed(2)} | ${execute.compiled.toFixed(2)} | ${wall.compiled.toFixed(2)} |`,
  );
}
