/**
 * Random programs under pure reference counting. After every operation the
 * heap verifies (every count equals the references to the object); every 50
 * operations and at the end, the live objects are exactly those reachable from
 * roots plus those in the leak report's groups, and every group is a cycle.
 * Every finalizer runs at most once and before its object is freed, every
 * weak-reference callback at most once with its referent gone, and every dead
 * file was closed. Finally all roots are dropped: what is left is leaked
 * cycles, and the report accounts for every byte of it.
 */
import {
  createRuntime,
  type Handle,
  type PyClass,
  PythonError,
  type PyValue,
  type Runtime,
  TypeId,
  type Variables,
  verifyHeap,
} from '@pymm/core';
import { collectableSlots, reachableFromRoots } from '@pymm/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LeakReport, leakReport } from './leak-report.js';
import { refcount } from './refcount-strategy.js';

const PROGRAMS = 200;
const OPERATIONS = 500;
const LOCALS = 6;
const GLOBALS = 3;

type Kind =
  | 'list'
  | 'dict'
  | 'tuple'
  | 'set'
  | 'instance'
  | 'finalizable'
  | 'resurrecting'
  | 'slots'
  | 'int'
  | 'str'
  | 'file';

/** A variable to bind: a local of the current frame or a module global. */
interface Target {
  readonly global: boolean;
  readonly index: number;
}

/** A value to store: a fresh object, or one of the bound variables (picked by number), or None. */
interface Value {
  readonly fresh: 'none' | 'int' | 'str' | 'list' | null;
  readonly pick: number;
}

type Command =
  | { readonly op: 'new'; readonly kind: Kind; readonly into: Target; readonly items: readonly Value[] }
  | { readonly op: 'append'; readonly target: number; readonly value: Value }
  | { readonly op: 'setitem'; readonly target: number; readonly key: number; readonly value: Value }
  | { readonly op: 'setattr'; readonly target: number; readonly name: 'a' | 'b' | 'c'; readonly value: Value }
  | { readonly op: 'delitem'; readonly target: number; readonly key: number }
  | { readonly op: 'pop'; readonly target: number; readonly index: number; readonly into: Target | null }
  | { readonly op: 'clear'; readonly target: number }
  | { readonly op: 'add'; readonly target: number; readonly value: Value }
  | { readonly op: 'assign'; readonly into: Target; readonly value: Value }
  | { readonly op: 'del'; readonly variable: number }
  | { readonly op: 'call'; readonly length: number; readonly returns: Value | null; readonly into: Target }
  | {
      readonly op: 'weakref';
      readonly target: number;
      readonly callback: 'none' | 'record' | 'rebind';
      readonly into: Target;
    }
  | { readonly op: 'deref'; readonly target: number; readonly into: Target }
  | { readonly op: 'close'; readonly target: number }
  | { readonly op: 'collect' }
  | { readonly op: 'flush' };

const target = fc.record({ global: fc.constantFrom(false, false, false, true), index: fc.nat(LOCALS - 1) });
const value = fc.record({
  fresh: fc.constantFrom<Value['fresh']>(null, null, null, 'none', 'int', 'str', 'list'),
  pick: fc.nat(1_000),
});
const pick = fc.nat(1_000);
const kinds: Kind[] = [
  ...(['list', 'list', 'list', 'list', 'dict', 'dict', 'dict', 'instance', 'instance', 'instance'] as const),
  ...(['finalizable', 'resurrecting', 'slots', 'tuple', 'set', 'int', 'str', 'file'] as const),
];

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      op: fc.constant('new' as const),
      kind: fc.constantFrom(...kinds),
      into: target,
      items: fc.array(value, { maxLength: 3 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('append' as const), target: pick, value }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('setitem' as const), target: pick, key: fc.nat(20), value }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('setattr' as const),
      target: pick,
      name: fc.constantFrom('a' as const, 'b' as const, 'c' as const),
      value,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delitem' as const), target: pick, key: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('pop' as const),
      target: pick,
      index: fc.nat(20),
      into: fc.option(target),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const), target: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('add' as const), target: pick, value }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('assign' as const), into: target, value }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('del' as const), variable: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('call' as const),
      length: fc.integer({ min: 1, max: 15 }),
      returns: fc.option(value),
      into: target,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('weakref' as const),
      target: pick,
      callback: fc.constantFrom('none' as const, 'record' as const, 'rebind' as const),
      into: target,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deref' as const), target: pick, into: target }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('close' as const), target: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('collect' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('flush' as const) }) },
);

