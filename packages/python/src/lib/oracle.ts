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

/** A call's outcome as both sides write it: `['ok', repr]` or `['err', class name, message]`. */
export type Outcome = ['ok', string] | ['err', string, string];

/** An argument for a Python-side call: ints as `i:<hex>` (decimal text of a long int would hit the digit limit), floats as `f:<hex bits>`, strs as `s:<text>`. */
export function arg(value: bigint | number | string): string {
  if (typeof value === 'bigint') return `i:${value.toString(16)}`;
  if (typeof value === 'string') return `s:${value}`;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return `f:${view.getBigUint64(0).toString(16).padStart(16, '0')}`;
}

/**
 * Python that decodes {@link arg} strings (`A(s)`), and prints the outcome of
 * each call as `run(cases, table)` — `table` maps an operation name to a function.
 */
export const PYTHON_PRELUDE = `
import json, struct, sys
def A(s):
    kind, text = s[0], s[2:]
    if kind == 'i': return int(text, 16)
    if kind == 'f': return struct.unpack('>d', bytes.fromhex(text))[0]
    return text
def R(v):
    if isinstance(v, complex): return 'complex'
    if isinstance(v, tuple): return '(' + ', '.join(R(x) for x in v) + ')'
    return repr(v)
def run(cases, table):
    out = []
    for op, *args in cases:
        try: out.append(['ok', R(table[op](*[A(a) for a in args]))])
        except Exception as e: out.append(['err', type(e).__name__, str(e)])
    print(json.dumps(out))
`;
