/**
 * Reading one large file in chunks of different sizes.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const FILE_BYTES: WorkloadParameter = {
  name: 'fileBytes',
  description: 'Size of the simulated file, read once per phase (scaled).',
  default: 64 * 1024 * 1024,
};
const BUFFER_BYTES: WorkloadParameter = {
  name: 'bufferBytes',
  description: "The file object's I/O buffer (io.DEFAULT_BUFFER_SIZE is 8192).",
  default: 8_192,
};

/**
 * Chunk sizes read, one phase each (`read-256`, `read-4096`, ...): from a
 * pymalloc-sized block to a megabyte. Then `read-all` reads the whole file
 * and `readinto` reuses one 64 KiB `bytearray`.
 *
 * @example
 * ```ts
 * import { CHUNK_SIZES } from '@pymm/workloads';
 * CHUNK_SIZES; // [256, 4096, 65536, 1048576]
 * ```
 */
export const CHUNK_SIZES: readonly number[] = [256, 4_096, 65_536, 1_048_576];

/** The `bytearray` reused by the `readinto` phase. */
const READINTO_BYTES = 65_536;

/**
 * `buffered-reading`: a large file is read in chunks of 256 B, 4 KiB, 64 KiB
 * and 1 MiB, then all at once, then into one reused `bytearray`. Small chunks
 * mean many `bytes` objects and a low peak, large chunks few objects and a
 * high peak, `read()` a peak of the whole file, and `readinto` one
 * allocation in total. Under reference counting each chunk dies when the
 * next one is bound; a tracing collector lets dead chunks pile up to its
 * budget before it reclaims them.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { bufferedReading, runWorkload } from '@pymm/workloads';
 * const py = createRuntime({ strategy: refcount() });
 * const run = runWorkload(bufferedReading, py, { scale: 0.01 });
 * run.phases.map((phase) => phase.name); // ['read-256', 'read-4096', 'read-65536', 'read-1048576', 'read-all', 'readinto']
 * py.memory().openFiles; // 0
 * ```
 */
export const bufferedReading: Workload = {
  name: 'buffered-reading',
  title: 'Reading a large file in chunks',
  lesson:
    'Every f.read(size) returns a new bytes object, so small chunks mean many allocations with a small peak and one f.read() means a single allocation as large as the file. ' +
    'Reading into one reused bytearray with f.readinto() allocates once, and a chunk you drop is only freed at once if the runtime counts references.',
  python: `for size in (256, 4096, 65536, 1048576):       # phases: read-256 ... read-1048576
    with open("big.bin", "rb") as f:
        while chunk := f.read(size):
            process(chunk)
    del chunk

with open("big.bin", "rb") as f:                 # phase: read-all
    data = f.read()
del data

with open("big.bin", "rb") as f:                 # phase: readinto
    buffer = bytearray(65536)
    while f.readinto(buffer):
        process(buffer)
del buffer`,
  kind: 'lesson',
  parameters: [FILE_BYTES, BUFFER_BYTES],
  run(py: Runtime, context: WorkloadContext): void {
    const fileBytes = scaledCount(context, parameterValue(context, FILE_BYTES));
    const buffer = parameterValue(context, BUFFER_BYTES);
    const v = py.locals;

    for (const size of CHUNK_SIZES) {
      context.phase(`read-${size}`);
      py.with(py.open('big.bin', { buffer }), () => {
        py.at(`read(${size})`, () => {
          for (let offset = 0; offset < fileBytes; offset += size) {
            v.chunk = py.bytes(Math.min(size, fileBytes - offset));
          }
        });
      });
      py.del('chunk');
    }

    context.phase('read-all');
    py.with(py.open('big.bin', { buffer }), () => {
      v.data = py.at('read()', () => py.bytes(fileBytes));
    });
    py.del('data');

    context.phase('readinto');
    py.with(py.open('big.bin', { buffer }), () => {
      // f.readinto(buffer) fills the same buffer again and again: nothing else is allocated.
      v.buffer = py.at('bytearray', () => py.bytearray(READINTO_BYTES));
    });
    py.del('buffer');
  },
};
