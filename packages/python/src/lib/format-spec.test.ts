import { describe, expect, it } from 'vitest';
import { formatFloat, formatInt, formatStr } from './format-spec.js';
import { randomFloats, randomInts, xorshift } from './numeric-cases.js';
import { arg, cpythonJson, type Outcome, PYTHON_PRELUDE, skipOracle } from './oracle.js';
import { outcome } from './run-outcome.js';
import { strRepr } from './str-repr.js';

function specs(next: () => number, types: string, count: number): string[] {
  const pick = (options: string[]) => options[next() % options.length];
  const out = [
    '',
    'd',
    'x',
    '#x',
    '>10',
    '<10',
    '^10',
    '=10',
    '*^9',
    '010',
    '+',
    ' ',
    ',',
    '_',
    '_x',
    ',x',
    '.3',
    '.0',
  ];
  out.push(
    'z',
    'z.2f',
    '#.0f',
    '#.0e',
    '#g',
    '10.3s',
    'c',
    '+c',
    '#c',
    '.2d',
    ',,',
    ',_',
    '_,',
    'zd',
    '=5s',
    'n',
    ',n',
  );
  out.push(
    '_n',
    's5',
    '1.',
    '09,',
    '010,d',
    '012_x',
    '#012_b',
    '.100f',
    '%',
    '.1%',
    'E',
    'G',
    '.0g',
    '#.3g',
    'F',
  );
  while (out.length < count) {
    let s = '';
    if (next() % 3 === 0) s += pick(['', '*', '0', 'x', '€']) + pick(['<', '>', '^', '=']);
    if (next() % 3 === 0) s += pick(['+', '-', ' ']);
    if (next() % 8 === 0) s += 'z';
    if (next() % 5 === 0) s += '#';
    if (next() % 4 === 0) s += '0';
    if (next() % 2 === 0) s += String(next() % 25);
    if (next() % 4 === 0) s += pick([',', '_']);
    if (next() % 3 === 0) s += `.${next() % 20}`;
    if (next() % 4 !== 0) s += types[next() % types.length];
    out.push(s);
  }
  return out;
}

const SCRIPT = `${PYTHON_PRELUDE}
run(json.load(sys.stdin), {'format': lambda v, s: format(v, s)})`;

describe.skipIf(skipOracle)('format(value, spec) against CPython', () => {
  const next = xorshift(378);
  const cases: [bigint | number | string, string][] = [];
  const ints = randomInts(next, 60, 4);
  ints.push(1234567n, -1234567n, 65n, 0x10ffffn, 0x110000n, -1n, 2n ** 70n);
  const floats = randomFloats(next, 80);
  floats.push(1234567.891, -0.0001, 0.125, 2.5, 1e16, 1e-5, 123456789012345.6, 0.5, 1.5, -0.0);
  const strs = ['', 'a', 'hello', 'héllo wörld', '€uro', 'x'.repeat(30)];
  for (const s of specs(next, 'bcdoxXn%eEfFgGs', 400)) {
    for (let i = 0; i < 3; i++) cases.push([ints[next() % ints.length], s]);
    for (let i = 0; i < 4; i++) cases.push([floats[next() % floats.length], s]);
    cases.push([strs[next() % strs.length], s]);
  }
  for (const version of ['3.10', '3.11', '3.13'] as const) {
    it(`formats ${cases.length} int, float and str values as CPython ${version}`, () => {
      const input = cases.map(([v, s]) => ['format', typeof v === 'string' ? `s:${v}` : arg(v), `s:${s}`]);
      const expected = cpythonJson(SCRIPT, input, version) as Outcome[];
      const got = cases.map(([v, s]) =>
        outcome(() => {
          const text =
            typeof v === 'bigint'
              ? formatInt(v, s, version)
              : typeof v === 'number'
                ? formatFloat(v, s, version)
                : formatStr(v, s, version);
          return strRepr(text);
        }),
      );
      const mismatches = cases.flatMap(([v, s], i) =>
        JSON.stringify(got[i]) === JSON.stringify(expected[i])
          ? []
          : [{ v: String(v), s, got: got[i], want: expected[i] }],
      );
      expect(mismatches).toEqual([]);
    });
  }
});
