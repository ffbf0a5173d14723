import { describe, expect, it } from 'vitest';
import { intToString, parseInt as pyParseInt } from './int-text.js';
import { randomInts, xorshift } from './numeric-cases.js';
import { arg, cpythonJson, type Outcome, PYTHON_PRELUDE, skipOracle } from './oracle.js';
import { outcome } from './run-outcome.js';

const TEXTS = [
  '0',
  '00',
  '0_0',
  '-0',
  ' 12 ',
  '+12',
  '1_000',
  '1__0',
  '_1',
  '1_',
  '0x1f',
  '0X1F',
  '0x_1f',
  '0x',
  '0b101',
  '0o17',
  '017',
  '0_17',
  '\t\n 42\x0b',
  '\x1c12',
  '12\x85',
  '\u0661\u0662',
  '\u00a0 7',
  '\uff11\uff12',
  '12\ufeff',
  '',
  ' ',
  '-',
  '+-1',
  '1e5',
  '3.0',
  'z',
  'Z',
  'zz',
  'ff',
  'FF',
  '0b',
  '0b_',
  '0o8',
  '1 2',
  'ab_cd',
  "it's",
  '\u0000',
  '1'.repeat(4301),
  `${'1'.repeat(4301)}x`,
  `${'1_'.repeat(4300)}1`,
  '0'.repeat(4301),
  `0x${'f'.repeat(5000)}`,
  'x'.repeat(300),
  '𝟏𝟐',
  '٣',
];
const BASES = [0, 2, 8, 10, 16, 36, 3, 7, 1, 37, -1];

describe.skipIf(skipOracle)('int(str, base) and str(int) against CPython', () => {
  const cases: [string, number][] = [];
  for (const text of TEXTS) for (const base of BASES) cases.push([text, base]);
  const next = xorshift(99);
  const ints = randomInts(next, 300, 600);
  ints.push(10n ** 4299n, -(10n ** 4299n), 10n ** 4300n, 2n ** 20000n);
  for (const n of ints) for (const base of [10, 16, 36]) cases.push([n.toString(base), base]);

  for (const version of ['3.10', '3.11', '3.12', '3.13'] as const) {
    it(`parses ${cases.length} texts and writes ${ints.length} ints as CPython ${version}`, () => {
      // ints travel as hex text: repr() of a long int would itself hit the limit.
      const script = `${PYTHON_PRELUDE}\nrun(json.load(sys.stdin), {'int': lambda s, b: format(int(s, b), 'x'), 'str': lambda n: int(str(n))})`;
      const input = [
        ...cases.map(([text, base]) => ['int', arg(text), arg(BigInt(base))]),
        ...ints.map((n) => ['str', arg(n)]),
      ];
      const expected = cpythonJson(script, input, version) as Outcome[];
      const got = [
        ...cases.map(([text, base]) =>
          outcome(() => `'${pyParseInt(text, base, 4300, version).toString(16)}'`),
        ),
        ...ints.map((n) => outcome(() => BigInt(intToString(n, 4300, version)))),
      ];
      const mismatches = input.flatMap((c, i) =>
        JSON.stringify(got[i]) === JSON.stringify(expected[i])
          ? []
          : [{ c: c.map((x) => x.slice(0, 40)), got: got[i], want: expected[i] }],
      );
      expect(mismatches).toEqual([]);
    });
  }
});
