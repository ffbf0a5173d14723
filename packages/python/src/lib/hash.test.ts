import { describe, expect, it } from 'vitest';
import {
  hashBool,
  hashFloat,
  hashFrozenset,
  hashInt,
  hashNone,
  hashPointer,
  hashSmallInt,
  hashTuple,
} from './hash.js';
import { randomFloats, randomInts, xorshift } from './numeric-cases.js';
import { cpythonJson, skipOracle } from './oracle.js';

/** A Python value the test builds on both sides: ints and floats, tuples and frozensets of them. */
type Value = bigint | number | boolean | { tuple: Value[] } | { frozenset: Value[] };

function encode(v: Value): unknown {
  if (typeof v === 'bigint') return { i: v.toString(16) };
  if (typeof v === 'number') {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, v);
    return { f: view.getBigUint64(0).toString(16).padStart(16, '0') };
  }
  if (typeof v === 'boolean') return { b: v };
  if ('tuple' in v) return { t: v.tuple.map(encode) };
  return { s: v.frozenset.map(encode) };
}

function hashOf(v: Value): bigint {
  if (typeof v === 'bigint') return hashInt(v);
  if (typeof v === 'number') return hashFloat(v, 0n);
  if (typeof v === 'boolean') return hashBool(v);
  if ('tuple' in v) return hashTuple(v.tuple.map(hashOf));
  return hashFrozenset([...new Map(v.frozenset.map((x) => [hashOf(x), x])).keys()]);
}

const SCRIPT = `
import json, struct, sys
def D(o):
    if 'i' in o: return int(o['i'], 16)
    if 'f' in o: return struct.unpack('>d', bytes.fromhex(o['f']))[0]
    if 'b' in o: return o['b']
    if 't' in o: return tuple(D(x) for x in o['t'])
    return frozenset(D(x) for x in o['s'])
values = [D(o) for o in json.load(sys.stdin)]
nan = float('nan')
objects = [object() for _ in range(50)]
print(json.dumps({'hashes': [str(hash(v)) for v in values],
  'nan': [str(id(nan)), str(hash(nan))], 'none': [str(id(None)), str(hash(None))],
  'objects': [[str(id(o)), str(hash(o))] for o in objects]}))
`;

function values(): Value[] {
  const next = xorshift(61);
  const ints = randomInts(next, 400, 6);
  ints.push(-1n, -2n, (1n << 61n) - 1n, (1n << 61n) - 2n, -(1n << 61n) + 1n, 1n << 61n, -(1n << 200n) - 1n);
  const floats = randomFloats(next, 400).filter((x) => !Number.isNaN(x));
  floats.push(-1, -1.5, 2 ** 61, -(2 ** 61), 2 ** -61, 0.1, 1e300, -1e-300);
  const scalars: Value[] = [...ints, ...floats, true, false];
  const pick = () => scalars[next() % scalars.length];
  const out: Value[] = [...scalars, { tuple: [] }, { frozenset: [] }];
  for (let i = 0; i < 300; i++) {
    const items = Array.from({ length: next() % 6 }, pick);
    out.push({ tuple: items }, { frozenset: items.filter((x) => typeof x !== 'boolean') });
    out.push({ tuple: [{ tuple: items }, pick(), { frozenset: [pick(), pick()] }] });
    out.push({ frozenset: [{ tuple: items }, { frozenset: [pick()] }] });
  }
  return out;
}

describe.skipIf(skipOracle)('hash() against CPython', () => {
  const all = values();
  for (const version of ['3.11', '3.12'] as const) {
    it(`gives CPython ${version}'s hash for ${all.length} ints, floats, bools, tuples and frozensets, and identity hashes`, () => {
      const out = cpythonJson(SCRIPT, all.map(encode), version) as {
        hashes: string[];
        nan: [string, string];
        none: [string, string];
        objects: [string, string][];
      };
      expect(all.map((v) => hashOf(v).toString())).toEqual(out.hashes);
      expect(hashFloat(Number.NaN, BigInt(out.nan[0])).toString()).toBe(out.nan[1]);
      expect(hashNone(version, BigInt(out.none[0])).toString()).toBe(out.none[1]);
      expect(out.objects.map(([id]) => hashPointer(BigInt(id)).toString())).toEqual(
        out.objects.map(([, h]) => h),
      );
    });
  }

  it('hashes safe integers without bigints as hashInt does', () => {
    for (const n of [0, 1, -1, -2, 2 ** 53 - 1, -(2 ** 53) + 1, 12345, -98765]) {
      expect(BigInt(hashSmallInt(n))).toBe(hashInt(BigInt(n)));
    }
  });
});
