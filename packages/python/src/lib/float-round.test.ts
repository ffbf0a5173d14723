import { describe, expect, it } from 'vitest';
import { floatAsIntegerRatio, floatIsInteger, roundFloat, roundFloatToInt, roundInt } from './float-round.js';
import { randomFloats, randomInts, xorshift } from './numeric-cases.js';
import { arg, cpythonJson, type Outcome, PYTHON_PRELUDE, skipOracle } from './oracle.js';
import { outcome } from './run-outcome.js';

type Case = ['round' | 'roundn' | 'roundint' | 'isint' | 'ratio', bigint | number, bigint?];

describe.skipIf(skipOracle)('round(), is_integer() and as_integer_ratio() against CPython', () => {
  it('gives CPython 3.11 results for thousands of floats and ints', () => {
    const next = xorshift(2675);
    const floats = randomFloats(next, 2500);
    floats.push(2.675, 0.125, 0.375, 2.5, -2.5, 0.5, 1.5, -0.4, 1.7e308, 5e-324, 1e22, 4503599627370495.5);
    const cases: Case[] = [];
    for (const x of floats) {
      cases.push(['round', x], ['isint', x], ['ratio', x]);
      cases.push(['roundn', x, BigInt((next() % 40) - 20)], ['roundn', x, BigInt((next() % 700) - 350)]);
    }
    for (const x of [2.675, 1.7e308, 0.5, 1e300])
      cases.push(['roundn', x, -308n], ['roundn', x, -309n], ['roundn', x, 2n ** 70n]);
    for (const n of randomInts(next, 500, 6)) cases.push(['roundint', n, BigInt((next() % 30) - 25)]);
    cases.push(
      ['roundint', 25n, -1n],
      ['roundint', 35n, -1n],
      ['roundint', -25n, -1n],
      ['roundint', 150n, -2n],
    );
    const script = `${PYTHON_PRELUDE}
run(json.load(sys.stdin), {'round': round, 'roundn': round, 'roundint': round,
  'isint': lambda x: x.is_integer(), 'ratio': lambda x: x.as_integer_ratio()})`;
    const input = cases.map(([op, ...xs]) => [op, ...xs.map((x) => arg(x as bigint | number))]);
    const expected = cpythonJson(script, input) as Outcome[];
    const got = cases.map(([op, x, n]) =>
      outcome(() => {
        if (op === 'round') return roundFloatToInt(x as number);
        if (op === 'roundn') return roundFloat(x as number, n!);
        if (op === 'roundint') return roundInt(x as bigint, n!);
        if (op === 'isint') return floatIsInteger(x as number);
        return floatAsIntegerRatio(x as number);
      }),
    );
    const mismatches = cases.flatMap((c, i) =>
      JSON.stringify(got[i]) === JSON.stringify(expected[i])
        ? []
        : [{ c: c.map(String), got: got[i], want: expected[i] }],
    );
    expect(mismatches).toEqual([]);
  });
});
