/**
 * Replaying a pymm-trace v1 program against any strategy, producing the
 * results object of the spec. Each operation does exactly what the Python
 * statement beside it in the spec does on CPython, including the work CPython
 * does behind the statement (for example `gc.set_threshold(a, b, c)` builds an
 * argument tuple), so that a strategy modelling CPython can match it exactly.
 *
 * @module
 */

import {
  dictDelete,
  dictGet,
  dictHas,
  dictSet,
  listAppend,
  listDelete,
  listPop,
  listSet,
} from '../heap/containers.js';
import type { ClassInfo, Heap } from '../heap/heap.js';
import { ObjectFlag } from '../heap/object-store.js';
import type { Namespace } from '../heap/roots.js';
import type { Allocator } from '../memory/allocator.js';
import { createPymalloc, createSystemAllocator } from '../memory/index.js';
import type { CPythonVersion } from '../objects/size-model.js';
import { TypeId } from '../objects/type-id.js';
import { Runtime } from '../runtime/runtime.js';
import type { StrategyFactory } from '../strategy/strategy.js';
import {
  readTrace,
  TraceError,
  type TraceHeader,
  type TraceLines,
  type TraceOperation,
} from './trace-reader.js';

/**
 * The results of running a trace (the spec's "Results" object).
 *
 * @example
 * ```ts
 * import { type TraceResults, linesOf, noGC, replayTrace } from '@pymm/core';
 * const trace = '{"format": "pymm-trace", "version": 1, "slots": 1, "name": "t"}\n["list", 0]\n["collect", 2]';
 * const results: TraceResults = replayTrace(linesOf(trace), noGC()).results;
 * results.collect_results; // [0]: noGC finds nothing
 * results.alive; // [0]: the tagged list in v0
 * ```
 */
export interface TraceResults {
  /** Return value of each `collect`, in order. */
  readonly collect_results: number[];
  /** Per generation 0..2: `[collections, collected, uncollectable]` during the trace. */
  readonly stats: [number, number, number][];
  /** `gc.get_count()` after the last operation (zeros for strategies without generations). */
  readonly count: [number, number, number];
  /** Tags in the order their finalizers ran. */
  readonly finalized: number[];
  /** Tags in the order they were resurrected. */
  readonly resurrected: number[];
  /** Sorted tags of tagged lists still alive after the last operation. */
  readonly alive: number[];
}

/**
 * Options for {@link replayTrace}.
 *
 * @example
 * ```ts
 * import { type ReplayOptions, linesOf, noGC, replayTrace } from '@pymm/core';
 * const allocated: string[] = [];
 * const options: ReplayOptions = {
 *   version: '3.12',
 *   allocator: 'system',
 *   onStart: (runtime) => {
 *     runtime.on('allocate', (event) => allocated.push(event.type));
 *   },
 * };
 * const trace = '{"format": "pymm-trace", "version": 1, "slots": 1, "name": "t"}\n["list", 0]';
 * const outcome = replayTrace(linesOf(trace), noGC(), options);
 * allocated; // ['list']
 * outcome.runtime.heap.sizes.version; // '3.12'
 * ```
 */
export interface ReplayOptions {
  /** Allocator model (default `pymalloc`). */
  readonly allocator?: 'pymalloc' | 'system' | Allocator;
  /** CPython version of the object model (sizes, trashcan); default `3.11`. */
  readonly version?: CPythonVersion;
  /** Called once the runtime exists, before the first operation (for subscribing to events). */
  readonly onStart?: (runtime: Runtime, header: TraceHeader) => void;
}

/**
 * What {@link replayTrace} returns: the results plus the run's measurements.
 *
 * @example
 * ```ts
 * import { type ReplayOutcome, linesOf, noGC, replayTrace } from '@pymm/core';
 * const trace = [
 *   '{"format": "pymm-trace", "version": 1, "slots": 2, "name": "cycle"}',
 *   '["list", 0]',
 *   '["append", 0, 0]',
 *   '["none", 0]',
 * ].join('\n');
 * const outcome: ReplayOutcome = replayTrace(linesOf(trace), noGC());
 * [outcome.header.name, outcome.operations]; // ['cycle', 3]
 * outcome.runtime.strategyName; // 'nogc'
 * outcome.seconds >= outcome.executeSeconds; // true
 * ```
 */
