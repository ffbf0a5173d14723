/**
 * The whole front end in one call: parse, validate (CPython's post-parse checks), then the subset
 * check. The result is the module, or the first error as a value: a {@link PythonSyntaxError} (what
 * CPython would raise) or a {@link SubsetError} (valid Python that pymm does not run).
 *
 * @example
 * ```ts
 * import { checkProgram } from '@pymm/python';
 * const ok = await checkProgram('import gc\nprint(gc.collect())\n', { filename: 'prog.py' });
 * ok.ok; // true
 * const bad = await checkProgram('x = 1\nbreak\n', { filename: 'prog.py' });
 * bad.ok || bad.error.toString(); // "prog.py:2:1: SyntaxError: 'break' outside loop"
 * ```
 */
import type { Module } from './ast-nodes.js';
import { loadParser } from './load-parser.js';
import { parsePythonSync } from './parse-python.js';
import { checkSubset, type SubsetError, type SubsetOptions } from './subset-check.js';
import type { PythonSyntaxError } from './syntax-error.js';
import { validateModule } from './validate.js';

/**
 * A program pymm can run (its tree), or why not: a {@link PythonSyntaxError} or a {@link SubsetError}.
 *
 * @example
 * ```ts
 * import { type CheckResult, checkProgram } from '@pymm/python';
 * const result: CheckResult = await checkProgram('def f(:\n', { filename: 'prog.py' });
 * result.ok ? 'runs' : result.error.toString(); // 'prog.py:1:7: SyntaxError: invalid syntax'
 * ```
 */
export type CheckResult =
  | { ok: true; module: Module }
  | { ok: false; error: PythonSyntaxError | SubsetError };

/**
 * Parses, validates and subset-checks a program (loads the parser if needed).
 *
 * @example
 * ```ts
 * import { checkProgram } from '@pymm/python';
 * const result = await checkProgram('async def main():\n    pass\n', { filename: 'prog.py' });
 * result.ok || result.error.toString(); // "prog.py:1:1: 'async def' is not supported by pymm (see docs/guides/python-subset.md)"
 * ```
 */
export async function checkProgram(source: string, options: SubsetOptions = {}): Promise<CheckResult> {
  await loadParser();
  return checkProgramSync(source, options);
}

/**
 * {@link checkProgram}, synchronously, once the parser is loaded.
 *
 * @example
 * ```ts
 * import { checkProgramSync, loadParser } from '@pymm/python';
 * await loadParser();
 * const result = checkProgramSync('x = [1, 2]\ndel x[0]\n');
 * result.ok && result.module.body.map((s) => s._type); // ['Assign', 'Delete']
 * ```
 */
export function checkProgramSync(source: string, options: SubsetOptions = {}): CheckResult {
  const parsed = parsePythonSync(source, options);
  if (!parsed.ok) return parsed;
  const invalid = validateModule(parsed.module, source, options);
  if (invalid) return { ok: false, error: invalid };
  const refused = checkSubset(parsed.module, source, options);
  if (refused) return { ok: false, error: refused };
  return { ok: true, module: parsed.module };
}
