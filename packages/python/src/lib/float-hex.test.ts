import { describe, expect, it } from 'vitest';
import { floatFromHex, floatHex } from './float-hex.js';
import { randomFloats, xorshift } from './numeric-cases.js';
import { cpythonJson, skipOracle } from './oracle.js';
import { PyLibError } from './python-error.js';

function bits(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16);
}

function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe.skipIf(skipOracle)('float.hex() and float.fromhex() against CPython', () => {
  it('formats thousands of floats as CPython does, and parses them back', () => {
    const floats = randomFloats(xorshift(77), 2000);
    floats.push(
      0,
      -0,
      1,
      0.1,
      5e-324,
      2.2250738585072014e-308,
      1.7976931348623157e308,
      Infinity,
      -Infinity,
      NaN,
    );
    const expected = cpythonJson(
      'import json, struct, sys\nprint(json.dumps([struct.unpack(">d", bytes.fromhex(h.zfill(16)))[0].hex() for h in json.load(sys.stdin)]))',
      floats.map(bits),
    ) as string[];
    expect(floats.map(floatHex)).toEqual(expected);
    for (const x of floats) expect(Object.is(floatFromHex(floatHex(x)), x) || Number.isNaN(x)).toBe(true);
  });

  it('parses and rounds hexadecimal strings as CPython does, with its errors', () => {
    const texts = [
      '0x1.8p1',
      '-0x1p-1074',
      '0x1p-1075',
      '0x3p-1076',
      '0x1.00000000000008p0',
      '0x1.00000000000018p0',
      '0x1.fffffffffffff8p1023',
      '0x1.fffffffffffff7p1023',
      ' 0X1P+0 ',
      '1.',
      '.8',
      'ff',
      '-inf',
      'Infinity',
      'nan',
      '0x.p1',
      '0x1p',
      'x',
      '0x1p99999',
      '0x1p-99999',
      '0x123456789abcdef123p-40',
    ];
    const expected = cpythonJson(
      `import json, struct, sys
out = []
for t in json.load(sys.stdin):
    try:
        out.append(['ok', struct.pack('>d', float.fromhex(t)).hex()])
    except (ValueError, OverflowError) as e:
        out.append([type(e).__name__, str(e)])
print(json.dumps(out))`,
      texts,
    ) as [string, string][];
    const got = texts.map((t) => {
      try {
        return ['ok', bits(floatFromHex(t)).padStart(16, '0')];
      } catch (error) {
        if (error instanceof PyLibError) return [error.pyType, error.message];
        throw error;
      }
    });
    expect(got).toEqual(expected);
    expect(fromBits('3ff0000000000000')).toBe(1);
  });
});
