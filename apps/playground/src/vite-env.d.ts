/// <reference types="vite/client" />

declare module 'virtual:parser-wasm' {
  /** `web-tree-sitter.wasm`, base64 (see build/parser-wasm.ts). */
  export const runtime: string;
  /** `tree-sitter-python.wasm`, base64. */
  export const grammar: string;
}
