/**
 * Per-line attribution of a program's memory behaviour, tracemalloc-style: each allocation, each
 * collection and each file opening is charged to the line of the program that was running, found
 * by walking the frames from the innermost one out to the first frame of the program's own file
 * (so an allocation inside a library function counts against the program line that called it).
 * Line 0 stands for work outside any line of the program: the interpreter's start-up and shutdown.
 *
 * It listens to the heap's `allocate` and `collection-start` events only when asked for, so a run
 * without attribution pays nothing.
 *
 * @module
 */

import type { Interp } from '../runtime/interp.js';

/**
 * Allocations charged to one line.
 *
 * @example
 * ```ts
 * import { type LineAllocations, loadParser, runPythonSync } from '@pymm/python';
 * await loadParser();
 * const result = runPythonSync('xs = [0.5 * i for i in range(100)]\n', { attribution: true });
 * const line1: LineAllocations = result.attribution!.allocations.find((a) => a.line === 1)!;
 * line1.count >= 100; // true
 * ```
 */
export interface LineAllocations {
  readonly line: number;
  /** Objects allocated while the line ran. */
  readonly count: number;
  /** Their sizes at creation, in bytes. */
  readonly bytes: number;
}

/**
 * Collections that started while one line ran.
 *
 * @example
 * ```ts
 * import type { LineCollections } from '@pymm/python';
 * // One full collection (generation 2) started while line 2 (`gc.collect()`) ran:
 * const collections: LineCollections = { line: 2, count: 1, byGeneration: [0, 0, 1] };
 * collections.byGeneration[2]; // 1
 * ```
 */
export interface LineCollections {
  readonly line: number;
  readonly count: number;
  /** How many started for each generation (index = generation). */
  readonly byGeneration: readonly number[];
}

/**
 * A file that the program did not close itself (`close()` or `with`).
 *
 * @example
 * ```ts
 * import { type FileLeftOpen, loadParser, runPythonSync } from '@pymm/python';
 * await loadParser();
 * const result = runPythonSync('log = open("log.txt", "w")\n', { attribution: true });
 * const files: readonly FileLeftOpen[] = result.attribution!.filesLeftOpen;
 * files; // [{ line: 1, name: 'log.txt', how: 'open' }]
 * ```
 */
export interface FileLeftOpen {
  /** The line that opened it. */
  readonly line: number;
  /** Its name, as given to `open()`. */
  readonly name: string;
  /** `dealloc`: closed when its object was freed; `open`: still open when the run ended. */
  readonly how: 'dealloc' | 'open';
}

/**
 * The attribution of one run, by line of the program's file; lists are in line order and leave
 * out lines with nothing to report.
 *
 * @example
 * ```ts
 * import { type LineAttribution, loadParser, runPythonSync } from '@pymm/python';
 * await loadParser();
 * const result = runPythonSync('print("hi")\n', { filename: 'hi.py', attribution: true });
 * const attribution: LineAttribution = result.attribution!;
 * attribution.filename; // 'hi.py'
 * ```
 */
export interface LineAttribution {
  readonly filename: string;
  readonly allocations: readonly LineAllocations[];
  readonly collections: readonly LineCollections[];
  readonly filesLeftOpen: readonly FileLeftOpen[];
}

/** A started recording: call `finish()` once the run is over (shutdown included) to read it. */
export interface AttributionRecorder {
  finish(): LineAttribution;
}

/** Starts recording attribution for the program `filename` run by `ip`. */
export function recordAttribution(ip: Interp, filename: string): AttributionRecorder {
  const heap = ip.heap;
  let counts = new Float64Array(ip.lines.length + 2);
  let bytes = new Float64Array(ip.lines.length + 2);
  const collections = new Map<number, number[]>();
  /** The line that opened each file object, by handle (handles carry a reuse serial). */
  const fileLines = new Map<number, number>();
  const programLine = (): number => {
    let f = ip.frame;
    while (f !== null && f.code.filename !== filename) f = f.back;
    return f === null ? 0 : f.lineno;
  };
  const offAllocate = heap.events.on('allocate', (event) => {
    const line = programLine();
    if (line >= counts.length) {
      counts = grow(counts, line + 1);
      bytes = grow(bytes, line + 1);
    }
    counts[line]++;
    bytes[line] += event.bytes;
    if (event.type === 'file') fileLines.set(event.handle, line);
  });
  const offCollection = heap.events.on('collection-start', (event) => {
    const line = programLine();
    let byGeneration = collections.get(line);
    if (byGeneration === undefined) {
      byGeneration = [];
      collections.set(line, byGeneration);
    }
    while (byGeneration.length <= event.generation) byGeneration.push(0);
    byGeneration[event.generation]++;
  });
  return {
    finish(): LineAttribution {
      offAllocate();
      offCollection();
      const allocations: LineAllocations[] = [];
      for (let line = 0; line < counts.length; line++) {
        if (counts[line] > 0) allocations.push({ line, count: counts[line], bytes: bytes[line] });
      }
      const collected = [...collections.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([line, byGeneration]) => ({
          line,
          count: byGeneration.reduce((sum, n) => sum + n, 0),
          byGeneration,
        }));
      const filesLeftOpen: FileLeftOpen[] = [];
      for (const record of heap.resourceLog) {
        if (record.how === 'close' || record.how === 'with') continue;
        filesLeftOpen.push({
          line: fileLines.get(record.handle) ?? 0,
          name: record.name,
          how: record.how === 'dealloc' ? 'dealloc' : 'open',
        });
      }
      filesLeftOpen.sort((a, b) => a.line - b.line);
      return { filename, allocations, collections: collected, filesLeftOpen };
    },
  };
}

function grow(array: Float64Array, minimum: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(Math.max(minimum, array.length * 2));
  next.set(array);
  return next;
}
