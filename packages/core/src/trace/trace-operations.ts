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
import { GC_ACTIONS } from './trace-batch.js';
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

/**
 * The operations with their arguments in positional form, each doing what the
 * spec's statement does. The handler table below (the reference interpreter,
 * over parsed operation objects), the batch runner and the generated code of a
 * compiled trace all call these, so the three cannot disagree on what an
 * operation does, only on how they get to it.
 */
export const TRACE_STEPS = {
  /** `v[d] = L()`. */
  list(machine: TraceMachine, d: number): void {
    newTagged(machine, machine.classes.L, d);
  },

  /** `v[d] = F()`: `__del__` appends the tag to `finalized`. */
  flist(machine: TraceMachine, d: number): void {
    newTagged(machine, machine.classes.F, d);
  },

  /** `v[d] = R()`: like `F`, and `__del__` resurrects the object once. */
  rlist(machine: TraceMachine, d: number): void {
    newTagged(machine, machine.classes.R, d);
  },

  /** `v[d] = (v[s0], v[s1], ...)`, the item slots being `items[start .. start + count - 1]`. */
  tuple(machine: TraceMachine, d: number, items: ArrayLike<number>, start: number, count: number): void {
    const v = machine.v.values;
    const objects: number[] = new Array(count);
    for (let i = 0; i < count; i++) objects[i] = v[items[start + i]];
    machine.store(d, machine.heap.newTuple(objects));
  },

  /** `v[d] = {}`. */
  dict(machine: TraceMachine, d: number): void {
    machine.store(d, machine.heap.newDict());
  },

  /** `v[d] = n`. */
  int(machine: TraceMachine, d: number, n: number): void {
    machine.store(d, machine.intConstant(n));
  },

  /** `v[d] = "text"`: a constant of the code (interned when it looks like an identifier). */
  str(machine: TraceMachine, d: number, text: string): void {
    const heap = machine.heap;
    machine.store(
      d,
      machine.constant(`s${text}`, () => heap.newStr(text, /^[A-Za-z0-9_]*$/.test(text))),
    );
  },

  /** `v[d] = None`. */
  none(machine: TraceMachine, d: number): void {
    machine.store(d, machine.heap.none);
  },

  /** `v[d] = v[s]`. */
  move(machine: TraceMachine, d: number, s: number): void {
    machine.store(d, machine.v.values[s]);
  },

  /** `v[d].append(v[s])`. */
  append(machine: TraceMachine, line: number, d: number, s: number): void {
    requireList(machine, line, 'append', d, machine.v.values[d]);
    S.appendList(machine, d, s);
  },

  /** `v[d].append(v[s])` where `v[d]` is known to hold a list. */
  appendList(machine: TraceMachine, d: number, s: number): void {
    const v = machine.v.values;
    listAppend(machine.heap, v[d], v[s]);
    machine.evalBreaker();
  },

  /** `v[d][k] = v[s]`: an existing list index, or an integer dict key. */
  setitem(machine: TraceMachine, line: number, d: number, k: number, s: number): void {
    const heap = machine.heap;
    const target = machine.v.values[d];
    if (isListType(heap, target)) S.setitemList(machine, line, d, k, s);
    else if (heap.store.type[target] === TypeId.Dict) S.setitemDict(machine, d, k, s);
    else notSubscriptable(machine, line, 'setitem', d, target, 'does not support item assignment');
  },

  /** `v[d][k] = v[s]` where `v[d]` is known to hold a list. */
  setitemList(machine: TraceMachine, line: number, d: number, k: number, s: number): void {
    const v = machine.v.values;
    const target = v[d];
    machine.checkIndex(target, k, d, line, 'setitem');
    listSet(machine.heap, target, k, v[s]);
  },

  /** `v[d][k] = v[s]` where `v[d]` is known to hold a dict. */
  setitemDict(machine: TraceMachine, d: number, k: number, s: number): void {
    const v = machine.v.values;
    dictSet(machine.heap, v[d], machine.intConstant(k), v[s]);
  },

  /** `v[d] = v[s][k]`: a list or tuple index, or a dict key that exists. */
  getitem(machine: TraceMachine, line: number, d: number, s: number, k: number): void {
    const heap = machine.heap;
    const source = machine.v.values[s];
    const type = heap.store.type[source];
    if (isListType(heap, source) || type === TypeId.Tuple) S.getitemSequence(machine, line, d, s, k);
    else if (type === TypeId.Dict) S.getitemDict(machine, line, d, s, k);
    else notSubscriptable(machine, line, 'getitem', s, source, 'is not subscriptable');
  },

  /** `v[d] = v[s][k]` where `v[s]` is known to hold a list or a tuple. */
  getitemSequence(machine: TraceMachine, line: number, d: number, s: number, k: number): void {
    const store = machine.heap.store;
    const source = machine.v.values[s];
    machine.checkIndex(source, k, s, line, 'getitem');
    const n = store.refLen[source];
    machine.store(d, store.refs.cells[store.refStart[source] + (k < 0 ? k + n : k)]);
  },

  /** `v[d] = v[s][k]` where `v[s]` is known to hold a dict. */
  getitemDict(machine: TraceMachine, line: number, d: number, s: number, k: number): void {
    const heap = machine.heap;
    const source = machine.v.values[s];
    machine.store(d, dictGet(heap, source, existingKey(machine, line, 'getitem', s, source, k)));
  },

  /** `del v[d][k]`: a list index or a dict key that exists. */
  delitem(machine: TraceMachine, line: number, d: number, k: number): void {
    const heap = machine.heap;
    const target = machine.v.values[d];
    if (isListType(heap, target)) S.delitemList(machine, line, d, k);
    else if (heap.store.type[target] === TypeId.Dict) S.delitemDict(machine, line, d, k);
    else notSubscriptable(machine, line, 'delitem', d, target, 'does not support item deletion');
  },

  /** `del v[d][k]` where `v[d]` is known to hold a list. */
  delitemList(machine: TraceMachine, line: number, d: number, k: number): void {
    const target = machine.v.values[d];
    machine.checkIndex(target, k, d, line, 'delitem');
    listDelete(machine.heap, target, k);
  },

  /** `del v[d][k]` where `v[d]` is known to hold a dict. */
  delitemDict(machine: TraceMachine, line: number, d: number, k: number): void {
    const target = machine.v.values[d];
    dictDelete(machine.heap, target, existingKey(machine, line, 'delitem', d, target, k));
  },

  /** `v[d].pop()`: the popped item stays on the value stack across the eval-breaker check, then is dropped. */
  pop(machine: TraceMachine, line: number, d: number): void {
    requireList(machine, line, 'pop', d, machine.v.values[d]);
    S.popList(machine, line, d);
  },

  /** `v[d].pop()` where `v[d]` is known to hold a list. */
  popList(machine: TraceMachine, line: number, d: number): void {
    const heap = machine.heap;
    const target = machine.v.values[d];
    if (heap.store.refLen[target] === 0) invalid(line, 'pop', `v[${d}] is an empty list`);
    machine.hold(listPop(heap, target), 'transfer');
    machine.evalBreaker(); // the popped item is still on the stack
    machine.drop();
  },

  /** `v[d].clear()`: a list or a dict. */
  clear(machine: TraceMachine, line: number, d: number): void {
    const heap = machine.heap;
    const target = machine.v.values[d];
    if (!isListType(heap, target) && heap.store.type[target] !== TypeId.Dict) {
      invalid(line, 'clear', `v[${d}] holds ${machine.describe(target)}, not a list or a dict`);
    }
    S.clearContainer(machine, d);
  },

  /** `v[d].clear()` where `v[d]` is known to hold a list or a dict. */
  clearContainer(machine: TraceMachine, d: number): void {
    machine.heap.clearReferences(machine.v.values[d]);
    machine.evalBreaker();
  },

  /** `r.append(gc.collect(g))`: the return value is recorded. */
  collect(machine: TraceMachine, generation: number): void {
    machine.collectResults.push(machine.heap.strategy.collect(generation, 'explicit'));
    machine.evalBreaker(); // after gc.collect()
    machine.evalBreaker(); // after r.append()
  },

  /** `gc.enable()`, `gc.disable()`, `gc.freeze()` or `gc.unfreeze()`: `action` is its index in {@link GC_ACTIONS}. */
  gc(machine: TraceMachine, action: number): void {
    const gc = machine.heap.strategy.gc;
    if (!gc) return;
    if (action === 0) gc.enable();
    else if (action === 1) gc.disable();
    else if (action === 2) gc.freeze();
    else gc.unfreeze();
    machine.evalBreaker();
  },

  /** `gc.set_threshold(t0, t1, t2)`. */
  threshold(machine: TraceMachine, t0: number, t1: number, t2: number): void {
    // gc.set_threshold is METH_VARARGS: CPython builds a tuple of the three
    // arguments for the call and releases it afterwards.
    const heap = machine.heap;
    const args = heap.newTuple([machine.intConstant(t0), machine.intConstant(t1), machine.intConstant(t2)]);
    heap.incref(args);
    heap.strategy.gc?.setThreshold(t0, t1, t2);
    heap.decref(args);
    machine.evalBreaker();
  },
};

