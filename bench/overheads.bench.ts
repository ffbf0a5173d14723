/**
 * What each strategy costs against the noGC baseline on the same workload
 * (same operation stream): reference counting on acyclic workloads, cycle
 * collection on cycle-heavy ones. Best of five runs of each, wall time of the
 * workload's program.
 *
 *   node --conditions=@pymm/source --import tsx bench/overheads.bench.ts
 */
import { createRuntime, noGC, type StrategyFactory } from '@pymm/core';
import { generational } from '@pymm/generational';
import { createMarkSweepStrategy } from '@pymm/mark-sweep';
import { refcount } from '@pymm/refcount';
import { createContext, workloadByName } from '@pymm/workloads';

function time(workload: string, make: () => StrategyFactory, scale: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const py = createRuntime({ strategy: make() });
    const w = workloadByName(workload);
    const started = performance.now();
    w.run(py, createContext({ scale, seed: 1 }));
    py.flushTemporaries();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const cases = [
  { workload: 'binary-trees', kind: 'acyclic' },
  { workload: 'tuples-vs-lists', kind: 'acyclic' },
  { workload: 'del-intermediate', kind: 'acyclic' },
  { workload: 'gc-collect', kind: 'cycle-heavy' },
  { workload: 'reference-cycles', kind: 'cycle-heavy' },
];
console.log('| workload | kind | noGC ms | refcount | generational | mark-sweep |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const c of cases) {
  const base = time(c.workload, noGC, 1);
  const ratio = (make: () => StrategyFactory) => `${(time(c.workload, make, 1) / base).toFixed(2)}×`;
  console.log(
    `| ${c.workload} | ${c.kind} | ${base.toFixed(1)} | ${ratio(refcount)} | ${ratio(() => generational())} | ${ratio(() => createMarkSweepStrategy())} |`,
  );
}
