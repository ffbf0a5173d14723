/**
 * Runs a {@link TraceBatch} of decoded operations: one `switch` over each
 * row's code, calling the operation's step (`TRACE_STEPS`) with the row's
 * arguments. This is the interpreter of the fast path; the compiler
 * (`trace-compiler.ts`) turns a batch into straight-line code instead.
 *
 * @module
 */

import { OpCode, type TraceBatch } from './trace-batch.js';
import type { TraceMachine } from './trace-machine.js';
import { TRACE_STEPS } from './trace-operations.js';

/** Runs every operation of the batch in order; each counts as one operation of the heap. */
export function runBatch(machine: TraceMachine, batch: TraceBatch): void {
  const heap = machine.heap;
  const S = TRACE_STEPS;
  const { code, line, a, b, c } = batch;
  for (let i = 0; i < batch.count; i++) {
    heap.operation++;
    switch (code[i]) {
      case OpCode.List:
        S.list(machine, a[i]);
        break;
      case OpCode.Flist:
        S.flist(machine, a[i]);
        break;
      case OpCode.Rlist:
        S.rlist(machine, a[i]);
        break;
      case OpCode.Tuple:
        S.tuple(machine, a[i], batch.items, b[i], c[i]);
        break;
      case OpCode.Dict:
        S.dict(machine, a[i]);
        break;
      case OpCode.Int:
        S.int(machine, a[i], c[i]);
        break;
      case OpCode.Str:
        S.str(machine, a[i], batch.texts[b[i]]);
        break;
      case OpCode.None:
        S.none(machine, a[i]);
        break;
      case OpCode.Move:
        S.move(machine, a[i], b[i]);
        break;
      case OpCode.Append:
        S.append(machine, line[i], a[i], b[i]);
        break;
      case OpCode.Setitem:
        S.setitem(machine, line[i], a[i], c[i], b[i]);
        break;
      case OpCode.Getitem:
        S.getitem(machine, line[i], a[i], b[i], c[i]);
        break;
      case OpCode.Delitem:
        S.delitem(machine, line[i], a[i], c[i]);
        break;
      case OpCode.Pop:
        S.pop(machine, line[i], a[i]);
        break;
      case OpCode.Clear:
        S.clear(machine, line[i], a[i]);
        break;
      case OpCode.Collect:
        S.collect(machine, a[i]);
        break;
      case OpCode.Gc:
        S.gc(machine, a[i]);
        break;
      case OpCode.Threshold:
        S.threshold(machine, a[i], b[i], c[i]);
        break;
    }
  }
}
