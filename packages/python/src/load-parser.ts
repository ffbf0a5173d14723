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
 * The parser's two WebAssembly files as bytes, for {@link loadParser} where there is no file system
 * to read them from (a browser page bundles them).
 *
 * @example
 * ```ts
 * import type { ParserWasm } from '@pymm/python';
 * const wasm: ParserWasm = { runtime: new Uint8Array(0), grammar: new Uint8Array(0) };
 * wasm.runtime.length; // 0
 * ```
 */
export interface ParserWasm {
  /** `web-tree-sitter/web-tree-sitter.wasm`. */
  readonly runtime: Uint8Array;
  /** `tree-sitter-python/tree-sitter-python.wasm`. */
  readonly grammar: Uint8Array;
}

/**
 * Loads the WebAssembly parser (once; later calls return at once). The asynchronous functions call
 * it themselves; call it before the synchronous ones. Without `wasm`, the two files are read from
 * the installed packages; a browser passes their bytes.
 *
 * @example
 * ```ts
 * import { loadParser, parsePythonSync } from '@pymm/python';
 * await loadParser();
 * parsePythonSync('pass\n').ok; // true
 * ```
 */
export async function loadParser(wasm?: ParserWasm): Promise<void> {
  if (loaded) return;
  loading ??= (async () => {
    if (wasm) {
      await Parser.init({ wasmBinary: wasm.runtime });
      const parser = new Parser();
      parser.setLanguage(await Language.load(wasm.grammar));
      return parser;
    }
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
