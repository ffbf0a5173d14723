/**
 * The `tracemalloc` module on core's `Tracemalloc`: `start(nframe=1)`, `stop`, `is_tracing`,
 * `get_traced_memory` (current and peak bytes of the simulated heap's traced blocks),
 * `reset_peak`, `clear_traces`, `get_tracemalloc_memory` (the tracer's own tables),
 * `get_traceback_limit`, `get_object_traceback`, `take_snapshot` (`tracemalloc-snapshot.ts`), and
 * the classes `Snapshot`, `Statistic`, `StatisticDiff`, `Traceback`, `Frame` and `Filter`.
 *
 * A block's site is where the program was when it was allocated: the running frame's file and
 * line (the line each statement stores in its frame as it starts), and the frames that called
 * it, up to the traceback limit. The site is read only while tracing, once per allocation.
 *
 * @module
 */

import { Tracemalloc, UNKNOWN_SITE } from '@pymm/core/tracing';
import { arity, intArg, keyword } from '../builtins/arguments.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import type { ModuleSpec } from './modules.js';
import { defineFilter } from './tracemalloc-filter.js';
import { defineFrameTypes, newTraceback, siteFrames, siteLine } from './tracemalloc-frames.js';
import { defineSnapshot, newSnapshot } from './tracemalloc-snapshot.js';
import { defineStatisticTypes } from './tracemalloc-statistics.js';

/** `_tracemalloc`'s largest traceback limit. */
const MAX_NFRAME = 65535;

/** The `tracemalloc` module. */
export function tracemallocModule(ip: Interp): ModuleSpec {
  let limit = 1;
  /** Site texts of single frames, by file and line, so that tracing allocates no text per block. */
  const lines = new Map<string, string[]>();
  const currentSite = (): string => {
    let f = ip.frame;
    if (f === null) return UNKNOWN_SITE;
    if (limit === 1) {
      let byLine = lines.get(f.code.filename);
      if (byLine === undefined) {
        byLine = [];
        lines.set(f.code.filename, byLine);
      }
      let site = byLine[f.lineno];
      if (site === undefined) {
        site = siteLine(f.code.filename, f.lineno);
        byLine[f.lineno] = site;
      }
      return site;
    }
    const parts: string[] = [];
    for (let n = 0; f !== null && n < limit; n++, f = f.back) parts.push(siteLine(f.code.filename, f.lineno));
    return parts.join('\n');
  };
  const tracer = new Tracemalloc(ip.heap, currentSite);
  const none = (ip2: Interp) => ip2.own(ip2.none);
  const frames = defineFrameTypes(ip);
  const stats = defineStatisticTypes(ip);
  const snapshot = defineSnapshot(ip);
  const filter = defineFilter(ip);
  const start: NativeFn = (ip2, args, kw) => {
    arity(ip2, 'start', args, 0, 1);
    const nframe = args[0] ?? keyword(ip2, 'start', kw, ['nframe']).get('nframe');
    const n = nframe === undefined ? 1 : intArg(ip2, nframe, '');
    if (n < 1 || n > MAX_NFRAME)
      ip2.raise('ValueError', `the number of frames must be in range [1; ${MAX_NFRAME}]`);
    limit = n;
    tracer.start();
    return none(ip2);
  };
  return {
    functions: {
      start,
      stop: (ip2, args) => {
        arity(ip2, 'stop', args, 0, 0);
        tracer.stop();
        return none(ip2);
      },
      is_tracing: (ip2, args) => {
        arity(ip2, 'is_tracing', args, 0, 0);
        return ip2.bool(tracer.isTracing());
      },
      get_traced_memory: (ip2, args) => {
        arity(ip2, 'get_traced_memory', args, 0, 0);
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
      reset_peak: (ip2, args) => {
        arity(ip2, 'reset_peak', args, 0, 0);
        tracer.resetPeak();
        return none(ip2);
      },
      clear_traces: (ip2, args) => {
        arity(ip2, 'clear_traces', args, 0, 0);
        tracer.clearTraces();
        return none(ip2);
      },
      get_tracemalloc_memory: (ip2, args) => {
        arity(ip2, 'get_tracemalloc_memory', args, 0, 0);
        return ip2.int(tracer.memoryUsage());
      },
      get_traceback_limit: (ip2, args) => {
        arity(ip2, 'get_traceback_limit', args, 0, 0);
        return ip2.int(limit);
      },
      get_object_traceback: (ip2, args) => {
        if (args.length === 0)
          ip2.raise('TypeError', "get_object_traceback() missing 1 required positional argument: 'obj'");
        arity(ip2, 'get_object_traceback', args, 1, 1);
        const site = tracer.isTracing() ? tracer.objectSite(args[0]) : undefined;
        return site === undefined ? none(ip2) : newTraceback(ip2, siteFrames(site));
      },
      take_snapshot: (ip2, args) => {
        arity(ip2, 'take_snapshot', args, 0, 0);
        if (!tracer.isTracing())
          ip2.raise(
            'RuntimeError',
            'the tracemalloc module must be tracing memory allocations to take a snapshot',
          );
        return newSnapshot(ip2, tracer.takeSnapshot().traces, limit);
      },
    },
    values: (ip2) => ({
      Snapshot: ip2.own(snapshot.slot),
      Statistic: ip2.own(stats.statistic.slot),
      StatisticDiff: ip2.own(stats.statisticDiff.slot),
      Traceback: ip2.own(frames.traceback.slot),
      Frame: ip2.own(frames.frame.slot),
      Filter: ip2.own(filter.slot),
    }),
  };
}
