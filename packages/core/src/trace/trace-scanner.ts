/**
 * The fast reader of pymm-trace v1: scans the text of a trace a chunk at a
 * time and decodes each operation line of the format's fixed shapes
 * (`["name", 1, 2]`, `["tuple", 0, [1, 2]]`, `["str", 0, "text"]`) straight
 * into a {@link TraceBatch}, with no string, array or object made per line.
 * Any line it does not recognise as a valid operation in one of those shapes
 * (escapes in a string, a number written `1.0` or `1e3`, an out-of-range slot,
 * a wrong argument count, bad JSON) goes to the reference parser,
 * `parseTraceOperation`, which either reads it or throws its `TraceError`
 * with the line number: the fast path decides nothing the reference would
 * decide differently.
 *
 * @module
 */

import { GC_ACTIONS, OpCode, type TraceBatch } from './trace-batch.js';
import { type ChunkReader, stripCr, TraceChunks, type TraceLines } from './trace-lines.js';
import {
  isSkippableLine,
  parseTraceHeader,
  parseTraceOperation,
  TRACE_OPERATIONS,
  TraceError,
  type TraceHeader,
} from './trace-reader.js';

/** Most digits of an integer the fast path reads (below 2**53, so the double is exact). */
const MAX_DIGITS = 15;
const C_INT_MAX = 2 ** 31 - 1;