export interface ReplayOutcome {
  readonly header: TraceHeader;
  readonly results: TraceResults;
  /** Operations executed. */
  readonly operations: number;
  /** Host seconds spent executing operations (parsing included, as it is streamed; see `executeSeconds`). */
  readonly seconds: number;
  /** Host seconds spent inside operations only (excludes reading and parsing lines). */
  readonly executeSeconds: number;
  /** The runtime the trace ran on (its heap, strategy and events). */
  readonly runtime: Runtime;
}

const TAG_CLASSES = ['L', 'F', 'R'] as const;

/**
 * Thresholds every trace starts with, whatever the profile's default (spec, "Starting state").
 *
 * @example
 * ```ts
 * import { SPEC_START_THRESHOLDS } from '@pymm/core';
 * // replayTrace calls strategy.gc?.setThreshold(...SPEC_START_THRESHOLDS) before the first
 * // operation, so a profile whose default differs (CPython 3.13: 2000) replays a trace
 * // with the thresholds it was recorded with.
 * SPEC_START_THRESHOLDS; // [700, 10, 10]
 * ```
 */
export const SPEC_START_THRESHOLDS: readonly [number, number, number] = [700, 10, 10];

/**
 * Runs a trace on a strategy and returns its results. Throws {@link TraceError}
 * (naming the line, the operation and the reason) at the first invalid
 * operation, and then reports no results.
 *
 * @example
 * ```ts
 * import { linesOf, noGC, replayTrace } from '@pymm/core';
 * const trace = [
 *   '{"format": "pymm-trace", "version": 1, "slots": 2, "name": "cycle"}',
 *   '["list", 0]',
 *   '["append", 0, 0]',
 *   '["none", 0]',
 *   '["collect", 2]',
 * ].join('\n');
 * replayTrace(linesOf(trace), noGC()).results.alive; // [0]
 * ```
 */
export function replayTrace(
  lines: TraceLines,
  strategy: StrategyFactory,
  options: ReplayOptions = {},
): ReplayOutcome {
  const { header, operations } = readTrace(lines);
  const allocator =
    typeof options.allocator === 'object'
      ? options.allocator
      : options.allocator === 'system'
        ? createSystemAllocator()
        : createPymalloc();
  const runtime = new Runtime({ strategy, allocator, version: options.version });
  // The spec's starting state: thresholds (700, 10, 10), automatic collection enabled.
  runtime.strategy.gc?.setThreshold(...SPEC_START_THRESHOLDS);
  runtime.strategy.gc?.enable();
  const replayer = new TraceMachine(runtime, header);
  options.onStart?.(runtime, header);
  const started = performance.now();
  let executing = 0;
  let count = 0;
  // Operations are parsed a batch at a time and each batch's execution is timed, so that
  // `executeSeconds` leaves parsing out without a clock read per operation.
  const BATCH = 4096;
  const lineNumbers: number[] = [];
  const batch: TraceOperation[] = [];
  const run = () => {
    const t = performance.now();
    for (let i = 0; i < batch.length; i++) replayer.execute(lineNumbers[i], batch[i]);
    executing += performance.now() - t;
    count += batch.length;
    batch.length = 0;
    lineNumbers.length = 0;
  };
  for (const [line, operation] of operations) {
    lineNumbers.push(line);
    batch.push(operation);
    if (batch.length === BATCH) run();
  }
  run();
  // The recorder ends with one call (gc.isenabled()): a last eval-breaker check.
  replayer.evalBreaker();
  const seconds = (performance.now() - started) / 1000;
  return {
    header,
    results: replayer.results(),
    operations: count,
    seconds,
    executeSeconds: executing / 1000,
    runtime,
  };
}

