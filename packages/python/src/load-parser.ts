/**
 * The parser: tree-sitter's Python grammar (`tree-sitter-python`, compiled to WebAssembly) run by
 * `web-tree-sitter`. Both `.wasm` files are read from the installed packages, never downloaded.
 * WebAssembly compiles asynchronously, so the parser is loaded once with `await loadParser()`; after
 * that, parsing is synchronous.
 *
 * @example
 * ```ts
 * import { isParserLoaded, loadParser } from '@pymm/python';
 * await loadParser();
 * isParserLoaded(); // true
 * ```
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

/**
 * A `.wasm` file of an installed package (`specifier`), or its copy beside this module where pymm is
 * bundled into one self-contained command (`@pymm/cli` copies both files next to its build).
 */
function packageFile(require: NodeJS.Require, specifier: string): string {
  try {
    return require.resolve(`./${specifier.slice(specifier.lastIndexOf('/') + 1)}`);
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    return require.resolve(specifier);
  }
}

let loading: Promise<Parser> | null = null;
let loaded: Parser | null = null;

/**
 * Loads the WebAssembly parser (once; later calls return at once). The asynchronous functions call
 * it themselves; call it before the synchronous ones.
 *
 * @example
 * ```ts
 * import { loadParser, parsePythonSync } from '@pymm/python';
 * await loadParser();
 * parsePythonSync('pass\n').ok; // true
 * ```
 */
export async function loadParser(): Promise<void> {
  if (loaded) return;
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const runtimeWasm = packageFile(require, 'web-tree-sitter/web-tree-sitter.wasm');
    await Parser.init({ locateFile: () => runtimeWasm });
    const grammar = readFileSync(packageFile(require, 'tree-sitter-python/tree-sitter-python.wasm'));
    const language = await Language.load(grammar);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  loaded = await loading;
}

/**
 * Whether {@link loadParser} has finished, so that the synchronous functions can run.
 *
 * @example
 * ```ts
 * import { isParserLoaded, parsePython } from '@pymm/python';
 * await parsePython('pass\n');
 * isParserLoaded(); // true
 * ```
 */
export function isParserLoaded(): boolean {
  return loaded !== null;
}

/** Runs tree-sitter on `source` (the caller deletes the tree). */
export function parseTree(source: string): Tree {
  if (!loaded)
    throw new Error('@pymm/python: call `await loadParser()` before the synchronous parse functions');
  const tree = loaded.parse(source);
  if (!tree) throw new Error('@pymm/python: tree-sitter returned no tree');
  return tree;
}
