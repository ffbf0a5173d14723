import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProgramSync } from './check-program.js';
import { loadParser } from './load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from './python3.js';
import type { PythonSyntaxError } from './syntax-error.js';

const python = cpython311();

/** Bad indentation the grammar library accepted (found by the fuzzer: `while -1:` then an unindented body ran forever). */
const SOURCES = [
  'x = 1\n  y = 2\nprint(x)\n',
  'if x:\npass\n',
  'while -1:\nx = []\n    x.append(x)\n',
  'if x:\n        a\n    b\n',
  'if 1:\n\tx\n        y\n',
  'def f():\n    return 1\n  g = 2\n',
  'class C:\n# a comment\n\nx = 1\n',
  'for i in y:\n',
  'try:\n    pass\nexcept E:\nfinally:\n    pass\n',
  'x = (1,\n      2)\n  y = """a\nb"""\n',
  'if a:\n    s = """\nnot indented\n"""\n    t = 1\n',
  'with a as b:  # comment\n    c = [\n1]\nd\n',
];

beforeAll(async () => {
  await loadParser();
});

describe.skipIf(skipWithoutCPython(python))('indentation errors, as CPython 3.11 reports them', () => {
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
