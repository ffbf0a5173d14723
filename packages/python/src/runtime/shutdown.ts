/**
 * Interpreter shutdown (`finalize_modules`): `__main__`'s namespace is let go (its dict dies if
 * nothing else holds it), a collection runs (`_PyGC_CollectNoFail`, which runs even with the
 * collector disabled), and a namespace that is still alive is cleared as `_PyModule_ClearDict`
 * does: names starting with one underscore set to `None` first, then the other names. So
 * `__del__` of objects the program left in globals runs at exit, as in CPython.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { Interp, ModuleScope } from './interp.js';

/** Finalizes `__main__`'s globals at the end of a run. */
export function shutdown(ip: Interp, globals: ModuleScope): void {
  const heap = ip.heap;
  const dict = globals.dict;
  const handle = heap.store.handleOf(dict);
  const external = heap.roots.external;
  const kept = external.get(dict) ?? 0;
  if (kept > 1) external.set(dict, kept - 1);
  else external.delete(dict);
  // The reference the external root held goes: the dict dies here if nothing else holds it.
  heap.decref(dict);
  if (!heap.store.isAlive(handle)) return;
  // Hold the dict while collecting and clearing it.
  heap.incref(dict);
  ip.push(dict);
  ip.heap.strategy.collect(2, 'shutdown');
  for (const pass of [true, false]) {
    const store = heap.store;
    for (let i = 0; i < store.refLen[dict]; i += 2) {
      const key = store.refs.cells[store.refStart[dict] + i];
      const name = ip.text(key);
      const underscore = name.startsWith('_') && !name.startsWith('__');
      if (pass !== underscore || name === '__builtins__') continue;
      if (store.refs.cells[store.refStart[dict] + i + 1] === ip.none) continue;
      heap.setCell(dict, i + 1, ip.none);
    }
  }
  ip.pop();
  heap.decref(dict);
  // A tracing collector frees what the clearing left unreachable only when it collects.
  if (!heap.refcounting) ip.heap.strategy.collect(2, 'shutdown');
  void NULL_REF;
}
