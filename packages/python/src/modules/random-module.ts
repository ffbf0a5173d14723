/**
 * The `random` module (`Lib/random.py` over `Modules/_randommodule.c`): the `Random` class, whose
 * instances hold a Mersenne Twister, and the module's functions, which draw from one shared
 * instance created on import (`_inst`), as CPython's do. Every draw is pylib's
 * (`lib/mersenne-twister.ts`, `lib/random-functions.ts`), so a seed gives CPython's values.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { arity, intArg, keyword } from '../builtins/arguments.js';
import type { RangeData } from '../builtins/constructors.js';
import { hashOf } from '../builtins/hash.js';
import { MersenneTwister } from '../lib/mersenne-twister.js';
import { PyLibError } from '../lib/python-error.js';
import type { PythonVersion } from '../lib/python-version.js';
import * as draw from '../lib/random-functions.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { builtinType, defineBuiltinType } from '../runtime/types.js';
import type { ModuleSpec } from './modules.js';

const SEED_TYPES = 'The only supported seed types are: None,\nint, float, str, bytes, and bytearray.';

function version(ip: Interp): PythonVersion {
  return ip.heap.sizes.version as PythonVersion;
}

/** Runs a pylib draw, raising its `PyLibError` as the Python exception it names. */
function pylib<T>(ip: Interp, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof PyLibError) return ip.raise(error.pyType, error.message);
    throw error;
  }
}

/** `random_seed` / `Random.seed(a)`: None from the system, int by its words, str by SHA-512, float by hash. */
function seed(ip: Interp, rng: MersenneTwister, a: number | undefined): void {
  if (a === undefined || a === ip.none) {
    rng.seedRandom();
    return;
  }
  const t = ip.store.type[a];
  if (t === TypeId.Int || t === TypeId.Bool) {
    const v = ip.intValue(a);
    rng.seedInt(typeof v === 'bigint' ? v : BigInt(v));
  } else if (t === TypeId.Str) {
    rng.seedText(ip.text(a));
  } else if (t === TypeId.Float) {
    rng.seedHash(hashOf(ip, a));
  } else if (t === TypeId.Bytes || t === TypeId.ByteArray) {
    ip.raise('NotImplementedError', 'random.seed() of bytes is not supported by pymm');
  } else {
    ip.raise('TypeError', SEED_TYPES);
  }
}

/** An int argument as a bigint, or a float's value (randrange's deprecated integral floats). */
function numberArg(ip: Interp, slot: number): bigint | number {
  if (ip.isInt(slot)) {
    const v = ip.intValue(slot);
    return typeof v === 'bigint' ? v : BigInt(v);
  }
  if (ip.store.type[slot] === TypeId.Float) return ip.store.scalar[slot];
  return BigInt(intArg(ip, slot, ''));
}

/** A real argument (`uniform`): an int or a float as a number. */
function realArg(ip: Interp, slot: number): number {
  if (ip.isInt(slot)) return Number(ip.intValue(slot));
  if (ip.store.type[slot] === TypeId.Float) return ip.store.scalar[slot];
  return ip.raise('TypeError', `unsupported operand type(s) for -: '${ip.typeName(slot)}' and 'float'`);
}

/** `x[i]` for a JavaScript index in range, owned (a range's item computed, as `range_item`). */
function itemAt(ip: Interp, seq: number, i: number): number {
  const data = ip.payload(seq) as RangeData | undefined;
  if (data?.kind === 'range') return ip.int(data.start + data.step * i);
  const index = ip.int(i);
  ip.push(index);
  const item = ip.getItem(seq, index);
  ip.drop(ip.pop());
  return item;
}

/** `x[i] = value`. */
function setItemAt(ip: Interp, seq: number, i: number, value: number): void {
  const index = ip.int(i);
  ip.push(index);
  ip.setItem(seq, index, value);
  ip.drop(ip.pop());
}

/** The methods of `Random` on a generator: each takes the arguments after `self`. */
type Method = (ip: Interp, rng: MersenneTwister, args: number[], kw: Parameters<NativeFn>[2]) => number;

