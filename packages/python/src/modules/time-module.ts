/**
 * The `time` module's clocks: `perf_counter`, `monotonic` (seconds as a float, from the host's
 * monotonic clock) and `time` (seconds since the epoch). They read the host's clocks, so what a
 * program prints from them changes from run to run, as under CPython; `unittest` times its run
 * with `perf_counter`, as CPython's runner does.
 *
 * @module
 */

import { arity } from '../builtins/arguments.js';
import type { NativeFn } from '../runtime/interp.js';
import type { ModuleSpec } from './modules.js';

/** A clock function of no arguments returning `read()` seconds as a float. */
function clock(name: string, read: () => number): NativeFn {
  return (ip, args) => {
    arity(ip, name, args, 0, 0);
    return ip.float(read());
  };
}

/** The `time` module. */
export function timeModule(): ModuleSpec {
  return {
    functions: {
      perf_counter: clock('perf_counter', () => performance.now() / 1000),
      monotonic: clock('monotonic', () => performance.now() / 1000),
      time: clock('time', () => Date.now() / 1000),
    },
    values: () => ({}),
  };
}
