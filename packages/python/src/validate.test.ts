import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from './load-parser.js';
import { parsePythonSync } from './parse-python.js';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from './python3.js';
import { validateModule } from './validate.js';

const casesFile = fileURLToPath(new URL('./validation-cases.json', import.meta.url));
const cases: string[] = JSON.parse(readFileSync(casesFile, 'utf8'));
const python = cpython311();

/** What CPython's compile(src, 'prog.py', 'exec') raises for each case: [class, msg, lineno, offset, end_lineno, end_offset] or null. */
function cpythonErrors(): (null | [string, string, number, number, number, number])[] {
  const script = `
import json, sys
out = []
for src in json.load(open(sys.argv[1])):
    try:
        compile(src, 'prog.py', 'exec'); out.append(None)
    except SyntaxError as e:
        out.append([type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset])
print(json.dumps(out))
`;
  const result = spawnSync(requireCPython(python), ['-c', script, casesFile], { encoding: 'utf8' });
  return JSON.parse(result.stdout);
}

function pymmError(source: string) {
  const parsed = parsePythonSync(source, { filename: 'prog.py' });
  const error = parsed.ok ? validateModule(parsed.module, source, { filename: 'prog.py' }) : parsed.error;
  return error;
}

describe.skipIf(skipWithoutCPython(python))('validation against CPython 3.11 compile()', () => {
  let expected: ReturnType<typeof cpythonErrors> = [];
  beforeAll(async () => {
    await loadParser();
    expected = cpythonErrors();
  });
  it.each(cases.map((source, i) => [i, source] as const))('case %i: %j', (i, source) => {
    const want = expected[i];
    const error = pymmError(source);
    if (want === null) {
      expect(error).toBeNull();
      return;
    }
    expect(error).not.toBeNull();
    const [, msg, lineno, offset] = want;
    // The grammar's own errors are reported as 'invalid syntax' where pymm has no better message;
    // the position is still CPython's line.
    if (error!.message === 'invalid syntax' && msg !== 'invalid syntax') {
      expect(error!.line).toBe(lineno);
      return;
    }
    expect({ msg: error!.message, lineno: error!.line, offset: error!.column }).toEqual({
      msg,
      lineno,
      offset,
    });
  });
});

if (python === null) {
  describe('validation against CPython', () => {
    it.skip(PYTHON3_MISSING, () => {});
  });
}

describe('PythonSyntaxError.format', () => {
  it('prints what CPython prints for an uncaught SyntaxError', async () => {
    await loadParser();
    const error = pymmError('def f():\n    pass\nif True:\n    return 1\n')!;
    expect(error.format()).toBe(
      '  File "prog.py", line 4\n    return 1\n    ^^^^^^^^\nSyntaxError: \'return\' outside function\n',
    );
  });
});
