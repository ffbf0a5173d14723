/**
 * The public API as a user sees it: what `index.ts` exports, that every export
 * documents itself with a TSDoc summary and an `@example`, and that every
 * example (and the README's TypeScript blocks) runs. An example line of the form `expression; // literal` is also
 * checked: the expression must equal the literal.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@pymm/core';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(here, { recursive: true, encoding: 'utf8' })
  .filter(
    (f) => f.endsWith('.ts') && !f.includes('.test.') && !f.includes('.bench.') && !f.startsWith('testing'),
  )
  .map((f) => ({ file: f, text: readFileSync(join(here, f), 'utf8') }));

/** Names `index.ts` re-exports (values and types). */
function exportedNames(): string[] {
  const index = readFileSync(join(here, 'index.ts'), 'utf8');
  const names: string[] = [];
  for (const block of index.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of block[1].split(',')) {
      const name = part.trim().replace(/^type\s+/, '');
      if (name) names.push(name);
    }
  }
  return names;
}

/** The TSDoc comment right before `export ... name`, wherever it is declared. */
function docOf(name: string): { file: string; doc: string } | undefined {
  const declaration = new RegExp(
    `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export\\s+(?:abstract\\s+)?(?:class|function|const|interface|type)\\s+${name}\\b`,
  );
  for (const { file, text } of sources) {
    const match = declaration.exec(text);
    if (match) return { file, doc: match[1] };
  }
  return undefined;
}

/** Every ```ts block under an `@example` tag in the sources, with where it is. */
function examples(): { where: string; code: string }[] {
  const out: { where: string; code: string }[] = [];
  for (const { file, text } of sources) {
    for (const comment of text.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\//g)) {
      const body = comment[1].replace(/^[ \t]*\* ?/gm, '');
      const at = body.indexOf('@example');
      if (at < 0) continue;
      const block = /```ts\n([\s\S]*?)```/.exec(body.slice(at));
      if (block)
        out.push({ where: `${file}:${text.slice(0, comment.index).split('\n').length}`, code: block[1] });
    }
  }
  return out;
}

/** Rewrites `expression; // literal` lines into checks. */
function withChecks(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const m = /^(\s*)([^/]+?);\s*\/\/\s*(.+)$/.exec(line);
      if (!m || /^(const|let|var|import|if|for|while|return|class|function|new )/.test(m[2].trim()))
        return line;
      if (/[=]/.test(m[2].replace(/===|!==|==|<=|>=|=>/g, ''))) return line;
      try {
        new Function(`return (${m[3]});`);
      } catch {
        return line; // prose, not a literal
      }
      return `${m[1]}__check(${m[2]}, ${m[3]}, ${JSON.stringify(line.trim())});`;
    })
    .join('\n');
}

function run(code: string): void {
  const js = ts.transpileModule(withChecks(code), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const modules: Record<string, unknown> = { '@pymm/core': core, '@pymm/mark-sweep': api };
  const require = (id: string) => {
    if (!(id in modules))
      throw new Error(`examples may import only @pymm/core and @pymm/mark-sweep, not ${id}`);
    return modules[id];
  };
  const check = (actual: unknown, expected: unknown, line: string) => {
    expect(actual, line).toEqual(expected);
  };
  new Function('require', 'exports', '__check', js)(require, {}, check);
}

describe('the public API', () => {
  it('exports the strategy, its factory and profile helper, and its parts', () => {
    expect(typeof api.markSweep).toBe('function');
    expect(typeof api.createMarkSweepStrategy).toBe('function');
    expect(core.createRuntime({ strategy: api.markSweep() }).strategy).toBeInstanceOf(api.MarkSweepStrategy);
    expect(exportedNames()).toEqual(
      expect.arrayContaining([
        'markSweep',
        'MarkSweepStrategy',
        'createMarkSweepStrategy',
        'MarkSweepOptions',
      ]),
    );
  });

  it('documents every export with a summary and an @example', () => {
    const missing: string[] = [];
    for (const name of exportedNames()) {
      const found = docOf(name);
      if (!found) missing.push(`${name}: no TSDoc comment before its declaration`);
      else if (!found.doc.includes('@example')) missing.push(`${name} (${found.file}): no @example`);
      else if (!/^\s*\*?\s*\w/.test(found.doc)) missing.push(`${name} (${found.file}): no summary`);
    }
    expect(missing).toEqual([]);
  });

  it('runs the README quick start', () => {
    const readme = readFileSync(join(here, '..', 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThan(0);
    for (const code of blocks) run(code);
  });

  const all = examples();
  it('has examples to run', () => {
    expect(all.length).toBeGreaterThan(20);
  });
  for (const { where, code } of all) {
    it(`runs the example at ${where}`, () => run(code));
  }
});
