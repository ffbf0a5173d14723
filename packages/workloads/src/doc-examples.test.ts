/**
 * Every `@example` in this package's TSDoc, and every TypeScript block of its
 * README, runs here. A line `expression; // value` asserts that the
 * expression equals the value (when the comment parses as one); a README
 * block that logs must be followed by a `text` block holding exactly what it
 * printed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@pymm/core';
import * as generational from '@pymm/generational';
import * as markSweep from '@pymm/mark-sweep';
import * as refcount from '@pymm/refcount';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as binaryTrees from './binary-trees.js';
import * as bufferedReading from './buffered-reading.js';
import * as deepLinkedList from './deep-linked-list.js';
import * as delIntermediate from './del-intermediate.js';
import * as filesContextManager from './files-context-manager.js';
import * as gcCollect from './gc-collect.js';
import * as gcTraversal from './gc-traversal.js';
import * as globalCache from './global-cache.js';
import * as api from './index.js';
import * as listVsGenerator from './list-vs-generator.js';
import * as pageRequests from './page-requests.js';
import * as parameters from './parameters.js';
import * as randomGraphChurn from './random-graph-churn.js';
import * as referenceCycles from './reference-cycles.js';
import * as runWorkload from './run-workload.js';
import * as seededRandom from './seeded-random.js';
import * as slicesCopyVsView from './slices-copy-vs-view.js';
import * as smallIntAndStringCaches from './small-int-and-string-caches.js';
import * as suite from './suite.js';
import * as tuplesVsLists from './tuples-vs-lists.js';
import * as weakValueCache from './weak-value-cache.js';
import * as webRequests from './web-requests.js';
import * as workload from './workload.js';
import * as workloadContext from './workload-context.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Example {
  readonly where: string;
  readonly code: string;
  /** What the example must print, for README blocks followed by a `text` block. */
  readonly output: string | null;
}

function tsdocExamples(file: string): Example[] {
  const text = readFileSync(join(here, file), 'utf8');
  const examples: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const body = comment[1].replace(/^[ \t]*\* ?/gm, '');
    for (const block of body.matchAll(/@example\s*```ts\n([\s\S]*?)```/g)) {
      const line = text.slice(0, comment.index).split('\n').length;
      examples.push({ where: `${file}:${line}`, code: block[1], output: null });
    }
  }
  return examples;
}

function readmeExamples(): Example[] {
  const text = readFileSync(join(here, '..', 'README.md'), 'utf8');
  const blocks = [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
  const examples: Example[] = [];
  blocks.forEach((block, i) => {
    if (block[1] !== 'ts') return;
    const next = blocks[i + 1];
    const logs = block[2].includes('console.log');
    const line = text.slice(0, block.index).split('\n').length;
    examples.push({
      where: `README.md:${line}`,
      code: block[2],
      output: logs && next?.[1] === 'text' ? next[2].replace(/\n$/, '') : logs ? '' : null,
    });
  });
  return examples;
}

/** Whether a comment is a literal value to check (rather than prose or Python). */
function isExpectedValue(text: string): boolean {
  if (!/^(-?\d|['"`[{]|true\b|false\b|null\b|undefined\b)/.test(text)) return false;
  try {
    new Function(`return (${text});`);
    return true;
  } catch {
    return false;
  }
}

/** Turns an example into a function body: imports become lookups, `x; // v` becomes a check. */
function compile(example: Example): string {
  let code = example.code.replace(
    /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';/g,
    (_all, typeOnly: string | undefined, names: string, from: string) => {
      if (typeOnly) return '';
      const bindings = names
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '' && !n.startsWith('type '))
        .map((n) => n.replace(/\s+as\s+/, ': '));
      return `const { ${bindings.join(', ')} } = __modules[${JSON.stringify(from)}];`;
    },
  );
  code = code
    .split('\n')
    .map((line, i) => {
      const match = /^(\s*)(.+?);\s*\/\/\s*(.+?)\s*$/.exec(line);
      if (!match || /^(const|let|var|return|if|for|import)\b/.test(match[2]) || !isExpectedValue(match[3]))
        return line;
      return `${match[1]}__check(${match[2]}, ${match[3]}, ${JSON.stringify(`${example.where} (+${i + 1})`)});`;
    })
    .join('\n');
  return ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
}

async function run(example: Example, modules: Record<string, unknown>): Promise<string[]> {
  const printed: string[] = [];
  const check = (actual: unknown, expected: unknown, where: string) =>
    expect(actual, where).toEqual(expected);
  const log = (...values: unknown[]) => printed.push(values.map(String).join(' '));
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction('__modules', '__check', 'console', compile(example))(modules, check, { log });
  return printed;
}

const sources = readdirSync(here).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.script.ts') && f !== 'test-support.ts',
);

describe('documentation examples run', () => {
  const modules: Record<string, unknown> = {
    '@pymm/core': core,
    '@pymm/generational': generational,
    '@pymm/mark-sweep': markSweep,
    '@pymm/refcount': refcount,
    '@pymm/workloads': api,
    './binary-trees.js': binaryTrees,
    './buffered-reading.js': bufferedReading,
    './deep-linked-list.js': deepLinkedList,
    './del-intermediate.js': delIntermediate,
    './files-context-manager.js': filesContextManager,
    './gc-collect.js': gcCollect,
    './gc-traversal.js': gcTraversal,
    './global-cache.js': globalCache,
    './index.js': api,
    './list-vs-generator.js': listVsGenerator,
    './page-requests.js': pageRequests,
    './parameters.js': parameters,
    './random-graph-churn.js': randomGraphChurn,
    './reference-cycles.js': referenceCycles,
    './run-workload.js': runWorkload,
    './seeded-random.js': seededRandom,
    './slices-copy-vs-view.js': slicesCopyVsView,
    './small-int-and-string-caches.js': smallIntAndStringCaches,
    './suite.js': suite,
    './tuples-vs-lists.js': tuplesVsLists,
    './weak-value-cache.js': weakValueCache,
    './web-requests.js': webRequests,
    './workload.js': workload,
    './workload-context.js': workloadContext,
  };

  const examples = [...sources.flatMap(tsdocExamples), ...readmeExamples()];

  it('knows every source module (examples may import any of them)', () => {
    expect(sources.map((f) => `./${f.replace(/\.ts$/, '.js')}`).sort()).toEqual(
      Object.keys(modules)
        .filter((m) => m.startsWith('./'))
        .sort(),
    );
  });

  it('finds an example on every export of the public API', () => {
    const documented = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(join(here, file), 'utf8');
      for (const match of text.matchAll(
        /@example[\s\S]*?\*\/\s*export\s+(?:declare\s+)?(?:function|class|interface|type|const)\s+(\w+)/g,
      )) {
        documented.add(match[1]);
      }
    }
    const indexText = readFileSync(join(here, 'index.ts'), 'utf8');
    const typeExports = [...indexText.matchAll(/type (\w+)/g)].map((m) => m[1]);
    const typeOnlyBlock = /export type \{([^}]*)\}/.exec(indexText)?.[1] ?? '';
    const typeOnly = typeOnlyBlock
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    for (const name of [...Object.keys(api), ...typeExports, ...typeOnly])
      expect(documented, `${name} has no @example`).toContain(name);
    expect(examples.length).toBeGreaterThan(30);
  });

  for (const example of examples) {
    it(example.where, async () => {
      const printed = await run(example, modules);
      if (example.output !== null) expect(printed.join('\n')).toBe(example.output);
    });
  }
});
