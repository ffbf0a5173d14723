import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRAM_SOURCES } from './program-sources.js';

const PROGRAMS = join(import.meta.dirname, '..', 'programs');

describe('the embedded sources of programs/', () => {
  it('are the files as they stand (else run `node scripts/embed-programs.mjs` in packages/workloads)', () => {
    const files = Object.fromEntries(
      readdirSync(PROGRAMS)
        .filter((file) => file.endsWith('.py'))
        .map((file) => [file.slice(0, -3), readFileSync(join(PROGRAMS, file), 'utf8')]),
    );
    expect(Object.keys(PROGRAM_SOURCES).sort()).toEqual(Object.keys(files).sort());
    for (const [name, source] of Object.entries(files)) expect(PROGRAM_SOURCES[name], name).toBe(source);
  });
});
