/**
 * `node:fs` in the browser: there is no real file system, so every path is missing (`ENOENT`).
 * `@pymm/python`'s virtual file system then keeps a program's files in memory only, and a program
 * finds no sibling module to import. The bundler puts this module where `node:fs` is imported.
 *
 * @module
 */

/** The error Node throws for a missing path. */
function missing(path: unknown): Error {
  return Object.assign(
    new Error(`ENOENT: no such file or directory, '${String(path)}' (the playground has no files)`),
    {
      code: 'ENOENT',
    },
  );
}

/** Throws `ENOENT`: the page has no files. */
export function readFileSync(path: unknown): never {
  throw missing(path);
}

/** Throws `ENOENT`: the page has no files. */
export function statSync(path: unknown): never {
  throw missing(path);
}

/** Throws `ENOENT`: the page has no files. */
export function openSync(path: unknown): never {
  throw missing(path);
}

/** Throws `ENOENT`: the page has no files. */
export function readSync(): never {
  throw missing('(descriptor)');
}

/** Does nothing (no descriptor was ever opened). */
export function closeSync(): void {}
