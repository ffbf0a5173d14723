/**
 * The subset check: pymm runs a documented subset of Python 3.11 (docs/guides/python-subset.md), and
 * a program that uses anything else is refused before it runs, naming the file, line, column and
 * construct: `prog.py:12:1: 'async def' is not supported by pymm (see docs/guides/python-subset.md)`.
 *
 * @example
 * ```ts
 * import { checkSubset, loadParser, parsePythonSync } from '@pymm/python';
 * await loadParser();
 * const source = 'import gc\n\nasync def main():\n    pass\n';
 * const parsed = parsePythonSync(source);
 * const refusal = parsed.ok ? checkSubset(parsed.module, source, { filename: 'prog.py' }) : null;
 * refusal?.toString(); // "prog.py:3:1: 'async def' is not supported by pymm (see docs/guides/python-subset.md)"
 * ```
 */
import type { Located, Module, Node } from './ast-nodes.js';
import { SourceText } from './source-positions.js';

/**
 * Where the subset is documented, relative to the repository root (every refusal names it).
 *
 * @example
 * ```ts
 * import { SUBSET_GUIDE } from '@pymm/python';
 * SUBSET_GUIDE; // 'docs/guides/python-subset.md'
 * ```
 */
export const SUBSET_GUIDE = 'docs/guides/python-subset.md';

/**
 * The modules a program may import (`import m` or `from m import ...`); importing any other is refused.
 * `unittest` is pymm's own small module, written in Python (`packages/python/python-lib/unittest.py`).
 *
 * @example
 * ```ts
 * import { SUPPORTED_MODULES } from '@pymm/python';
 * SUPPORTED_MODULES.includes('gc'); // true
 * SUPPORTED_MODULES.includes('os'); // false
 * ```
 */
export const SUPPORTED_MODULES: readonly string[] = [
  'gc',
  'sys',
  'weakref',
  'tracemalloc',
  'random',
  'itertools',
  'io',
  'time',
  'unittest',
];

/**
 * A construct outside pymm's subset, and where it is: valid Python that pymm refuses to run.
 *
 * @example
 * ```ts
 * import { checkProgram, SubsetError } from '@pymm/python';
 * const result = await checkProgram('x = 1\nprint(x := 2)\n', { filename: 'prog.py' });
 * const error = result.ok ? null : result.error;
 * error instanceof SubsetError; // true
 * [error?.filename, error?.line, error?.column]; // ['prog.py', 2, 7]
 * error instanceof SubsetError && error.construct; // "':=' (assignment expression)"
 * ```
 */
export class SubsetError {
  constructor(
    readonly filename: string,
    /** 1-based line. */
    readonly line: number,
    /** 1-based column, in characters. */
    readonly column: number,
    /** The construct, as the message names it (`'async def'`). */
    readonly construct: string,
  ) {}

  /** The message without the place: `'async def' is not supported by pymm (see ...)`. */
  get message(): string {
    return `${this.construct} is not supported by pymm (see ${SUBSET_GUIDE})`;
  }

  /** `prog.py:12:1: 'async def' is not supported by pymm (see docs/guides/python-subset.md)`. */
  toString(): string {
    return `${this.filename}:${this.line}:${this.column}: ${this.message}`;
  }
}

/**
 * Options of {@link checkSubset}.
 *
 * @example
 * ```ts
 * import { checkSubset, parsePython, type SubsetOptions } from '@pymm/python';
 * const source = 'import os\n';
 * const parsed = await parsePython(source);
 * const options: SubsetOptions = { filename: 'tool.py' };
 * parsed.ok && checkSubset(parsed.module, source, options)?.toString(); // "tool.py:1:8: module 'os' is not supported by pymm (see docs/guides/python-subset.md)"
 * ```
 */
export interface SubsetOptions {
  /** The file name refusals name (default `<unknown>`). */
  readonly filename?: string;
  /** Whether the program's own directory holds a module `name` (`helpers.py`), which it may then import. */
  readonly localModule?: (name: string) => boolean;
}

/**
 * The first construct of `module` outside pymm's subset, in source order, or `null` when the whole
 * program is inside it. `source` is the text `module` was parsed from (for columns in characters).
 *
 * @example
 * ```ts
 * import { checkSubset, parsePython } from '@pymm/python';
 * const source = 'import gc\ngc.collect()\n';
 * const parsed = await parsePython(source);
 * parsed.ok && checkSubset(parsed.module, source); // null
 * ```
 */
export function checkSubset(module: Module, source: string, options: SubsetOptions = {}): SubsetError | null {
  const text = new SourceText(source);
  const filename = options.filename ?? '<unknown>';
  const found: { at: Located; construct: string }[] = [];
  const stack: unknown[] = [module];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    if (value === null || typeof value !== 'object' || !('_type' in value)) continue;
    const node = value as Node;
    const construct = refusedConstruct(node, options.localModule ?? noLocalModules);
    if (construct) found.push({ at: construct.at ?? (node as Located), construct: construct.name });
    const children = Object.values(node).filter((v) => typeof v === 'object' && v !== null);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  if (found.length === 0) return null;
  found.sort((a, b) => a.at.lineno - b.at.lineno || a.at.col_offset - b.at.col_offset);
  const { at, construct } = found[0];
  const column = text.charColumn(text.indexOf(at.lineno, at.col_offset), at.lineno) + 1;
  return new SubsetError(filename, at.lineno, column, construct);
}

const noLocalModules = () => false;

function refusedConstruct(
  node: Node,
  localModule: (name: string) => boolean,
): { name: string; at?: Located } | null {
  switch (node._type) {
    case 'AsyncFunctionDef':
      return { name: "'async def'" };
    case 'AsyncFor':
      return { name: "'async for'" };
    case 'AsyncWith':
      return { name: "'async with'" };
    case 'Await':
      return { name: "'await'" };
    case 'Match':
      return { name: "'match'" };
    case 'TryStar':
      return { name: "'except*'" };
    case 'NamedExpr':
      return { name: "':=' (assignment expression)" };
    case 'comprehension':
      return node.is_async ? { name: "'async for' in a comprehension", at: node.target } : null;
    case 'FunctionDef':
    case 'ClassDef':
      if (node._type === 'ClassDef') {
        if (node.bases.length > 1) return { name: 'multiple inheritance', at: node.bases[1] };
        if (node.keywords.length > 0) return { name: 'class keywords (metaclass=...)', at: node.keywords[0] };
      }
      return null;
    case 'Import':
      for (const alias of node.names)
        if (!SUPPORTED_MODULES.includes(alias.name) && !localModule(alias.name))
          return { name: `module '${alias.name}'`, at: alias };
      return null;
    case 'ImportFrom':
      if (node.level > 0) return { name: 'relative import' };
      if (!node.module || !(SUPPORTED_MODULES.includes(node.module) || localModule(node.module)))
        return { name: `module '${node.module}'` };
      if (node.names.some((a) => a.name === '*')) return { name: "'import *'" };
      return null;
    case 'Constant':
      if (node.value !== null && typeof node.value === 'object' && 'imag' in node.value)
        return { name: 'complex numbers' };
      return null;
    default:
      return null;
  }
}
