/**
 * pymm against CPython on the same traces: CPython's recorder times the
 * execution of the compiled operations (compilation excluded); pymm's
 * replayer times the execution of the operations (parsing excluded), under
 * the `cpython-3.11` profile. Both are printed with their ratio.
 *
 *   node --conditions=@pymm/source --import tsx bench/cpython-side-by-side.bench.ts [--scale S]
 */
import { execFileSync, spawnSync } from 'node:child_process';
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
const dir = mkdtempSync(join(tmpdir(), 'pymm-bench-traces-'));
execFileSync('python3', [join(root, 'bench/traces/make_traces.py'), dir, '--scale', String(scale)]);

/** Best of three runs (the least disturbed by other load). */
function best(run: () => number): number {
  return Math.min(run(), run(), run());
}

console.log('| trace | operations | CPython 3.11 s | pymm s | pymm / CPython |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const name of ['churn', 'gc-collect', 'gc-traversal', 'web-requests', 'random']) {
  const file = join(dir, `${name}.jsonl`);
  let operations = 0;
  const pymm = best(() => {
    const outcome = replayTrace(readLines(file), generational());
    operations = outcome.operations;
    return outcome.executeSeconds;
  });
  const cpython = best(() => {
    const run = spawnSync(
      'python3',
      [join(root, 'conformance/record.py'), file, '--out-dir', dir, '--timing'],
      {
        encoding: 'utf8',
      },
    );
    const seconds = /replay-seconds: ([\d.]+)/.exec(run.stderr)?.[1];
    if (run.status !== 0 || seconds === undefined)
      throw new Error(`record.py failed on ${name}: ${run.stderr}`);
    return Number(seconds);
  });
  console.log(
    `| ${name} | ${operations.toLocaleString('en-US')} | ${cpython.toFixed(3)} | ${pymm.toFixed(3)} | ${(pymm / cpython).toFixed(1)}× |`,
  );
}