/** Executes trace operations on a runtime's heap, checking each against what the slots hold. */
class TraceMachine {
  private readonly heap: Heap;
  private readonly v: Namespace;
  private readonly classes: Record<(typeof TAG_CLASSES)[number], ClassInfo>;
  private readonly collectResults: number[] = [];
  private readonly finalized: number[] = [];
  private readonly resurrected: number[] = [];
  private readonly constants = new Map<string, number>();
  private nextTag = 0;

  constructor(
    readonly runtime: Runtime,
    header: TraceHeader,
  ) {
    const heap = runtime.heap;
    this.heap = heap;
    this.v = heap.roots.pushFrame(`trace ${header.name}`, header.slots);
    this.v.values.fill(heap.none, 0, header.slots);
    const tagOf = (self: number) => heap.store.scalar[heap.store.slotOf(self, '__del__')];
    this.classes = {
      L: heap.defineClass({ name: 'L', base: 'list', slots: ['tag'] }),
      F: heap.defineClass({
        name: 'F',
        base: 'list',
        slots: ['tag'],
        finalizer: (self) => {
          this.evalBreaker(); // RESUME of __del__
          this.finalized.push(tagOf(self));
        },
      }),
      R: heap.defineClass({
        name: 'R',
        base: 'list',
        slots: ['tag'],
        finalizer: (self) => {
          this.evalBreaker(); // RESUME of __del__
          const tag = tagOf(self);
          this.finalized.push(tag);
          const slot = heap.store.slotOf(self, '__del__');
          // resurrected.append(self): a list created before the trace (frozen), so an external reference.
          heap.roots.external.set(slot, (heap.roots.external.get(slot) ?? 0) + 1);
          heap.incref(slot);
          this.resurrected.push(tag);
        },
      }),
    };
  }

  /**
   * An eval-breaker check: where CPython 3.12+ runs a collection that an
   * allocation scheduled (after every call returns, at a function's RESUME).
   * Strategies see it as a safepoint; 3.11's collector does nothing there.
   */
  evalBreaker(): void {
    this.heap.strategy.safepoint?.();
  }

  /** Holds an object on the value stack (a temporary root with one reference) during a check. */
  private hold(slot: number, reference: 'new' | 'transfer'): void {
    const roots = this.heap.roots;
    if (roots.temporaryCount === roots.temporaries.length) {
      const bigger = new Int32Array(roots.temporaries.length * 2);
      bigger.set(roots.temporaries);
      roots.temporaries = bigger;
    }
    if (reference === 'new') this.heap.incref(slot);
    roots.temporaries[roots.temporaryCount++] = slot;
  }

  /** Drops the value held by {@link TraceMachine.hold} (POP_TOP). */
  private drop(): void {
    const roots = this.heap.roots;
    const slot = roots.temporaries[--roots.temporaryCount];
    this.heap.decref(slot);
  }

  private describe(slot: number): string {
    const type = this.heap.store.type[slot];
    switch (type) {
      case TypeId.None:
        return 'None';
      case TypeId.ListSubclass:
      case TypeId.List:
        return 'a list';
      case TypeId.Tuple:
        return 'a tuple';
      case TypeId.Dict:
        return 'a dict';
      case TypeId.Int:
      case TypeId.Bool:
        return 'an int';
      case TypeId.Str:
        return 'a str';
      default:
        return `a ${this.heap.typeNameOf(slot)}`;
    }
  }

  private constant(key: string, make: () => number): number {
    let slot = this.constants.get(key);
    if (slot === undefined) {
      slot = make();
      // A constant lives in the compiled code's co_consts for the whole trace.
      this.heap.incref(slot);
      this.constants.set(key, slot);
    }
    return slot;
  }

  private intConstant(n: number): number {
    if (n >= -5 && n <= 256) return this.heap.newInt(n);
    return this.constant(`i${n}`, () => this.heap.newInt(n));
  }

  private store(d: number, slot: number): void {
    this.heap.setRoot(this.v, d, slot);
  }