/** Runs one random program and checks the heap after every operation. */
class Interpreter {
  readonly py: Runtime = createRuntime({ strategy: refcount() });
  operations = 0;
  /** Operations that raised a Python exception (an expected outcome: KeyError, unhashable keys, ...). */
  pythonErrors = 0;
  /** Operations that found nothing to act on (no variable of the right type bound). */
  skipped = 0;
  private readonly classes: Record<'instance' | 'finalizable' | 'resurrecting' | 'slots', PyClass>;
  private readonly finalized = new Set<Handle>();
  private readonly calledBack = new Set<Handle>();
  private readonly explicitlyClosed = new Set<Handle>();
  /** Objects freed by reference counting. */
  freedObjects = 0;
  private fileCount = 0;

  constructor() {
    const py = this.py;
    const finalized = (self: Handle) => {
      expect(this.finalized.has(self), `finalizer of ${self} ran twice`).toBe(false);
      this.finalized.add(self);
    };
    this.classes = {
      instance: py.class('Plain'),
      slots: py.class('Slotted', { slots: ['a', 'b'] }),
      finalizable: py.class('Finalizable', {
        del: (self) => {
          finalized(self);
          if (py.hasattr(self, 'a')) py.setattr(self, 'a', py.None); // a finalizer that drops a reference
        },
      }),
      resurrecting: py.class('Resurrecting', {
        del: (self) => {
          finalized(self);
          py.globals.resurrected = self; // frees the one resurrected before, without a second finalizer run
        },
      }),
    };
    py.on('free', (e) => {
      this.freedObjects++;
      if (e.type === 'Finalizable' || e.type === 'Resurrecting') {
        expect(this.finalized.has(e.handle), `${e.type} ${e.handle} freed without its finalizer`).toBe(true);
      }
    });
  }

  run(commands: readonly Command[], start: number, end: number): void {
    let i = start;
    while (i < end) {
      const command = commands[i++];
      this.operations++;
      if (command.op === 'call') {
        const bodyEnd = Math.min(end, i + command.length);
        const bodyStart = i;
        i = bodyEnd;
        const result = this.py.call('f', () => {
          this.run(commands, bodyStart, bodyEnd);
          return command.returns ? this.value(command.returns) : undefined;
        });
        if (typeof result === 'number' && this.py.isAlive(result)) this.bind(command.into, result);
      } else {
        try {
          if (!this.execute(command)) this.skipped++;
        } catch (error) {
          if (!(error instanceof PythonError)) throw error;
          this.pythonErrors++;
        }
      }
      const verification = verifyHeap(this.py.heap);
      expect(verification.problems, `after operation ${this.operations} (${command.op})`).toEqual([]);
      if (this.operations % 50 === 0) this.checkAccounting(); // also mid-program, inside calls
    }
  }

  /** Runs one command; returns false when it found nothing to act on. */
  private execute(command: Command): boolean {
    const py = this.py;
    switch (command.op) {
      case 'new':
        this.bind(command.into, this.create(command.kind, command.items));
        return true;
      case 'append': {
        const list = this.pick(command.target, [TypeId.List]);
        if (list === null) return false;
        py.append(list, this.value(command.value));
        return true;
      }
      case 'setitem': {
        const container = this.pick(command.target, [TypeId.List, TypeId.Dict]);
        if (container === null) return false;
        if (this.typeOf(container) === TypeId.Dict) {
          py.setitem(container, this.key(command.key), this.value(command.value));
          return true;
        }
        const n = py.len(container);
        if (n === 0) return false;
        py.setitem(container, command.key % n, this.value(command.value));
        return true;
      }
      case 'setattr': {
        const obj = this.pick(command.target, [TypeId.Instance, TypeId.SlotsInstance]);
        if (obj === null) return false;
        py.setattr(obj, command.name, this.value(command.value));
        return true;
      }
      case 'delitem': {
        const container = this.pick(command.target, [TypeId.List, TypeId.Dict]);
        if (container === null || py.len(container) === 0) return false;
        const n = py.len(container);
        if (this.typeOf(container) === TypeId.List) py.delitem(container, command.key % n);
        else py.delitem(container, this.dictKeyAt(container, command.key % n));
        return true;
      }
      case 'pop': {
        const list = this.pick(command.target, [TypeId.List]);
        if (list === null || py.len(list) === 0) return false;
        const popped = py.pop(list, command.index % py.len(list));
        if (command.into) this.bind(command.into, popped);
        return true;
      }
      case 'clear': {
        const container = this.pick(command.target, [TypeId.List, TypeId.Dict]);
        if (container === null) return false;
        py.clear(container);
        return true;
      }
      case 'add': {
        const set = this.pick(command.target, [TypeId.Set]);
        if (set === null) return false;
        py.add(set, this.hashable(command.value));
        return true;
      }
      case 'assign':
        this.bind(command.into, this.value(command.value));
        return true;
      case 'del': {
        const bound = [
          ...Object.keys(py.locals)
            .sort()
            .map((name) => [py.locals, name] as const),
          ...Object.keys(py.globals)
            .sort()
            .map((name) => [py.globals, name] as const),
        ];
        if (bound.length === 0) return false;
        const [scope, name] = bound[command.variable % bound.length];
        delete scope[name];
        return true;
      }
      case 'weakref': {
        const obj = this.pick(command.target, [TypeId.Instance]);
        if (obj === null) return false;
        this.bind(command.into, py.weakref(obj, this.weakrefCallback(command.callback)));
        return true;
      }
      case 'deref': {
        const ref = this.pick(command.target, [TypeId.WeakRef]);
        if (ref === null) return false;
        this.bind(command.into, py.deref(ref));
        return true;
      }
      case 'close': {
        const file = this.pick(command.target, [TypeId.File]);
        if (file === null || !py.isOpen(file)) return false;
        py.close(file);
        this.explicitlyClosed.add(file);
        return true;
      }
      case 'collect':
        expect(py.collect()).toBe(0);
        return true;
      case 'flush':
        py.flushTemporaries();
        return true;
      case 'call':
        throw new Error('calls are run by run()');
    }
  }

