/**
 * Random programs: the commands, their weights, and the fast-check
 * arbitrary that draws them. A command names what it does and its operands
 * (a variable to bind, a value, which object to act on); the operands are
 * small numbers decoded against what the variables hold when the command
 * runs (see `interpreter.ts`), so every command means something in every
 * state and fast-check can shrink programs freely.
 */

import fc from 'fast-check';
import type { Pressure } from '../strategy-matrix.js';

/** Kinds of object a `new` command creates. */
export const KINDS = [
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

/** A kind of object. */
export type Kind = (typeof KINDS)[number];

/** A variable to bind, by number: 0-5 the current frame's locals, 6-8 globals (taken modulo 9). */
export type Variable = number;

/**
 * A value: 0-11 one of the bound variables (modulo how many are bound; None
 * when none is), 12 None, 13 a fresh int, 14 a fresh str, 15 a fresh list.
 */
export type ValueRef = number;

/** What a weak reference's callback does: no callback, record the call, rebind a global, allocate. */
export type CallbackKind = 'none' | 'record' | 'rebind' | 'allocate';

/** Shapes of garbage: a self-referencing list, a pair of instances, with a file, with a resurrector. */
export type GarbageShape = 'self-list' | 'pair' | 'pair-with-file' | 'pair-with-phoenix';

/** One command. `target`, `source` and `variable` pick among the bound variables that fit. */
export type Command =
  | {
      readonly op: 'new';
      readonly kind: Kind;
      readonly into: Variable;
      /** Items, attributes or a stack's contents (0-3 of them). */
      readonly items: readonly ValueRef[];
      /** A number for the scalar kinds: an int's value, a str's text, a size. */
      readonly size: number;
    }
  | { readonly op: 'link'; readonly target: number; readonly value: ValueRef; readonly position: number }
  | {
      readonly op: 'unlink';
      readonly target: number;
      /** 0, 1 or 2: pop, delete or clear (lists); even delete, odd clear (dicts). */
      readonly how: number;
      readonly position: number;
    }
  | { readonly op: 'assign'; readonly into: Variable; readonly value: ValueRef }
  | { readonly op: 'del'; readonly variable: number }
  | { readonly op: 'load'; readonly into: Variable; readonly source: number; readonly position: number }
  | {
      readonly op: 'call';
      /** Commands after this one that run inside the call (at least one). */
      readonly length: number;
      readonly returns: ValueRef | null;
      readonly into: Variable;
    }
  | {
      readonly op: 'weakref';
      readonly target: number;
      readonly callback: CallbackKind;
      readonly into: Variable;
    }
  | { readonly op: 'deref'; readonly target: number; readonly into: Variable }
  | { readonly op: 'close'; readonly target: number }
  | { readonly op: 'with'; readonly value: ValueRef; readonly bind: boolean; readonly into: Variable }
  | {
      readonly op: 'garbage';
      readonly shape: GarbageShape;
      readonly finalizable: boolean;
      readonly weakref: boolean;
    }
  | { readonly op: 'collect'; readonly generation: 0 | 1 | 2 }
  | { readonly op: 'fullCollect' }
  | { readonly op: 'flush' }
  | { readonly op: 'clearGraveyard' }
  | { readonly op: 'intern'; readonly into: Variable; readonly name: number };

/** An operation name. */
export type OperationName = Command['op'];

/** A program: how hard to push the collectors, and the commands. */
export interface Program {
  readonly pressure: Pressure;
  readonly commands: readonly Command[];
}

const variable = fc.nat(63);
const value = fc.nat(15);
const pick = fc.nat(63);
const position = fc.nat(0xffff);
const op = <T extends OperationName>(name: T) => fc.constant(name);

/** Each operation's arbitrary with its weight (the first is what fast-check shrinks towards). */
const COMMANDS: readonly { readonly weight: number; readonly arbitrary: fc.Arbitrary<Command> }[] = [
  {
    weight: 10,
    arbitrary: fc.record({
      op: op('new'),
      kind: fc.constantFrom(...KINDS),
      into: variable,
      items: fc.array(value, { maxLength: 3 }),
      size: fc.nat(0xffff),
    }),
  },
  { weight: 8, arbitrary: fc.record({ op: op('link'), target: pick, value, position }) },
  { weight: 4, arbitrary: fc.record({ op: op('unlink'), target: pick, how: fc.nat(5), position }) },
  { weight: 3, arbitrary: fc.record({ op: op('assign'), into: variable, value }) },
  { weight: 4, arbitrary: fc.record({ op: op('del'), variable: pick }) },
  { weight: 2, arbitrary: fc.record({ op: op('load'), into: variable, source: pick, position }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: op('call'),
      length: fc.integer({ min: 1, max: 12 }),
      returns: fc.option(value, { freq: 3, nil: null }),
      into: variable,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: op('weakref'),
      target: pick,
      callback: fc.constantFrom<CallbackKind>('none', 'record', 'rebind', 'allocate'),
      into: variable,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: op('garbage'),
      shape: fc.constantFrom<GarbageShape>('self-list', 'pair', 'pair-with-file', 'pair-with-phoenix'),
      finalizable: fc.boolean(),
      weakref: fc.nat(3).map((n) => n === 0),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: op('deref'), target: pick, into: variable }) },
  { weight: 1, arbitrary: fc.record({ op: op('close'), target: pick }) },
  { weight: 1, arbitrary: fc.record({ op: op('with'), value, bind: fc.boolean(), into: variable }) },
  { weight: 1, arbitrary: fc.record({ op: op('collect'), generation: fc.constantFrom<0 | 1 | 2>(0, 1, 2) }) },
  { weight: 1, arbitrary: fc.record({ op: op('fullCollect') }) },
  { weight: 1, arbitrary: fc.record({ op: op('flush') }) },
  { weight: 1, arbitrary: fc.record({ op: op('clearGraveyard') }) },
  { weight: 1, arbitrary: fc.record({ op: op('intern'), into: variable, name: fc.nat(7) }) },
];

/** Tiny budgets, or none (`stress: false`): half the programs each. */
const pressureArbitrary: fc.Arbitrary<Pressure> = fc.record({
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

/** A program of `minLength`..`maxLength` commands, run with profile defaults or with tiny budgets. */
export function programArbitrary(minLength: number, maxLength: number): fc.Arbitrary<Program> {
  return fc.record({
    pressure: pressureArbitrary,
    commands: fc.array(fc.oneof(...COMMANDS), { minLength, maxLength, size: 'max' }),
  });
}

/** A command in words, for failure messages. */
export function describeCommand(command: Command): string {
  const { op: name, ...operands } = command;
  return `${name}(${Object.entries(operands)
    .map(([key, operand]) => `${key}: ${JSON.stringify(operand)}`)
    .join(', ')})`;
}
