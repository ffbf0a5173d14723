/**
 * The interpreter of random programs (`commands.ts`) over the runtime API:
 * allocation of every container kind and of instances with finalizers,
 * linking and unlinking, scopes (`py.call`), weak references with
 * callbacks, files, explicit collections. After every command, and around
 * every checked full collection, it asks the invariants the suite chose
 * (`invariants.ts`); at the end it drops every root and collects until
 * nothing more runs, and asks them once more.
 */

import {
  createRuntime,
  type Handle,
  type PyClass,
  PythonError,
  type PyValue,
  type Runtime,
  type Strategy,
  TypeId,
  type Variables,
} from '@pymm/core';
import {
  isLive,
  reachableFrom,
  reachableFromRoots,
  type SlotSet,
  slotOfHandle,
  snapshotGraph,
} from '../reachability-oracle.js';
import type { Configuration, Pressure } from '../strategy-matrix.js';
import { type Command, describeCommand, type Kind, type Program, type ValueRef } from './commands.js';
import {
  emptyOutcome,
  type FullCollection,
  type Invariant,
  type ProgramOutcome,
  type ProgramRun,
} from './invariant.js';

const LOCALS = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5'];
const GLOBALS = ['g0', 'g1', 'g2', 'graveyard', 'hoard', 'made', 'rebound'];
const ATTRIBUTES = ['a', 'b', 'c'];
const INSTANCE_TYPES = new Set<number>([TypeId.Instance, TypeId.SlotsInstance]);
const LIST_TYPES = new Set<number>([TypeId.List, TypeId.ListSubclass]);
const WEAKREFABLE = new Set<number>([
  TypeId.Instance,
  TypeId.Function,
  TypeId.Generator,
  TypeId.Set,
  TypeId.FrozenSet,
  TypeId.File,
]);

/** Classes whose instances have a finalizer. */
export const FINALIZABLE_CLASSES: ReadonlySet<string> = new Set([
  'Final',
  'Phoenix',
  'Mutator',
  'FinalStack',
]);

/** A failed check: what went wrong, where, on which strategy. */
export class ModelViolation extends Error {
  override readonly name = 'ModelViolation';
}

/**
 * Runs `program` on a fresh runtime with `config`'s strategy, asking
 * `invariants` after every command. Throws {@link ModelViolation}.
 */
export function runProgram(
  config: Configuration,
  program: Program,
  invariants: readonly Invariant[],
): ProgramOutcome {
  const interpreter = new Interpreter(config, program.pressure, invariants);
  interpreter.run(program.commands);
  interpreter.drain();
  return interpreter.outcome;
}

class Interpreter implements ProgramRun {
  readonly py: Runtime;
  readonly strategy: Strategy;
  readonly outcome: ProgramOutcome = emptyOutcome();
  readonly finalized = new Set<Handle>();
  readonly resurrectable = new Set<Handle>();
  readonly weakrefs = new Map<Handle, Handle>();
  private readonly failures: string[] = [];
  private readonly classes: Record<'node' | 'point' | 'final' | 'phoenix' | 'mutator' | 'stack', PyClass>;
  private readonly calledBack = new Set<Handle>();
  /** While a checked collection runs: what it allocated and finalized. */
  private duringCollection: { allocated: number[]; finalized: number[] } | null = null;
  private where = 'start';
  private files = 0;

