import { describe, expect, it } from 'vitest';
import { floatDivmod, floatFloorDiv, floatMod, floatPow, floatTrueDiv } from './float-arith.js';
import { randomFloats, xorshift } from './numeric-cases.js';
import { arg, cpythonJson, type Outcome, PYTHON_PRELUDE, skipOracle } from './oracle.js';
import { outcome } from './run-outcome.js';

const TABLE = `{
  'truediv': lambda a, b: a / b, 'floordiv': lambda a, b: a // b, 'mod': lambda a, b: a % b,
  'divmod': divmod,
  'pow': lambda a, b: 0j if a < 0 and math.isfinite(b) and b != int(b) else a ** b,
}`;

type Case = [string, number, number];

/**
 * Neither the host's \`**\` nor C's \`pow\` is always correctly rounded (glibc's
 * gives 10.0 ** 23 as 1.0000000000000001e+23): an inexact power may be one ulp
 * off; an exactly representable one (which both give exactly) must match.
 */
function withinUlp(op: string, got: Outcome, want: Outcome): boolean {
  if (op !== 'pow' || got[0] !== 'ok' || want[0] !== 'ok') return false;
  const x = Number(got[1]);
  const y = Number(want[1]);
  return Math.abs(x - y) <= Math.abs(y) * 2 ** -52;
}

function cases(): Case[] {
  const next = xorshift(311);
  const floats = randomFloats(next, 600);
  const out: Case[] = [];
  for (let i = 0; i < 1500; i++) {
    const a = floats[next() % floats.length];
    const b = next() % 6 === 0 ? 0 : floats[next() % floats.length];
    out.push(['truediv', a, b], ['floordiv', a, b], ['mod', a, b], ['divmod', a, b]);
    const e = next() % 3 === 0 ? (next() % 41) - 20 : floats[next() % floats.length];
    out.push(['pow', a, e], ['pow', (next() % 200) / 4 - 25, (next() % 61) - 30]);
  }
  return out;
}

describe.skipIf(skipOracle)('float arithmetic against CPython', () => {
  const all = cases();
  for (const version of ['3.11', '3.13'] as const) {
    it(`gives CPython ${version}'s results and errors for ${all.length} operations`, () => {
      const script = `${PYTHON_PRELUDE}\nimport math\nrun(json.load(sys.stdin), ${TABLE})`;
      const expected = cpythonJson(
        script,
        all.map(([op, a, b]) => [op, arg(a), arg(b)]),
        version,
      ) as Outcome[];
      const got = all.map(([op, a, b]) =>
        outcome(() => {
          if (op === 'truediv') return floatTrueDiv(a, b);
          if (op === 'floordiv') return floatFloorDiv(a, b);
          if (op === 'mod') return floatMod(a, b, version);
          if (op === 'divmod') return floatDivmod(a, b);
          return floatPow(a, b);
        }),
      );
      const mismatches = all.flatMap(([op, a, b], i) =>
        JSON.stringify(got[i]) === JSON.stringify(expected[i]) || withinUlp(op, got[i], expected[i])
          ? []
          : [{ op, a, b, got: got[i], want: expected[i] }],
      );
      expect(mismatches).toEqual([]);
    });
  }
});
