import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import { parserWasm } from './build/parser-wasm.js';
import { singleFile } from './build/single-file.js';

const shim = (name: string) => fileURLToPath(new URL(`./src/node-shims/${name}.ts`, import.meta.url));

/** Node's modules that `@pymm/python` imports, replaced by browser versions (see src/node-shims). */
const alias = ['fs', 'path', 'module', 'crypto'].flatMap((name) => [
  { find: `node:${name}`, replacement: shim(name) },
  { find: new RegExp(`^${name}$`), replacement: shim(name) },
]);

/** web-tree-sitter's Emscripten glue uses `eval` for its dynamic-linking path, which the parser never takes. */
const onwarn = (warning: { code?: string; id?: string }, warn: (w: never) => void) => {
  if (warning.code === 'EVAL' && warning.id?.includes('web-tree-sitter')) return;
  warn(warning as never);
};

export default defineConfig({
  base: './',
  // The workspace packages are bundled from their TypeScript sources.
  resolve: { alias, conditions: ['@pymm/source', ...defaultClientConditions] },
  worker: {
    format: 'iife',
    plugins: () => [
      parserWasm(),
      {
        name: 'quiet-eval',
        onLog: (_level, log) => !(log.code === 'EVAL' && log.id?.includes('web-tree-sitter')),
      },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 20_000,
    assetsInlineLimit: Number.POSITIVE_INFINITY,
    rollupOptions: { onwarn, output: { codeSplitting: false } },
  },
  plugins: [singleFile()],
});
