import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON_LIB_SOURCES } from './python-lib-sources.js';

const LIB = join(import.meta.dirname, '../../python-lib');

describe('the embedded sources of python-lib/', () => {
  it('are the files as they stand (else run `node scripts/embed-python-lib.mjs` in packages/python)', () => {
    const files = Object.fromEntries(
      readdirSync(LIB)
        .filter((file) => file.endsWith('.py'))
        .map((file) => [file.slice(0, -3), readFileSync(join(LIB, file), 'utf8')]),
    );
    expect(Object.keys(PYTHON_LIB_SOURCES).sort()).toEqual(Object.keys(files).sort());
    for (const [name, source] of Object.entries(files)) expect(PYTHON_LIB_SOURCES[name], name).toBe(source);
  });
});
