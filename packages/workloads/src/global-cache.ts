/**
 * A module-level dict used as a cache: everything it ever stored stays alive.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { PAGE_REQUEST_PARAMETERS, pageBytes, servePageRequests } from './page-requests.js';
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

recent = []                                   # the pages the program is still using
for _ in range(requests):                     # phase: serve
    if not recent or random.random() < new_page_probability:
        path = new_path()
    else:
        path = random.choice(recent).path
    recent.append(render(path))
    if len(recent) > recent_pages:
        del recent[0]
recent.clear()                                # phase: drop-recent
gc.collect()                                  # phase: collect: the cache still holds every page`,
  kind: 'lesson',
  parameters: PAGE_REQUEST_PARAMETERS,
  run(py: Runtime, context: WorkloadContext): void {
    const bodyBytes = pageBytes(context);
    const Page = py.class('Page');
    py.globals._cache = py.dict();
    const cache = py.globals._cache;
    servePageRequests(py, context, (path) =>
      py.call('render', (f) => {
        if (py.contains(cache, { str: path })) {
          f.page = py.getitem(cache, { str: path });
        } else {
          f.path = py.str(path);
          f.page = py.at('render', () => Page.new({ path: f.path, body: py.bytes(bodyBytes) }));
          py.setitem(cache, f.path, f.page);
        }
        return f.page;
      }),
    );
  },
};