  execute(line: number, operation: TraceOperation): void {
    const heap = this.heap;
    const v = this.v.values;
    heap.operation++;
    switch (operation.op) {
      case 'list':
      case 'flist':
      case 'rlist': {
        const klass = this.classes[operation.op === 'list' ? 'L' : operation.op === 'flist' ? 'F' : 'R'];
        const obj = heap.newListSubclass(klass, this.nextTag++);
        this.hold(obj, 'new');
        this.evalBreaker(); // after the call L(); the new object is on the stack
        this.store(operation.d, obj);
        this.drop();
        break;
      }
      case 'tuple': {
        const items = operation.items.map((s) => v[s]);
        const tuple = heap.newTuple(items);
        this.store(operation.d, tuple);
        break;
      }
      case 'dict': {
        const dict = heap.newDict();
        this.store(operation.d, dict);
        break;
      }
      case 'int':
        this.store(operation.d, this.intConstant(operation.n));
        break;
      case 'str': {
        const text = operation.text;
        this.store(
          operation.d,
          this.constant(`s${text}`, () => heap.newStr(text, /^[A-Za-z0-9_]*$/.test(text))),
        );
        break;
      }
      case 'none':
        this.store(operation.d, heap.none);
        break;
      case 'move':
        this.store(operation.d, v[operation.s]);
        break;
      case 'append': {
        const target = v[operation.d];
        if (!isListType(heap, target))
          invalid(line, operation.op, `v[${operation.d}] holds ${this.describe(target)}, not a list`);
        listAppend(heap, target, v[operation.s]);
        this.evalBreaker();
        break;
      }
      case 'setitem': {
        const target = v[operation.d];
        const value = v[operation.s];
        if (isListType(heap, target)) {
          this.checkIndex(target, operation.k, operation.d, line, operation.op);
          listSet(heap, target, operation.k, value);
        } else if (heap.store.type[target] === TypeId.Dict) {
          dictSet(heap, target, this.intConstant(operation.k), value);
        } else {
          invalid(
            line,
            operation.op,
            `v[${operation.d}] holds ${this.describe(target)}, which does not support item assignment`,
          );
        }
        break;
      }
      case 'getitem': {
        const source = v[operation.s];
        const type = heap.store.type[source];
        let item: number;
        if (isListType(heap, source) || type === TypeId.Tuple) {
          this.checkIndex(source, operation.k, operation.s, line, operation.op);
          const n = heap.store.refLen[source];
          const i = operation.k < 0 ? operation.k + n : operation.k;
          item = heap.store.refs.cells[heap.store.refStart[source] + i];
        } else if (type === TypeId.Dict) {
          const key = this.intConstant(operation.k);
          if (!dictHas(heap, source, key))
            invalid(line, operation.op, `key ${operation.k} is not in v[${operation.s}], a dict`);
          item = dictGet(heap, source, key);
        } else {
          invalid(
            line,
            operation.op,
            `v[${operation.s}] holds ${this.describe(source)}, which is not subscriptable`,
          );
          return;
        }
        this.store(operation.d, item);
        break;
      }
      case 'delitem': {
        const target = v[operation.d];
        if (isListType(heap, target)) {
          this.checkIndex(target, operation.k, operation.d, line, operation.op);
          listDelete(heap, target, operation.k);
        } else if (heap.store.type[target] === TypeId.Dict) {
          const key = this.intConstant(operation.k);
          if (!dictHas(heap, target, key))
            invalid(line, operation.op, `key ${operation.k} is not in v[${operation.d}], a dict`);
          dictDelete(heap, target, key);
        } else {
          invalid(
            line,
            operation.op,
            `v[${operation.d}] holds ${this.describe(target)}, which does not support item deletion`,
          );
        }
        break;
      }
      case 'pop': {
        const target = v[operation.d];
        if (!isListType(heap, target))
          invalid(line, operation.op, `v[${operation.d}] holds ${this.describe(target)}, not a list`);
        if (heap.store.refLen[target] === 0)
          invalid(line, operation.op, `v[${operation.d}] is an empty list`);
        this.hold(listPop(heap, target), 'transfer');
        this.evalBreaker(); // the popped item is still on the stack
        this.drop();
        break;
      }
      case 'clear': {
        const target = v[operation.d];
        const type = heap.store.type[target];
        if (!isListType(heap, target) && type !== TypeId.Dict) {
          invalid(
            line,
            operation.op,
            `v[${operation.d}] holds ${this.describe(target)}, not a list or a dict`,
          );
        }
        heap.clearReferences(target);
        this.evalBreaker();
        break;
      }
      case 'collect':
        this.collectResults.push(heap.strategy.collect(operation.generation, 'explicit'));
        this.evalBreaker(); // after gc.collect()
        this.evalBreaker(); // after r.append()
        break;
      case 'gc': {
        const gc = heap.strategy.gc;
        if (!gc) break;
        if (operation.action === 'enable') gc.enable();
        else if (operation.action === 'disable') gc.disable();
        else if (operation.action === 'freeze') gc.freeze();
        else gc.unfreeze();
        this.evalBreaker();
        break;
      }
      case 'threshold': {
        // gc.set_threshold is METH_VARARGS: CPython builds a tuple of the three
        // arguments for the call and releases it afterwards.
        const [t0, t1, t2] = operation.thresholds;
        const args = heap.newTuple([this.intConstant(t0), this.intConstant(t1), this.intConstant(t2)]);
        heap.incref(args);
        heap.strategy.gc?.setThreshold(t0, t1, t2);
        heap.decref(args);
        this.evalBreaker();
        break;
      }
    }
  }

