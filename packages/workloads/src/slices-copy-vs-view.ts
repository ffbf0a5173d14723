/**
 * Slicing a large buffer: `bytes` slices copy, `memoryview` slices share.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const SLICES: WorkloadParameter = {
  name: 'slices',
  description: 'Slices taken in each phase; the buffer is slices × sliceBytes long (scaled).',
  default: 16_384,
};
const SLICE_BYTES: WorkloadParameter = {
  name: 'sliceBytes',
  description: 'Length of each slice.',
  default: 1_024,
};
const HEADER_BYTES: WorkloadParameter = {
  name: 'headerBytes',
  description: 'Length of the small slice kept after the buffer is dropped.',
  default: 16,
};
const ROUNDS: WorkloadParameter = {
  name: 'rounds',
  description: 'Times the keep-a-copy and keep-a-view phases repeat (scaled).',
  default: 16,
};

/**
 * `slices-copy-vs-view`: a buffer of 16 MiB is cut into 1 KiB slices, first
 * as `bytes` slices (each a copy) and then as `memoryview` slices (each a
 * 184-byte view of the same memory). Then, round after round, a fresh buffer
 * is read and only a 16-byte header is kept: as a copy the buffer can be
 * freed, as a view the header keeps the whole buffer alive under every
 * strategy.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { runWorkload, slicesCopyVsView } from '@pymm/workloads';
 * const py = createRuntime({ strategy: refcount() });
 * runWorkload(slicesCopyVsView, py, { scale: 0.01 }).phases.map((phase) => phase.name);
 * // ['copy-slices', 'view-slices', 'keep-a-copy', 'keep-a-view']
 * py.memory().liveBytes; // 0
 * ```
 */
export const slicesCopyVsView: Workload = {
  name: 'slices-copy-vs-view',
  title: 'Slices: copies versus views',
  lesson:
    'Slicing bytes copies the data, so many slices of a big buffer cost as much memory again, while memoryview slices share the buffer and cost a small fixed-size object each. ' +
    'The price of sharing: even a tiny view keeps the whole buffer alive, so keep a copy (bytes(view)) of the little you need when you drop the rest.',
  python: `data = read_buffer()                           # slices × slice_bytes bytes
pieces = [data[i:i + slice_bytes]              # phase: copy-slices (each a new bytes)
          for i in range(0, len(data), slice_bytes)]
del pieces

view = memoryview(data)                        # phase: view-slices (each shares data)
pieces = [view[i:i + slice_bytes] for i in range(0, len(data), slice_bytes)]
del pieces, view, data

headers = []
for _ in range(rounds):                        # phase: keep-a-copy
    data = read_buffer()
    headers.append(data[:header_bytes])        # a copy: data can be freed
    del data
del headers

for _ in range(rounds):                        # phase: keep-a-view
    data = read_buffer()
    headers.append(memoryview(data)[:header_bytes])   # keeps all of data alive
    del data
del headers`,
  kind: 'lesson',
  parameters: [SLICES, SLICE_BYTES, HEADER_BYTES, ROUNDS],
  run(py: Runtime, context: WorkloadContext): void {
    const slices = scaledCount(context, parameterValue(context, SLICES));
    const sliceBytes = parameterValue(context, SLICE_BYTES);
    const headerBytes = parameterValue(context, HEADER_BYTES);
    const rounds = scaledCount(context, parameterValue(context, ROUNDS));
    const bufferBytes = slices * sliceBytes;
    const v = py.locals;
    const readBuffer = () => py.at('read_buffer', () => py.bytes(bufferBytes));

    context.phase('copy-slices');
    v.data = readBuffer();
    v.pieces = py.list();
    py.at('bytes slice', () => {
      for (let i = 0; i < slices; i++) py.append(v.pieces, py.bytes(sliceBytes));
    });
    py.del('pieces');

    context.phase('view-slices');
    v.view = py.memoryview(v.data);
    v.pieces = py.list();
    py.at('memoryview slice', () => {
      for (let i = 0; i < slices; i++) py.append(v.pieces, py.memoryview(v.data));
    });
    py.del('pieces', 'view', 'data');

    context.phase('keep-a-copy');
    v.headers = py.list();
    for (let r = 0; r < rounds; r++) {
      v.data = readBuffer();
      py.append(v.headers, py.bytes(headerBytes));
      py.del('data');
    }
    py.del('headers');

    context.phase('keep-a-view');
    v.headers = py.list();
    for (let r = 0; r < rounds; r++) {
      v.data = readBuffer();
      py.append(v.headers, py.memoryview(v.data));
      py.del('data');
    }
    py.del('headers');
  },
};
