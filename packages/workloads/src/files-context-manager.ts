/**
 * Files opened with and without `with`, dropped by frames, held by suspended
 * generators and caught in reference cycles: how long each stays open.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const FILES: WorkloadParameter = {
  name: 'files',
  description: 'Files opened in each phase (scaled).',
  default: 5_000,
};
const FILE_BYTES: WorkloadParameter = {
  name: 'fileBytes',
  description: 'Bytes returned by each f.read().',
  default: 4_096,
};
const BUFFER_BYTES: WorkloadParameter = {
  name: 'bufferBytes',
  description: "Each open file's I/O buffer (io.DEFAULT_BUFFER_SIZE is 8192).",
  default: 8_192,
};
const PENDING: WorkloadParameter = {
  name: 'pendingGenerators',
  description: 'Half-read generators the program keeps at a time in the generator phase.',
  default: 10,
};

/**
 * `files-context-manager`: files are read five ways: in a `with` block
 * (closed at the block's end under every strategy); without `close()` inside
 * a function (closed when the file object dies: at once under reference
 * counting, at a collection under mark-sweep, never without a collector);
 * through half-read generators kept in a short queue (open while the
 * generator's frame holds them); and inside an exception–traceback–frame
 * reference cycle (never closed by reference counting; closed by a cycle
 * collection). A final `gc.collect()` closes what a collector can reach.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { generational } from '@pymm/generational';
 * import { refcount } from '@pymm/refcount';
 * import { filesContextManager, runWorkload } from '@pymm/workloads';
 * const counted = createRuntime({ strategy: refcount() });
 * const collected = createRuntime({ strategy: generational() });
 * runWorkload(filesContextManager, counted, { scale: 0.01 });
 * runWorkload(filesContextManager, collected, { scale: 0.01 });
 * counted.memory().openFiles; // 50
 * collected.memory().openFiles; // 0
 * ```
 */
export const filesContextManager: Workload = {
  name: 'files-context-manager',
  title: 'Closing files: with, close() and the garbage collector',
  lesson:
    'A `with` block closes its file at the end of the block on every Python, but a file you never close stays open until its object is freed: at once under reference counting, only at the next collection under a tracing collector, and never if it is caught in a reference cycle that nothing collects. ' +
    'Frames keep their locals alive too — a suspended generator or a traceback saved in an exception holds its files open as long as it lives.',
  python: `for i in range(files):                          # phase: with-statement
    with open(f"with-{i}.txt") as f:
        data = f.read()

def read_text(path):
    f = open(path)
    return f.read()                             # no close(): f closes when freed
for i in range(files):                          # phase: close-forgotten
    data = read_text(f"forgot-{i}.txt")
del data

def read_lines(path):
    f = open(path)
    yield f.readline()                          # the suspended frame holds f
pending = []
for i in range(files):                          # phase: suspended-generators
    lines = read_lines(f"lines-{i}.txt")
    first = next(lines)
    pending.append(lines)
    if len(pending) > pending_generators:
        del pending[0]                          # dropping a generator closes its frame

def load(path):
    f = open(path)
    try:
        raise ValueError(path)
    except ValueError as e:
        error = e                               # error -> traceback -> frame -> error
for i in range(files):                          # phase: reference-cycles
    load(f"cycle-{i}.txt")

del pending, lines, first                       # phase: collect
gc.collect()`,
  kind: 'lesson',
  parameters: [FILES, FILE_BYTES, BUFFER_BYTES, PENDING],
  run(py: Runtime, context: WorkloadContext): void {
    const files = scaledCount(context, parameterValue(context, FILES));
    const fileBytes = parameterValue(context, FILE_BYTES);
    const buffer = parameterValue(context, BUFFER_BYTES);
    const pendingLimit = Math.max(1, parameterValue(context, PENDING));
    // The frame objects a traceback materialises, with the two locals they hold.
    const Frame = py.class('frame', { slots: ['f', 'error'] });
    const Traceback = py.class('traceback', { slots: ['tb_frame'] });
    const ValueError = py.class('ValueError');
    const v = py.locals;

    context.phase('with-statement');
    for (let i = 0; i < files; i++) {
      py.with(py.open(`with-${i}.txt`, { buffer }), () => {
        v.data = py.bytes(fileBytes);
      });
    }

    context.phase('close-forgotten');
    for (let i = 0; i < files; i++) {
      v.data = py.call('read_text', (f) => {
        f.f = py.open(`forgot-${i}.txt`, { buffer });
        return py.bytes(fileBytes);
      });
    }
    py.del('data');

    context.phase('suspended-generators');
    v.pending = py.list();
    for (let i = 0; i < files; i++) {
      v.lines = py.generator([py.open(`lines-${i}.txt`, { buffer })]);
      v.first = py.str(`first line of lines-${i}.txt\n`);
      py.append(v.pending, v.lines);
      if (py.len(v.pending) > pendingLimit) py.delitem(v.pending, 0);
    }

    context.phase('reference-cycles');
    for (let i = 0; i < files; i++) {
      py.call('load', (f) => {
        f.f = py.open(`cycle-${i}.txt`, { buffer });
        f.frame = Frame.new({ f: f.f });
        f.error = ValueError.new({ args: py.tuple([py.str(`cycle-${i}.txt`)]) });
        py.setattr(f.error, '__traceback__', Traceback.new({ tb_frame: f.frame }));
        py.setattr(f.frame, 'error', f.error);
      });
    }

    context.phase('collect');
    py.del('pending', 'lines', 'first');
    py.collect();
  },
};
