/**
 * The request loop shared by the two cache workloads (`global-cache` and
 * `weak-value-cache`): the same seeded stream of page requests, served
 * through a cache that differs only in how it holds its pages.
 *
 * @module
 */

import type { Handle, Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import { randomBelow } from './seeded-random.js';
import type { WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

/** Requests served (scaled). */
export const REQUESTS: WorkloadParameter = {
  name: 'requests',
  description: 'Page requests served (scaled).',
  default: 40_000,
};
/** Pages the program keeps using at a time. */
export const RECENT_PAGES: WorkloadParameter = {
  name: 'recentPages',
  description: 'Pages the program keeps using (the `recent` list); older ones are dropped.',
  default: 100,
};
/** Probability that a request is for a page never seen before. */
export const NEW_PAGE_PROBABILITY: WorkloadParameter = {
  name: 'newPageProbability',
  description: 'Probability that a request asks for a new page; the others revisit a page in `recent`.',
  default: 0.1,
};
/** Size of a rendered page's body. */
export const PAGE_BYTES: WorkloadParameter = {
  name: 'pageBytes',
  description: "Size of each rendered page's body in bytes.",
  default: 2_048,
};

/** The parameters of both cache workloads. */
export const PAGE_REQUEST_PARAMETERS: readonly WorkloadParameter[] = [
  REQUESTS,
  RECENT_PAGES,
  NEW_PAGE_PROBABILITY,
  PAGE_BYTES,
];

/**
 * The Python of {@link servePageRequests}, for the workloads' `python`
 * listings (after their own `render`).
 */
export const PAGE_REQUESTS_PYTHON = `recent = []                                   # the pages the program is still using
for _ in range(requests):                     # phase: serve
    if not recent or random.random() < new_page_probability:
        path = new_path()
    else:
        path = random.choice(recent).path
    recent.append(render(path))
    if len(recent) > recent_pages:
        del recent[0]
recent.clear()                                # phase: drop-recent
gc.collect()                                  # phase: collect`;

/**
 * Serves the request stream. `render(path)` returns the page for `path` (a
 * temporary or borrowed handle) through the workload's cache. Requests
 * revisit only pages the program still holds in `recent`, or ask for new
 * ones, so whether a page is still cached never changes what the program
 * does: the operation stream is the same under every strategy.
 *
 * Phases: `serve`, `drop-recent` (`recent.clear()`), `collect` (`gc.collect()`).
 */
export function servePageRequests(
  py: Runtime,
  context: WorkloadContext,
  render: (path: string) => Handle,
): void {
  const requests = scaledCount(context, parameterValue(context, REQUESTS));
  const window = Math.max(1, parameterValue(context, RECENT_PAGES));
  const newPage = parameterValue(context, NEW_PAGE_PROBABILITY);
  const v = py.locals;
  // The paths of the pages in `recent`, in the same order (the program's own view of its list).
  const recentPaths: string[] = [];
  let pagesMade = 0;

  context.phase('serve');
  v.recent = py.list();
  for (let r = 0; r < requests; r++) {
    const path =
      recentPaths.length === 0 || context.random() < newPage
        ? `/page/${pagesMade++}`
        : recentPaths[randomBelow(context.random, recentPaths.length)];
    py.append(v.recent, render(path));
    recentPaths.push(path);
    if (recentPaths.length > window) {
      py.delitem(v.recent, 0);
      recentPaths.shift();
    }
  }

  context.phase('drop-recent');
  py.clear(v.recent);

  context.phase('collect');
  py.collect();
}

/** A page's body size, for the workloads' `render`. */
export function pageBytes(context: WorkloadContext): number {
  return parameterValue(context, PAGE_BYTES);
}

/** How a cache holds its pages: the value stored under a page's path, and the page behind it. */
export interface PageCache {
  /** The value `_cache[path]` holds for `page`: the page itself, or a weak reference to it. */
  store(page: Handle, path: Handle): Handle;
  /** The page behind a stored value. */
  load(entry: Handle): Handle;
}

/**
 * Serves the request stream through `_cache`, a module-level `dict`:
 * `render(path)` returns the cached page, or renders a new `Page` and caches
 * it. `holding(cache)` says how the cache holds its pages.
 */
export function servePagesThroughCache(
  py: Runtime,
  context: WorkloadContext,
  holding: (cache: Handle) => PageCache,
): void {
  const bodyBytes = pageBytes(context);
  const Page = py.class('Page');
  py.globals._cache = py.dict();
  const cache = py.globals._cache;
  const pages = holding(cache);
  servePageRequests(py, context, (path) =>
    py.call('render', (f) => {
      if (py.contains(cache, { str: path })) {
        f.page = pages.load(py.getitem(cache, { str: path }));
      } else {
        f.path = py.str(path);
        f.page = py.at('render', () => Page.new({ path: f.path, body: py.bytes(bodyBytes) }));
        py.setitem(cache, f.path, pages.store(f.page, f.path));
      }
      return f.page;
    }),
  );
}