const S = TRACE_STEPS;

/** One handler per operation of the spec, in the spec's order: the reference interpreter. */
export const TRACE_HANDLERS: { readonly [K in TraceOperation['op']]: Handler<K> } = {
  list(machine, _line, operation) {
    S.list(machine, operation.d);
  },
  flist(machine, _line, operation) {
    S.flist(machine, operation.d);
  },
  rlist(machine, _line, operation) {
    S.rlist(machine, operation.d);
  },
  tuple(machine, _line, operation) {
    S.tuple(machine, operation.d, operation.items, 0, operation.items.length);
  },
  dict(machine, _line, operation) {
    S.dict(machine, operation.d);
  },
  int(machine, _line, operation) {
    S.int(machine, operation.d, operation.n);
  },
  str(machine, _line, operation) {
    S.str(machine, operation.d, operation.text);
  },
  none(machine, _line, operation) {
    S.none(machine, operation.d);
  },
  move(machine, _line, operation) {
    S.move(machine, operation.d, operation.s);
  },
  append(machine, line, operation) {
    S.append(machine, line, operation.d, operation.s);
  },
  setitem(machine, line, operation) {
    S.setitem(machine, line, operation.d, operation.k, operation.s);
  },
  getitem(machine, line, operation) {
    S.getitem(machine, line, operation.d, operation.s, operation.k);
  },
  delitem(machine, line, operation) {
    S.delitem(machine, line, operation.d, operation.k);
  },
  pop(machine, line, operation) {
    S.pop(machine, line, operation.d);
  },
  clear(machine, line, operation) {
    S.clear(machine, line, operation.d);
  },
  collect(machine, _line, operation) {
    S.collect(machine, operation.generation);
  },
  gc(machine, _line, operation) {
    S.gc(machine, GC_ACTIONS.indexOf(operation.action));
  },
  threshold(machine, _line, operation) {
    const [t0, t1, t2] = operation.thresholds;
    S.threshold(machine, t0, t1, t2);
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
