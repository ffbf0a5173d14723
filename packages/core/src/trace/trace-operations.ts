/**
 * The operations of pymm-trace v1 as a table of handlers, one per operation,
 * named after it and in the order of the spec's table. Each does exactly what
 * the Python statement beside it in the spec does on CPython, including the
 * work CPython does behind the statement (`gc.set_threshold(a, b, c)` builds
 * an argument tuple) and the eval-breaker checks where CPython makes them, so
 * that a strategy modelling CPython can match it exactly. Whether an operation
 * makes sense for what its slots hold is checked here; its shape was checked
 * by the reader.
 *
 * @module
 */

import type { ClassInfo } from '../heap/class-registry.js';
import { dictDelete, dictGet, dictHas, dictSet } from '../heap/containers/dict.js';
import { listAppend, listDelete, listPop, listSet } from '../heap/containers/list.js';
import { TypeId } from '../objects/type-id.js';
import { invalid, isListType, type TraceMachine } from './trace-machine.js';
import type { TraceOperation } from './trace-reader.js';

/** The operation named `K`, as parsed. */
type OperationNamed<K extends TraceOperation['op']> = TraceOperation extends infer O
  ? O extends { readonly op: infer Name }
    ? K extends Name
      ? O
      : never
    : never
  : never;

/** Runs one operation, read from line `line`, on the machine. */
type Handler<K extends TraceOperation['op']> = (
  machine: TraceMachine,
  line: number,
  operation: OperationNamed<K>,
) => void;

/** `v[d] = klass()`: a new tagged list, on the value stack across the eval-breaker check after the call. */
function newTagged(machine: TraceMachine, klass: ClassInfo, d: number): void {
  const obj = machine.heap.newListSubclass(klass, machine.nextTag++);
  machine.hold(obj, 'new');
  machine.evalBreaker(); // after the call L(); the new object is on the stack
  machine.store(d, obj);
  machine.drop();
}

/** Fails unless `v[slot]` (which holds `target`) is a list. */
function requireList(machine: TraceMachine, line: number, op: string, slot: number, target: number): void {
  if (!isListType(machine.heap, target))
    invalid(line, op, `v[${slot}] holds ${machine.describe(target)}, not a list`);
}

/** The key `k` of the dict in `v[slot]`: it must be there. */
function existingKey(
  machine: TraceMachine,
  line: number,
  op: string,
  slot: number,
  dict: number,
  k: number,
): number {
  const key = machine.intConstant(k);
  if (!dictHas(machine.heap, dict, key)) invalid(line, op, `key ${k} is not in v[${slot}], a dict`);
  return key;
}

/** Fails: `v[slot]` (which holds `target`) is neither list nor dict, so `v[slot][k]` cannot be used as `what` says. */
function notSubscriptable(
  machine: TraceMachine,
  line: number,
  op: string,
  slot: number,
  target: number,
  what: string,
): never {
  return invalid(line, op, `v[${slot}] holds ${machine.describe(target)}, which ${what}`);
}