/** Operation names by a hash of their characters (checked against the text on a hit). */
const NAME_CODES = new Map<number, number>();
for (let code = 0; code < TRACE_OPERATIONS.length; code++) {
  const name = TRACE_OPERATIONS[code];
  NAME_CODES.set(nameHash(name, 0, name.length), code);
}
function nameHash(text: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * Reads a trace's header, then fills batches with its operations. A line that
 * is not a valid operation ends the batch before it: its error is kept in
 * {@link TraceScanner.error} for the caller to throw once the operations
 * before it have run, so errors come in line order.
 */
export class TraceScanner {
  /** The header, once read. */
  header!: TraceHeader;
  /** The error of the line that ended the last batch, if one did. */
  error: TraceError | null = null;
  /** Whether the trace has no more operations. */
  done = false;

  private readonly chunks: ChunkReader | null;
  private readonly lines: Iterator<readonly [number, string]> | null;
  private text = '';
  private pos = 0;
  private line = 0;
  private pieces: string[] = [];
  private slots = 0;
  // The arguments of the line being scanned: kind (0 integer, 1 string, 2 list of integers), value
  // (the integer, or where the string or the list starts) and end (of the string; the list's length);
  // value[4] holds each item of a list as it is read.
  private readonly argKind = new Int8Array(4);
  private readonly argValue = new Float64Array(5);
  private readonly argEnd = new Int32Array(4);

  constructor(source: TraceLines) {
    if (source instanceof TraceChunks) {
      this.chunks = source.open();
      this.lines = null;
    } else {
      this.chunks = null;
      this.lines = source[Symbol.iterator]();
    }
  }

  /** Reads up to the header and checks it; throws its `TraceError` if it is missing or invalid. */
  readHeader(): TraceHeader {
    for (;;) {
      const text = this.nextLine();
      if (text === null) {
        this.close();
        throw new TraceError(this.line + 1, 'header', 'the trace is empty: it needs a header line');
      }
      if (isSkippableLine(text)) continue;
      try {
        this.header = parseTraceHeader(text, this.line);
      } catch (error) {
        this.close();
        throw error;
      }
      this.slots = this.header.slots;
      return this.header;
    }
  }

  /** Empties `batch` and fills it with the next operations. */
  fill(batch: TraceBatch): void {
    batch.clear();
    if (this.done) return;
    if (this.lines !== null) {
      this.fillFromLines(batch);
      return;
    }
    while (!batch.full) {
      const end = this.text.indexOf('\n', this.pos);
      if (end < 0) {
        if (!this.nextChunk()) {
          // The last line, without a `\n`.
          if (this.pieces.length > 0) this.parseLine(this.takePieces(''), this.line + 1, batch);
          this.finish();
          return;
        }
        continue;
      }
      this.line++;
      if (this.pieces.length > 0) {
        this.parseLine(this.takePieces(this.text.slice(this.pos, end)), this.line, batch);
      } else if (!this.scan(this.text, this.pos, end, batch)) {
        this.parseLine(stripCr(this.text.slice(this.pos, end)), this.line, batch);
      }
      this.pos = end + 1;
      if (this.error !== null) {
        this.finish();
        return;
      }
    }
  }

  /** Stops reading (closes the file). */
  close(): void {
    this.chunks?.close();
  }

  private finish(): void {
    this.done = true;
    this.close();
  }

  /** Lines from any iterable: each is scanned, or parsed by the reference parser. */
  private fillFromLines(batch: TraceBatch): void {
    const lines = this.lines as Iterator<readonly [number, string]>;
    while (!batch.full) {
      const next = lines.next();
      if (next.done) {
        this.done = true;
        return;
      }
      const [line, text] = next.value;
      this.line = line;
      if (!this.scan(text, 0, text.length, batch)) this.parseLine(text, line, batch);
      if (this.error !== null) {
        this.done = true;
        return;
      }
    }
  }

  /** The next whole line as a string (for the header), or `null` at the end. */
  private nextLine(): string | null {
    if (this.lines !== null) {
      const next = this.lines.next();
      if (next.done) return null;
      this.line = next.value[0];
      return next.value[1];
    }
    for (;;) {
      const end = this.text.indexOf('\n', this.pos);
      if (end >= 0) {
        this.line++;
        const text = this.takePieces(this.text.slice(this.pos, end));
        this.pos = end + 1;
        return text;
      }
      if (!this.nextChunk()) {
        if (this.pieces.length === 0) return null;
        this.line++;
        return this.takePieces('');
      }
    }
  }

  /** Keeps what is left of the current chunk (part of a line) and moves to the next chunk. */
  private nextChunk(): boolean {
    if (this.pos < this.text.length) this.pieces.push(this.text.slice(this.pos));
    const text = (this.chunks as ChunkReader).read();
    this.text = text ?? '';
    this.pos = 0;
    return text !== null;
  }

  /** The pieces of a line that spanned chunks, joined with its last piece. */
  private takePieces(last: string): string {
    const whole = this.pieces.length === 0 ? last : this.pieces.join('') + last;
    this.pieces = [];
    return stripCr(whole);
  }

  /** A line the fast path did not take: the reference parser reads it, or its error is kept. */
  private parseLine(text: string, line: number, batch: TraceBatch): void {
    if (isSkippableLine(text)) return;
    try {
      batch.pushOperation(line, parseTraceOperation(text, line, this.slots));
    } catch (error) {
      if (!(error instanceof TraceError)) throw error;
      this.error = error;
    }
  }

  /**
   * The fast path: decodes `text[start .. end)` into the batch when it is blank, a comment, or
   * a valid operation in one of the format's fixed shapes; returns `false` (having added
   * nothing) for anything else.
   */
  private scan(text: string, start: number, end: number, batch: TraceBatch): boolean {
    let i = skipBlanks(text, start, end);
    if (i === end) return true;
    let c = text.charCodeAt(i);
    if (c === 35 /* # */) return true;
    if (c !== 91 /* [ */) return false;
    i = skipBlanks(text, i + 1, end);
    if (text.charCodeAt(i) !== 34 /* " */) return false;
    const nameStart = ++i;
    while (i < end && (c = text.charCodeAt(i)) >= 97 && c <= 122) i++;
    if (i === end || c !== 34) return false;
    const code = NAME_CODES.get(nameHash(text, nameStart, i));
    if (code === undefined || !text.startsWith(TRACE_OPERATIONS[code], nameStart)) return false;
    if (TRACE_OPERATIONS[code].length !== i - nameStart) return false;
    i++;
    // Arguments: `, value` until `]`.
    const kind = this.argKind;
    const value = this.argValue;
    const items = batch.itemCount;
    let n = 0;
    for (;;) {
      i = skipBlanks(text, i, end);
      c = text.charCodeAt(i);
      if (c === 93 /* ] */) break;
      if (c !== 44 /* , */ || n === 4) return this.undo(batch, items);
      i = skipBlanks(text, i + 1, end);
      c = text.charCodeAt(i);
      if (c === 34 /* " */) {
        // A string of printable ASCII without escapes.
        const from = i + 1;
        i = from;
        while (i < end && (c = text.charCodeAt(i)) >= 32 && c < 127 && c !== 34 && c !== 92) i++;
        if (i === end || c !== 34) return this.undo(batch, items);
        kind[n] = 1;
        value[n] = from;
        this.argEnd[n] = i;
        i++;
      } else if (c === 91 /* [ */) {
        // A list of slot numbers (a tuple's items), pushed straight into the batch's pool.
        kind[n] = 2;
        value[n] = batch.itemCount;
        i = skipBlanks(text, i + 1, end);
        if (text.charCodeAt(i) !== 93) {
          for (;;) {
            const after = scanInteger(text, i, end, value, 4);
            const slot = value[4];
            if (after < 0 || slot < 0 || slot >= this.slots) return this.undo(batch, items);
            batch.pushItem(slot);
            i = skipBlanks(text, after, end);
            c = text.charCodeAt(i);
            if (c === 93) break;
            if (c !== 44) return this.undo(batch, items);
            i = skipBlanks(text, i + 1, end);
          }
        }
        this.argEnd[n] = batch.itemCount - (value[n] as number);
        i++;
      } else {
        const after = scanInteger(text, i, end, value, n);
        if (after < 0) return this.undo(batch, items);
        kind[n] = 0;
        i = after;
      }
      n++;
    }
    if (skipBlanks(text, i + 1, end) !== end) return this.undo(batch, items);
    if (!this.decode(code, n, text, this.line, batch)) return this.undo(batch, items);
    return true;
  }

  /** Whether scanned argument `i` is an integer naming a slot of the trace. */
  private isSlot(i: number): boolean {
    return this.argKind[i] === 0 && this.argValue[i] >= 0 && this.argValue[i] < this.slots;
  }

  /** Drops the tuple items a failed scan pushed; returns `false`. */
  private undo(batch: TraceBatch, items: number): false {
    batch.itemCount = items;
    return false;
  }

  /** Pushes the scanned operation when its arguments are what the operation takes and in range. */
  private decode(code: number, n: number, text: string, line: number, batch: TraceBatch): boolean {
    const kind = this.argKind;
    const v = this.argValue;
    switch (code) {
      case OpCode.List:
      case OpCode.Flist:
      case OpCode.Rlist:
      case OpCode.Dict:
      case OpCode.None:
      case OpCode.Pop:
      case OpCode.Clear:
        if (n !== 1 || !this.isSlot(0)) return false;
        batch.push(code, line, v[0], 0, 0);
        return true;
      case OpCode.Tuple:
        if (n !== 2 || !this.isSlot(0) || kind[1] !== 2) return false;
        batch.push(code, line, v[0], v[1], this.argEnd[1]);
        return true;
      case OpCode.Int:
        if (n !== 2 || !this.isSlot(0) || kind[1] !== 0) return false;
        batch.push(code, line, v[0], 0, v[1]);
        return true;
      case OpCode.Str:
        if (n !== 2 || !this.isSlot(0) || kind[1] !== 1) return false;
        batch.push(code, line, v[0], batch.texts.push(text.slice(v[1], this.argEnd[1])) - 1, 0);
        return true;
      case OpCode.Move:
      case OpCode.Append:
        if (n !== 2 || !this.isSlot(0) || !this.isSlot(1)) return false;
        batch.push(code, line, v[0], v[1], 0);
        return true;
      case OpCode.Setitem:
        // ["setitem", d, k, s]
        if (n !== 3 || !this.isSlot(0) || kind[1] !== 0 || !this.isSlot(2)) return false;
        batch.push(code, line, v[0], v[2], v[1]);
        return true;
      case OpCode.Getitem:
        // ["getitem", d, s, k]
        if (n !== 3 || !this.isSlot(0) || !this.isSlot(1) || kind[2] !== 0) return false;
        batch.push(code, line, v[0], v[1], v[2]);
        return true;
      case OpCode.Delitem:
        if (n !== 2 || !this.isSlot(0) || kind[1] !== 0) return false;
        batch.push(code, line, v[0], 0, v[1]);
        return true;
      case OpCode.Collect:
        if (n !== 1 || kind[0] !== 0 || !(v[0] === 0 || v[0] === 1 || v[0] === 2)) return false;
        batch.push(code, line, v[0], 0, 0);
        return true;
      case OpCode.Gc: {
        if (n !== 1 || kind[0] !== 1) return false;
        const action = GC_ACTIONS.indexOf(text.slice(v[0], this.argEnd[0]));
        if (action < 0) return false;
        batch.push(code, line, action, 0, 0);
        return true;
      }
      case OpCode.Threshold:
        if (n !== 3) return false;
        for (let i = 0; i < 3; i++) if (kind[i] !== 0 || Math.abs(v[i]) > C_INT_MAX) return false;
        batch.push(code, line, v[0], v[1], v[2]);
        return true;
      default:
        return false;
    }
  }
}

/** The index of the first character at or after `i` that is not JSON whitespace on a line. */
function skipBlanks(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) break;
    i++;
  }
  return i;
}

/**
 * Reads a JSON integer of at most {@link MAX_DIGITS} digits at `i` into `out[slot]`; returns
 * the index after it, or -1 when the text there is not such an integer (leading zeros, a
 * fraction or an exponent, too many digits: the reference parser decides those).
 */
function scanInteger(text: string, i: number, end: number, out: Float64Array, slot: number): number {
  let negative = false;
  if (text.charCodeAt(i) === 45 /* - */) {
    negative = true;
    i++;
  }
  const first = i;
  let value = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    i++;
  }
  const digits = i - first;
  if (digits === 0 || digits > MAX_DIGITS) return -1;
  if (digits > 1 && text.charCodeAt(first) === 48) return -1;
  if (i < end) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */ || c === 101 /* e */ || c === 69 /* E */) return -1;
  }
  out[slot] = negative ? -value : value;
  return i;
}
