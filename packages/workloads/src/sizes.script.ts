/**
 * Prints each workload's size at scale 1: runtime operations and seconds
 * under reference counting and under the generational collector, as a
 * Markdown table, to keep every workload within the suite's time budget
 * (roughly 0.5–2 s per workload and strategy). Not a test: timings depend on
 * the machine.
 *
 *     node --conditions=@pymm/source --import tsx packages/workloads/src/sizes.script.ts \
 *       [--scale=1] [--strategies=refcount,generational] [name ...]
 *
 * Strategies: noGC, refcount, generational, mark-sweep, mark-sweep-incremental.
 *
 * @module
 */

import { createRuntime, noGC, type StrategyFactory } from '@pymm/core';
import { generational } from '@pymm/generational';
import { createMarkSweepStrategy } from '@pymm/mark-sweep';
import { refcount } from '@pymm/refcount';
import { runWorkload } from './run-workload.js';
import { WORKLOADS, workloadByName } from './suite.js';

const KNOWN_STRATEGIES: Readonly<Record<string, StrategyFactory>> = {
  noGC: noGC(),
  refcount: refcount(),
  generational: generational(),
  'mark-sweep': createMarkSweepStrategy(),
  'mark-sweep-incremental': createMarkSweepStrategy('incremental'),
};

interface Arguments {
  readonly scale: number;
  readonly strategies: readonly { readonly label: string; readonly factory: StrategyFactory }[];
  readonly names: readonly string[];
}

function parseArguments(args: readonly string[]): Arguments {
  let scale = 1;
  let labels = ['refcount', 'generational'];
  const names: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('--scale=')) scale = Number(arg.slice('--scale='.length));
    else if (arg.startsWith('--strategies=')) labels = arg.slice('--strategies='.length).split(',');
    else names.push(arg);
  }
  if (!Number.isFinite(scale) || scale <= 0)
    throw new RangeError(`--scale must be a positive number, got ${scale}`);
  const strategies = labels.map((label) => {
    const factory = KNOWN_STRATEGIES[label];
    if (!factory) {
      throw new RangeError(
        `unknown strategy '${label}' (expected: ${Object.keys(KNOWN_STRATEGIES).join(', ')})`,
      );
    }
    return { label, factory };
  });
  return { scale, strategies, names };
}

const { scale, strategies: STRATEGIES, names } = parseArguments(process.argv.slice(2));
const workloads = names.length > 0 ? names.map(workloadByName) : WORKLOADS;

console.log(`scale ${scale}, seed 1\n`);
console.log(`| workload | operations | ${STRATEGIES.map((s) => `${s.label} s`).join(' | ')} |`);
console.log(`|---|--:|${STRATEGIES.map(() => '--:').join('|')}|`);
const totals = STRATEGIES.map(() => 0);
let totalOperations = 0;
for (const workload of workloads) {
  let operations = 0;
  const seconds = STRATEGIES.map((strategy, i) => {
    const py = createRuntime({ strategy: strategy.factory });
    const start = performance.now();
    runWorkload(workload, py, { scale, seed: 1 });
    const elapsed = (performance.now() - start) / 1000;
    operations = py.operation;
    totals[i] += elapsed;
    return elapsed;
  });
  totalOperations += operations;
  console.log(
    `| ${workload.name} | ${operations.toLocaleString('en-US')} | ${seconds.map((s) => s.toFixed(2)).join(' | ')} |`,
  );
}
console.log(
  `| **total** | ${totalOperations.toLocaleString('en-US')} | ${totals.map((s) => s.toFixed(2)).join(' | ')} |`,
);
