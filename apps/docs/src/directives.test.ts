import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  conformanceMarkdown,
  DirectiveError,
  type DirectiveSources,
  expandDirectives,
  plainToMarkdown,
  type WorkloadDescription,
  workloadsMarkdown,
} from './directives.js';

const WORKLOAD: WorkloadDescription = {
  name: 'reference-cycles',
  title: 'Reference cycles',
  lesson: 'Cycles run __del__ too, see `gc.collect()` [1].',
  python: 'a = []\na.append(a)  # ``` inside',
  kind: 'lesson',
  parameters: [{ name: 'pairs', description: 'Node pairs | created (scaled).', default: 20000 }],
  phases: ['pairs', 'collect'],
};

function sources(root: string): DirectiveSources {
  return {
    root,
    workloads: () => [WORKLOAD],
    conformance: () => [{ profile: 'cpython-3.11', python: '3.11.7', traces: 76, exact: 75 }],
  };
}

describe('directives', () => {
  it('include a repository file as a fenced block that survives backticks inside it', () => {
    const root = mkdtempSync(join(tmpdir(), 'pymm-directives-'));
    writeFileSync(join(root, 'example.ts'), 'const fence = "```";\n');
    const out = expandDirectives('before\n<!-- pymm:include example.ts -->\nafter', sources(root));
    expect(out).toBe('before\n````ts\nconst fence = "```";\n````\nafter');
  });

  it('fail loudly on a missing file, a missing path and an unknown directive', () => {
    const root = mkdtempSync(join(tmpdir(), 'pymm-directives-'));
    expect(() => expandDirectives('<!-- pymm:include nope.ts -->', sources(root))).toThrow(
      'pymm:include nope.ts',
    );
    expect(() => expandDirectives('<!-- pymm:include -->', sources(root))).toThrow(DirectiveError);
    expect(() => expandDirectives('<!-- pymm:workload -->', sources(root))).toThrow(
      "unknown directive 'pymm:workload'",
    );
    expect(expandDirectives('<!-- an ordinary comment -->', sources(root))).toBe(
      '<!-- an ordinary comment -->',
    );
  });

  it('write a section per workload, with its lesson, Python, phases, parameters and report link', () => {
    const md = workloadsMarkdown([WORKLOAD]);
    expect(md).toContain('### Reference cycles {#reference-cycles}');
    expect(md).toContain('[see it in the report](../report/index.html#reference-cycles)');
    expect(md).toContain('> Cycles run \\_\\_del\\_\\_ too, see `gc.collect()` \\[1\\].');
    expect(md).toContain('````python\na = []\na.append(a)  # ``` inside\n````');
    expect(md).toContain('Phases, in order: `pairs`, `collect`.');
    expect(md).toContain('| `pairs` | 20,000 | Node pairs \\| created (scaled). |');
  });

  it('write the conformance figures as the table pymm conformance prints', () => {
    expect(conformanceMarkdown([{ profile: 'cpython-3.12', python: '3.12.1', traces: 76, exact: 76 }])).toBe(
      '| profile | recorded by | corpus traces exact |\n|---|---|---|\n| `cpython-3.12` | CPython 3.12.1 | 76 of 76 |',
    );
    expect(() => conformanceMarkdown([])).toThrow('no profile has recorded results');
    expect(expandDirectives('<!-- pymm:conformance -->', sources('.'))).toContain('75 of 76');
  });

  it('escape Markdown outside code spans only', () => {
    expect(plainToMarkdown('a_b `c_d` *e*')).toBe('a\\_b `c_d` \\*e\\*');
  });
});
