import { describe, expect, it } from 'vitest';
import {
  bitAnd,
  bitOr,
  bitXor,
  divmod,
  floorDiv,
  floorDivSmall,
  intToFloat,
  invert,
  lshift,
  mod,
  modSmall,
  pow,
  powMod,
  rshift,
  trueDiv,
} from './int-arith.js';
import { randomInts, xorshift } from './numeric-cases.js';
import { arg, cpythonJson, type Outcome, PYTHON_PRELUDE, skipOracle } from './oracle.js';
import type { PythonVersion } from './python-version.js';
import { outcome } from './run-outcome.js';

const TABLE = `{
  'floordiv': lambda a, b: a // b, 'mod': lambda a, b: a % b, 'divmod': divmod, 'truediv': lambda a, b: a / b,
  'pow': lambda a, b: a ** b, 'powmod': pow, 'lshift': lambda a, b: a << b, 'rshift': lambda a, b: a >> b,
  'and': lambda a, b: a & b, 'or': lambda a, b: a | b, 'xor': lambda a, b: a ^ b, 'invert': lambda a: ~a,
  'float': float,
}`;

type Case = [string, ...bigint[]];

function cases(): Case[] {
  const next = xorshift(15);
  const ints = randomInts(next, 400);
  const small = ints.filter((x) => x >= -1000n && x <= 1000n);
  const pick = () => ints[next() % ints.length];
  const out: Case[] = [];
  for (let i = 0; i < 600; i++) {
    const a = pick();
    const b = next() % 5 === 0 ? BigInt(next() % 7) - 3n : pick();
    out.push(['floordiv', a, b], ['mod', a, b], ['divmod', a, b], ['truediv', a, b]);
    out.push(['and', a, b], ['or', a, b], ['xor', a, b], ['invert', a], ['float', a]);
    const count = BigInt(next() % 300) - 20n;
    out.push(['lshift', a, count], ['rshift', a, count]);
    const base = small[next() % small.length];
    out.push(['pow', base, BigInt(next() % 60) - 30n]);
    out.push(['powmod', a, BigInt(next() % 200) - 100n, next() % 3 === 0 ? BigInt(next() % 20) - 10n : b]);
  }
  // True division at the edges: huge quotients, subnormal quotients, overflow, exact halves.
  for (let i = 0; i < 300; i++) {
    const a = pick();
    const shift = BigInt(next() % 2200);
    out.push(['truediv', a << shift, pick()], ['truediv', a, (pick() | 1n) << shift]);
    out.push(['truediv', (1n << shift) + BigInt(next() % 3), 3n ** BigInt(next() % 40)]);
  }
  out.push(['truediv', 2n ** 1024n, 1n], ['truediv', 2n ** 1024n - 1n, 1n], ['truediv', 1n, 2n ** 1075n]);
  out.push(
    ['truediv', 3n, 2n ** 1076n],
    ['truediv', 2n ** 1023n * 3n, 2n],
    ['float', 2n ** 1024n - 2n ** 970n],
  );
  out.push(['float', 2n ** 1024n - 2n ** 971n], ['lshift', 1n, 2n ** 70n], ['rshift', -1n, 2n ** 70n]);
  return out;
}

function run(c: Case, version: PythonVersion) {
  const [op, a, b, m] = c;
  return outcome(() => {
    switch (op) {
      case 'floordiv':
        return floorDiv(a, b);
      case 'mod':
        return mod(a, b, version);
      case 'divmod':
        return divmod(a, b);
      case 'truediv':
        return trueDiv(a, b);
      case 'pow':
        return pow(a, b);
      case 'powmod':
        return powMod(a, b, m);
      case 'lshift':
        return lshift(a, b);
      case 'rshift':
        return rshift(a, b);
      case 'and':
        return bitAnd(a, b);
      case 'or':
        return bitOr(a, b);
      case 'xor':
        return bitXor(a, b);
      case 'invert':
        return invert(a);
      default:
        return intToFloat(a);
    }
  });
}

describe.skipIf(skipOracle)('int arithmetic against CPython', () => {
  const all = cases();
  for (const version of ['3.10', '3.11', '3.13'] as const) {
    it(`gives CPython ${version}'s results and errors for ${all.length} operations`, () => {
      const script = `${PYTHON_PRELUDE}\nrun(json.load(sys.stdin), ${TABLE})`;
      const expected = cpythonJson(
        script,
        all.map(([op, ...xs]) => [op, ...xs.map(arg)]),
        version,
      ) as Outcome[];
      const got = all.map((c) => run(c, version));
      for (let i = 0; i < all.length; i++) {
        if (JSON.stringify(got[i]) !== JSON.stringify(expected[i])) {
          expect({ case: all[i].map(String), got: got[i] }).toEqual({
            case: all[i].map(String),
            got: expected[i],
          });
        }
      }
    });
  }

  it('gives the same results on the safe-integer fast path', () => {
    const next = xorshift(7);
    for (let i = 0; i < 2000; i++) {
      const a = BigInt(next() % 2000001) - 1000000n;
      const b = BigInt((next() % 2001) - 1000);
      expect(outcome(() => BigInt(floorDivSmall(Number(a), Number(b))))).toEqual(
        outcome(() => floorDiv(a, b)),
      );
      expect(outcome(() => BigInt(modSmall(Number(a), Number(b))))).toEqual(outcome(() => mod(a, b)));
    }
  });
});
