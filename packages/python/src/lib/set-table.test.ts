import { describe, expect, it } from 'vitest';
import { hashInt, hashTuple } from './hash.js';
import { xorshift } from './numeric-cases.js';
import { cpythonJson, skipOracle } from './oracle.js';
import type { PyLibError } from './python-error.js';
import { SetTable } from './set-table.js';

/** Keys: ints, or tuples of ints, written canonically (hex) on both sides. */
type Key = bigint | bigint[];
type Op = ['add' | 'discard', Key] | ['pop'] | ['copy'] | ['union' | 'update', Key[]] | ['clear'];

function canon(k: Key): string {
  return typeof k === 'bigint' ? k.toString(16) : `(${k.map((x) => x.toString(16)).join(',')})`;
}

function hashOf(k: Key): bigint {
  return typeof k === 'bigint' ? hashInt(k) : hashTuple(k.map(hashInt));
}

const SCRIPT = `
import json, sys
def D(k): return int(k, 16) if isinstance(k, str) else tuple(int(x, 16) for x in k)
def C(k): return format(k, 'x') if isinstance(k, int) else '(' + ','.join(format(x, 'x') for x in k) + ')'
out = []
for program in json.load(sys.stdin):
    s = set()
    trace = []
    for op in program:
        popped = None
        if op[0] == 'add': s.add(D(op[1]))
        elif op[0] == 'discard': s.discard(D(op[1]))
        elif op[0] == 'pop':
            try: popped = C(s.pop())
            except KeyError as e: popped = 'KeyError: ' + str(e.args[0])
        elif op[0] == 'copy': s = set(s)
        elif op[0] == 'union': s |= set(D(k) for k in op[1])
        elif op[0] == 'update': s.update([D(k) for k in op[1]])
        elif op[0] == 'clear': s.clear()
        trace.append([[C(k) for k in s], sys.getsizeof(s), popped])
    out.append(trace)
print(json.dumps(out))
`;

/** Runs one program on a SetTable; each step as the script writes it (getsizeof from core's size model). */
function simulate(program: Op[]): [string[], number, string | null][] {
  const values: Key[] = [];
  const equals = (a: number, b: number) => canon(values[a]) === canon(values[b]);
  const add = (t: SetTable, k: Key) => {
    values.push(k);
    t.add(hashOf(k), values.length - 1, equals);
  };
  let s = new SetTable();
  const trace: [string[], number, string | null][] = [];
  for (const op of program) {
    let popped: string | null = null;
    if (op[0] === 'add') add(s, op[1]);
    else if (op[0] === 'discard') {
      values.push(op[1]);
      s.discard(hashOf(op[1]), values.length - 1, equals);
    } else if (op[0] === 'pop') {
      try {
        popped = canon(values[s.pop()]);
      } catch (error) {
        popped = `${(error as PyLibError).pyType}: ${(error as PyLibError).message}`;
      }
    } else if (op[0] === 'copy') {
      const copy = new SetTable();
      copy.merge(s, equals);
      s = copy;
    } else if (op[0] === 'union') {
      const other = new SetTable();
      for (const k of op[1]) add(other, k);
      s.merge(other, equals);
    } else if (op[0] === 'update') for (const k of op[1]) add(s, k);
    else s.clear();
    // sys.getsizeof(set): core's setObjectBytes() (216 in 3.11) + setExtraBytes(mask + 1).
    const size = s.mask + 1;
    trace.push([s.keyIds().map((id) => canon(values[id])), 216 + (size <= 8 ? 0 : 16 * size), popped]);
  }
  return trace;
}

function programs(): Op[][] {
  const next = xorshift(1103);
  const out: Op[][] = [];
  const fixed: Op[] = [
    ['add', 3n],
    ['add', 1n],
    ['add', 2n],
  ];
  out.push(fixed);
  const range: Op[] = [];
  for (let i = 20n; i > 0n; i -= 3n) range.push(['add', i]);
  out.push(range);
  for (let p = 0; p < 250; p++) {
    const program: Op[] = [];
    const span = [16, 100, 1000, 1 << 20][next() % 4];
    const key = (): Key => {
      const r = next() % 10;
      if (r === 0) return [BigInt(next() % span), BigInt(next() % 8) - 4n];
      if (r === 1) return BigInt(next() % span) * 7n * (1n << BigInt(next() % 70));
      return BigInt(next() % span) - BigInt(span >> 3);
    };
    const steps = 10 + (next() % 120);
    for (let i = 0; i < steps; i++) {
      const r = next() % 100;
      if (r < 55) program.push(['add', key()]);
      else if (r < 80) program.push(['discard', key()]);
      else if (r < 92) program.push(['pop']);
      else if (r < 95) program.push(['copy']);
      else if (r < 97) program.push(['union', Array.from({ length: next() % 30 }, key)]);
      else if (r < 99) program.push(['update', Array.from({ length: next() % 30 }, key)]);
      else program.push(['clear']);
    }
    out.push(program);
  }
  return out;
}

function encode(program: Op[]): unknown[] {
  const k = (x: Key) => (typeof x === 'bigint' ? x.toString(16) : x.map((y) => y.toString(16)));
  return program.map((op) => {
    if (op[0] === 'add' || op[0] === 'discard') return [op[0], k(op[1])];
    if (op[0] === 'union' || op[0] === 'update') return [op[0], op[1].map(k)];
    return [op[0]];
  });
}

describe.skipIf(skipOracle)('SetTable against CPython 3.11 sets', () => {
  it('iterates, pops and sizes as CPython after random add/discard/pop/copy/union/update/clear programs', () => {
    const all = programs();
    const expected = cpythonJson(SCRIPT, all.map(encode)) as [string[], number, string | null][][];
    let steps = 0;
    for (let p = 0; p < all.length; p++) {
      const got = simulate(all[p]);
      for (let i = 0; i < got.length; i++, steps++) {
        if (JSON.stringify(got[i]) !== JSON.stringify(expected[p][i])) {
          expect({ program: p, step: i, op: encode(all[p])[i], state: got[i] }).toEqual({
            program: p,
            step: i,
            op: encode(all[p])[i],
            state: expected[p][i],
          });
        }
      }
    }
    expect(steps).toBeGreaterThan(10000);
  });
});