  constructor(
    readonly config: Configuration,
    readonly pressure: Pressure,
    readonly invariants: readonly Invariant[],
  ) {
    const py = createRuntime({ strategy: config.create(pressure), version: config.version });
    this.strategy = py.strategy;
    this.py = py;
    config.configure?.(this.strategy, pressure);
    const finalizer = (self: Handle) => {
      if (this.finalized.has(self)) this.fail(`the finalizer of ${py.type(self)} ${self} ran twice`);
      this.finalized.add(self);
      this.outcome.finalizers++;
      // What the finalizer can reach, it can resurrect (see the weak-reference invariant).
      const reach = reachableFrom(py.heap, [slotOfHandle(self)]);
      for (let slot = 0; slot < reach.length; slot++) {
        if (reach[slot] === 1 && isLive(py.heap, slot)) this.resurrectable.add(py.heap.store.handleOf(slot));
      }
    };
    this.classes = {
      node: py.class('Node'),
      point: py.class('Point', { slots: ['a', 'b'] }),
      final: py.class('Final', { del: finalizer }),
      // Resurrects itself: stores itself in a global list.
      phoenix: py.class('Phoenix', {
        del: (self) => {
          finalizer(self);
          if ('graveyard' in py.globals && py.isList(py.globals.graveyard))
            py.append(py.globals.graveyard, self);
          else py.globals.graveyard = py.list([self]);
        },
      }),
      // Resurrects what it refers to, drops its reference, and allocates.
      mutator: py.class('Mutator', {
        del: (self) => {
          finalizer(self);
          if (py.hasattr(self, 'a')) {
            py.globals.hoard = py.getattr(self, 'a');
            py.setattr(self, 'a', py.None);
          }
          py.globals.made = py.list([py.int(5_000)]);
        },
      }),
      stack: py.class('FinalStack', { base: 'list', del: finalizer }),
    };
    py.on('allocate', (e) => this.duringCollection?.allocated.push(slotOfHandle(e.handle)));
    // Every finalization (instances' __del__, generators closed), not only the classes above.
    py.on('finalizer', (e) => this.duringCollection?.finalized.push(slotOfHandle(e.handle)));
    py.on('collection-stop', (e) => {
      if (e.complete) this.outcome.collections++;
    });
    py.on('free', (e) => {
      this.outcome.frees++;
      const freed = { handle: e.handle, slot: slotOfHandle(e.handle), type: e.type };
      for (const invariant of this.invariants) invariant.onFree?.(this, freed);
    });
  }

  get heap() {
    return this.py.heap;
  }

  fail(message: string): void {
    if (this.failures.length < 20) this.failures.push(message);
  }

  private throwIfFailed(): void {
    if (this.failures.length === 0) return;
    throw new ModelViolation(
      `${this.config.label} (${this.pressure.stress ? 'stressed' : 'profile defaults'}), ${this.where}:\n  ${this.failures.join('\n  ')}`,
    );
  }

  // ---------------------------------------------------------------------------
  // Running commands

  run(commands: readonly Command[]): void {
    this.runRange(commands, 0, commands.length);
  }

  private runRange(commands: readonly Command[], start: number, end: number): void {
    let i = start;
    while (i < end) {
      const index = i;
      const command = commands[i++];
      this.outcome.operations++;
      this.where = `after command ${index} ${describeCommand(command)}`;
      if (command.op === 'call') {
        const bodyEnd = Math.min(end, i + command.length);
        const bodyStart = i;
        i = bodyEnd;
        const { returns } = command;
        const result = this.py.call('f', () => {
          this.runRange(commands, bodyStart, bodyEnd);
          return returns === null ? undefined : this.value(returns);
        });
        this.where = `after the call at command ${index}`;
        if (typeof result === 'number' && this.py.isAlive(result)) this.bind(command.into, result);
      } else {
        try {
          if (!this.execute(command)) this.outcome.skipped++;
        } catch (error) {
          if (!(error instanceof PythonError)) throw error;
          this.outcome.pythonErrors++;
        }
      }
      this.checkHeap();
    }
  }

