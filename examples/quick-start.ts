/**
 * pymm's quick start: the classic reference cycle, under two strategies.
 *
 *   class Node:
 *       def __init__(self, value): self.value = value; self.ref = None
 *   node1 = Node(1); node2 = Node(2)
 *   node1.ref = node2; node2.ref = node1   # a cycle
 *   del node1, node2
 *
 * Run: pnpm exec node --conditions=@pymm/source --import tsx examples/quick-start.ts
 */
import { createRuntime, type StrategyFactory } from '@pymm/core';
import { generational } from '@pymm/generational';
import { leakReport, refcount } from '@pymm/refcount';

function nodeCycle(strategy: StrategyFactory) {
  const py = createRuntime({ strategy });
  const Node = py.class('Node');
  const v = py.locals;
  v.node1 = Node.new({ value: py.int(1), ref: py.None });
  v.node2 = Node.new({ value: py.int(2), ref: py.None });
  py.setattr(v.node1, 'ref', v.node2);
  py.setattr(v.node2, 'ref', v.node1);
  py.del('node1', 'node2');
  return py;
}

const rc = nodeCycle(refcount());
const report = leakReport(rc);
console.log(
  `refcount: after del, ${report.summary.objects} objects are unreachable but alive (${report.summary.bytes} bytes leaked)`,
);
console.log(`refcount: gc.collect() -> ${rc.collect()}`);

const gen = nodeCycle(generational());
console.log(`generational: gc.collect() -> ${gen.collect()} (the cycle is found and freed)`);
console.log(`generational: ${gen.memory().liveBytes} bytes in live objects afterwards`);
