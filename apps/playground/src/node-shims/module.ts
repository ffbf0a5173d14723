/**
 * `node:module` in the browser: there are no installed packages to resolve; the playground gives
 * `loadParser` the parser's WebAssembly bytes instead.
 *
 * @module
 */

/** Throws: a page cannot resolve installed packages. */
export function createRequire(): never {
  throw new Error(
    'the playground cannot resolve installed packages (it passes the WebAssembly bytes instead)',
  );
}
