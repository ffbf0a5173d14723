/**
 * Where a trace's lines come from: a file read in fixed-size chunks, or text
 * held in memory. Both are iterables of numbered lines (what `readTrace`
 * takes) and also hand out their text a chunk at a time, which is what the
 * fast reader of `replayTrace` scans without making a string per line.
 *
 * @module
 */

import { closeSync, openSync, readSync } from 'node:fs';

/**
 * A source of trace lines: yields each line's text with its 1-based number. Any iterable
 * will do: {@link linesOf} for text in memory, {@link readLines} for a file, or an array.
 *
 * @example
 * ```ts
 * import { type TraceLines, readTrace } from '@pymm/core/trace';
 * const lines: TraceLines = [
 *   [1, '{"format": "pymm-trace", "version": 1, "slots": 1, "name": "one list"}'],
 *   [2, '["list", 0]'],
 * ];
 * const trace = readTrace(lines);
 * [...trace.operations]; // [[2, { op: 'list', d: 0 }]]
 * ```
 */
export type TraceLines = Iterable<readonly [line: number, text: string]>;

/** Text handed out a chunk at a time: `read` returns the next chunk, or `null` at the end. */
export interface ChunkReader {
  read(): string | null;
  close(): void;
}

/**
 * Trace text that comes in chunks. Iterating it yields numbered lines, split
 * on `\n` with a trailing `\r` dropped; a last line without `\n` counts
 * when it is not empty.
 */
export abstract class TraceChunks implements Iterable<readonly [number, string]> {
  /** Starts reading from the beginning. */
  abstract open(): ChunkReader;

  *[Symbol.iterator](): Generator<readonly [number, string]> {
    const reader = this.open();
    // The pieces of a line longer than a chunk: each chunk is searched for `\n` once and the
    // pieces joined once, so a line of any length is read in time linear in its length.
    let pending: string[] = [];
    let line = 0;
    try {
      for (let text = reader.read(); text !== null; text = reader.read()) {
        let start = 0;
        for (;;) {
          const end = text.indexOf('\n', start);
          if (end < 0) break;
          line++;
          const piece = text.slice(start, end);
          const whole = pending.length === 0 ? piece : pending.join('') + piece;
          pending = [];
          yield [line, stripCr(whole)];
          start = end + 1;
        }
        if (start < text.length) pending.push(text.slice(start));
      }
      if (pending.length > 0) yield [line + 1, stripCr(pending.join(''))];
    } finally {
      reader.close();
    }
  }
}

/** A line without its trailing `\r`. */
export function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

/** A trace file, read `chunkBytes` at a time (see {@link readLines}). */
export class TraceFile extends TraceChunks {
  constructor(
    readonly path: string,
    readonly chunkBytes = 1 << 20,
  ) {
    super();
  }

  open(): ChunkReader {
    const fd = openSync(this.path, 'r');
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const buffer = Buffer.allocUnsafe(this.chunkBytes);
    let ended = false;
    let closed = false;
    return {
      read: () => {
        while (!ended) {
          const read = readSync(fd, buffer, 0, this.chunkBytes, null);
          // At the end, the decoder gives what it held back of an unfinished character.
          const text = decoder.decode(buffer.subarray(0, read), { stream: read > 0 });
          if (read === 0) ended = true;
          if (text.length > 0) return text;
        }
        return null;
      },
      close: () => {
        if (!closed) closeSync(fd);
        closed = true;
      },
    };
  }
}

/** Trace text held in memory, one chunk (see {@link linesOf}). */
export class TraceText extends TraceChunks {
  constructor(readonly text: string) {
    super();
  }

  open(): ChunkReader {
    let given = this.text.length === 0;
    return {
      read: () => {
        if (given) return null;
        given = true;
        return this.text;
      },
      close: () => {},
    };
  }
}

/**
 * Reads a file line by line in fixed-size chunks, never holding the whole
 * file. Lines are split on `\n` (a trailing `\r` is dropped). `replayTrace`
 * recognises what this returns and scans the file's text a chunk at a time
 * instead of line by line.
 *
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readLines } from '@pymm/core/trace';
 * const file = join(mkdtempSync(join(tmpdir(), 'pymm-')), 't.jsonl');
 * writeFileSync(file, 'a\r\nb\n');
 * [...readLines(file)]; // [[1, 'a'], [2, 'b']]
 * ```
 */
export function readLines(path: string, chunkBytes = 1 << 20): TraceLines {
  return new TraceFile(path, chunkBytes);
}

/**
 * Splits trace text held in memory into numbered lines. `replayTrace`
 * recognises what this returns and scans the text in place.
 *
 * @example
 * ```ts
 * import { linesOf } from '@pymm/core/trace';
 * [...linesOf('a\nb')]; // [[1, 'a'], [2, 'b']]
 * ```
 */
export function linesOf(text: string): TraceLines {
  return new TraceText(text);
}
