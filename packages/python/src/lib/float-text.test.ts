import { describe, expect, it } from 'vitest';
import { floatRepr } from './float-repr.js';
import { parseFloat as pyParseFloat } from './float-text.js';
import { randomFloats, xorshift } from './numeric-cases.js';
import { arg, cpythonJson, type Outcome, PYTHON_PRELUDE, skipOracle } from './oracle.js';
import { outcome } from './run-outcome.js';

const TEXTS = [
  '1',
  '1.',
  '.5',
  '.',
  '-.5e3',
  '1e',
  'e5',
  '1e+05',
  '1E-5',
  ' 2.5 ',
  'inf',
  '-Infinity',
  '+INF',
  'nan',
  '-nan',
  'NaN',
  'infinit',
  'in_f',
  '1_000.5',
  '1_000._5',
  '1__0',
  '_1',
  '1_',
  '1_e5',
  '1e_5',
  '1e1_0',
  '0x10',
  '1e400',
  '-1e400',
  '1e-400',
  '',
  ' ',
  'x',
  "it's",
  '\u0661.\u0662',
  '\u00a03.5\u2003',
  '\x1c1',
  '12\ufeff',
  '+-1',
  '0.1000000000000000055511151231257827',
  '2.2250738585072011e-308',
  '9007199254740993',
  `1${'0'.repeat(400)}`,
];

describe.skipIf(skipOracle)('float(str) against CPython', () => {
  it('parses special texts and the repr of thousands of doubles as CPython 3.11', () => {
    const next = xorshift(5);
    const texts = [...TEXTS];
    for (const x of randomFloats(next, 3000)) {
      const text = floatRepr(x);
      texts.push(text, text.toUpperCase(), text.replace(/(\d)(\d)/, '$1_$2'));
    }
    const script = `${PYTHON_PRELUDE}\nrun(json.load(sys.stdin), {'float': float})`;
    const expected = cpythonJson(
      script,
      texts.map((t) => ['float', arg(t)]),
    ) as Outcome[];
    const got = texts.map((t) => outcome(() => pyParseFloat(t)));
    const mismatches = texts.flatMap((t, i) =>
      JSON.stringify(got[i]) === JSON.stringify(expected[i]) ? [] : [{ t, got: got[i], want: expected[i] }],
    );
    expect(mismatches).toEqual([]);
  });
});