const METHODS: Record<string, Method> = {
  seed: (ip, rng, args, kw) => {
    const opts = keyword(ip, 'seed', kw, ['a', 'version']);
    arity(ip, 'seed', args, 0, 2);
    seed(ip, rng, args[0] ?? opts.get('a'));
    return ip.own(ip.none);
  },
  random: (ip, rng, args) => {
    arity(ip, 'random', args, 0, 0);
    return ip.float(rng.random());
  },
  getrandbits: (ip, rng, args) => {
    arity(ip, 'getrandbits', args, 1, 1);
    const k = intArg(ip, args[0], '');
    if (k < 0) return ip.raise('ValueError', 'number of bits must be non-negative');
    return ip.int(k <= 53 ? rng.getrandbitsSmall(k) : rng.getrandbits(k));
  },
  randrange: (ip, rng, args) => {
    arity(ip, 'randrange', args, 1, 3);
    const [start, stop, step] = args.map((a) => numberArg(ip, a));
    return ip.int(pylib(ip, () => draw.randrange(rng, start, stop, step, version(ip))));
  },
  randint: (ip, rng, args) => {
    arity(ip, 'randint', args, 2, 2);
    const [a, b] = args.map((x) => numberArg(ip, x));
    const stop = typeof b === 'bigint' ? b + 1n : b + 1;
    return ip.int(pylib(ip, () => draw.randrange(rng, a, stop, undefined, version(ip))));
  },
  choice: (ip, rng, args) => {
    arity(ip, 'choice', args, 1, 1);
    const length = ip.len(args[0]);
    const i = pylib(ip, () => draw.choiceIndex(rng, length, version(ip)));
    return itemAt(ip, args[0], i);
  },
  shuffle: (ip, rng, args) => {
    arity(ip, 'shuffle', args, 1, 1);
    const x = args[0];
    for (let i = ip.len(x) - 1; i >= 1; i--) {
      const j = draw.randbelowSmall(rng, i + 1);
      const a = itemAt(ip, x, i);
      ip.push(a);
      const b = itemAt(ip, x, j);
      ip.push(b);
      setItemAt(ip, x, i, b);
      setItemAt(ip, x, j, a);
      ip.drop(ip.pop());
      ip.drop(ip.pop());
    }
    return ip.own(ip.none);
  },
  uniform: (ip, rng, args) => {
    arity(ip, 'uniform', args, 2, 2);
    return ip.float(draw.uniform(rng, realArg(ip, args[0]), realArg(ip, args[1])));
  },
  sample: (ip, rng, args, kw) => {
    const opts = keyword(ip, 'sample', kw, ['k', 'counts']);
    arity(ip, 'sample', args, 1, 2);
    const population = args[0];
    const t = ip.store.type[population];
    if (t === TypeId.Set || t === TypeId.FrozenSet || t === TypeId.Dict)
      return ip.raise('TypeError', 'Population must be a sequence.  For dicts or sets, use sorted(d).');
    if (opts.get('counts') !== undefined)
      return ip.raise('NotImplementedError', 'random.sample(counts=...) is not supported by pymm');
    const kSlot = args[1] ?? opts.get('k');
    if (kSlot === undefined)
      return ip.raise('TypeError', "Random.sample() missing 1 required positional argument: 'k'");
    const n = ip.len(population);
    const k = intArg(ip, kSlot, '');
    const indices = pylib(ip, () => draw.sampleIndices(rng, n, k));
    const h = ip.stackHeight;
    const items = indices.map((i) => {
      const item = itemAt(ip, population, i);
      ip.push(item);
      return item;
    });
    const list = ip.newList(items);
    ip.unwindTo(h);
    return list;
  },
};

/** The generator of a `Random` instance (`TypeError` for anything else). */
function generatorOf(ip: Interp, self: number | undefined, name: string): MersenneTwister {
  const rng = self === undefined ? undefined : ip.payload(self);
  if (!(rng instanceof MersenneTwister))
    return ip.raise('TypeError', `descriptor '${name}' requires a 'Random' object`);
  return rng;
}

/** The `random` module: the `Random` type and the functions of its shared instance. */
export function randomModule(ip: Interp): ModuleSpec {
  const type = defineBuiltinType(ip, 'Random', builtinType(ip, 'object'));
  type.module = 'random';
  type.qualname = 'Random';
  const newRandom = (ip2: Interp, a: number | undefined): number => {
    const rng = new MersenneTwister();
    seed(ip2, rng, a);
    return ip2.native('Random', [], rng);
  };
  type.ctor = (ip2, args) => {
    arity(ip2, 'Random', args, 0, 1);
    return newRandom(ip2, args[0]);
  };
  for (const [name, method] of Object.entries(METHODS))
    type.methods.set(name, (ip2, args, kw) =>
      method(ip2, generatorOf(ip2, args[0], name), args.slice(1), kw),
    );
  const inst = ip.keepForever(newRandom(ip, undefined));
  ip.drop(inst); // the external root holds it now, as sys's streams
  const shared = generatorOf(ip, inst, 'random');
  const functions: Record<string, NativeFn> = {};
  for (const [name, method] of Object.entries(METHODS))
    functions[name] = (ip2, args, kw) => method(ip2, shared, args, kw);
  return {
    functions,
    values: (ip2) => ({ Random: ip2.own(type.slot), _inst: ip2.own(inst) }),
  };
}
