/**
 * A three-step pipeline run twice: keeping every intermediate list, then
 * deleting each one as soon as the next step has consumed it.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const ITEMS: WorkloadParameter = {
  name: 'items',
  description: 'Items flowing through the pipeline in each phase (scaled).',
  default: 30_000,
};
const ITEM_BYTES: WorkloadParameter = {
  name: 'itemBytes',
  description: 'Size of each item at every step.',
  default: 1_024,
};

/**
 * `del-intermediate`: `process()` loads `items` records, decodes each into a
 * new object and encodes each decoded one again, first keeping `raw` and
 * `decoded` until it returns, then `del`-ing each as soon as the next step
 * has consumed it. Under reference counting the second run's peak is about
 * two steps' worth instead of three; a tracing collector frees the deleted
 * list only at its next collection, and without a collector `del` saves
 * nothing.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { delIntermediate, runWorkload } from '@pymm/workloads';
 * const py = createRuntime({ strategy: refcount() });
 * const peak: Record<string, number> = {};
 * let phase = '';
 * py.on('allocate', () => {
 *   peak[phase] = Math.max(peak[phase] ?? 0, py.heap.liveBytes);
 * });
 * runWorkload(delIntermediate, py, { scale: 0.05, onPhase: (name) => (phase = name) });
 * peak['del-intermediates'] < peak['keep-intermediates']; // true
 * ```
 */
export const delIntermediate: Workload = {
  name: 'del-intermediate',
  title: 'Deleting intermediate results',
  lesson:
    'A local variable keeps its value alive until the function returns, so a pipeline that keeps every intermediate list holds all of them at its peak. ' +
    '`del` on an intermediate you no longer need lowers the peak at once under reference counting, but only at the next collection under a tracing collector.',
  python: `def process(paths, drop_intermediates):
    raw = [load(p) for p in paths]               # item_bytes each
    decoded = [decode(r) for r in raw]           # a new object per item
    if drop_intermediates:
        del raw
    encoded = [encode(d) for d in decoded]
    if drop_intermediates:
        del decoded
    return len(encoded)

process(paths, drop_intermediates=False)       # phase: keep-intermediates (peak: 3 lists)
process(paths, drop_intermediates=True)        # phase: del-intermediates (peak: 2 lists)`,
  kind: 'lesson',
  parameters: [ITEMS, ITEM_BYTES],
  run(py: Runtime, context: WorkloadContext): void {
    const items = scaledCount(context, parameterValue(context, ITEMS));
    const itemBytes = parameterValue(context, ITEM_BYTES);
    const step = (f: Record<string, number>, name: string) => {
      f[name] = py.list();
      py.at(name, () => {
        for (let i = 0; i < items; i++) py.append(f[name], py.bytes(itemBytes));
      });
    };
    const process = (dropIntermediates: boolean) =>
      py.call('process', (f) => {
        step(f, 'raw');
        step(f, 'decoded');
        if (dropIntermediates) py.del('raw');
        step(f, 'encoded');
        if (dropIntermediates) py.del('decoded');
      });

    context.phase('keep-intermediates');
    process(false);
    context.phase('del-intermediates');
    process(true);
  },
};
