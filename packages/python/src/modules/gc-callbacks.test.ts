import { spawnSync } from 'node:child_process';
import { generational } from '@pymm/generational';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();

beforeAll(async () => {
  await loadParser();
});

describe.skipIf(skipWithoutCPython(python))('a gc callback that raises', () => {
  it('is reported as CPython 3.11 reports it, and the next callback still runs (found by the fuzzer)', () => {
    const source =
      "import gc\ndef cb(p, i):\n    i['nope']\ndef ok(p, i):\n    print('ok', p)\ngc.callbacks.append(cb)\ngc.callbacks.append(ok)\ngc.collect()\ngc.callbacks.clear()\n";
    const expected = spawnSync(requireCPython(python), ['-c', source], { encoding: 'utf8' });
    const r = runPythonSync(source, { strategy: generational({ profile: 'cpython-3.11' }) });
    expect(r.stdout).toBe(expected.stdout);
    const lines = (text: string) =>
      text.split('\n').filter((l) => /^(Exception ignored in: <function cb|KeyError)/.test(l));
    expect(lines(r.stderr).map((l) => l.replace(/ at 0x\w+/, ''))).toEqual(
      lines(expected.stderr).map((l) => l.replace(/ at 0x\w+/, '')),
    );
  });
});