  /** Runs one command (not a call); returns false when it found nothing to act on. */
  private execute(command: Exclude<Command, { op: 'call' }>): boolean {
    const py = this.py;
    switch (command.op) {
      case 'new': {
        const created = this.create(command.kind, command.items, command.size);
        this.bind(command.into, created);
        // A list subclass is filled after it is bound: a temporary dies at the end of the next statement.
        // (Each item is made just before its append, for the same reason.)
        if (command.kind === 'stack') for (const item of command.items) py.append(created, this.value(item));
        return true;
      }
      case 'link':
        return this.link(command.target, command.value, command.position);
      case 'unlink':
        return this.unlink(command.target, command.how, command.position);
      case 'assign':
        this.bind(command.into, this.value(command.value));
        return true;
      case 'del': {
        const bound = this.boundVariables();
        if (bound.length === 0) return false;
        const [scope, name] = bound[command.variable % bound.length];
        delete scope[name];
        return true;
      }
      case 'load': {
        const item = this.load(command.source, command.position);
        if (item === null) return false;
        this.bind(command.into, item);
        return true;
      }
      case 'weakref': {
        const referent = this.pick(command.target, (type) => WEAKREFABLE.has(type), true);
        if (referent === null) return false;
        const ref = py.weakref(referent, this.callback(command.callback));
        this.weakrefs.set(ref, referent);
        this.bind(command.into, ref);
        return true;
      }
      case 'deref': {
        const ref = this.pick(command.target, (type) => type === TypeId.WeakRef);
        if (ref === null) return false;
        this.bind(command.into, py.deref(ref));
        return true;
      }
      case 'close': {
        const file = this.pick(command.target, (type) => type === TypeId.File);
        if (file === null || !py.isOpen(file)) return false;
        py.close(file);
        return true;
      }
      case 'with':
        py.with(py.open(`with-${this.files++}.txt`), (f) => {
          const node = this.classes.node.new({ a: f });
          if (command.bind) this.bind(command.into, node);
          else py.setattr(node, 'b', this.value(command.value));
        });
        return true;
      case 'garbage':
        this.garbage(command);
        return true;
      case 'collect':
        py.collect(command.generation);
        return true;
      case 'fullCollect':
        this.checkedFullCollection();
        return true;
      case 'flush':
        py.flushTemporaries();
        return true;
      case 'clearGraveyard':
        if (!('graveyard' in py.globals) || !py.isList(py.globals.graveyard)) return false;
        py.clear(py.globals.graveyard);
        return true;
      case 'intern':
        this.bind(command.into, py.str(`id${command.name}`, { intern: true }));
        return true;
    }
  }

  private create(kind: Kind, itemRefs: readonly ValueRef[], size: number): Handle {
    const py = this.py;
    const items = () => itemRefs.map((item) => this.value(item));
    switch (kind) {
      case 'list':
        return py.list(items());
      case 'tuple':
        return py.tuple(items());
      case 'dict':
        return py.dict(items().map((v, i) => [this.key(size + i), v] as const));
      case 'set':
        return py.set(items());
      case 'frozenset':
        return py.frozenset(items());
      case 'node':
      case 'point':
      case 'final':
      case 'phoenix':
      case 'mutator': {
        const attributes: Record<string, Handle> = {};
        items()
          .slice(0, kind === 'point' ? 2 : 3)
          .forEach((value, i) => {
            attributes[ATTRIBUTES[i]] = value;
          });
        return this.classes[kind].new(attributes);
      }
      case 'stack':
        return this.classes.stack.new();
      case 'function':
        return py.function(items());
      case 'generator':
        return py.generator(items(), size % 2 === 0 ? () => this.outcome.callbacks++ : undefined);
      case 'file':
        return py.open(`file-${this.files++}.txt`);
      case 'bytearray':
        return py.bytearray(size % 100);
      case 'memoryview': {
        const buffer = this.pick(size, (type) => type === TypeId.Bytes || type === TypeId.ByteArray);
        return py.memoryview(buffer ?? py.bytearray(16));
      }
      case 'int':
        return py.int(1_000 + size);
      case 'str':
        return py.str(`text-${size % 50}`);
      case 'float':
        return py.float(size / 7);
      case 'bytes':
        return py.bytes(1 + (size % 64));
    }
  }

  /** Stores `value` into the object picked by `target`, as its type allows. */
  private link(target: number, value: ValueRef, position: number): boolean {
    const py = this.py;
    const holder = this.pickHolder(target, TypeId.Set);
    if (holder === null) return false;
    const type = this.typeOf(holder);
    if (LIST_TYPES.has(type)) {
      const n = py.len(holder);
      if (position % 3 === 0 && n > 0) py.setitem(holder, position % n, this.value(value));
      else py.append(holder, this.value(value));
    } else if (type === TypeId.Dict) {
      py.setitem(holder, this.key(position), this.value(value));
    } else if (type === TypeId.Set) {
      py.add(holder, this.value(value));
    } else {
      py.setattr(holder, ATTRIBUTES[position % 3], this.value(value));
    }
    return true;
  }

