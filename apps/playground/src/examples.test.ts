import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadParser } from '@pymm/python';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProgram } from './engine/session.js';
import { EXAMPLES } from './examples.js';

beforeAll(() => loadParser());

describe('the examples menu', () => {
  it.each(EXAMPLES.map((e) => [e.name, e] as const))(
    '%s prints what CPython 3.11 prints on generational, and runs on its panes',
    (_, example) => {
      // In a directory of its own: the `with open` example writes a file.
      const cwd = mkdtempSync(join(tmpdir(), 'pymm-playground-'));
      const expected = execFileSync(pythonExecutable('3.11'), ['-c', example.source], {
        cwd,
        encoding: 'utf8',
      });
      rmSync(cwd, { recursive: true });
      const cpython = runProgram({
        source: example.source,
        version: '3.11',
        panes: [{ strategy: 'generational' }],
      });
      expect(cpython.panes[0].stdout).toBe(expected);
      const run = runProgram({ source: example.source, version: '3.11', panes: example.panes });
      expect(run.diagnostics).toEqual([]);
      expect(run.panes.map((p) => p.message)).toEqual(example.panes.map(() => null));
    },
  );
});
