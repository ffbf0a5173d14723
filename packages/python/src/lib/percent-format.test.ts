import { describe, expect, it } from 'vitest';
import { floatRepr } from './float-repr.js';
import { xorshift } from './numeric-cases.js';
import { cpythonJson, type Outcome, skipOracle } from './oracle.js';
import { type PercentCallbacks, type PercentOperand, percentFormat } from './percent-format.js';
import { outcome } from './run-outcome.js';
import { strRepr } from './str-repr.js';

/** The test's Python values: ints, floats, strs, bools and lists of them. */
type V = { int: bigint } | { float: number } | { str: string } | { bool: boolean } | { list: V[] };

function repr(v: V): string {
  if ('int' in v) return v.int.toString();
  if ('float' in v) return floatRepr(v.float);
  if ('str' in v) return strRepr(v.str);
  if ('bool' in v) return v.bool ? 'True' : 'False';
  return `[${v.list.map(repr).join(', ')}]`;
}

function ascii(text: string): string {
  return text.replace(/[^ -~\t\n\r\\]/gu, (ch) => {
    if (ch.charCodeAt(0) < 0x80) return ch;
    const cp = ch.codePointAt(0)!;
    if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, '0')}`;
    if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
    return `\\U${cp.toString(16).padStart(8, '0')}`;
  });
}

const CALLBACKS: PercentCallbacks<V> = {
  str: (v) => ('str' in v ? v.str : repr(v)),
  repr,
  ascii: (v) => ascii(repr(v)),
  number: (v) => ('int' in v ? v.int : 'float' in v ? v.float : 'bool' in v ? BigInt(v.bool) : null),
  text: (v) => ('str' in v ? v.str : null),
  typeName: (v) => Object.keys(v)[0],
};

function encode(v: V): unknown {
  if ('int' in v) return { int: v.int.toString(16) };
  if ('float' in v) return { float: floatRepr(v.float) };
  if ('list' in v) return { list: v.list.map(encode) };
  return v;
}

type Operand = { tuple: V[] } | { dict: Record<string, V> } | { one: V };

const SCRIPT = `
import json, sys
def D(o):
    if 'int' in o: return int(o['int'], 16)
    if 'float' in o: return float(o['float'])
    if 'str' in o: return o['str']
    if 'bool' in o: return o['bool']
    return [D(x) for x in o['list']]
def O(o):
    if 'tuple' in o: return tuple(D(x) for x in o['tuple'])
    if 'dict' in o: return {k: D(x) for k, x in o['dict'].items()}
    return D(o['one'])
out = []
for fmt, operand in json.load(sys.stdin):
    try: out.append(['ok', repr(fmt % O(operand))])
    except Exception as e: out.append(['err', type(e).__name__, str(e)])
print(json.dumps(out))
`;

function run(format: string, operand: Operand) {
  const op: PercentOperand<V> =
    'tuple' in operand
      ? { tuple: operand.tuple, value: { list: operand.tuple } }
      : 'dict' in operand
        ? {
            tuple: null,
            value: {
              str: `{${Object.entries(operand.dict)
                .map(([k, v]) => `${strRepr(k)}: ${repr(v)}`)
                .join(', ')}}`,
            },
            getItem: (key) => {
              if (!(key in operand.dict)) throw new Error(`KeyError ${key}`);
              return operand.dict[key];
            },
          }
        : { tuple: null, value: operand.one };
  return outcome(() => strRepr(percentFormat(format, op, CALLBACKS)));
}

describe.skipIf(skipOracle)('str % args against CPython', () => {
  it('formats fixed and random conversion specs as CPython 3.11', () => {
    const next = xorshift(42);
    const values: V[] = [
      { int: 0n },
      { int: 255n },
      { int: -42n },
      { int: 10n ** 30n },
      { int: 65n },
      { int: -1n },
      { int: 0x110000n },
      { float: 3.25159 },
      { float: -2.25 },
      { float: 0.125 },
      { float: 1e20 },
      { float: -0 },
      { float: 2.7 },
      { float: Infinity },
      { float: Number.NaN },
      { str: 'héllo' },
      { str: 'x' },
      { str: '' },
      { bool: true },
      { list: [{ int: 1n }, { str: "it's" }] },
    ];
    const cases: [string, Operand][] = [
      ['%d', { one: { str: 'x' } }],
      ['%x', { one: { float: 1.5 } }],
      ['%f', { one: { str: 'x' } }],
      ['%c', { one: { str: 'ab' } }],
      ['%c', { one: { float: 1.5 } }],
      ['%s %s', { tuple: [{ int: 1n }] }],
      ['%s', { tuple: [{ int: 1n }, { int: 2n }] }],
      ['%(a)s', { tuple: [{ int: 1n }] }],
      ['%', { tuple: [] }],
      ['%y', { one: { int: 1n } }],
      ['%*d', { tuple: [{ str: 'a' }, { int: 1n }] }],
      ['%.*f', { tuple: [{ int: 2n }, { float: 1.234 }] }],
      ['%(a)s and %(b)r', { dict: { a: { int: 1n }, b: { str: 'q' } } }],
      ['%(a)s %s', { dict: { a: { int: 1n } } }],
      ['%5%', { tuple: [] }],
      ['%(a', { dict: { a: { int: 1n } } }],
      ['%s', { tuple: [] }],
      ['', { one: { int: 5n } }],
      ['%-*d|', { tuple: [{ int: -5n }, { int: 1n }] }],
      ['%%%s%%', { one: { str: 'p' } }],
      ['no args', { tuple: [] }],
      ['%d%%', { one: { float: Infinity } }],
      ['%c', { one: { int: 10n ** 30n } }],
      ['%e', { one: { int: 10n ** 400n } }],
    ];
    const flags = ['', '-', '+', ' ', '#', '0', '-0', '+0', '#0', ' #'];
    for (let k = 0; k < 1500; k++) {
      let spec = `%${flags[next() % flags.length]}`;
      if (next() % 2) spec += String(next() % 15);
      if (next() % 2) spec += `.${next() % 8}`;
      spec += 'sracdiuoxXeEfFgG'[next() % 16];
      const value = values[next() % values.length];
      cases.push([`<${spec}>`, next() % 4 === 0 ? { tuple: [value] } : { one: value }]);
    }
    const input = cases.map(([f, o]) => [
      f,
      'tuple' in o
        ? { tuple: o.tuple.map(encode) }
        : 'dict' in o
          ? { dict: Object.fromEntries(Object.entries(o.dict).map(([k, v]) => [k, encode(v)])) }
          : { one: encode(o.one) },
    ]);
    const expected = cpythonJson(SCRIPT, input) as Outcome[];
    const got = cases.map(([f, o]) => run(f, o));
    const mismatches = cases.flatMap(([f], i) =>
      JSON.stringify(got[i]) === JSON.stringify(expected[i])
        ? []
        : [{ f, o: JSON.stringify(input[i][1]), got: got[i], want: expected[i] }],
    );
    expect(mismatches).toEqual([]);
  });
});
