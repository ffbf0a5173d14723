/**
 * Test support: pymm's tree in the JSON form that `cpython-ast-dump.py` prints for CPython's `ast`,
 * so the two can be compared node by node; node-class counts; and the first place two trees differ.
 *
 * @example
 * ```ts
 * import { loadParser, parsePythonSync } from '@pymm/python';
 * import { countNodeTypes, firstDifference, toCPythonJson } from './cpython-ast-json.js';
 * await loadParser();
 * const result = parsePythonSync('x = 1.5\n');
 * const json = result.ok ? (toCPythonJson(result.module) as any) : null;
 * json.body[0].value.value; // { float: '000000000000f83f' }
 * result.ok && countNodeTypes(result.module); // { Module: 1, Assign: 1, Name: 1, Constant: 1 }
 * firstDifference({ a: [1, 2] }, { a: [1, 3] }); // '.a[1]: 2 != 3'
 * ```
 */
import { ELLIPSIS } from './ast-nodes.js';

function hexOfFloat(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x, true);
  let out = '';
  for (let i = 0; i < 8; i++) out += view.getUint8(i).toString(16).padStart(2, '0');
  return out;
}

function constantJson(value: unknown): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return { int: value.toString() };
  if (typeof value === 'number') return { float: hexOfFloat(value) };
  if (value === ELLIPSIS) return { Ellipsis: 1 };
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('hex') };
  if (typeof value === 'object' && 'imag' in (value as object))
    return { complex: hexOfFloat((value as { imag: number }).imag) };
  throw new Error(`not a constant: ${String(value)}`);
}

const VALUE_FIELDS = new Set(['value']);

/** The tree as `cpython-ast-dump.py` writes CPython's. */
export function toCPythonJson(node: unknown, field = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => toCPythonJson(n));
  if (node !== null && typeof node === 'object' && '_type' in node) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(node)) {
      if ((node as { _type: string })._type === 'Constant' && VALUE_FIELDS.has(key))
        out[key] = constantJson(v);
      else if ((node as { _type: string })._type === 'MatchSingleton' && key === 'value') out[key] = v;
      else out[key] = toCPythonJson(v, key);
    }
    return out;
  }
  void field;
  return node;
}

/** How many nodes of each class the tree has (operators and contexts left out, as in the dump). */
export function countNodeTypes(root: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const n of node) stack.push(n);
    } else if (node !== null && typeof node === 'object' && '_type' in node) {
      const type = (node as { _type: string })._type;
      counts[type] = (counts[type] ?? 0) + 1;
      for (const [key, v] of Object.entries(node))
        if (key !== '_type' && typeof v === 'object') stack.push(v);
    }
  }
  return counts;
}

/** The path and values where `a` and `b` (JSON values) first differ, or `null` when equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (a === b) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items != ${b.length} items`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    if (ra._type !== rb._type) return `${path}: ${String(ra._type)} != ${String(rb._type)}`;
    for (const key of keys) {
      const d = firstDifference(ra[key], rb[key], `${path}.${key}`);
      if (d)
        return ra._type && !d.includes(' (in ')
          ? `${d} (in ${String(ra._type)} at ${String(ra.lineno)}:${String(ra.col_offset)})`
          : d;
    }
    return null;
  }
  return `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
}
