import { spawnSync } from 'node:child_process';
import { verifyHeap } from '@pymm/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();

beforeAll(async () => {
  await loadParser();
});

describe.skipIf(skipWithoutCPython(python))('str.format with a missing key', () => {
  it('raises KeyError as CPython 3.11 does, and the key is not leaked (found by the fuzzer)', () => {
    const source =
      "for t in ['{0}{\\xee\\x97GBN1}{0}', '{name}']:\n    try:\n        t.format('x')\n    except KeyError as e:\n        print(repr(e))\n";
    const expected = spawnSync(requireCPython(python), ['-c', source], { encoding: 'utf8' });
    const r = runPythonSync(source);
    expect(r.stdout).toBe(expected.stdout);
    expect(verifyHeap(r.runtime!.heap).problems).toEqual([]);
  });
});
