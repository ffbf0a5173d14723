import { spawnSync } from 'node:child_process';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import { hashBytes, hashStr } from './siphash.js';

/** Strings of every representation width and of lengths around the 8-byte block. */
function samples(seed: number): string[] {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const alphabets = ['abcxyz019 ', 'éüßÿ\u0080a', 'ĀЖ€中\uffff', 'a😀𝄞\u{10ffff}'];
  const out = ['', 'a', 'abc', 'abcdefg', 'abcdefgh', 'abcdefghi'];
  for (let i = 0; i < 200; i++) {
    const chars = [...alphabets[random(alphabets.length)]];
    let s = '';
    for (let n = random(24); n > 0; n--) s += chars[random(chars.length)];
    out.push(s);
  }
  return out;
}

for (const version of ['3.10', '3.11'] as const) {
  let python: string | null = null;
  try {
    python = pythonExecutable(version);
  } catch {
    python = null;
  }
  describe(`hash of str and bytes as CPython ${version} computes it under PYTHONHASHSEED=0`, () => {
    if (python === null) {
      it.skip(`CPython ${version} is not installed: install it (for example \`pyenv install ${version}\`) to run this comparison`, () => {});
      return;
    }
    it('agrees on strs of every width and bytes of every length', () => {
      const seed = Date.now() % 100_000;
      const strings = samples(seed);
      const script =
        'import json, sys\nstrings = json.load(sys.stdin)\n' +
        "print(json.dumps([[str(hash(s)), str(hash(s.encode('utf-8')))] for s in strings]))";
      const r = spawnSync(python as string, ['-c', script], {
        input: JSON.stringify(strings),
        encoding: 'utf8',
        env: { ...process.env, PYTHONHASHSEED: '0' },
      });
      const expected = JSON.parse(r.stdout) as [string, string][];
      const encoder = new TextEncoder();
      const actual = strings.map((s) => [
        String(hashStr(s, version)),
        String(hashBytes(encoder.encode(s), version)),
      ]);
      expect(actual, `seed ${seed}`).toEqual(expected);
    });
  });
}
