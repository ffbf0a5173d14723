/**
 * A Vite plugin giving the module `virtual:parser-wasm`: the parser's two WebAssembly files
 * (`web-tree-sitter.wasm` and `tree-sitter-python.wasm`) as base64 text inside the bundle, because
 * a page opened from `file://` can fetch neither.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const ID = 'virtual:parser-wasm';
const RESOLVED = `\0${ID}`;

/** Serves `virtual:parser-wasm` (`runtime` and `grammar`, base64). */
export function parserWasm(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'pymm-playground-parser-wasm',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      const base64 = (specifier: string) => readFileSync(require.resolve(specifier)).toString('base64');
      return [
        `export const runtime = ${JSON.stringify(base64('web-tree-sitter/web-tree-sitter.wasm'))};`,
        `export const grammar = ${JSON.stringify(base64('tree-sitter-python/tree-sitter-python.wasm'))};`,
      ].join('\n');
    },
  };
}
