/**
 * Directives: HTML comments in a guide's Markdown that the site build
 * replaces with Markdown generated from the repository, so that what a guide
 * quotes cannot drift from the code. On GitHub they stay invisible comments.
 *
 * - `<!-- pymm:include PATH -->`: the file at PATH (relative to the
 *   repository root) as a fenced code block.
 * - `<!-- pymm:workloads -->`: one section per workload of the default suite,
 *   from its `title`, `lesson`, `python`, `kind` and `parameters`.
 * - `<!-- pymm:conformance -->`: the table `pnpm pymm conformance` prints.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { WorkloadSummary } from '@pymm/workloads';

/** A workload as the lessons guide shows it (a subset of `Workload` from `@pymm/workloads`). */
export interface WorkloadDescription extends WorkloadSummary {
  readonly parameters: readonly {
    readonly name: string;
    readonly description: string;
    readonly default: number;
  }[];
  /** Phase names in the order the workload runs them. */
  readonly phases: readonly string[];
}

/** One profile's line of `pymm conformance --json`. */
export interface ConformanceFigure {
  readonly profile: string;
  readonly python: string | null;
  readonly traces: number;
  readonly exact: number;
}

/** Where directives get their data; the site build passes the real sources, tests pass fixtures. */
export interface DirectiveSources {
  /** The repository root, against which `pymm:include` paths resolve. */
  readonly root: string;
  readonly workloads: () => readonly WorkloadDescription[];
  readonly conformance: () => readonly ConformanceFigure[];
}

/** A directive that cannot be expanded; the message says which and why. */
export class DirectiveError extends Error {
  override readonly name = 'DirectiveError';
}

const LANGUAGES: Record<string, string> = {
  '.ts': 'ts',
  '.py': 'python',
  '.json': 'json',
  '.jsonl': 'json',
  '.sh': 'sh',
};

/** A fenced code block that survives any backticks inside `text`. */
function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${text.replace(/\n$/, '')}\n${ticks}`;
}

/**
 * Text written for people, not as Markdown (a workload's lesson): backtick
 * spans stay code, and everything else that Markdown would interpret
 * (`__del__` as bold, `[x]` as a link) is escaped.
 *
 * @example
 * ```ts
 * import { plainToMarkdown } from './directives.js';
 * plainToMarkdown('runs __del__ in a `with` block'); // 'runs \\_\\_del\\_\\_ in a `with` block'
 * ```
 */
export function plainToMarkdown(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\*_[\]<>|#]/g, (c) => `\\${c}`)))
    .join('');
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US');
}

/**
 * Markdown for the workloads, one `###` section each, with an explicit
 * heading id equal to the workload's name (the report uses the same anchor).
 *
 * @example
 * ```ts
 * import { workloadsMarkdown } from './directives.js';
 * workloadsMarkdown([{ name: 'w', title: 'W', lesson: 'L.', python: 'x = 1', kind: 'lesson', parameters: [], phases: ['p'] }])
 *   .startsWith('### W {#w}'); // true
 * ```
 */
export function workloadsMarkdown(workloads: readonly WorkloadDescription[]): string {
  return workloads
    .map((w) => {
      const kind = w.kind === 'lesson' ? 'Python memory lesson' : 'Collector benchmark';
      const lines = [
        `### ${w.title} {#${w.name}}`,
        '',
        `${kind} · \`${w.name}\` · [see it in the report](../report/index.html#${w.name})`,
        '',
        `> ${plainToMarkdown(w.lesson)}`,
        '',
        'The Python it models:',
        '',
        fence(w.python, 'python'),
        '',
        `Phases, in order: ${w.phases.map((p) => `\`${p}\``).join(', ')}.`,
        '',
      ];
      if (w.parameters.length > 0) {
        lines.push('| parameter | default | meaning |', '|---|--:|---|');
        for (const p of w.parameters) {
          lines.push(`| \`${p.name}\` | ${formatNumber(p.default)} | ${plainToMarkdown(p.description)} |`);
        }
        lines.push('');
      }
      return lines.join('\n');
    })
    .join('\n');
}

/**
 * The conformance figures as a Markdown table.
 *
 * @example
 * ```ts
 * import { conformanceMarkdown } from './directives.js';
 * conformanceMarkdown([{ profile: 'cpython-3.11', python: '3.11.7', traces: 76, exact: 76 }]).includes('76 of 76'); // true
 * ```
 */
export function conformanceMarkdown(figures: readonly ConformanceFigure[]): string {
  if (figures.length === 0) throw new DirectiveError('pymm:conformance: no profile has recorded results');
  return [
    '| profile | recorded by | corpus traces exact |',
    '|---|---|---|',
    ...figures.map(
      (f) => `| \`${f.profile}\` | CPython ${f.python ?? '(unknown)'} | ${f.exact} of ${f.traces} |`,
    ),
  ].join('\n');
}

/**
 * Replaces every directive in `source` with the Markdown it stands for.
 * Unknown `pymm:` directives are errors, so a typo cannot silently drop content.
 *
 * @example
 * ```ts
 * import { expandDirectives } from './directives.js';
 * const sources = { root: '.', workloads: () => [], conformance: () => [] };
 * expandDirectives('no directive here', sources); // 'no directive here'
 * ```
 */
export function expandDirectives(source: string, sources: DirectiveSources): string {
  return source.replace(/<!--\s*pymm:([a-z-]+)\s*([^>]*?)\s*-->/g, (_all, name: string, argument: string) => {
    switch (name) {
      case 'include': {
        if (!argument) throw new DirectiveError('pymm:include needs a path relative to the repository root');
        let text: string;
        try {
          text = readFileSync(join(sources.root, argument), 'utf8');
        } catch (error) {
          throw new DirectiveError(`pymm:include ${argument}: ${(error as Error).message}`);
        }
        return fence(text, LANGUAGES[extname(argument)] ?? '');
      }
      case 'workloads':
        return workloadsMarkdown(sources.workloads());
      case 'conformance':
        return conformanceMarkdown(sources.conformance());
      default:
        throw new DirectiveError(`unknown directive 'pymm:${name}' (known: include, workloads, conformance)`);
    }
  });
}
