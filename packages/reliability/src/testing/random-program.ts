/**
 * Random programs for the model-based test: allocation of every container
 * kind and of instances with finalizers, linking and unlinking, scopes
 * (`py.call`), weak references with callbacks, files, explicit collections.
 * The same program runs on every strategy configuration; after every step
 * the heap is compared with the reference model (`reference-model.ts`):
 *
 * - every strategy: no object is freed while the roots reach it (checked at
 *   each `free` event, so a freed slot reused in the same step cannot hide
 *   it), nothing the roots reach is a freed slot, the verifier holds (only
 *   what is reachable while a lazy or incremental mark-sweep cycle is freeing
 *   garbage), live objects and bytes add up, finalizers and weak-reference
 *   callbacks run at most once, files are closed before they are freed;
 * - reference counting (`refcount`, and the counting half of
 *   `generational`): the live unreachable objects are exactly those in or
 *   reachable from unreachable cycles (and `leakReport` agrees);
 * - after a full collection (`collect(2)`) under generational and mark-sweep,
 *   nothing unreachable remains, except what the collection's own finalizers
 *   and callbacks left behind, and, under mark-sweep, what the objects it
 *   finalized reach (kept until the next collection, as its README says);
 * - `nogc` never frees anything.
 *
 * A command is four numbers (an operation and three parameters), decoded
 * against what the variables hold when it runs, so every command means
 * something in every state and fast-check can shrink programs freely.
 */

import {
  createRuntime,
  type Handle,
  MAX_SLOTS,
  ObjectFlag,
  type PyClass,
  PythonError,
  type PyValue,
  type Runtime,
  type Strategy,
  TypeId,
  type Variables,
  verifyHeap,
} from '@pymm/core';
import { leakReport } from '@pymm/refcount';
import fc from 'fast-check';
import type { Configuration, Pressure } from './configurations.js';
import {
  freedButReachable,
  isLive,
  keptByCycles,
  reachableFrom,
  reachableFromRoots,
  reachableInEither,
  recount,
  rootSlots,
  snapshotGraph,
  unreachableObjects,
} from './reference-model.js';

/** The operations, each repeated by its weight (the first is what fast-check shrinks towards). */
const OPERATION_TABLE = [
  ...Array<'new'>(10).fill('new'),
  ...Array<'link'>(8).fill('link'),
  ...Array<'unlink'>(4).fill('unlink'),
  ...Array<'assign'>(3).fill('assign'),
  ...Array<'del'>(4).fill('del'),
  ...Array<'load'>(2).fill('load'),
  ...Array<'call'>(2).fill('call'),
  ...Array<'weakref'>(2).fill('weakref'),
  ...Array<'garbage'>(2).fill('garbage'),
  'deref',
  'close',
  'with',
  'collect',
  'fullCollect',
  'flush',
  'clearGraveyard',
  'intern',
] as const;

/** An operation name. */
export type OperationName = (typeof OPERATION_TABLE)[number];

/** One command: an index into the operation table and three parameters. */
export type Command = readonly [operation: number, a: number, b: number, c: number];

/** A program: how hard to push the collectors, and the commands. */
export interface Program {
  readonly pressure: Pressure;
  readonly commands: readonly Command[];
}

/** Kinds of object a `new` command creates. */
const KINDS = [
  'list',
  'tuple',
  'dict',
  'set',
  'frozenset',
  'node',
  'point',
  'final',
  'phoenix',
  'mutator',
  'stack',
  'function',
  'generator',
  'file',
  'bytearray',
  'memoryview',
  'int',
  'str',
  'float',
  'bytes',
] as const;
type Kind = (typeof KINDS)[number];

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
const FINALIZABLE_CLASSES = new Set(['Final', 'Phoenix', 'Mutator', 'FinalStack']);

/**
 * A program of `minLength`..`maxLength` commands, run with profile defaults
 * or with tiny budgets (half the programs each).
 */
