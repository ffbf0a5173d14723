import { execFileSync } from 'node:child_process';
import { createRuntime, type Runtime } from '@pymm/core';
import { nodeExample } from '@pymm/testkit/node-cycle';
import { describe, expect, it } from 'vitest';
import { leakReport } from './leak-report.js';
import { dotString, leakReportToDot, toDot } from './leak-report-dot.js';
import { refcount } from './refcount-strategy.js';

function counting(): Runtime {
  return createRuntime({ strategy: refcount() });
}

/** Whether Graphviz's `dot` is installed (.ci/run installs it; the structural checks below need none). */
const hasGraphviz = (() => {
  try {
    execFileSync('dot', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Checks DOT text without Graphviz: every line's strings are closed, only
 * DOT's escapes appear in them, and braces balance.
 */
function expectWellFormedDot(dot: string): void {
  let depth = 0;
  for (const line of dot.split('\n')) {
    let inString = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (inString) {
        if (ch === '\\') {
          expect(['\\', '"', 'n'], `escape in ${line}`).toContain(line[i + 1]);
          i++;
        } else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
    expect(inString, `unterminated string in: ${line}`).toBe(false);
  }
  expect(depth).toBe(0);
}

/** A leaked dict whose keys are hard to quote. */
function nastyKeys(py: Runtime): void {
  const v = py.locals;
  v.d = py.dict();
  for (const key of [
    'say "hi"',
    'back\\slash',
    'two\nlines',
    "it's",
    'tab\there',
    '{braces} -> [x]',
    'é→😀',
  ]) {
    py.setitem(v.d, { str: key }, v.d);
  }
  py.del('d');
}

describe('dotString', () => {
  it('escapes quotes and backslashes, turns line breaks into \\n and drops other control characters', () => {
    expect(dotString('plain')).toBe('"plain"');
    expect(dotString('say "hi"')).toBe('"say \\"hi\\""');
    expect(dotString('a\\b')).toBe('"a\\\\b"');
    expect(dotString('one\ntwo\r\nthree\rfour')).toBe('"one\\ntwo\\nthree\\nfour"');
    expect(dotString('bell\u0007 del\u007f tab\t')).toBe('"bell del tab"');
    expect(dotString('é→😀')).toBe('"é→😀"');
  });
});

describe('toDot', () => {
  it("draws the Node example as objgraph draws a cycle: boxes with type, handle and size, 'ref' arrows", () => {
    const py = counting();
    const [a, b] = nodeExample(py);
    expect(toDot(leakReport(py).groups[0])).toBe(
      [
        'digraph "leak group 1" {',
        '  label="group 1: cycle of 2 objects, 112 bytes";',
        '  node [shape=box, fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
        `  "o${a}" [label="Node #${a}\\n56 bytes", style=filled, fillcolor="#f4cccc"];`,
        `  "o${b}" [label="Node #${b}\\n56 bytes", style=filled, fillcolor="#f4cccc"];`,
        `  "o${a}" -> "o${b}" [label="ref"];`,
        `  "o${b}" -> "o${a}" [label="ref"];`,
        '}',
      ].join('\n'),
    );
  });

  it('quotes dict keys that hold quotes, backslashes, line breaks and braces', () => {
    const py = counting();
    nastyKeys(py);
    const dot = toDot(leakReport(py).groups[0]);
    expectWellFormedDot(dot);
    expect(dot).toContain(`[label="['say \\"hi\\"']"]`);
    expect(dot).toContain(`[label="['back\\\\\\\\slash']"]`); // Python's repr doubles it, DOT doubles both
    expect(dot).toContain(`[label="['two\\\\nlines']"]`); // repr's \n, shown literally
    expect(dot).toContain(`[label="[\\"it's\\"]"]`);
  });

  it('produces DOT that Graphviz parses', ({ skip }) => {
    // Off CI a missing Graphviz skips this test (the run ends saying how to install it); under CI it fails.
    skip(!hasGraphviz && !process.env.CI, 'Graphviz is not installed: apt-get install -y graphviz');
    expect(hasGraphviz, 'Graphviz must be installed (apt-get install -y graphviz)').toBe(true);
    const py = counting();
    nastyKeys(py);
    nodeExample(py);
    const dot = leakReportToDot(leakReport(py));
    const canonical = execFileSync('dot', ['-Tcanon'], { input: dot, encoding: 'utf8' });
    expect(canonical).toContain('digraph "leak report"');
    expect(canonical).toContain('say \\"hi\\"');
  });
});

describe('leakReportToDot', () => {
  it('draws each group as a cluster, and a dashed arrow from a group to each group it refers to', () => {
    const py = counting();
    const N = py.class('N');
    const v = py.locals;
    v.x = N.new();
    py.setattr(v.x, 'self', v.x);
    v.y = N.new({ data: py.list() });
    py.setattr(v.y, 'self', v.y);
    py.setattr(v.x, 'other', v.y);
    const [x, y] = [v.x, v.y];
    py.del('x', 'y');
    const report = leakReport(py);
    expect(report.groups.map((g) => g.objects[0].handle)).toEqual([y, x]);
    const dot = leakReportToDot(report);
    expectWellFormedDot(dot);
    expect(dot.split('\n').filter((line) => line.includes('subgraph'))).toEqual([
      '  subgraph "cluster_1" {',
      '  subgraph "cluster_2" {',
    ]);
    expect(dot).toContain('label="3 objects (168 bytes) unreachable in 2 groups";');
    expect(dot).toContain(
      '    label="group 1: cycle of 2 objects (1 in the cycle), 112 bytes; referenced from group 2";',
    );
    expect(dot).toContain(
      `  "o${x}" -> "o${y}" [ltail="cluster_2", lhead="cluster_1", style=dashed, label="refers to"];`,
    );
  });

  it('says when nothing leaked', () => {
    const py = counting();
    expect(leakReportToDot(leakReport(py))).toContain('label="nothing leaked";');
  });
});
