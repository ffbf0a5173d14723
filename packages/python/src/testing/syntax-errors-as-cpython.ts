/**
 * Test support: sources that pymm must refuse (or accept) exactly as CPython 3.11's `compile()`
 * does: the same exception class, message, line and column, or no error at all.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProgramSync } from '../check-program.js';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import type { PythonSyntaxError } from '../syntax-error.js';

const python = cpython311();

/** Compiles each source of a JSON list read from stdin; prints `[class, msg, lineno, offset]` or null for each. */
const COMPILE_EACH =
  'import json, sys\nout = []\nfor s in json.load(sys.stdin):\n    try:\n        compile(s, "prog.py", "exec")\n        out.append(None)\n' +
  '    except SyntaxError as e:\n        out.append([type(e).__name__, e.msg, e.lineno, e.offset])\nprint(json.dumps(out))\n';

/** A `describe` block checking that pymm reports each source's syntax error as CPython 3.11 does. */
export function describeSyntaxErrorsAsCPython311(title: string, sources: readonly string[]): void {
  beforeAll(async () => {
    await loadParser();
  });
  describe.skipIf(skipWithoutCPython(python))(title, () => {
    it('gives the class, message, line and column CPython gives', () => {
      const r = spawnSync(requireCPython(python), ['-c', COMPILE_EACH], {
        input: JSON.stringify(sources),
        encoding: 'utf8',
      });
      const expected = JSON.parse(r.stdout) as unknown[];
      const got = sources.map((source) => {
        const result = checkProgramSync(source, { filename: 'prog.py' });
        if (result.ok) return null;
        const e = result.error as PythonSyntaxError;
        return [e.kind, e.message, e.line, e.column];
      });
      expect(got).toEqual(expected);
    });
  });
}