  private weakrefCallback(kind: 'none' | 'record' | 'rebind'): ((ref: Handle) => void) | undefined {
    if (kind === 'none') return undefined;
    return (ref) => {
      expect(this.calledBack.has(ref), `callback of weakref ${ref} ran twice`).toBe(false);
      this.calledBack.add(ref);
      expect(this.py.deref(ref)).toBe(this.py.None);
      if (kind === 'rebind') this.py.globals.g2 = ref; // a callback that frees what g2 held
    };
  }

  private create(kind: Kind, items: readonly Value[]): Handle {
    const py = this.py;
    switch (kind) {
      case 'list':
        return py.list(items.map((item) => this.value(item)));
      case 'tuple':
        return py.tuple(items.map((item) => this.value(item)));
      case 'set':
        return py.set(items.map((item) => this.hashable(item)));
      case 'dict':
        return py.dict(items.map((item, i) => [this.key(i * 7 + item.pick), this.value(item)] as const));
      case 'int':
        return py.int(items.length > 0 ? 1_000 + items[0].pick : 7);
      case 'str':
        return py.str(`text-${items.length}`);
      case 'file':
        return py.open(`file-${this.fileCount++}.txt`);
      default: {
        const names = ['a', 'b', 'c'] as const;
        const attributes: Record<string, Handle> = {};
        items.slice(0, kind === 'slots' ? 2 : 3).forEach((item, i) => {
          attributes[names[i]] = this.value(item);
        });
        return this.classes[kind].new(attributes);
      }
    }
  }

  /** The bound variables visible now (locals of the current frame, then globals), in name order. */
  private candidates(): Handle[] {
    const names = (scope: Variables) => Object.keys(scope).sort();
    return [
      ...names(this.py.locals).map((n) => this.py.locals[n]),
      ...names(this.py.globals).map((n) => this.py.globals[n]),
    ];
  }

  private pick(n: number, types: readonly number[]): Handle | null {
    const fitting = this.candidates().filter((h) => types.includes(this.typeOf(h)));
    return fitting.length === 0 ? null : fitting[n % fitting.length];
  }

  private value(value: Value): Handle {
    const py = this.py;
    switch (value.fresh) {
      case 'none':
        return py.None;
      case 'int':
        return py.int(value.pick * 3);
      case 'str':
        return py.str(`s${value.pick % 10}`);
      case 'list':
        return py.list();
      default: {
        const all = this.candidates();
        return all.length === 0 ? py.None : all[value.pick % all.length];
      }
    }
  }

  private hashable(value: Value): Handle {
    const candidate = this.value(value);
    const type = this.typeOf(candidate);
    return type === TypeId.List || type === TypeId.Dict || type === TypeId.Set
      ? this.py.int(value.pick)
      : candidate;
  }

  private key(n: number): PyValue {
    const pool: PyValue[] = [{ str: 'a' }, { str: 'key' }, { int: 1_000 }, { int: 3 }, null];
    if (n % 6 === 5) {
      const instance = this.pick(n, [TypeId.Instance, TypeId.Int, TypeId.Str]);
      if (instance !== null) return instance;
    }
    return pool[n % pool.length];
  }

  private dictKeyAt(dict: Handle, entry: number): Handle {
    const store = this.py.heap.store;
    const slot = store.slotOf(dict, 'test');
    return store.handleOf(store.refs.cells[store.refStart[slot] + 2 * entry]);
  }