export function programArbitrary(minLength: number, maxLength: number): fc.Arbitrary<Program> {
  const command: fc.Arbitrary<Command> = fc.tuple(
    fc.nat(OPERATION_TABLE.length - 1),
    fc.nat(63),
    fc.nat(63),
    fc.nat(0xffff),
  );
  const pressure: fc.Arbitrary<Pressure> = fc.record({
    stress: fc.boolean(),
    thresholds: fc.tuple(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 5 }),
    ),
    minimumBudgetBytes: fc.integer({ min: 256, max: 8_192 }),
    stepBudget: fc.integer({ min: 1, max: 400 }),
    lazySweepSlots: fc.integer({ min: 1, max: 64 }),
  });
  return fc.record({
    pressure,
    commands: fc.array(command, { minLength, maxLength, size: 'max' }),
  });
}

/** A command in words, for failure messages. */
export function describeCommand(command: Command): string {
  const [operation, a, b, c] = command;
  return `${OPERATION_TABLE[operation]}(${a}, ${b}, ${c})`;
}

/** What one program did, for the counts the test prints. */
export interface ProgramOutcome {
  /** Commands executed (those inside calls included). */
  operations: number;
  /** Commands that raised a Python exception (an expected outcome: KeyError, unhashable keys, ...). */
  pythonErrors: number;
  /** Commands that found nothing to act on. */
  skipped: number;
  frees: number;
  finalizers: number;
  callbacks: number;
  /** Complete collections, automatic and explicit. */
  collections: number;
  /** Full collections checked against the model. */
  checkedCollections: number;
  /** Heap checks (after every command and every collection). */
  checks: number;
}

/** A failed check: what went wrong, where, on which strategy. */
export class ModelViolation extends Error {
  override readonly name = 'ModelViolation';
}

/**
 * Runs `program` on a fresh runtime with `config`'s strategy, checking the
 * heap against the model after every command. Throws {@link ModelViolation}.
 */
export function runProgram(config: Configuration, program: Program): ProgramOutcome {
  const interpreter = new Interpreter(config, program.pressure);
  interpreter.run(program.commands);
  interpreter.drain();
  return interpreter.outcome;
}

class Interpreter {
  readonly py: Runtime;
  readonly strategy: Strategy;
  readonly outcome: ProgramOutcome = {
    operations: 0,
    pythonErrors: 0,
    skipped: 0,
    frees: 0,
    finalizers: 0,
    callbacks: 0,
    collections: 0,
    checkedCollections: 0,
    checks: 0,
  };
  private readonly failures: string[] = [];
  private readonly classes: Record<'node' | 'point' | 'final' | 'phoenix' | 'mutator' | 'stack', PyClass>;
  private readonly finalized = new Set<Handle>();
  private readonly calledBack = new Set<Handle>();
  /** Objects a finalizer could reach when it ran (so it may have resurrected them). */
  private readonly resurrectable = new Set<Handle>();
  /** Weak references the program made, with their referents. */
  private readonly weakrefs = new Map<Handle, Handle>();
  /** While a checked collection runs: what it allocated and finalized. */
  private duringCollection: { allocated: number[]; finalized: number[] } | null = null;
  private where = 'start';
  private files = 0;

