import { describe, expect, it } from 'vitest';
import { floatRepr } from './float-repr.js';
import { hashFloat } from './hash.js';
import { MersenneTwister } from './mersenne-twister.js';
import { cpythonJson, skipOracle } from './oracle.js';
import { PyLibError } from './python-error.js';
import type { PythonVersion } from './python-version.js';
import { choiceIndex, randint, randrange, sampleIndices, shuffle, uniform } from './random-functions.js';

/** Seeds: ints (negative, past 2**64), strs, bytes (as `b:` hex) and floats (`f:`, seeded by their hash). */
const SEEDS = [
  '0',
  '1',
  '42',
  '-42',
  '12345678901234567890123',
  String(-(2n ** 100n) - 7n),
  's:',
  's:hello',
  's:héllo wörld',
  'b:00ff10',
];

const SCRIPT = `
import json, random, sys, warnings
warnings.simplefilter('ignore')
def seed(s):
    if s.startswith('s:'): random.seed(s[2:])
    elif s.startswith('b:'): random.seed(bytes.fromhex(s[2:]))
    elif s.startswith('f:'): random.seed(float(s[2:]))
    else: random.seed(int(s))
def t(f):
    try: return str(f())
    except Exception as e: return type(e).__name__ + ': ' + str(e)
out = []
for s in json.load(sys.stdin):
    seed(s)
    row = [repr(random.random()) for _ in range(40)]
    row += [str(random.getrandbits(k)) for k in (0, 1, 5, 31, 32, 33, 53, 64, 65, 100, 1000)]
    row += [str(random.randrange(n)) for n in (1, 2, 3, 10, 1000, 2**31, 2**32 + 1, 2**53 + 3, 10**30)]
    row += [str(random.randrange(a, b, c)) for a, b, c in ((0, 10, 3), (10, 0, -3), (-5, 5, 2), (0, 10**20, 7))]
    row += [str(random.randint(a, b)) for a, b in ((1, 6), (-10, 10), (0, 0), (10**18, 10**19))]
    row += [str(random.choice(range(n))) for n in (1, 7, 100, 5000)]
    for n in (0, 1, 2, 10, 52):
        x = list(range(n)); random.shuffle(x); row.append(str(x))
    row += [repr(random.uniform(a, b)) for a, b in ((0.0, 1.0), (-5.5, 10.25), (3.0, 3.0), (10.0, -10.0))]
    row += [str(random.sample(range(n), k)) for n, k in ((10, 3), (30, 30), (1000, 5), (1000, 12), (100, 20))]
    row += [t(lambda: random.randrange(0)), t(lambda: random.randrange(5, 5)), t(lambda: random.randrange(5, 1, 2)),
            t(lambda: random.randrange(1, 5, 0)), t(lambda: random.randrange(3.0)), t(lambda: random.randrange(2.5)),
            t(lambda: random.randrange(1, 5.5)), t(lambda: random.randint(3, 1)), t(lambda: random.getrandbits(-1)),
            t(lambda: random.choice([])) + (' at 0' if sys.version_info < (3, 11) else ''), t(lambda: random.sample(range(3), 4)), t(lambda: random.randrange(10, step=2))]
    out.append(row)
print(json.dumps(out))
`;

function t(f: () => unknown): string {
  try {
    return String(f());
  } catch (error) {
    if (error instanceof PyLibError) return `${error.pyType}: ${error.message}`;
    throw error;
  }
}

function list(xs: readonly number[]): string {
  return `[${xs.join(', ')}]`;
}

function simulate(seed: string, version: PythonVersion): string[] {
  const rng = new MersenneTwister();
  if (seed.startsWith('s:')) rng.seedText(seed.slice(2));
  else if (seed.startsWith('b:')) rng.seedText(Buffer.from(seed.slice(2), 'hex'));
  else if (seed.startsWith('f:')) rng.seedHash(hashFloat(Number(seed.slice(2)), 0n));
  else rng.seedInt(BigInt(seed));
  const row: string[] = [];
  for (let i = 0; i < 40; i++) row.push(floatRepr(rng.random()));
  for (const k of [0, 1, 5, 31, 32, 33, 53, 64, 65, 100, 1000]) row.push(String(rng.getrandbits(k)));
  for (const n of [1n, 2n, 3n, 10n, 1000n, 2n ** 31n, 2n ** 32n + 1n, 2n ** 53n + 3n, 10n ** 30n]) {
    row.push(String(randrange(rng, n, undefined, undefined, version)));
  }
  for (const [a, b, c] of [
    [0n, 10n, 3n],
    [10n, 0n, -3n],
    [-5n, 5n, 2n],
    [0n, 10n ** 20n, 7n],
  ]) {
    row.push(String(randrange(rng, a, b, c, version)));
  }
  for (const [a, b] of [
    [1n, 6n],
    [-10n, 10n],
    [0n, 0n],
    [10n ** 18n, 10n ** 19n],
  ])
    row.push(String(randint(rng, a, b, version)));
  for (const n of [1, 7, 100, 5000]) row.push(String(choiceIndex(rng, n, version)));
  for (const n of [0, 1, 2, 10, 52]) {
    const x = Array.from({ length: n }, (_, i) => i);
    shuffle(rng, x);
    row.push(list(x));
  }
  for (const [a, b] of [
    [0, 1],
    [-5.5, 10.25],
    [3, 3],
    [10, -10],
  ])
    row.push(floatRepr(uniform(rng, a, b)));
  for (const [n, k] of [
    [10, 3],
    [30, 30],
    [1000, 5],
    [1000, 12],
    [100, 20],
  ])
    row.push(list(sampleIndices(rng, n, k)));
  row.push(
    t(() => randrange(rng, 0n, undefined, undefined, version)),
    t(() => randrange(rng, 5n, 5n, undefined, version)),
    t(() => randrange(rng, 5n, 1n, 2n, version)),
    t(() => randrange(rng, 1n, 5n, 0n, version)),
    t(() => randrange(rng, 3, undefined, undefined, version)),
    t(() => randrange(rng, 2.5, undefined, undefined, version)),
    t(() => randrange(rng, 1n, 5.5, undefined, version)),
    t(() => randint(rng, 3n, 1n, version)),
    t(() => rng.getrandbits(-1)),
    t(() =>
      version === '3.10'
        ? `IndexError: list index out of range at ${choiceIndex(rng, 0, version)}`
        : choiceIndex(rng, 0, version),
    ),
    t(() => sampleIndices(rng, 3, 4)),
    t(() => randrange(rng, 10n, undefined, 2n, version)),
  );
  return row;
}

describe.skipIf(skipOracle)('random against CPython', () => {
  for (const version of ['3.10', '3.11', '3.12', '3.13'] as const) {
    it(`draws CPython ${version}'s values for int, big, negative, str and bytes seeds`, () => {
      const expected = cpythonJson(SCRIPT, SEEDS, version) as string[][];
      for (let i = 0; i < SEEDS.length; i++) {
        expect({ seed: SEEDS[i], row: simulate(SEEDS[i], version) }).toEqual({
          seed: SEEDS[i],
          row: expected[i],
        });
      }
    });
  }
});

describe('seed(None)', () => {
  it('seeds from the operating system: two generators differ and draw in [0, 1)', () => {
    const a = new MersenneTwister();
    const b = new MersenneTwister();
    a.seedRandom();
    b.seedRandom();
    const xs = Array.from({ length: 8 }, () => a.random());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs).not.toEqual(Array.from({ length: 8 }, () => b.random()));
  });
});