  private variable(target: Target): [Variables, string] {
    return target.global
      ? [this.py.globals, `g${target.index % GLOBALS}`]
      : [this.py.locals, `v${target.index % LOCALS}`];
  }

  private bind(target: Target, handle: Handle): void {
    const [scope, name] = this.variable(target);
    scope[name] = handle;
  }

  private typeOf(handle: Handle): number {
    const store = this.py.heap.store;
    return store.type[store.slotOf(handle, 'test')];
  }

  /** Live objects are exactly those reachable from roots plus the leak report's; every group is a cycle. */
  checkAccounting(): LeakReport {
    const heap = this.py.heap;
    const store = heap.store;
    const reachable = reachableFromRoots(heap);
    const report = leakReport(this.py);
    const leaked = new Set<number>();
    for (const group of report.groups) {
      expect(group.kind).toBe('cycle'); // reference counting frees everything else
      expect(group.truncated).toBe(false);
      expect(group.objects.length).toBe(group.objectCount);
      for (const object of group.objects) {
        expect(store.isAlive(object.handle)).toBe(true);
        const slot = store.slotOf(object.handle, 'test');
        expect(reachable[slot]).not.toBe(1);
        expect(leaked.has(slot)).toBe(false);
        leaked.add(slot);
      }
    }
    const live = new Set(collectableSlots(heap));
    const accounted = new Set([...[...live].filter((s) => reachable[s] === 1), ...leaked]);
    expect(accounted).toEqual(live);
    expect(report.summary.objects).toBe(leaked.size);
    return report;
  }

  /** Drops every root (callbacks may bind new ones), then checks that everything left is leaked cycles. */
  dropAllRoots(): void {
    const py = this.py;
    for (let round = 0; round < 100; round++) {
      py.flushTemporaries();
      const scopes = [py.locals, py.globals];
      const bound = scopes.flatMap((scope) => Object.keys(scope).map((name) => [scope, name] as const));
      if (bound.length === 0) break;
      for (const [scope, name] of bound) if (name in scope) delete scope[name];
    }
    py.flushTemporaries();
    expect(verifyHeap(py.heap).problems).toEqual([]);
    const report = this.checkAccounting();
    expect(report.summary.reachableObjects).toBe(0);
    expect(report.summary.objects).toBe(py.heap.store.liveCount - this.staticObjects());
    expect(report.summary.bytes).toBe(py.heap.liveBytes);
    for (const record of py.heap.resourceLog) {
      if (!py.isAlive(record.handle)) expect(record.closedAt, `${record.name} died open`).not.toBeNull();
      else if (!this.explicitlyClosed.has(record.handle)) expect(record.how).toBeNull();
    }
  }

  private staticObjects(): number {
    const store = this.py.heap.store;
    let n = 0;
    for (let slot = 0; slot < store.slotLimit; slot++) if ((store.flags[slot] & 3) === 3) n++;
    return n;
  }

  get finalizersRun(): number {
    return this.finalized.size;
  }
}

describe('random programs under reference counting', () => {
  it(`keeps the heap consistent and the leak report complete (${PROGRAMS} programs × ${OPERATIONS} operations)`, () => {
    let programs = 0;
    let operations = 0;
    let leakedObjects = 0;
    let finalizers = 0;
    let skipped = 0;
    let pythonErrors = 0;
    let freedObjects = 0;
    fc.assert(
      fc.property(fc.array(command, { minLength: OPERATIONS, maxLength: OPERATIONS }), (commands) => {
        const interpreter = new Interpreter();
        interpreter.run(commands, 0, commands.length);
        expect(interpreter.operations).toBe(OPERATIONS);
        interpreter.checkAccounting();
        interpreter.dropAllRoots();
        programs++;
        operations += interpreter.operations;
        leakedObjects += leakReport(interpreter.py).summary.objects;
        finalizers += interpreter.finalizersRun;
        skipped += interpreter.skipped;
        pythonErrors += interpreter.pythonErrors;
        freedObjects += interpreter.freedObjects;
      }),
      { numRuns: PROGRAMS },
    );
    console.log(
      `random programs: ${programs} programs × ${OPERATIONS} operations = ${operations} operations, ` +
        `heap verified after each (${skipped} found nothing to act on, ${pythonErrors} raised a Python error); ` +
        `${freedObjects} objects freed, ${finalizers} finalizers run, ${leakedObjects} objects left in leaked cycles`,
    );
    expect(programs).toBeGreaterThanOrEqual(PROGRAMS);
  }, 90_000);
});
