import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProgramSync } from './check-program.js';
import { loadParser } from './load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from './python3.js';
import type { PythonSyntaxError } from './syntax-error.js';

const python = cpython311();

/** Unterminated strings and bad brackets, which the parser reported as a bare `invalid syntax` before (the fuzzer makes many). */
const SOURCES = [
  'x = = 1\ns = "abc\n',
  'x = (1,\ny = 2\n',
  'print("hi)\n',
  'x = [1, 2\n',
  'x = 1)\n',
  "s = '''abc\n",
  "s = '''abc\nd\ne\n",
  'x = (]\n',
  'x = (\n  1\n',
  'x = "abc\ny = (1,\n',
  'print(1\nx = 2\n',
  "f(rb'x', 'y)\n",
  'x = {\n  1: [2,\n}\n',
];

beforeAll(async () => {
  await loadParser();
});

describe.skipIf(skipWithoutCPython(python))('tokenizer errors, as CPython 3.11 reports them', () => {
  const script =
    'import json, sys\nout = []\nfor s in json.load(sys.stdin):\n    try:\n        compile(s, "prog.py", "exec")\n        out.append(None)\n' +
    '    except SyntaxError as e:\n        out.append([type(e).__name__, e.msg, e.lineno, e.offset])\nprint(json.dumps(out))\n';
  it('gives the class, message, line and column CPython gives', () => {
    const r = spawnSync(requireCPython(python), ['-c', script], {
      input: JSON.stringify(SOURCES),
      encoding: 'utf8',
    });
    const expected = JSON.parse(r.stdout) as unknown[];
    const got = SOURCES.map((source) => {
      const result = checkProgramSync(source, { filename: 'prog.py' });
      if (result.ok) return null;
      const e = result.error as PythonSyntaxError;
      return [e.kind, e.message, e.line, e.column];
    });
    expect(got).toEqual(expected);
  });
});
