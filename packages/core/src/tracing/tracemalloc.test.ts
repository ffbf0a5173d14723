import { runCPython } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../runtime/runtime.js';
import { recordingRefcount } from '../test-support.js';
import { TraceFilter, Tracemalloc } from './tracemalloc.js';

function setup() {
  const py = createRuntime({ strategy: recordingRefcount() });
  return { py, tracemalloc: new Tracemalloc(py.heap) };
}

describe('Tracemalloc', () => {
  it("attributes a loop's objects and the realloc of its list to the loop, as CPython 3.11 tracemalloc does", () => {
    // Inside a function, so no globals dict grows; the list object itself is left out of the
    // comparison because CPython may take it from its list free list (allocated before tracing).
    const expected = runCPython(`
import tracemalloc, json
def build():
    xs = []
    for i in range(1000): xs.append(i * 1000 + 100000)   # line 5
    return xs
tracemalloc.start()
kept = build()
stats = {s.traceback[0].lineno: [s.size, s.count] for s in tracemalloc.take_snapshot().statistics('lineno') if s.traceback[0].filename == '<string>'}
print(json.dumps(stats.get(5)))`);
    const { py, tracemalloc } = setup();
    tracemalloc.start();
    py.at('init', () => {
      py.locals.xs = py.list();
    });
    py.at('loop', () => {
      for (let i = 0; i < 1000; i++) py.append(py.locals.xs, py.int(i * 1000 + 100000));
    });
    const loop = tracemalloc
      .takeSnapshot()
      .statistics('site')
      .find((s) => s.key === 'loop')!;
    expect([loop.size, loop.count]).toEqual(expected);
  });

  it('tracks current and peak traced memory, follows growth and frees, and resets the peak', () => {
    const { py, tracemalloc } = setup();
    py.locals.before = py.list(); // not traced: allocated before start()
    tracemalloc.start();
    expect(tracemalloc.isTracing()).toBe(true);
    py.locals.xs = py.list();
    const list = py.sizeof(py.locals.xs);
    expect(tracemalloc.getTracedMemory()).toEqual([list, list]);
    for (let i = 0; i < 5; i++) py.append(py.locals.xs, py.None);
    const grown = py.sizeof(py.locals.xs);
    expect(tracemalloc.getTracedMemory()).toEqual([grown, grown]);
    // The list object goes to the list free list, so its memory stays allocated (and traced), as
    // in CPython; only its item array is freed.
    py.del('xs');
    expect(tracemalloc.getTracedMemory()).toEqual([list, grown]);
    tracemalloc.resetPeak();
    expect(tracemalloc.getTracedMemory()).toEqual([list, list]);
    py.del('before'); // freeing an untraced object changes nothing
    expect(tracemalloc.getTracedMemory()).toEqual([list, list]);
    // Taken from the free list again, the block keeps its first trace: no new memory.
    py.locals.ys = py.list();
    expect(tracemalloc.getTracedMemory()).toEqual([list, list]);
    expect(tracemalloc.takeSnapshot().traces.length).toBe(1);
    // Its item array is new memory, traced where it grows.
    py.at('fill', () => py.append(py.locals.ys, py.None));
    expect(
      tracemalloc
        .takeSnapshot()
        .statistics('site')
        .find((st) => st.key === 'fill')?.count,
    ).toBe(1);
    tracemalloc.stop();
    expect(tracemalloc.isTracing()).toBe(false);
    expect(() => tracemalloc.takeSnapshot()).toThrowError(/must be tracing/);
  });

  it('groups by type, compares snapshots and filters traces', () => {
    const { py, tracemalloc } = setup();
    tracemalloc.start();
    py.at('warmup', () => {
      py.locals.a = py.dict();
    });
    const first = tracemalloc.takeSnapshot();
    py.at('work', () => {
      py.locals.b = py.list([py.str('hello world'), py.str('another one')]);
    });
    const second = tracemalloc.takeSnapshot();
    const byType = second.statistics('type');
    expect(byType.map((s) => s.key).sort()).toEqual(['dict', 'list', 'str']);
    expect(byType.find((s) => s.key === 'str')?.count).toBe(2);
    const diff = second.compareTo(first, 'site');
    // Three objects, plus the list's item array: four blocks.
    expect(diff[0]).toMatchObject({ key: 'work', countDiff: 4 });
    expect(diff.find((d) => d.key === 'warmup')).toMatchObject({ sizeDiff: 0, countDiff: 0 });
    const noWarmup = second.filterTraces([new TraceFilter(false, 'warm*')]);
    expect(noWarmup.statistics('site').map((s) => s.key)).toEqual(['work']);
    const onlyStr = second.filterTraces([new TraceFilter(true, 'str', 'type')]);
    expect(onlyStr.traces.every((t) => t.type === 'str')).toBe(true);
  });
});

describe('Tracemalloc with a current site', () => {
  it('attributes allocations outside py.at to the site the interpreter reports, and tells an object its site', () => {
    const py = createRuntime({ strategy: recordingRefcount() });
    let line = 'prog.py:1';
    const tracer = new Tracemalloc(py.heap, () => line);
    tracer.start();
    py.locals.a = py.list();
    line = 'prog.py:2';
    py.locals.b = py.list();
    py.at('labelled', () => {
      py.locals.c = py.list();
    });
    const sites = tracer.takeSnapshot().traces.map((t) => t.site);
    expect(sites).toEqual(['prog.py:1', 'prog.py:2', 'labelled']);
    expect(tracer.memoryUsage()).toBe(1024 * (4 + 8 + 4 + 8));
    expect(tracer.objectSite(py.heap.store.slotOf(py.locals.b as number, 'test'))).toBe('prog.py:2');
  });
});
