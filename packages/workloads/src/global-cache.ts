/**
 * A module-level dict used as a cache: everything it ever stored stays alive.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { PAGE_REQUEST_PARAMETERS, PAGE_REQUESTS_PYTHON, servePagesThroughCache } from './page-requests.js';
import type { Workload, WorkloadContext } from './workload.js';

/**
 * `global-cache`: rendered pages are cached in a module-level `dict` while
 * the program keeps using the 100 most recent ones. The cache holds a strong
 * reference to every page it ever rendered, so memory only grows, and no
 * collector can help: the pages are reachable. Compare `weak-value-cache`,
 * which serves the same requests.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { generational } from '@pymm/generational';
 * import { globalCache, runWorkload } from '@pymm/workloads';
 * const py = createRuntime({ strategy: generational() });
 * runWorkload(globalCache, py, { scale: 0.1 });
 * // every page ever rendered is still cached after gc.collect(), far more than the 100 in use
 * py.len(py.globals._cache) > 100; // true
 * ```
 */
export const globalCache: Workload = {
  name: 'global-cache',
  title: 'A global cache keeps everything alive',
  lesson:
    'A dict at module level lives as long as the program, so every value cached in it stays reachable and no garbage collector may free it: memory only grows. ' +
    'Bound such caches (functools.lru_cache(maxsize=...)) or hold their values weakly.',
  python: `_cache = {}                                   # module level: lives as long as the program

def render(path):
    page = _cache.get(path)
    if page is None:
        page = Page(path, body=bytes(page_bytes))
        _cache[path] = page
    return page

${PAGE_REQUESTS_PYTHON}: the cache still holds every page`,
  kind: 'lesson',
  parameters: PAGE_REQUEST_PARAMETERS,
  run(py: Runtime, context: WorkloadContext): void {
    // A strong cache: `_cache[path]` is the page itself.
    servePagesThroughCache(py, context, () => ({
      store: (page) => page,
      load: (entry) => entry,
    }));
  },
};
