/**
 * Local link checking for the generated site: every `href` and `src` of a
 * page that points inside the site must name a file that exists, and a
 * `#fragment` into a static page must name an element id of that page.
 * Links to other sites are allowed (`https:`, `mailto:`), resources from
 * other sites are not: the site must work offline from disk.
 *
 * @module
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One reference found in a page. */
export interface PageLink {
  readonly attribute: 'href' | 'src';
  readonly value: string;
}

/**
 * The `href` and `src` values of an HTML page (entities `&amp;` decoded).
 *
 * @example
 * ```ts
 * import { linksOf } from './link-check.js';
 * linksOf('<a href="a.html#x">a</a><img src="i.png">').map((l) => l.value); // ['a.html#x', 'i.png']
 * ```
 */
export function linksOf(html: string): PageLink[] {
  const links: PageLink[] = [];
  for (const match of html.matchAll(/\s(href|src)\s*=\s*"([^"]*)"/g)) {
    links.push({ attribute: match[1] as 'href' | 'src', value: match[2].replace(/&amp;/g, '&') });
  }
  return links;
}

/**
 * The element ids of an HTML page.
 *
 * @example
 * ```ts
 * import { idsOf } from './link-check.js';
 * [...idsOf('<h2 id="a">A</h2><svg><title id="b"/></svg>')]; // ['a', 'b']
 * ```
 */
export function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid\s*=\s*"([^"]*)"/g)].map((m) => m[1]));
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Checks the links of the pages at `pages` (paths relative to `siteDir`).
 * Fragments are checked for targets listed in `staticPages` (pages whose ids
 * are all in their HTML; the report builds its sections with a script, so
 * its fragments are checked in the browser test instead). Returns one
 * message per broken link; empty when all is well.
 *
 * @example
 * ```ts
 * import { checkLinks } from './link-check.js';
 * checkLinks('/nonexistent-site', [], new Set()); // []
 * ```
 */
export function checkLinks(
  siteDir: string,
  pages: readonly string[],
  staticPages: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const idCache = new Map<string, Set<string>>();
  const idsIn = (file: string) => {
    let ids = idCache.get(file);
    if (!ids) {
      ids = idsOf(readFileSync(file, 'utf8'));
      idCache.set(file, ids);
    }
    return ids;
  };
  for (const page of pages) {
    const file = join(siteDir, page);
    const html = readFileSync(file, 'utf8');
    for (const link of linksOf(html)) {
      const where = `${page}: ${link.attribute}="${link.value}"`;
      if (link.value === '') {
        problems.push(`${where}: empty link`);
        continue;
      }
      if (EXTERNAL.test(link.value)) {
        if (link.attribute === 'src' && !link.value.startsWith('data:')) {
          problems.push(`${where}: a resource from another site (the site must work offline)`);
        } else if (/^(?:file|javascript):/i.test(link.value)) {
          problems.push(`${where}: not a portable link`);
        }
        continue;
      }
      const hashAt = link.value.indexOf('#');
      const pathPart = (hashAt < 0 ? link.value : link.value.slice(0, hashAt)).replace(/\?.*$/, '');
      const fragment = hashAt < 0 ? '' : decodeURIComponent(link.value.slice(hashAt + 1));
      let target = pathPart === '' ? file : resolve(dirname(file), decodeURIComponent(pathPart));
      if (pathPart.endsWith('/') || (existsSync(target) && statSync(target).isDirectory())) {
        target = join(target, 'index.html');
      }
      const relativeTarget = relative(siteDir, target);
      if (relativeTarget.startsWith('..')) {
        problems.push(`${where}: points outside the site`);
        continue;
      }
      if (!existsSync(target)) {
        problems.push(`${where}: ${relativeTarget} does not exist`);
        continue;
      }
      if (
        fragment !== '' &&
        staticPages.has(relativeTarget.split('\\').join('/')) &&
        !idsIn(target).has(fragment)
      ) {
        problems.push(`${where}: no element with id '${fragment}' in ${relativeTarget}`);
      }
    }
  }
  return problems;
}