  /** Removes a reference from the object picked by `target`. */
  private unlink(target: number, how: number, position: number): boolean {
    const py = this.py;
    const holder = this.pickHolder(target, TypeId.Set);
    if (holder === null) return false;
    const type = this.typeOf(holder);
    if (LIST_TYPES.has(type)) {
      const n = py.len(holder);
      if (how % 3 === 2) py.clear(holder);
      else if (n === 0) return false;
      else if (how % 3 === 0) py.pop(holder, position % n);
      else py.delitem(holder, position % n);
    } else if (type === TypeId.Dict) {
      const n = py.len(holder);
      if (how % 2 === 1) py.clear(holder);
      else if (n === 0) return false;
      else py.delitem(holder, this.dictKeyAt(holder, position % n));
    } else if (type === TypeId.Set) {
      py.discard(holder, this.value(position & 15));
    } else {
      py.delattr(holder, ATTRIBUTES[position % 3]);
    }
    return true;
  }

  /** An item of the object picked by `source` (list or tuple item, dict value, attribute), borrowed. */
  private load(source: number, position: number): Handle | null {
    const py = this.py;
    const holder = this.pickHolder(source, TypeId.Tuple);
    if (holder === null) return null;
    const type = this.typeOf(holder);
    if (INSTANCE_TYPES.has(type)) {
      const name = ATTRIBUTES[position % 3];
      return py.hasattr(holder, name) ? py.getattr(holder, name) : null;
    }
    const n = py.len(holder);
    if (n === 0) return null;
    if (type === TypeId.Dict) return py.getitem(holder, this.dictKeyAt(holder, position % n));
    return py.getitem(holder, position % n);
  }

  /** Makes garbage the collectors must find: cycles, some with finalizers or files in them. */
  private garbage({ shape, finalizable, weakref }: Extract<Command, { op: 'garbage' }>): void {
    const py = this.py;
    const { node, final, phoenix } = this.classes;
    py.call('make_garbage', (v) => {
      if (shape === 'self-list') {
        v.xs = py.list();
        py.append(v.xs, v.xs);
      } else {
        v.x = (finalizable ? final : node).new();
        v.y = (shape === 'pair-with-phoenix' ? phoenix : node).new({ a: v.x });
        py.setattr(v.x, 'a', v.y);
        if (shape === 'pair-with-file') py.setattr(v.x, 'b', py.open(`garbage-${this.files++}.txt`));
        if (weakref) this.weakrefs.set((v.r = py.weakref(v.x, this.callback('record'))), v.x);
      }
    });
  }

  private callback(
    kind: Extract<Command, { op: 'weakref' }>['callback'],
  ): ((ref: Handle) => void) | undefined {
    if (kind === 'none') return undefined;
    const py = this.py;
    return (ref) => {
      if (this.calledBack.has(ref)) this.fail(`the callback of weak reference ${ref} ran twice`);
      this.calledBack.add(ref);
      this.outcome.callbacks++;
      if (!py.isAlive(ref)) this.fail(`a callback received a freed weak reference ${ref}`);
      else if (!py.is(py.deref(ref), py.None)) this.fail(`the callback of ${ref} ran before it was cleared`);
      if (kind === 'rebind') py.globals.rebound = ref; // frees what `rebound` held
      if (kind === 'allocate') py.globals.made = py.dict([[{ str: 'k' }, py.list()]]); // allocates during a collection
    };
  }

  // ---------------------------------------------------------------------------
  // Values and variables

  /** The variables bound now: the current frame's locals, then globals, as [scope, name]. */
  private boundVariables(): [Variables, string][] {
    const out: [Variables, string][] = [];
    for (const name of LOCALS) if (name in this.py.locals) out.push([this.py.locals, name]);
    for (const name of GLOBALS) if (name in this.py.globals) out.push([this.py.globals, name]);
    return out;
  }

  /** The object picked by `index` among the lists, instances, dicts and objects of type `other`. */
  private pickHolder(index: number, other: number): Handle | null {
    return this.pick(
      index,
      (type) => LIST_TYPES.has(type) || INSTANCE_TYPES.has(type) || type === TypeId.Dict || type === other,
    );
  }

