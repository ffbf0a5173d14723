/**
 * The pymalloc model against real CPython 3.11.
 *
 * `scripts/cpython/mallocstats.py` ran an allocation pattern in a fresh CPython
 * 3.11 and recorded `sys._debugmallocstats()` before it and after each of its
 * steps (committed in `__fixtures__/cpython-3.11-mallocstats.json`; rerun the
 * script to regenerate it). This test replays the same steps on the model and
 * requires the model's report to equal CPython's, number for number and then
 * character for character.
 *
 * What is subtracted, and why. CPython's "before" report is not empty: start-up
 * (importing the codecs, encodings, the `sys` and `builtins` tables, ...) leaves
 * a few thousand live blocks in most size classes, spread over a couple of arenas,
 * with some pools never carved. Those allocations cannot be replayed one by one,
 * and need not be: what pymalloc does next depends on them only through counts.
 * The test therefore seeds the model to the "before" state from that report
 * alone: for every size class it fills exactly the reported number of pools and
 * frees blocks until exactly the reported number stay in use (keeping at least
 * one per pool), which also reproduces the number of arenas and of unused pools,
 * and it gives the same number of arenas the pool lost to alignment. The seeded
 * model must print CPython's "before" report exactly; that is checked first. The
 * unknown part is only *where* the start-up blocks and unused pools sit. The
 * pattern was chosen so that this cannot change the counts: it uses one size
 * class, its first blocks fill that class's free slots, every unused pool is taken
 * before an arena is mapped (pymalloc maps one only when no usable arena is left),
 * and the start-up blocks keep their pools and arenas alive throughout.
 *
 * The pattern itself must be the only pymalloc traffic between two reports (the
 * script runs it in C-level loops with the GC disabled). The test checks that in
 * the fixture: every other size class has the same row in every report.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type PymallocDebugStats, parseDebugMallocStats } from './debug-malloc-stats.js';
import { createPymalloc, type PymallocAllocator } from './pymalloc.js';
import { blocksPerPool, POOL_SIZE, sizeClassOf } from './pymalloc-geometry.js';

interface Step {
  readonly after: string;
  readonly op: 'append-new' | 'delete-even-indices' | 'clear-reversed';
  readonly count: number;
  readonly python: string;
}

interface Fixture {
  readonly python: { readonly version: string };
  readonly pattern: {
    readonly objectType: string;
    readonly objectBytes: number;
    readonly sizeClass: number;
    readonly objects: number;
    readonly steps: readonly Step[];
  };
  readonly snapshots: readonly {
    readonly label: string;
    readonly raw: string;
    readonly parsed: PymallocDebugStats;
  }[];
}

const fixture: Fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/cpython-3.11-mallocstats.json', import.meta.url), 'utf8'),
);
const { pattern } = fixture;
const before = fixture.snapshots[0].parsed;
const afterStep = new Map(fixture.snapshots.slice(1).map((snapshot) => [snapshot.label, snapshot]));

/** The obmalloc part of a `sys._debugmallocstats()` report: up to the radix tree's `Total` line. */
function obmallocPart(raw: string): string {
  const lines = raw.split('\n');
  let totals = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('Total ') && ++totals === 2) return `${lines.slice(0, i + 1).join('\n')}\n`;
  }
  throw new Error('no radix-tree Total line in the report');
}

function misalignedArenas(stats: PymallocDebugStats): number {
  return stats.arenaAlignmentBytes / POOL_SIZE;
}

/**
 * Which arenas lose a pool to alignment. The report only gives their number; the
 * start-up arenas are serials 0..n-1 (nothing was reclaimed yet, checked below),
 * the pattern's arenas come after. When all new arenas share one fate, as on
 * Linux where consecutive mmaps are placed next to each other, this is exact.
 */
function alignmentLossBySerial(): (serial: number) => boolean {
  const startUp = before.arenasAllocatedTotal;
  const lostAtStartUp = misalignedArenas(before);
  const peak = fixture.snapshots.reduce(
    (max, s) => (s.parsed.arenasCurrent > max.arenasCurrent ? s.parsed : max),
    before,
  );
  const lostLater = misalignedArenas(peak) - lostAtStartUp;
  return (serial) => (serial < startUp ? serial < lostAtStartUp : serial - startUp < lostLater);
}

/** Seeds a model to the "before" report: same pools and blocks in use per class, same arenas. */
function seededModel(): PymallocAllocator {
  const heap = createPymalloc({ arenaAlignmentLoss: alignmentLossBySerial() });
  for (const row of before.classes) {
    const perPool = blocksPerPool(row.sizeClass);
    const pools: number[][] = [];
    for (let p = 0; p < row.pools; p++) {
      const blocks: number[] = [];
      for (let k = 0; k < perPool; k++) blocks.push(heap.allocate(row.blockSize));
      pools.push(blocks);
    }
    // Free the available blocks, each pool keeping at least one block in use.
    let toFree = row.availableBlocks;
    for (const blocks of pools) {
      const here = Math.min(toFree, perPool - 1);
      for (let k = 0; k < here; k++) heap.free(blocks[perPool - 1 - k]);
      toFree -= here;
    }
  }
  return heap;
}

