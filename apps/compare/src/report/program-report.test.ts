import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCompare } from '../commands/compare.js';
import type { Comparison } from '../comparison/run-comparison.js';
import { findCPython } from '../measure/cpython-column.js';
import { CHROMIUM, launchChromium } from '../testing/chromium.js';

/** A program written for this test (not a workload): cycles, a file left open, a with block, tuples. */
const PROGRAM = `import gc

class Node:
    def __init__(self, i):
        self.i = i
        self.other = None

def rings(n):
    for i in range(n):
        a = Node(i)
        b = Node(i)
        a.other = b
        b.other = a

log = open("log.txt", "w")
log.write("start\\n")
rings(1500)
with open("data.txt", "w") as f:
    f.write("x" * 1000)
rows = [(i, str(i)) for i in range(3000)]
print(len(rows), rows[-1])
`;

const lineOf = (text: string) => PROGRAM.split('\n').indexOf(text) + 1;

describe('pymm compare prog.py: the report of a program of ours', () => {
  it('shows the source with its attribution, the attribution charts and the CPython column, with no console errors', async ({
    skip,
  }) => {
    skip(CHROMIUM === undefined && !process.env.CI, 'Chromium is not installed: apt-get install -y chromium');
    expect(CHROMIUM, 'chromium must be installed (apt-get install -y chromium)').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'pymm-program-report-'));
    writeFileSync(join(dir, 'rings.py'), PROGRAM);
    const out = join(dir, 'out');
    mkdirSync(out);
    const result = await runCompare({ programs: ['rings.py'], jobs: '1', out, cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as Comparison;
    expect(comparison.workloads.map((w) => [w.name, w.language, w.filename, w.python])).toEqual([
      ['rings', 'python', 'rings.py', PROGRAM],
    ]);
    expect(comparison.workloads[0].identicalStreams).toBe(true);
    const python = findCPython('3.11');
    if (python !== null) {
      expect(comparison.cpython.runs).toHaveLength(1);
      expect(comparison.cpython.runs[0].stdoutMatches).toBe(true);
      expect(comparison.cpython.runs[0].pymmLabel).toBe('generational');
    } else {
      expect(comparison.cpython.status).toBe('skipped');
    }
    const browser = await launchChromium(CHROMIUM);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      await page.waitForFunction(() => {
        const charts = document.querySelectorAll('.chart');
        return charts.length > 0 && [...charts].every((c) => c.getAttribute('data-rendered') === 'true');
      });
      const count = await page.evaluate(() => document.querySelectorAll('.chart').length);
      expect(count).toBe(Number(await page.evaluate(() => document.body.getAttribute('data-charts'))));
      const titles = await page.evaluate(() =>
        [...document.querySelectorAll('.chart')].map((c) => c.getAttribute('data-chart')),
      );
      expect(titles).toContain('Lines that allocated most (bytes)');
      expect(titles).toContain('Where collections started (per line)');
      const sizes = await page.evaluate(() =>
        [...document.querySelectorAll('.chart')].map((chart) => {
          const canvas = chart.querySelector('canvas');
          return canvas ? canvas.width * canvas.height : 0;
        }),
      );
      expect(sizes.every((area) => area > 0)).toBe(true);
      // The source, one row per line, the line that opened the file left open marked.
      const rows = await page.evaluate(() =>
        [...document.querySelectorAll('table.source tr[data-line]')].map((tr) => ({
          line: Number(tr.getAttribute('data-line')),
          code: tr.querySelector('td.code')?.textContent ?? '',
          open: tr.classList.contains('left-open'),
          allocated: tr.querySelector('td.allocated')?.textContent ?? '',
        })),
      );
      expect(rows.map((r) => r.code).join('\n')).toBe(PROGRAM.replace(/\n$/, ''));
      expect(rows.filter((r) => r.open).map((r) => r.line)).toEqual([lineOf('log = open("log.txt", "w")')]);
      // The two lines that make the nodes of a ring allocate the same, and something.
      const allocated = (text: string) => rows.find((r) => r.line === lineOf(text))!.allocated;
      expect(allocated('        a = Node(i)')).toMatch(/ in [\d,]+$/);
      expect(allocated('        a = Node(i)')).toBe(allocated('        b = Node(i)'));
      const cpython = await page.evaluate(
        () => document.querySelector('.cpython-summary')?.textContent ?? '',
      );
      expect(cpython).toMatch(python !== null ? /identical to pymm's every time/ : /skipped/);
      expect(errors).toEqual([]);
      const png = join(out, 'program.png');
      await page.goto(`${pathToFileURL(join(out, 'index.html')).href}#rings`);
      await page.screenshot({ path: png });
      expect(statSync(png).size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  }, 180_000);

  it('says clearly when a file is missing, does not parse, or fails under a strategy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymm-program-errors-'));
    writeFileSync(join(dir, 'bad.py'), 'x = (\n');
    writeFileSync(
      join(dir, 'fails.py'),
      'import gc\na = []\na.append(a)\ndel a\nn = gc.collect()\nif n > 0:\n    raise RuntimeError("collected " + str(n))\n',
    );
    const missing = await runCompare({ programs: ['nope.py'], cwd: dir, python: false });
    expect([missing.exitCode, missing.stderr]).toEqual([1, 'pymm: compare: nope.py: no such file\n']);
    const bad = await runCompare({ programs: ['bad.py'], cwd: dir, python: false });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toBe(
      `pymm: compare: bad.py cannot run:\n  File "bad.py", line 1\n    x = (\n        ^\nSyntaxError: '(' was never closed\n`,
    );
    const fails = await runCompare({
      programs: ['fails.py'],
      cwd: dir,
      jobs: '1',
      python: false,
      strategies: ['refcount', 'mark-sweep'],
      out: join(dir, 'out'),
    });
    expect(fails.exitCode).toBe(1);
    expect(fails.stderr).toMatch(/fails\.py failed under mark-sweep \(exit code 1\):\n/);
    expect(fails.stderr).toMatch(/RuntimeError: collected \d+\n$/);
  }, 60_000);
});