  private checkIndex(seq: number, k: number, slot: number, line: number, operation: string): void {
    const n = this.heap.store.refLen[seq];
    if (k < -n || k >= n) {
      invalid(
        line,
        operation,
        `index ${k} is out of range for v[${slot}], ${this.describe(seq)} of length ${n}`,
      );
    }
  }

  results(): TraceResults {
    const heap = this.heap;
    const store = heap.store;
    const gc = heap.strategy.gc;
    let stats: [number, number, number][];
    let count: [number, number, number];
    if (gc) {
      stats = gc.getStats().map((s) => [s.collections, s.collected, s.uncollectable]);
      const c = gc.getCount();
      count = [c[0], c[1], c[2]];
    } else {
      const s = heap.strategy.stats();
      stats = [0, 1, 2].map((g) => [s.collections[g] ?? 0, s.collected[g] ?? 0, s.uncollectable[g] ?? 0]);
      count = [0, 0, 0];
    }
    const alive: number[] = [];
    const tagged = new Set([this.classes.L.id, this.classes.F.id, this.classes.R.id]);
    for (let slot = 0; slot < store.slotLimit; slot++) {
      if ((store.flags[slot] & ObjectFlag.Alive) === 0) continue;
      if (store.type[slot] === TypeId.ListSubclass && tagged.has(store.klass[slot]))
        alive.push(store.scalar[slot]);
    }
    alive.sort((a, b) => a - b);
    return {
      collect_results: this.collectResults.slice(),
      stats,
      count,
      finalized: this.finalized.slice(),
      resurrected: this.resurrected.slice(),
      alive,
    };
  }
}

function invalid(line: number, operation: string, reason: string): never {
  throw new TraceError(line, operation, reason);
}

function isListType(heap: Heap, slot: number): boolean {
  const t = heap.store.type[slot];
  return t === TypeId.ListSubclass || t === TypeId.List;
}

/**
 * Compares replayed results with expected ones (for example recorded by
 * CPython), field by field. Returns the names of the fields that differ.
 *
 * @example
 * ```ts
 * import { type TraceResults, diffTraceResults } from '@pymm/core';
 * const a: TraceResults = { collect_results: [2], stats: [], count: [0, 0, 0], finalized: [], resurrected: [], alive: [] };
 * diffTraceResults(a, { ...a, collect_results: [1] }); // ['collect_results']
 * ```
 */
export function diffTraceResults(actual: TraceResults, expected: TraceResults): string[] {
  const fields = ['collect_results', 'stats', 'count', 'finalized', 'resurrected', 'alive'] as const;
  return fields.filter((f) => JSON.stringify(actual[f]) !== JSON.stringify(expected[f]));
}