/** Replays one step of the pattern on `objs`, the model's copy of the Python list. */
function replay(heap: PymallocAllocator, objs: number[], step: Step): number[] {
  switch (step.op) {
    case 'append-new':
      for (let i = 0; i < step.count; i++) objs.push(heap.allocate(pattern.objectBytes));
      return objs;
    case 'delete-even-indices': {
      // `del objs[::2]` decrefs the removed items in ascending index order.
      const kept: number[] = [];
      for (let i = 0; i < objs.length; i++) {
        if (i % 2 === 0) heap.free(objs[i]);
        else kept.push(objs[i]);
      }
      return kept;
    }
    case 'clear-reversed':
      // `objs.clear()` (`_list_clear`) decrefs from the last item to the first.
      for (let i = objs.length - 1; i >= 0; i--) heap.free(objs[i]);
      return [];
  }
}

describe(`pymalloc model against CPython ${fixture.python.version} (${pattern.objects.toLocaleString('en')} ${pattern.objectType}s)`, () => {
  it('reads the fixture: the TypeScript parser agrees with the script, the pattern is clean', () => {
    expect(fixture.python.version.startsWith('3.11.')).toBe(true);
    expect(sizeClassOf(pattern.objectBytes)).toBe(pattern.sizeClass);
    for (const snapshot of fixture.snapshots) {
      expect(parseDebugMallocStats(snapshot.raw)).toEqual(snapshot.parsed);
      // Nothing but the pattern's class may change between reports.
      const others = (s: PymallocDebugStats) =>
        s.classes.filter((row) => row.sizeClass !== pattern.sizeClass);
      expect(others(snapshot.parsed), `other size classes changed in "${snapshot.label}"`).toEqual(
        others(before),
      );
    }
    // The seeding assumes start-up never returned an arena, and the replay needs the
    // new arenas to be all aligned or all misaligned (see alignmentLossBySerial).
    expect(before.arenasReclaimed).toBe(0);
    const allocated = afterStep.get(pattern.steps[0].after)!.parsed;
    const newArenas = allocated.arenasAllocatedTotal - before.arenasAllocatedTotal;
    expect([0, newArenas]).toContain(misalignedArenas(allocated) - misalignedArenas(before));
    // The pattern must span several arenas for the arena counts to mean something.
    expect(newArenas).toBeGreaterThanOrEqual(3);
  });

  it("seeds the model to CPython's start-up state and prints the same report", () => {
    const heap = seededModel();
    expect(heap.mallocStats()).toEqual(before);
    expect(heap.debugMallocStats()).toBe(obmallocPart(fixture.snapshots[0].raw));
  });

  it('replays the pattern: same arenas, pools and blocks after every step', () => {
    const heap = seededModel();
    let objs: number[] = [];
    for (const step of pattern.steps) {
      objs = replay(heap, objs, step);
      const cpython = afterStep.get(step.after);
      expect(cpython, `no report after ${step.after}`).toBeDefined();
      const model = heap.mallocStats();
      const row = (s: PymallocDebugStats) => s.classes.find((r) => r.sizeClass === pattern.sizeClass);
      // The figures the pattern moves, one by one for a readable failure ...
      expect(row(model), `class ${pattern.sizeClass} after ${step.python}`).toEqual(row(cpython!.parsed));
      expect(
        {
          arenasAllocatedTotal: model.arenasAllocatedTotal,
          arenasReclaimed: model.arenasReclaimed,
          arenasHighwater: model.arenasHighwater,
          arenasCurrent: model.arenasCurrent,
          unusedPools: model.unusedPools,
          arenaAlignmentBytes: model.arenaAlignmentBytes,
        },
        `arenas after ${step.python}`,
      ).toEqual({
        arenasAllocatedTotal: cpython!.parsed.arenasAllocatedTotal,
        arenasReclaimed: cpython!.parsed.arenasReclaimed,
        arenasHighwater: cpython!.parsed.arenasHighwater,
        arenasCurrent: cpython!.parsed.arenasCurrent,
        unusedPools: cpython!.parsed.unusedPools,
        arenaAlignmentBytes: cpython!.parsed.arenaAlignmentBytes,
      });
      // ... then the whole report, as text.
      expect(model).toEqual(cpython!.parsed);
      expect(heap.debugMallocStats()).toBe(obmallocPart(cpython!.raw));
    }
  });
});
