import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from '../python3.js';
import { CODEC_ALIASES, lookupCodec } from './text-codec.js';

const python = cpython311();

describe.skipIf(skipWithoutCPython(python))('codec names against CPython 3.11 codecs.lookup', () => {
  it('resolves every alias it knows, in several spellings, to the codec CPython finds', () => {
    const spellings = Object.keys(CODEC_ALIASES).flatMap((name) => [
      name,
      name.toUpperCase(),
      name.replaceAll('_', '-'),
    ]);
    const script =
      'import codecs, json, sys\nnames = json.load(sys.stdin)\nout = {}\nfor n in names:\n    try:\n        out[n] = codecs.lookup(n).name\n    except LookupError:\n        out[n] = None\nprint(json.dumps(out))';
    const result = spawnSync(requireCPython(python), ['-c', script], {
      input: JSON.stringify(spellings),
      encoding: 'utf8',
    });
    const expected = JSON.parse(result.stdout) as Record<string, string | null>;
    for (const spelling of spellings) {
      const codec = lookupCodec(spelling);
      expect([spelling, codec]).toEqual([
        spelling,
        expected[spelling] === 'iso8859-1' ? 'latin-1' : expected[spelling],
      ]);
    }
  });
});

if (python === null) {
  describe('codec names against CPython 3.11 codecs.lookup', () => {
    it.skip(PYTHON3_MISSING, () => {});
  });
}
