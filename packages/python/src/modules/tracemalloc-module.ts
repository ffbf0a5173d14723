/**
 * The `tracemalloc` module on core's `Tracemalloc`: `start`, `stop`, `is_tracing`,
 * `get_traced_memory` (current and peak bytes of the simulated heap's traced blocks),
 * `reset_peak`, `clear_traces`, `get_tracemalloc_memory`. Snapshots are refused by name.
 *
 * @module
 */

import { Tracemalloc } from '@pymm/core/tracing';
import { arity } from '../builtins/arguments.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import type { ModuleSpec } from './modules.js';

function refused(name: string): NativeFn {
  return (ip) => ip.raise('NotImplementedError', `tracemalloc.${name} is not supported by pymm`);
}

/** The `tracemalloc` module. */
export function tracemallocModule(ip: Interp): ModuleSpec {
  const tracer = new Tracemalloc(ip.heap);
  const none = (ip2: Interp) => ip2.own(ip2.none);
  return {
    functions: {
      start: (ip2, args) => {
        arity(ip2, 'start', args, 0, 1);
        tracer.start();
        return none(ip2);
      },
      stop: (ip2) => {
        tracer.stop();
        return none(ip2);
      },
      is_tracing: (ip2) => ip2.bool(tracer.isTracing()),
      get_traced_memory: (ip2) => {
        const [current, peak] = tracer.getTracedMemory();
        const a = ip2.int(current);
        ip2.push(a);
        const b = ip2.int(peak);
        ip2.push(b);
        const t = ip2.own(ip2.heap.newTuple([a, b]));
        ip2.drop(ip2.pop());
        ip2.drop(ip2.pop());
        return t;
      },
      reset_peak: (ip2) => {
        tracer.resetPeak();
        return none(ip2);
      },
      clear_traces: (ip2) => {
        tracer.clearTraces();
        return none(ip2);
      },
      get_tracemalloc_memory: (ip2) => ip2.int(0),
      take_snapshot: refused('take_snapshot'),
    },
    values: () => ({}),
  };
}