  constructor(
    readonly config: Configuration,
    readonly pressure: Pressure,
  ) {
    this.strategy = config.create(pressure);
    const py = createRuntime({ strategy: this.strategy, version: config.version });
    this.py = py;
    config.configure?.(this.strategy, pressure);
    const finalizer = (self: Handle) => {
      if (this.finalized.has(self)) this.fail(`the finalizer of ${py.type(self)} ${self} ran twice`);
      this.finalized.add(self);
      this.outcome.finalizers++;
      // What the finalizer can reach, it can resurrect (see checkWeakrefs).
      const reach = reachableFrom(py.heap, [this.slotOf(self)]);
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
    const heap = py.heap;
    py.on('allocate', (e) => this.duringCollection?.allocated.push(this.slotOf(e.handle)));
    // Every finalization (instances' __del__, generators closed), not only the classes above.
    py.on('finalizer', (e) => this.duringCollection?.finalized.push(this.slotOf(e.handle)));
    py.on('collection-stop', (e) => {
      if (e.complete) this.outcome.collections++;
    });
    py.on('free', (e) => {
      this.outcome.frees++;
      const slot = this.slotOf(e.handle);
      if (freesNothing(config)) this.fail(`nogc freed ${e.type} ${e.handle}`);
      // The model: an object may be freed only when no root reaches it.
      if (reachableFromRoots(heap)[slot] === 1)
        this.fail(`freed ${e.type} ${e.handle}, which the roots still reach`);
      if (FINALIZABLE_CLASSES.has(e.type) && !this.finalized.has(e.handle)) {
        this.fail(`freed ${e.type} ${e.handle} without running its finalizer`);
      }
      if ((heap.store.flags[slot] & ObjectFlag.Open) !== 0)
        this.fail(`freed file ${e.handle} while it is open`);
    });
  }

  private slotOf(handle: Handle): number {
    return handle & (MAX_SLOTS - 1);
  }

  private fail(message: string): void {
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
      if (OPERATION_TABLE[command[0]] === 'call') {
        const bodyEnd = Math.min(end, i + 1 + (command[1] % 12));
        const bodyStart = i;
        i = bodyEnd;
        const returns = command[2] % 3 !== 0;
        const result = this.py.call('f', () => {
          this.runRange(commands, bodyStart, bodyEnd);
          return returns ? this.value(command[3] & 15) : undefined;
        });
        this.where = `after the call at command ${index}`;
        if (typeof result === 'number' && this.py.isAlive(result)) this.bind(command[3] >> 4, result);
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

  private execute(command: Command): boolean {
    const py = this.py;
    const [operation, a, b, c] = command;
    switch (OPERATION_TABLE[operation]) {
      case 'new': {
        const kind = KINDS[a % KINDS.length];
        const created = this.create(kind, c);
        this.bind(b, created);
        // A list subclass is filled after it is bound: a temporary dies at the end of the next statement.
        // (Each item is made just before its append, for the same reason.)
        if (kind === 'stack') {
          for (let i = 0; i < c % 4; i++) py.append(created, this.value((c >> (2 + 4 * i)) & 15));
        }
        return true;
      }
      case 'link':
        return this.link(a, b & 15, c);
      case 'unlink':
        return this.unlink(a, b, c);
      case 'assign':
        this.bind(a, this.value(b & 15));
        return true;
      case 'del': {
        const bound = this.boundVariables();
        if (bound.length === 0) return false;
        const [scope, name] = bound[a % bound.length];
        delete scope[name];
        return true;
      }
      case 'load': {
        const item = this.load(b, c);
        if (item === null) return false;
        this.bind(a, item);
        return true;
      }
      case 'weakref': {
        const referent = this.pick(a, (type) => WEAKREFABLE.has(type), true);
        if (referent === null) return false;
        const ref = py.weakref(referent, this.callback(b % 4));
        this.weakrefs.set(ref, referent);
        this.bind(c, ref);
        return true;
      }
      case 'deref': {
        const ref = this.pick(b, (type) => type === TypeId.WeakRef);
        if (ref === null) return false;
        this.bind(a, py.deref(ref));
        return true;
      }
      case 'close': {
        const file = this.pick(a, (type) => type === TypeId.File);
        if (file === null || !py.isOpen(file)) return false;
        py.close(file);
        return true;
      }
      case 'with':
        py.with(py.open(`with-${this.files++}.txt`), (f) => {
          const node = this.classes.node.new({ a: f });
          if (c % 2 === 1) this.bind(b, node);
          else py.setattr(node, 'b', this.value(a & 15));
        });
        return true;
      case 'garbage':
        this.garbage(a % 4, b);
        return true;
      case 'collect':
        py.collect(a % 3);
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
        this.bind(a, py.str(`id${b % 8}`, { intern: true }));
        return true;
      case 'call':
        throw new Error('calls are run by runRange()');
    }
  }

  private create(kind: Kind, c: number): Handle {
    const py = this.py;
    const items = () => this.items(c);
    switch (kind) {
      case 'list':
        return py.list(items());
      case 'tuple':
        return py.tuple(items());
      case 'dict':
        return py.dict(items().map((v, i) => [this.key(c + i), v] as const));
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
        return py.generator(items(), c % 2 === 0 ? () => this.outcome.callbacks++ : undefined);
      case 'file':
        return py.open(`file-${this.files++}.txt`);
      case 'bytearray':
        return py.bytearray(c % 100);
      case 'memoryview': {
        const buffer = this.pick(c, (type) => type === TypeId.Bytes || type === TypeId.ByteArray);
        return py.memoryview(buffer ?? py.bytearray(16));
      }
      case 'int':
        return py.int(1_000 + c);
      case 'str':
        return py.str(`text-${c % 50}`);
      case 'float':
        return py.float(c / 7);
      case 'bytes':
        return py.bytes(1 + (c % 64));
    }
  }

  /** Up to three values, chosen by the bits of `c`. */
  private items(c: number): Handle[] {
    return Array.from({ length: c % 4 }, (_, i) => this.value((c >> (2 + 4 * i)) & 15));
  }

  /** Stores value `v` into the object picked by `a`, as its type allows. */
  private link(a: number, v: number, c: number): boolean {
    const py = this.py;
    const target = this.pick(
      a,
      (type) =>
        LIST_TYPES.has(type) || INSTANCE_TYPES.has(type) || type === TypeId.Dict || type === TypeId.Set,
    );
    if (target === null) return false;
    const type = this.typeOf(target);
    if (LIST_TYPES.has(type)) {
      const n = py.len(target);
      if (c % 3 === 0 && n > 0) py.setitem(target, c % n, this.value(v));
      else py.append(target, this.value(v));
    } else if (type === TypeId.Dict) {
      py.setitem(target, this.key(c), this.value(v));
    } else if (type === TypeId.Set) {
      py.add(target, this.value(v));
    } else {
      py.setattr(target, ATTRIBUTES[c % 3], this.value(v));
    }
    return true;
  }

  /** Removes a reference from the object picked by `a`. */
  private unlink(a: number, b: number, c: number): boolean {
    const py = this.py;
    const target = this.pick(
      a,
      (type) =>
        LIST_TYPES.has(type) || INSTANCE_TYPES.has(type) || type === TypeId.Dict || type === TypeId.Set,
    );
    if (target === null) return false;
    const type = this.typeOf(target);
    if (LIST_TYPES.has(type)) {
      const n = py.len(target);
      if (b % 3 === 2) py.clear(target);
      else if (n === 0) return false;
      else if (b % 3 === 0) py.pop(target, c % n);
      else py.delitem(target, c % n);
    } else if (type === TypeId.Dict) {
      const n = py.len(target);
      if (b % 2 === 1) py.clear(target);
      else if (n === 0) return false;
      else py.delitem(target, this.dictKeyAt(target, c % n));
    } else if (type === TypeId.Set) {
      py.discard(target, this.value(c & 15));
    } else {
      py.delattr(target, ATTRIBUTES[c % 3]);
    }
    return true;
  }

  /** An item of the object picked by `b` (list or tuple item, dict value, attribute), borrowed. */
  private load(b: number, c: number): Handle | null {
    const py = this.py;
    const source = this.pick(
      b,
      (type) =>
        LIST_TYPES.has(type) || INSTANCE_TYPES.has(type) || type === TypeId.Dict || type === TypeId.Tuple,
    );
    if (source === null) return null;
    const type = this.typeOf(source);
    if (INSTANCE_TYPES.has(type)) {
      const name = ATTRIBUTES[c % 3];
      return py.hasattr(source, name) ? py.getattr(source, name) : null;
    }
    const n = py.len(source);
    if (n === 0) return null;
    if (type === TypeId.Dict) return py.getitem(source, this.dictKeyAt(source, c % n));
    return py.getitem(source, c % n);
  }

  /** Makes garbage the collectors must find: cycles, some with finalizers or files in them. */
  private garbage(shape: number, b: number): void {
    const py = this.py;
    const { node, final, phoenix } = this.classes;
    py.call('make_garbage', (v) => {
      if (shape === 0) {
        v.xs = py.list();
        py.append(v.xs, v.xs);
      } else {
        v.x = (b % 2 === 0 ? node : final).new();
        v.y = (shape === 3 ? phoenix : node).new({ a: v.x });
        py.setattr(v.x, 'a', v.y);
        if (shape === 2) py.setattr(v.x, 'b', py.open(`garbage-${this.files++}.txt`));
        if (b % 4 === 1) this.weakrefs.set((v.r = py.weakref(v.x, this.callback(1))), v.x);
      }
    });
  }

  private callback(kind: number): ((ref: Handle) => void) | undefined {
    if (kind === 0) return undefined;
    const py = this.py;
    return (ref) => {
      if (this.calledBack.has(ref)) this.fail(`the callback of weak reference ${ref} ran twice`);
      this.calledBack.add(ref);
      this.outcome.callbacks++;
      if (!py.isAlive(ref)) this.fail(`a callback received a freed weak reference ${ref}`);
      else if (!py.is(py.deref(ref), py.None)) this.fail(`the callback of ${ref} ran before it was cleared`);
      if (kind === 2) py.globals.rebound = ref; // frees what `rebound` held
      if (kind === 3) py.globals.made = py.dict([[{ str: 'k' }, py.list()]]); // allocates during a collection
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

  /** A value: one of the bound variables (0-11), None, or a fresh int, str or list. */
  private value(v: number): Handle {
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
    const slot = this.slotOf(dict);
    return store.handleOf(store.refs.cells[store.refStart[slot] + 2 * entry]);
  }

  private bind(target: number, handle: Handle): void {
    const local = target % 9 < 6;
    if (local) this.py.locals[LOCALS[target % 9]] = handle;
    else this.py.globals[GLOBALS[(target % 9) - 6]] = handle;
  }

  private typeOf(handle: Handle): number {
    return this.py.heap.store.type[this.slotOf(handle)];
  }

  // ---------------------------------------------------------------------------
  // Checks

  /** The heap against the model, after a command. */
  private checkHeap(): void {
    this.outcome.checks++;
    const heap = this.py.heap;
    const declarations = declared(this.config);
    const midCycle = this.strategy.heapConsistent ? !this.strategy.heapConsistent() : false;
    const verification = verifyHeap(heap, 10, midCycle ? { reachableOnly: true } : {});
    for (const problem of verification.problems) this.fail(`verifier: ${problem}`);
    const reachable = reachableFromRoots(heap);
    for (const slot of freedButReachable(heap, reachable)) this.fail(`the roots reach freed slot #${slot}`);
    const { objects, bytes } = recount(heap);
    if (objects !== heap.store.liveCount)
      this.fail(`${objects} live objects, but liveCount says ${heap.store.liveCount}`);
    if (bytes !== heap.liveBytes)
      this.fail(`live objects add up to ${bytes} bytes, but liveBytes says ${heap.liveBytes}`);
    if (declarations.prompt) {
      const unreachable = unreachableObjects(heap, reachable);
      const kept = keptByCycles(heap, unreachable);
      for (const slot of unreachable) {
        if (kept[slot] !== 1)
          this.fail(`${heap.describe(slot)} is unreachable and in no cycle, but is not freed`);
      }
      if (!declarations.reclaimsCycles && this.outcome.checks % 25 === 0) this.checkLeakReport(unreachable.length);
    }
    this.checkWeakrefs(reachable);
    this.throwIfFailed();
  }

  /** Reference counting: the leak report lists exactly the unreachable objects. */
  private checkLeakReport(unreachable: number): void {
    const report = leakReport(this.py);
    if (report.summary.objects !== unreachable) {
      this.fail(
        `the leak report lists ${report.summary.objects} objects, the model ${unreachable} unreachable`,
      );
    }
    if (report.groups.some((group) => group.kind !== 'cycle'))
      this.fail('the leak report has a group that is not a cycle');
  }

  /**
   * A weak reference the roots reach is never cleared while the roots reach
   * its referent, unless one of them was resurrected: a collector clears the
   * weak references to every unreachable object, and every unreachable weak
   * reference, before finalizers run (CPython's `handle_weakrefs`), so what a
   * finalizer brings back (anything it could reach) stays cleared.
   */
  private checkWeakrefs(reachable: Uint8Array): void {
    const py = this.py;
    for (const [ref, referent] of this.weakrefs) {
      if (!py.isAlive(ref)) {
        this.weakrefs.delete(ref);
        continue;
      }
      if (!py.is(py.deref(ref), py.None)) continue;
      this.weakrefs.delete(ref);
      if (!py.isAlive(referent)) continue;
      const [r, t] = [this.slotOf(ref), this.slotOf(referent)];
      if (reachable[r] !== 1 || reachable[t] !== 1) continue;
      if (this.resurrectable.has(ref) || this.resurrectable.has(referent)) continue;
      this.fail(`weak reference ${ref} was cleared though the roots reach it and its referent ${referent}`);
    }
  }

  /**
   * `gc.collect(2)`, then: nothing unreachable remains, except objects that
   * were reachable before it (dropped by a finalizer or callback it ran),
   * objects its finalizers and callbacks allocated, and under mark-sweep what
   * the objects it finalized reach (in the graph before or after it).
   * Returns whether finalizers or callbacks ran.
   */
  private checkedFullCollection(): boolean {
    const py = this.py;
    const heap = py.heap;
    py.flushTemporaries();
    const before = reachableFromRoots(heap);
    const graphBefore = traces(this.config) ? snapshotGraph(heap) : null;
    const during = { allocated: [] as number[], finalized: [] as number[] };
    const callbacksBefore = this.outcome.callbacks;
    this.duringCollection = during;
    try {
      py.collect(2);
    } finally {
      this.duringCollection = null;
    }
    this.outcome.checkedCollections++;
    if (collectsCycles(this.config)) {
      const allowed = graphBefore
        ? reachableInEither(heap, graphBefore, [...during.finalized, ...during.allocated])
        : reachableFrom(heap, during.allocated);
      for (const slot of unreachableObjects(heap)) {
        if (before[slot] === 1 || allowed[slot] === 1) continue;
        this.fail(`${heap.describe(slot)} is unreachable after a full collection`);
      }
    }
    this.checkHeap();
    return during.finalized.length > 0 || this.outcome.callbacks > callbacksBefore;
  }

  /**
   * The end of the program: drop every root (finalizers and callbacks may bind
   * new ones) and collect, until a round runs no finalizer or callback. Then
   * collectors have freed everything, and reference counting has left exactly
   * the objects in or reachable from cycles.
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
    const heap = py.heap;
    const unreachable = unreachableObjects(heap);
    if (rootSlots(heap).length > 0) this.fail('roots remain after every variable was deleted');
    if (collectsCycles(this.config)) {
      for (const slot of unreachable) this.fail(`${heap.describe(slot)} survived the final collections`);
    } else if (declared(this.config).prompt) {
      this.checkLeakReport(unreachable.length);
    } else if (this.outcome.frees > 0) {
      this.fail(`nogc freed ${this.outcome.frees} objects`);
    }
    this.throwIfFailed();
  }
}
