/**
 * A batch of decoded trace operations held in typed arrays: one row per
 * operation (its code, its line, up to three integer arguments), tuple items
 * in one pool of slot numbers and `str` texts in one list. The reader fills a
 * batch in place and the runner or the compiler consumes it, so reading and
 * running a trace builds no object per operation.
 *
 * @module
 */

import { TRACE_OPERATIONS, type TraceOperation } from './trace-reader.js';

/** Operation codes: the index of each name in `TRACE_OPERATIONS`. */
export const OpCode = {
  List: 0,
  Flist: 1,
  Rlist: 2,
  Tuple: 3,
  Dict: 4,
  Int: 5,
  Str: 6,
  None: 7,
  Move: 8,
  Append: 9,
  Setitem: 10,
  Getitem: 11,
  Delitem: 12,
  Pop: 13,
  Clear: 14,
  Collect: 15,
  Gc: 16,
  Threshold: 17,
} as const;

/** A value of {@link OpCode}. */
export type OpCode = (typeof OpCode)[keyof typeof OpCode];

/** The code of an operation name (`-1` for a name that is not one). */
export function opCodeOf(name: string): number {
  return (TRACE_OPERATIONS as readonly string[]).indexOf(name);
}

/**
 * Rows of decoded operations. What `a`, `b` and `c` hold depends on the code:
 *
 * | code | a | b | c |
 * | --- | --- | --- | --- |
 * | list, flist, rlist, dict, none, pop, clear | d | | |
 * | tuple | d | first item in `items` | item count |
 * | int | d | | n |
 * | str | d | index in `texts` | |
 * | move, append | d | s | |
 * | setitem, getitem | d | s | k |
 * | delitem | d | | k |
 * | collect | generation | | |
 * | gc | action (`GC_ACTIONS` index) | | |
 * | threshold | t0 | t1 | t2 |
 *
 * `c` is a `Float64Array` because `int`, `setitem`, `getitem` and `delitem`
 * take integers up to 2**62 in magnitude, which JSON gives as doubles.
 */
export class TraceBatch {
  /** Rows in use. */
  count = 0;
  readonly code: Uint8Array;
  /** 1-based line of each operation (a double: a file may have more than 2**31 lines). */
  readonly line: Float64Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly c: Float64Array;
  /** Slot numbers of the tuples' items. */
  items: Int32Array;
  /** Items in use. */
  itemCount = 0;
  /** Texts of the `str` operations. */
  readonly texts: string[] = [];

  constructor(readonly capacity = 4096) {
    this.code = new Uint8Array(capacity);
    this.line = new Float64Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.c = new Float64Array(capacity);
    this.items = new Int32Array(1024);
  }

  /** Whether every row is in use. */
  get full(): boolean {
    return this.count === this.capacity;
  }

  /** Empties the batch for the next rows (the arrays are kept). */
  clear(): void {
    this.count = 0;
    this.itemCount = 0;
    this.texts.length = 0;
  }

  /** Appends a row; returns its index. */
  push(code: number, line: number, a: number, b: number, c: number): number {
    const i = this.count++;
    this.code[i] = code;
    this.line[i] = line;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    return i;
  }

  /** Appends one tuple item (a slot number); returns its index in {@link TraceBatch.items}. */
  pushItem(slot: number): number {
    if (this.itemCount === this.items.length) {
      const bigger = new Int32Array(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.itemCount] = slot;
    return this.itemCount++;
  }

  /** Appends an operation parsed as an object (by `parseTraceOperation`). */
  pushOperation(line: number, operation: TraceOperation): void {
    switch (operation.op) {
      case 'tuple': {
        const first = this.itemCount;
        for (const slot of operation.items) this.pushItem(slot);
        this.push(OpCode.Tuple, line, operation.d, first, operation.items.length);
        return;
      }
      case 'int':
        this.push(OpCode.Int, line, operation.d, 0, operation.n);
        return;
      case 'str':
        this.push(OpCode.Str, line, operation.d, this.texts.push(operation.text) - 1, 0);
        return;
      case 'move':
      case 'append':
        this.push(opCodeOf(operation.op), line, operation.d, operation.s, 0);
        return;
      case 'setitem':
      case 'getitem':
        this.push(opCodeOf(operation.op), line, operation.d, operation.s, operation.k);
        return;
      case 'delitem':
        this.push(OpCode.Delitem, line, operation.d, 0, operation.k);
        return;
      case 'collect':
        this.push(OpCode.Collect, line, operation.generation, 0, 0);
        return;
      case 'gc':
        this.push(OpCode.Gc, line, GC_ACTIONS.indexOf(operation.action), 0, 0);
        return;
      case 'threshold': {
        const [t0, t1, t2] = operation.thresholds;
        this.push(OpCode.Threshold, line, t0, t1, t2);
        return;
      }
      default:
        this.push(opCodeOf(operation.op), line, operation.d, 0, 0);
    }
  }
}

/** The actions of the `gc` operation; a row holds an action as its index here, as `TRACE_STEPS.gc` takes it. */
export const GC_ACTIONS: readonly string[] = ['enable', 'disable', 'freeze', 'unfreeze'];
