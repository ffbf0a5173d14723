/**
 * The same cache as `global-cache`, holding its pages through weak
 * references (`weakref.WeakValueDictionary`).
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { dictDelete, dictHas } from '@pymm/core/heap';
import { PAGE_REQUEST_PARAMETERS, PAGE_REQUESTS_PYTHON, servePagesThroughCache } from './page-requests.js';
import type { Workload, WorkloadContext } from './workload.js';

/**
 * `weak-value-cache`: the requests of `global-cache`, served through a
 * `WeakValueDictionary`: the cache maps each path to a weak reference whose
 * callback removes the entry when the page dies. A page stays cached only
 * while the program still uses it, so the cache stays about as large as the
 * working set — once the strategy frees dropped pages: at once under
 * reference counting, at each collection under a tracing collector, never
 * without a collector.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { runWorkload, weakValueCache } from '@pymm/workloads';
 * const py = createRuntime({ strategy: refcount() });
 * runWorkload(weakValueCache, py, { scale: 0.01 });
 * // every entry left the cache with its page
 * py.len(py.globals._cache); // 0
 * ```
 */
export const weakValueCache: Workload = {
  name: 'weak-value-cache',
  title: 'A cache of weak references',
  lesson:
    'A weakref.WeakValueDictionary does not keep its values alive: an entry disappears when the last strong reference to its value elsewhere in the program goes. ' +
    'The cache then costs only what the program is using anyway — as soon as the runtime notices the value died, which is at once with reference counting and only at the next collection with a tracing collector.',
  python: `_cache = weakref.WeakValueDictionary()        # entries vanish with their pages

def render(path):
    page = _cache.get(path)
    if page is None:
        page = Page(path, body=bytes(page_bytes))
        _cache[path] = page                   # stores a weakref whose callback deletes the entry
    return page

${PAGE_REQUESTS_PYTHON}`,
  kind: 'lesson',
  parameters: PAGE_REQUEST_PARAMETERS,
  run(py: Runtime, context: WorkloadContext): void {
    const heap = py.heap;
    servePagesThroughCache(py, context, (cache) => {
      // WeakValueDictionary's remove callback. It works on the heap directly: it is
      // not a statement of the program, and may run inside any operation (or a collection).
      const removeEntry = (key: number) => () => {
        if (!py.isAlive(cache) || !py.isAlive(key)) return;
        const dict = heap.store.slotOf(cache, 'WeakValueDictionary remove');
        const keySlot = heap.store.slotOf(key, 'WeakValueDictionary remove');
        if (dictHas(heap, dict, keySlot)) dictDelete(heap, dict, keySlot);
      };
      // `_cache[path]` is a weak reference whose callback deletes the entry.
      return {
        store: (page, path) => py.weakref(page, removeEntry(path)),
        load: (entry) => py.deref(entry),
      };
    });
  },
};
