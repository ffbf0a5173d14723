/**
 * `node:path` in the browser: the POSIX functions `@pymm/python` uses, on `/`-separated paths,
 * with `/` as the working directory.
 *
 * @module
 */

/** Whether `path` starts at the root. */
export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

/** `path` without `.`, `..` and repeated slashes. */
export function normalize(path: string): string {
  const absolute = isAbsolute(path);
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** The parts joined with `/`, normalised. */
export function join(...parts: string[]): string {
  return normalize(parts.filter((p) => p !== '').join('/') || '.');
}

/** The parts resolved from the working directory `/`, right to left up to an absolute one. */
export function resolve(...parts: string[]): string {
  let path = '';
  for (let i = parts.length - 1; i >= 0 && !isAbsolute(path); i--)
    path = path ? `${parts[i]}/${path}` : parts[i];
  return normalize(isAbsolute(path) ? path : `/${path}`);
}

/** The directory part of `path`. */
export function dirname(path: string): string {
  const cut = normalize(path).replace(/\/[^/]*$/, '');
  if (cut === '') return isAbsolute(path) ? '/' : '.';
  return cut === normalize(path) ? '.' : cut;
}

/** The last part of `path`. */
export function basename(path: string): string {
  return normalize(path).split('/').at(-1) ?? '';
}

/** The path from `from` to `to`. */
export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

/** The POSIX flavour (the only one here). */
export const posix = { isAbsolute, normalize, join, resolve, dirname, basename, relative, sep: '/' };

export const sep = '/';

export default posix;