/** One handler per operation of the spec, in the spec's order. */
export const TRACE_HANDLERS: { readonly [K in TraceOperation['op']]: Handler<K> } = {
  /** `v[d] = L()`. */
  list(machine, _line, operation) {
    newTagged(machine, machine.classes.L, operation.d);
  },

  /** `v[d] = F()`: `__del__` appends the tag to `finalized`. */
  flist(machine, _line, operation) {
    newTagged(machine, machine.classes.F, operation.d);
  },

  /** `v[d] = R()`: like `F`, and `__del__` resurrects the object once. */
  rlist(machine, _line, operation) {
    newTagged(machine, machine.classes.R, operation.d);
  },

  /** `v[d] = (v[s0], v[s1], ...)`. */
  tuple(machine, _line, operation) {
    const v = machine.v.values;
    const items = operation.items.map((s) => v[s]);
    machine.store(operation.d, machine.heap.newTuple(items));
  },

  /** `v[d] = {}`. */
  dict(machine, _line, operation) {
    machine.store(operation.d, machine.heap.newDict());
  },

  /** `v[d] = n`. */
  int(machine, _line, operation) {
    machine.store(operation.d, machine.intConstant(operation.n));
  },

  /** `v[d] = "text"`: a constant of the code (interned when it looks like an identifier). */
  str(machine, _line, operation) {
    const text = operation.text;
    const heap = machine.heap;
    machine.store(
      operation.d,
      machine.constant(`s${text}`, () => heap.newStr(text, /^[A-Za-z0-9_]*$/.test(text))),
    );
  },

  /** `v[d] = None`. */
  none(machine, _line, operation) {
    machine.store(operation.d, machine.heap.none);
  },

  /** `v[d] = v[s]`. */
  move(machine, _line, operation) {
    machine.store(operation.d, machine.v.values[operation.s]);
  },

  /** `v[d].append(v[s])`. */
  append(machine, line, operation) {
    const heap = machine.heap;
    const v = machine.v.values;
    const target = v[operation.d];
    requireList(machine, line, operation.op, operation.d, target);
    listAppend(heap, target, v[operation.s]);
    machine.evalBreaker();
  },

  /** `v[d][k] = v[s]`: an existing list index, or an integer dict key. */
  setitem(machine, line, operation) {
    const heap = machine.heap;
    const v = machine.v.values;
    const target = v[operation.d];
    const value = v[operation.s];
    if (isListType(heap, target)) {
      machine.checkIndex(target, operation.k, operation.d, line, operation.op);
      listSet(heap, target, operation.k, value);
    } else if (heap.store.type[target] === TypeId.Dict) {
      dictSet(heap, target, machine.intConstant(operation.k), value);
    } else {
      notSubscriptable(machine, line, operation.op, operation.d, target, 'does not support item assignment');
    }
  },

  /** `v[d] = v[s][k]`: a list or tuple index, or a dict key that exists. */
  getitem(machine, line, operation) {
    const heap = machine.heap;
    const source = machine.v.values[operation.s];
    const type = heap.store.type[source];
    let item: number;
    if (isListType(heap, source) || type === TypeId.Tuple) {
      machine.checkIndex(source, operation.k, operation.s, line, operation.op);
      const n = heap.store.refLen[source];
      const i = operation.k < 0 ? operation.k + n : operation.k;
      item = heap.store.refs.cells[heap.store.refStart[source] + i];
    } else if (type === TypeId.Dict) {
      item = dictGet(
        heap,
        source,
        existingKey(machine, line, operation.op, operation.s, source, operation.k),
      );
    } else {
      notSubscriptable(machine, line, operation.op, operation.s, source, 'is not subscriptable');
    }
    machine.store(operation.d, item);
  },

  /** `del v[d][k]`: a list index or a dict key that exists. */
  delitem(machine, line, operation) {
    const heap = machine.heap;
    const target = machine.v.values[operation.d];
    if (isListType(heap, target)) {
      machine.checkIndex(target, operation.k, operation.d, line, operation.op);
      listDelete(heap, target, operation.k);
    } else if (heap.store.type[target] === TypeId.Dict) {
      dictDelete(heap, target, existingKey(machine, line, operation.op, operation.d, target, operation.k));
    } else {
      notSubscriptable(machine, line, operation.op, operation.d, target, 'does not support item deletion');
    }
  },

  /** `v[d].pop()`: the popped item stays on the value stack across the eval-breaker check, then is dropped. */
  pop(machine, line, operation) {
    const heap = machine.heap;
    const target = machine.v.values[operation.d];
    requireList(machine, line, operation.op, operation.d, target);
    if (heap.store.refLen[target] === 0) invalid(line, operation.op, `v[${operation.d}] is an empty list`);
    machine.hold(listPop(heap, target), 'transfer');
    machine.evalBreaker(); // the popped item is still on the stack
    machine.drop();
  },

  /** `v[d].clear()`: a list or a dict. */
  clear(machine, line, operation) {
    const heap = machine.heap;
    const target = machine.v.values[operation.d];
    const type = heap.store.type[target];
    if (!isListType(heap, target) && type !== TypeId.Dict) {
      invalid(
        line,
        operation.op,
        `v[${operation.d}] holds ${machine.describe(target)}, not a list or a dict`,
      );
    }
    heap.clearReferences(target);
    machine.evalBreaker();
  },

  /** `r.append(gc.collect(g))`: the return value is recorded. */
  collect(machine, _line, operation) {
    machine.collectResults.push(machine.heap.strategy.collect(operation.generation, 'explicit'));
    machine.evalBreaker(); // after gc.collect()
    machine.evalBreaker(); // after r.append()
  },

  /** `gc.enable()`, `gc.disable()`, `gc.freeze()` or `gc.unfreeze()`. */
  gc(machine, _line, operation) {
    const gc = machine.heap.strategy.gc;
    if (!gc) return;
    if (operation.action === 'enable') gc.enable();
    else if (operation.action === 'disable') gc.disable();
    else if (operation.action === 'freeze') gc.freeze();
    else gc.unfreeze();
    machine.evalBreaker();
  },

  /** `gc.set_threshold(t0, t1, t2)`. */
  threshold(machine, _line, operation) {
    // gc.set_threshold is METH_VARARGS: CPython builds a tuple of the three
    // arguments for the call and releases it afterwards.
    const heap = machine.heap;
    const [t0, t1, t2] = operation.thresholds;
    const args = heap.newTuple([machine.intConstant(t0), machine.intConstant(t1), machine.intConstant(t2)]);
    heap.incref(args);
    heap.strategy.gc?.setThreshold(t0, t1, t2);
    heap.decref(args);
    machine.evalBreaker();
  },
};

/** Executes one operation of the trace (read from line `line`): it counts as one operation of the heap. */
export function executeOperation(machine: TraceMachine, line: number, operation: TraceOperation): void {
  machine.heap.operation++;
  // A switch rather than `TRACE_HANDLERS[operation.op](...)`: each call site then sees one
  // handler, which V8 inlines, where a keyed lookup leaves one shared call site for all of them.
  const H = TRACE_HANDLERS;
  switch (operation.op) {
    case 'list':
      H.list(machine, line, operation);
      break;
    case 'flist':
      H.flist(machine, line, operation);
      break;
    case 'rlist':
      H.rlist(machine, line, operation);
      break;
    case 'tuple':
      H.tuple(machine, line, operation);
      break;
    case 'dict':
      H.dict(machine, line, operation);
      break;
    case 'int':
      H.int(machine, line, operation);
      break;
    case 'str':
      H.str(machine, line, operation);
      break;
    case 'none':
      H.none(machine, line, operation);
      break;
    case 'move':
      H.move(machine, line, operation);
      break;
    case 'append':
      H.append(machine, line, operation);
      break;
    case 'setitem':
      H.setitem(machine, line, operation);
      break;
    case 'getitem':
      H.getitem(machine, line, operation);
      break;
    case 'delitem':
      H.delitem(machine, line, operation);
      break;
    case 'pop':
      H.pop(machine, line, operation);
      break;
    case 'clear':
      H.clear(machine, line, operation);
      break;
    case 'collect':
      H.collect(machine, line, operation);
      break;
    case 'gc':
      H.gc(machine, line, operation);
      break;
    case 'threshold':
      H.threshold(machine, line, operation);
      break;
  }
}
