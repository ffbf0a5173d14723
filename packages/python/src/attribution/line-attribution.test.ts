import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '@pymm/core';
import { generational } from '@pymm/generational';
import { refcount } from '@pymm/refcount';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();

beforeAll(async () => {
  await loadParser();
});

/**
 * Records, in the program itself, the line running when each collection starts (`gc.callbacks`
 * are called with the collecting frame one level up), and prints the count per line: CPython's
 * answer to "where did collections trigger", which pymm's attribution must reproduce.
 */
const COLLECTING = `import gc
import sys

starts = {}

def on_gc(phase, info):
    if phase == "start":
        line = sys._getframe(1).f_lineno
        starts[line] = starts.get(line, 0) + 1

class Node:
    def __init__(self):
        self.me = self

gc.collect()
gc.callbacks.append(on_gc)
keep = []
for i in range(3000):
    keep.append(Node())
pairs = [[i, [i]] for i in range(2000)]
gc.callbacks.remove(on_gc)
for line in sorted(starts):
    print(line, starts[line])
`;

describe('per-line attribution', () => {
  it('charges collections to the line where CPython starts them', ({ skip }) => {
    skip(skipWithoutCPython(python), PYTHON3_MISSING);
    const dir = mkdtempSync(join(tmpdir(), 'pymm-attribution-'));
    writeFileSync(join(dir, 'prog.py'), COLLECTING);
    const cpython = spawnSync(requireCPython(python), ['prog.py'], { cwd: dir, encoding: 'utf8' });
    expect(cpython.status).toBe(0);
    const result = runPythonSync(COLLECTING, {
      strategy: generational({ profile: 'cpython-3.11' }),
      version: '3.11',
      attribution: true,
    });
    expect(result.stdout).toBe(cpython.stdout);
    // The program's own count covers the collections between append and remove of the callback;
    // the attribution covers the whole run, so compare the lines the program saw.
    const seen = cpython.stdout
      .trim()
      .split('\n')
      .map((row) => row.split(' ').map(Number));
    expect(seen.length).toBeGreaterThan(0);
    const byLine = new Map(result.attribution!.collections.map((c) => [c.line, c.count]));
    for (const [line, count] of seen) expect(byLine.get(line)).toBe(count);
  });

  it('charges allocations to the line of the program, also inside functions of other modules', () => {
    const source =
      'import random\nrandom.seed(1)\ndef make(n):\n    return [str(i) for i in range(n)]\n\nsmall = make(10)\nlarge = make(1000)\nxs = [random.random() for _ in range(300)]\n';
    const runtime = createRuntime({ strategy: refcount() });
    let floats = 0;
    runtime.heap.events.on('allocate', (event) => {
      if (event.type === 'float') floats++;
    });
    const result = runPythonSync(source, { runtime, attribution: true });
    expect(result.exitCode).toBe(0);
    const lines = result.attribution!.allocations;
    const at = (line: number) => lines.find((a) => a.line === line);
    // The function's own line 4 is in the program's file: its allocations are charged there.
    expect(at(4)!.count).toBeGreaterThanOrEqual(1010);
    // random.random() runs in the random module: its floats are charged to line 8, which called it.
    expect(floats).toBeGreaterThanOrEqual(300);
    expect(at(8)!.count).toBeGreaterThanOrEqual(300);
    expect(lines.every((a) => a.bytes > 0)).toBe(true);
  });

  it('names the line that opened each file the program did not close', () => {
    const source = [
      'import io',
      'with open("a.txt", "w") as f:',
      '    f.write("a")',
      'g = open("b.txt", "w")',
      'g.write("b")',
      'h = open("c.txt", "w")',
      'h.close()',
      'def leak():',
      '    open("d.txt", "w")',
      'leak()',
      '',
    ].join('\n');
    const result = runPythonSync(source, { strategy: refcount(), attribution: true });
    expect(result.exitCode).toBe(0);
    expect(result.attribution!.filesLeftOpen).toEqual([
      { line: 4, name: 'b.txt', how: 'dealloc' },
      { line: 9, name: 'd.txt', how: 'dealloc' },
    ]);
  });

  it('runs on a runtime the caller made, and refuses one given with a strategy', () => {
    const runtime = createRuntime({ strategy: refcount(), version: '3.12' });
    const result = runPythonSync('import sys\nprint(sys.version_info[:2])\n', { runtime });
    expect(result.runtime).toBe(runtime);
    expect(result.stdout).toBe('(3, 12)\n');
    expect(() => runPythonSync('pass\n', { runtime, strategy: refcount() })).toThrow(/leave out 'strategy'/);
  });

  it('calls line marks each time a statement of the program on that line runs', () => {
    const marks: number[] = [];
    const lineMarks = new Map([
      [2, () => marks.push(2)],
      [4, () => marks.push(4)],
    ]);
    const source = 'for i in range(3):\n    x = i\n\ny = 1\n';
    runPythonSync(source, { lineMarks });
    expect(marks).toEqual([2, 2, 2, 4]);
  });
});
