import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generational } from '@pymm/generational';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';
import { formatSize } from './tracemalloc-statistics.js';

const python = cpython311();

/** CPython 3.11's stdout and exit code for `source`, run from a file named `prog.py` (as pymm names it). */
function cpython(source: string): { stdout: string; status: number } {
  const dir = mkdtempSync(join(tmpdir(), 'pymm-tracemalloc-'));
  try {
    writeFileSync(join(dir, 'prog.py'), source);
    const r = spawnSync(requireCPython(python), ['prog.py'], { cwd: dir, encoding: 'utf8' });
    return { stdout: r.stdout, status: r.status ?? -1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints only what does not depend on CPython's own allocations: lines, order, counts' lower bounds. */
const SNAPSHOTS = `import tracemalloc


def make_lists(n):
    return [list(range(10)) for i in range(n)]


def make_blobs(n):
    return [bytearray(5000) for i in range(n)]


print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
tracemalloc.start()
print(tracemalloc.is_tracing())
before = tracemalloc.take_snapshot()
blobs = make_blobs(200)
lists = make_lists(50)
after = tracemalloc.take_snapshot()
stats = after.statistics('lineno')
top = stats[0]
print(top.traceback[0].lineno, len(top.traceback), top.count >= 200, top.size >= 200 * 5000)
print(str(top).split(': ')[0].split('/')[-1], str(top.traceback).split('/')[-1], str(top).split(', ')[1:2] != [], str(top).count('average='))
by_file = after.statistics('filename')
print(len(by_file) >= 1, by_file[0].traceback[0].lineno)
diff = after.compare_to(before, 'lineno')
print(diff[0].traceback[0].lineno, diff[0].size_diff > 0, diff[0].count_diff >= 200)
print([d.traceback[0].lineno for d in diff[:2]])
lines = [s.traceback[0].lineno for s in after.statistics('lineno') if s.traceback[0].filename.endswith('prog.py')]
print(lines[:2])
cum = after.statistics('lineno', cumulative=True)
print(cum[0].traceback[0].lineno)
tb = tracemalloc.get_object_traceback(blobs[0])
print(tb[0].lineno, tb[-1].lineno, len(tb), repr(tb[0]).startswith('<Frame filename='))
print(tracemalloc.get_object_traceback(object) is None)
f = tracemalloc.Filter(True, '*prog.py', lineno=9)
print(f.inclusive, f.lineno, f.all_frames, f.domain)
only = after.filter_traces([f])
print([s.traceback[0].lineno for s in only.statistics('lineno')])
excl = after.filter_traces([tracemalloc.Filter(False, '*prog.py')])
print([s for s in excl.statistics('lineno') if s.traceback[0].filename.endswith('prog.py')])
try:
    after.statistics('nope')
except ValueError as e:
    print(e)
try:
    after.statistics('traceback', cumulative=True)
except ValueError as e:
    print(e)
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_object_traceback(blobs[0]))
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print(e)
tracemalloc.start(5)
print(tracemalloc.get_traceback_limit())
more = make_blobs(3)
tb = tracemalloc.get_object_traceback(more[0])
print(len(tb), [fr.lineno for fr in tb])
print(tb.format()[-1], tb.format(limit=1, most_recent_first=True)[0].endswith('line 9'), len(tb.format(-1)))
snap = tracemalloc.take_snapshot()
print([s.traceback[0].lineno for s in snap.statistics('traceback')[:1]], len(snap.statistics('traceback')[0].traceback))
tracemalloc.stop()
try:
    tracemalloc.start(0)
except ValueError as e:
    print(e)
print(tracemalloc.Frame, tracemalloc.Statistic)
`;

/**
 * Bad arguments, and the traceback of an object: an instance with `__slots__` (no free list recycles
 * it, and CPython 3.11 finds no traceback for instances with a managed `__dict__`).
 */
const ERRORS = `import tracemalloc, weakref
tracemalloc.start()
s = tracemalloc.take_snapshot()
for call in [lambda: s.statistics(1), lambda: s.statistics(), lambda: s.compare_to(1, 'lineno'), lambda: s.compare_to(s),
             lambda: tracemalloc.Filter(), lambda: tracemalloc.Filter(True), lambda: s.filter_traces([1]), lambda: s.filter_traces(1),
             lambda: tracemalloc.start('x'), lambda: tracemalloc.get_object_traceback(),
             lambda: weakref.finalize.__call__(1), lambda: weakref.proxy(s, 1, 2)]:
    try:
        call()
        print('ok')
    except Exception as e:
        print(type(e).__name__, e)
class A:
    __slots__ = ('a',)
x = A()
tb = tracemalloc.get_object_traceback(x)
print(len(tb), tb[-1].lineno)
for i in [5, -5]:
    try:
        tb[i]
    except IndexError as e:
        print(e)
print(tb == tb, tb[0] == tb[0], tb[0] < tb[0], tb[:1] == (tb[0],))
print(tracemalloc.get_object_traceback(None))
print(s.traceback_limit, s.statistics('filename', cumulative=True) == [] or 'some')
`;

const SIZES = [0, 1, 99, 100, 2.5, 3.5, 10239, 10240, 102399, 102400, 5 * 1024 ** 3, -2048, 7 * 1024 ** 5];

beforeAll(async () => {
  await loadParser();
});

describe.skipIf(skipWithoutCPython(python))('tracemalloc prints what CPython 3.11 prints', () => {
  it('snapshots, statistics, comparisons, filters and object tracebacks', () => {
    const expected = cpython(SNAPSHOTS);
    const r = runPythonSync(SNAPSHOTS, { strategy: generational({ profile: 'cpython-3.11' }) });
    expect(r.stdout).toBe(expected.stdout);
    expect(r.exitCode).toBe(expected.status);
  });

  it('bad arguments and object tracebacks', () => {
    const expected = cpython(ERRORS);
    const r = runPythonSync(ERRORS, { strategy: generational({ profile: 'cpython-3.11' }) });
    expect(r.stdout).toBe(expected.stdout);
    expect(r.exitCode).toBe(expected.status);
  });

  it('sizes print as _format_size prints them', () => {
    const source = `import tracemalloc\nfor n in [${SIZES.join(', ')}]:\n    print(tracemalloc._format_size(n, False), tracemalloc._format_size(n, True))\n`;
    const expected = cpython(source).stdout.trimEnd().split('\n');
    expect(SIZES.map((n) => `${formatSize(n, false)} ${formatSize(n, true)}`)).toEqual(expected);
  });
});
