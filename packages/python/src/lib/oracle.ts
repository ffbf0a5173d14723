/**
 * Test support: one batched CPython process per test file. The script reads a
 * JSON document from standard input (`json.load(sys.stdin)`) and prints one JSON
 * document; {@link cpythonJson} returns it parsed.
 */
import { runPython } from '@pymm/testkit/run-cpython';
import { cpython311, skipWithoutCPython } from '../python3.js';

/** Whether CPython comparisons skip here (only off CI, when there is no CPython 3.11). */
export const skipOracle: boolean = skipWithoutCPython(cpython311());

/**
 * Runs `script` with CPython (`version`, or 3.11 when absent), its input being
 * `input` as JSON; returns what it printed, parsed as JSON.
 */
export function cpythonJson(script: string, input: unknown, version = '3.11'): unknown {
  const out = runPython(['-c', script], { version, input: JSON.stringify(input) });
  return JSON.parse(out);
}
