import { describe, expect, it } from 'vitest';
import { floatRepr } from './float-repr.js';
import { cpythonJson, skipOracle } from './oracle.js';

/** A deterministic generator (xorshift32) so a failure reproduces. */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

function doubles(): number[] {
  const next = xorshift(20261203);
  const view = new DataView(new ArrayBuffer(8));
  const out: number[] = [
    0,
    -0,
    Infinity,
    -Infinity,
    NaN,
    1,
    0.1,
    1e16,
    1e15,
    1e-5,
    1e-4,
    123456789012345,
    1.5e300,
  ];
  out.push(5e-324, -5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 2 ** 53 + 2, 0.3, 2 ** 53, 1e22);
  out.push(
    9999999999999998,
    Number('9999999999999999e1'),
    0.001,
    0.0001,
    0.00001,
    Number('1234567890123456.7'),
    Number('12345678901234567'),
  );
  for (let i = 0; i < 3000; i++) {
    view.setUint32(0, next());
    view.setUint32(4, next());
    out.push(view.getFloat64(0));
  }
  for (let i = 0; i < 3000; i++) {
    const mantissa = next() % 100000;
    const exponent = (next() % 50) - 25;
    out.push(Number(`${mantissa}e${exponent}`) * (next() & 1 ? -1 : 1));
  }
  for (let i = 0; i < 1000; i++) out.push((next() % 2000000) / 1000);
  return out;
}

function hex(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

describe.skipIf(skipOracle)('floatRepr against CPython repr(float)', () => {
  it('gives repr() and str() of special, boundary and thousands of random doubles', () => {
    const values = doubles();
    const script = `
import json, struct, sys
out = []
for h in json.load(sys.stdin):
    x = struct.unpack('>d', bytes.fromhex(h))[0]
    out.append([repr(x), str(x)])
print(json.dumps(out))
`;
    const expected = cpythonJson(script, values.map(hex)) as [string, string][];
    const got = values.map((x) => [floatRepr(x), floatRepr(x)]);
    expect(got).toEqual(expected);
  });
});
