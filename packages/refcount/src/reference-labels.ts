/**
 * Names for references, as objgraph labels the edges of a reference graph:
 * an instance's attribute (`ref`), a sequence index (`[3]`), a dict key
 * (`['a']`, `[3]`), a closure cell's `cell_contents`. Keys are shown as Python
 * would `repr` them, without following object graphs (a tuple key nested in a
 * tuple key is shown as `(...)`).
 *
 * @module
 * @internal
 */

import { type Heap, TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';

/**
 * The label of the reference held in cell `cell` of `holder` (a slot).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { referenceLabel } from './reference-labels.js';
 * const py = createRuntime({ strategy: refcount() });
 * py.locals.d = py.dict([[{ str: 'a' }, py.list()]]);
 * const slot = py.heap.store.slotOf(py.locals.d, 'example');
 * referenceLabel(py.heap, slot, 0); // 'key'
 * referenceLabel(py.heap, slot, 1); // "['a']"
 * ```
 */
export function referenceLabel(heap: Heap, holder: number, cell: number): string {
  const store = heap.store;
  switch (store.type[holder]) {
    case TypeId.Instance:
    case TypeId.SlotsInstance:
      return heap.classInfo(store.klass[holder]).attributeNames[cell] ?? `[${cell}]`;
    case TypeId.Dict: {
      if (cell % 2 === 0) return 'key';
      const key = store.refs.cells[store.refStart[holder] + cell - 1];
      return `[${pythonRepr(heap, key)}]`;
    }
    case TypeId.Set:
    case TypeId.FrozenSet:
      return 'member';
    case TypeId.Cell:
      return 'cell_contents';
    case TypeId.MemoryView:
      return 'obj';
    case TypeId.Function:
      return `captured[${cell}]`;
    case TypeId.Generator:
      return `gi_frame[${cell}]`;
    default:
      return `[${cell}]`;
  }
}

/**
 * Python's `repr` of a (key) object: strings quoted and escaped as Python
 * does, ints, floats, `True`/`False`/`None`, tuples one level deep, and
 * `<Node object #handle>` for anything else.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { pythonRepr } from './reference-labels.js';
 * const py = createRuntime({ strategy: refcount() });
 * const key = py.tuple([py.str("it's"), py.int(3), py.float(2)]);
 * pythonRepr(py.heap, py.heap.store.slotOf(key, 'example')); // `("it's", 3, 2.0)`
 * ```
 */
export function pythonRepr(heap: Heap, slot: number): string {
  const store = heap.store;
  if (store.type[slot] !== TypeId.Tuple) return scalarRepr(heap, slot);
  const start = store.refStart[slot];
  const n = store.refLen[slot];
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const item = store.refs.cells[start + i];
    if (item === NULL_REF) parts.push('NULL');
    else if (store.type[item] === TypeId.Tuple) parts.push(store.refLen[item] === 0 ? '()' : '(...)');
    else parts.push(scalarRepr(heap, item));
  }
  return n === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

function scalarRepr(heap: Heap, slot: number): string {
  const store = heap.store;
  switch (store.type[slot]) {
    case TypeId.None:
      return 'None';
    case TypeId.Bool:
      return store.scalar[slot] === 1 ? 'True' : 'False';
    case TypeId.Int: {
      const value = store.scalar[slot];
      return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
    }
    case TypeId.Float:
      return floatRepr(store.scalar[slot]);
    case TypeId.Str:
      return strRepr(store.text.get(slot) ?? '');
    case TypeId.Tuple:
      return store.refLen[slot] === 0 ? '()' : '(...)';
    default:
      return `<${heap.typeNameOf(slot)} object #${store.handleOf(slot)}>`;
  }
}

/**
 * Python's `repr(str)`: single quotes unless the text has a single quote and
 * no double quote; backslashes, the quote and control characters escaped.
 *
 * @example
 * ```ts
 * import { strRepr } from './reference-labels.js';
 * strRepr('a\tb'); // "'a\\tb'"
 * strRepr(`it's`); // `"it's"`
 * ```
 */
export function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/**
 * Python's `repr(float)`: the shortest round-tripping digits, `.0` on
 * integral values, exponent notation below 1e-4 and from 1e16 on.
 *
 * @example
 * ```ts
 * import { floatRepr } from './reference-labels.js';
 * floatRepr(2);      // '2.0'
 * floatRepr(1e16);   // '1e+16'
 * floatRepr(0.00001); // '1e-05'
 * ```
 */
export function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e16 || magnitude < 1e-4)) {
    const [mantissa, exponent] = value.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  const text = String(value);
  return Number.isInteger(value) ? `${Object.is(value, -0) ? '-0' : text}.0` : text;
}