  /** The `n`th bound variable's object whose type passes `accept` (by type id), or null. */
  private pick(n: number, accept: (type: number) => boolean, instancesWithDict = false): Handle | null {
    const fitting: Handle[] = [];
    for (const [scope, name] of this.boundVariables()) {
      const handle = scope[name];
      const type = this.typeOf(handle);
      if (!accept(type)) continue;
      if (instancesWithDict && type === TypeId.SlotsInstance) continue;
      fitting.push(handle);
    }
    return fitting.length === 0 ? null : fitting[n % fitting.length];
  }

  /** A value (see {@link ValueRef}). */
  private value(v: ValueRef): Handle {
    const py = this.py;
    if (v === 12) return py.None;
    if (v === 13) return py.int(100_000 + v);
    if (v === 14) return py.str(`s${v}`);
    if (v === 15) return py.list();
    const all = this.boundVariables();
    return all.length === 0 ? py.None : all[v % all.length][0][all[v % all.length][1]];
  }

  private key(n: number): PyValue {
    const pool: PyValue[] = [{ str: 'a' }, { str: 'key' }, { int: 1_000 }, { int: 3 }, null];
    if (n % 7 === 6) {
      const object = this.pick(
        n,
        (type) => INSTANCE_TYPES.has(type) || type === TypeId.Str || type === TypeId.Tuple,
      );
      if (object !== null) return object;
    }
    return pool[n % pool.length];
  }

  private dictKeyAt(dict: Handle, entry: number): Handle {
    const store = this.py.heap.store;
    const slot = slotOfHandle(dict);
    return store.handleOf(store.refs.cells[store.refStart[slot] + 2 * entry]);
  }

  private bind(target: number, handle: Handle): void {
    const local = target % 9 < 6;
    if (local) this.py.locals[LOCALS[target % 9]] = handle;
    else this.py.globals[GLOBALS[(target % 9) - 6]] = handle;
  }

  private typeOf(handle: Handle): number {
    return this.py.heap.store.type[slotOfHandle(handle)];
  }

  // ---------------------------------------------------------------------------
  // Checks

  /** Asks every invariant about the heap now, after a command or a checked collection. */
  private checkHeap(): void {
    this.outcome.checks++;
    const reachable: SlotSet = reachableFromRoots(this.py.heap);
    for (const invariant of this.invariants) invariant.afterCommand?.(this, reachable);
    this.throwIfFailed();
  }

  /**
   * `gc.collect(2)`, with what the heap was before it and what it did handed
   * to the invariants. Returns whether finalizers or callbacks ran.
   */
  private checkedFullCollection(): boolean {
    const py = this.py;
    const heap = py.heap;
    py.flushTemporaries();
    const reachableBefore = reachableFromRoots(heap);
    const graphBefore = this.invariants.some((i) => i.needsGraphBefore) ? snapshotGraph(heap) : null;
    const during = { allocated: [] as number[], finalized: [] as number[] };
    const callbacksBefore = this.outcome.callbacks;
    this.duringCollection = during;
    let returned: number;
    try {
      returned = py.collect(2);
    } finally {
      this.duringCollection = null;
    }
    this.outcome.checkedCollections++;
    const collection: FullCollection = { reachableBefore, graphBefore, returned, ...during };
    for (const invariant of this.invariants) invariant.afterFullCollection?.(this, collection);
    this.checkHeap();
    return during.finalized.length > 0 || this.outcome.callbacks > callbacksBefore;
  }

  /**
   * The end of the program: drop every root (finalizers and callbacks may bind
   * new ones) and collect, until a round runs no finalizer or callback; then
   * the invariants' final checks.
   */
  drain(): void {
    const py = this.py;
    this.where = 'at the end of the program';
    for (let round = 0; round < 20; round++) {
      for (const [scope, name] of this.boundVariables()) if (name in scope) delete scope[name];
      py.flushTemporaries();
      const ran = this.checkedFullCollection();
      if (!ran && this.boundVariables().length === 0) break;
    }
    for (const invariant of this.invariants) invariant.atEnd?.(this);
    this.throwIfFailed();
  }
}
