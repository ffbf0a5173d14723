/**
 * The workloads written as Python programs (`programs/NAME.py`): each prints on pymm what CPython
 * prints, on every strategy and each version modelled; exits 0 with a sound heap; allocates the
 * same objects under every strategy of one version; and shows its lesson in figures computed from
 * the run.
 *
 * Phases are read from the program's summary: its first line names the program and its
 * parameters, just before the first phase starts, and each phase ends with a line that begins
 * with the phase's name and a colon (the name of its `# phase:` comment). Events between two such
 * lines belong to the phase the second one names. (gc-collect, whose phases repeat, prints one line
 * at the end: its test tells its collections apart by their order instead.)
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CollectorHeap,
  type CPythonVersion,
  noGC,
  ObjectFlag,
  type StrategyFactory,
  verifyHeap,
} from '@pymm/core';
import { generational } from '@pymm/generational';
import { createMarkSweepStrategy } from '@pymm/mark-sweep';
import { loadParser, type RunPythonResult, runPythonSync } from '@pymm/python';
import { refcount } from '@pymm/refcount';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { beforeAll, describe, expect, it } from 'vitest';

const PROGRAMS = join(import.meta.dirname, '..', 'programs');

await loadParser();

/** A strategy run: the label the tests use, the strategy and the CPython version it models. */
interface StrategyRun {
  readonly label: StrategyLabel;
  readonly version: CPythonVersion;
  readonly strategy: () => StrategyFactory;
}

type StrategyLabel =
  | 'nogc'
  | 'refcount'
  | 'generational-3.11'
  | 'generational-3.12'
  | 'generational-3.13'
  | 'mark-sweep';

const STRATEGY_RUNS: readonly StrategyRun[] = [
  { label: 'nogc', version: '3.11', strategy: () => noGC() },
  { label: 'refcount', version: '3.11', strategy: () => refcount() },
  { label: 'generational-3.11', version: '3.11', strategy: () => generational({ profile: 'cpython-3.11' }) },
  { label: 'generational-3.12', version: '3.12', strategy: () => generational({ profile: 'cpython-3.12' }) },
  { label: 'generational-3.13', version: '3.13', strategy: () => generational({ profile: 'cpython-3.13' }) },
  { label: 'mark-sweep', version: '3.11', strategy: () => createMarkSweepStrategy() },
];

const VERSIONS: readonly CPythonVersion[] = ['3.11', '3.12', '3.13'];

/** What one phase did, from the heap's events. */
interface ObservedPhase {
  /** The phase's name (`setup` before the summary's first line, `exit` after its last). */
  name: string;
  liveBytesAtStart: number;
  liveBytesAtEnd: number;
  /** Highest live bytes during the phase. */
  peakLiveBytes: number;
  /** Objects freed in the phase. */
  frees: number;
  /** Objects allocated in the phase by the type they were made as (`instance` for an instance of a class). */
  readonly allocated: Map<string, number>;
  /** Of those, the ones whose memory came from a free list. */
  readonly recycled: Map<string, number>;
  /** Objects freed in the phase, by type name (an instance's class). */
  readonly freed: Map<string, number>;
  /** Objects alive when the phase ended, by type name (an instance's class). */
  live: Map<string, number>;
  /** Most files open at once during the phase, and when it ended. */
  maxOpenFiles: number;
  openFilesAtEnd: number;
  /** Finalizers run in the phase (`__del__`, a generator's close), by the object's type name. */
  readonly finalized: Map<string, number>;
  weakrefCallbacks: number;
}

interface ObservedCollection {
  readonly phase: ObservedPhase;
  readonly generation: number;
  readonly reason: string;
  readonly examined: number;
  readonly collected: number;
}

/** A program's run on one strategy, with what the lessons look at. */
interface ProgramRun {
  readonly result: RunPythonResult;
  readonly phases: readonly ObservedPhase[];
  readonly collections: readonly ObservedCollection[];
  /** Objects allocated over the whole run: count and bytes per type, interned strings left out. */
  readonly allocations: ReadonlyMap<string, { count: number; bytes: number }>;
  /**
   * The texts of the interned strings the run made. A strategy that frees an interned string
   * sooner (an identifier such as `__qualname__`) makes it again at its next use, where a strategy
   * that frees it later finds it still interned: so their number depends on the strategy, and
   * each text counts once.
   */
  readonly interned: ReadonlySet<string>;
  /** The phase called `name` (the first, if several are). */
  phase(name: string): ObservedPhase;
  /** The phase's rise of memory: its peak minus the live bytes when it began. */
  peakRise(name: string): number;
  /** Objects of `type` alive when the phase ended. */
  liveAfter(name: string, type: string): number;
}

function newPhase(heap: CollectorHeap): ObservedPhase {
  return {
    name: '',
    liveBytesAtStart: heap.liveBytes,
    liveBytesAtEnd: heap.liveBytes,
    peakLiveBytes: heap.liveBytes,
    frees: 0,
    allocated: new Map(),
    recycled: new Map(),
    freed: new Map(),
    live: new Map(),
    maxOpenFiles: heap.openFileCount,
    openFilesAtEnd: heap.openFileCount,
    finalized: new Map(),
    weakrefCallbacks: 0,
  };
}

/** Live objects by type name, from a walk over the heap's slots. */
function liveByType(heap: CollectorHeap): Map<string, number> {
  const live = new Map<string, number>();
  const store = heap.store;
  for (let slot = 0; slot < store.slotLimit; slot++)
    if (store.isAlive(store.handleOf(slot))) bump(live, heap.typeNameOf(slot));
  return live;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Runs a program on pymm with the strategy and records its phases from the heap's events. */
function runProgram(name: string, argv: readonly string[], run: StrategyRun): ProgramRun {
  const source = readFileSync(join(PROGRAMS, `${name}.py`), 'utf8');
  const phases: ObservedPhase[] = [];
  const collections: ObservedCollection[] = [];
  const allocations = new Map<string, { count: number; bytes: number }>();
  const interned = new Set<string>();
  /** The str just allocated: its text and whether it is interned are set after its allocate event. */
  let pendingStr = -1;
  const resolvePendingStr = () => {
    if (pendingStr < 0 || !heap) return;
    const store = heap.store;
    if ((store.flags[pendingStr] & ObjectFlag.Interned) !== 0) {
      interned.add(store.text.get(pendingStr) as string);
      const total = allocations.get('str') as { count: number; bytes: number };
      allocations.set('str', { count: total.count - 1, bytes: total.bytes - store.sizeof[pendingStr] });
    }
    pendingStr = -1;
  };
  let heap: CollectorHeap | undefined;
  let current: ObservedPhase | undefined;
  let lines = 0;
  let pending = '';
  const endPhase = (phaseName: string) => {
    if (!heap || !current) return;
    resolvePendingStr();
    current.name = phaseName;
    current.liveBytesAtEnd = heap.liveBytes;
    current.openFilesAtEnd = heap.openFileCount;
    current.live = liveByType(heap);
    phases.push(current);
    current = newPhase(heap);
  };
  const factory = run.strategy();
  const strategy: StrategyFactory = {
    ...factory,
    create(collectorHeap) {
      heap = collectorHeap;
      current = newPhase(collectorHeap);
      const events = collectorHeap.events;
      const peak = () => {
        if (current && collectorHeap.liveBytes > current.peakLiveBytes)
          current.peakLiveBytes = collectorHeap.liveBytes;
      };
      events.on('allocate', (event) => {
        resolvePendingStr();
        if (event.type === 'str') pendingStr = collectorHeap.store.slotOf(event.handle, 'allocate');
        const phase = current as ObservedPhase;
        if (event.fromFreeList) bump(phase.recycled, event.type);
        bump(phase.allocated, event.type);
        const total = allocations.get(event.type) ?? { count: 0, bytes: 0 };
        allocations.set(event.type, { count: total.count + 1, bytes: total.bytes + event.bytes });
        phase.maxOpenFiles = Math.max(phase.maxOpenFiles, collectorHeap.openFileCount);
        peak();
      });
      events.on('resize', peak);
      events.on('free', (event) => {
        resolvePendingStr();
        const phase = current as ObservedPhase;
        phase.frees++;
        bump(phase.freed, event.type);
      });
      events.on('finalizer', (event) => bump((current as ObservedPhase).finalized, event.type));
      events.on('weakref-callback', () => {
        (current as ObservedPhase).weakrefCallbacks++;
      });
      events.on('collection-stop', (event) => {
        collections.push({
          phase: current as ObservedPhase,
          generation: event.generation,
          reason: event.reason,
          examined: event.examined,
          collected: event.collected,
        });
      });
      return factory.create(collectorHeap);
    },
  };
  const result = runPythonSync(source, {
    strategy,
    version: run.version,
    filename: `${name}.py`,
    argv,
    stdout: (text) => {
      pending += text;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        lines++;
        if (lines === 1) endPhase('setup');
        else endPhase(line.slice(0, line.indexOf(':')));
      }
    },
  });
  endPhase('exit');
  const phase = (phaseName: string): ObservedPhase => {
    const found = phases.find((p) => p.name === phaseName);
    if (!found)
      throw new Error(`${name} has no phase '${phaseName}' (${phases.map((p) => p.name).join(', ')})`);
    return found;
  };
  return {
    result,
    phases,
    collections,
    allocations,
    interned,
    phase,
    peakRise: (phaseName) => phase(phaseName).peakLiveBytes - phase(phaseName).liveBytesAtStart,
    liveAfter: (phaseName, type) => phase(phaseName).live.get(type) ?? 0,
  };
}

/**
 * The run's allocations (count and bytes per type) without the ints `gc.collect()` returned: the
 * number of objects a collection found is an int of its own when it is beyond the small-int cache
 * (above 256), and that number depends on the strategy.
 */
function programAllocations(run: ProgramRun): Record<string, unknown> {
  const allocations = Object.fromEntries(run.allocations);
  for (const collection of run.collections) {
    if (collection.reason !== 'explicit' || collection.collected <= 256) continue;
    const digits = Math.ceil(collection.collected.toString(2).length / 30);
    const int = allocations.int;
    allocations.int = { count: int.count - 1, bytes: int.bytes - (24 + 4 * digits) };
  }
  return { ...allocations, interned: [...run.interned].sort() };
}

/** The CPython interpreter of `version`, or null when it is not installed. */
function cpythonFor(version: CPythonVersion): string | null {
  try {
    return pythonExecutable(version);
  } catch {
    return null;
  }
}

/** Runs the program on CPython in a fresh directory (for the files it writes): its exit code, stdout and stderr. */
function runCPython(
  python: string,
  name: string,
  argv: readonly string[],
): { exitCode: number; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), `pymm-${name}-`));
  try {
    const ran = spawnSync(python, [join(PROGRAMS, `${name}.py`), ...argv], { cwd: dir, encoding: 'utf8' });
    return { exitCode: ran.status ?? 1, stdout: ran.stdout, stderr: ran.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The names of the `# phase:` comments, in the order they stand in the source. */
function phaseComments(name: string): string[] {
  const source = readFileSync(join(PROGRAMS, `${name}.py`), 'utf8');
  return [...source.matchAll(/^[ \t]*# phase: (\S+)$/gm)].map((match) => match[1]);
}

/**
 * Every program, with the small arguments the tests run it with (each run well under a second),
 * and the checks of its lesson.
 */
const PROGRAM_CASES: Record<string, { argv: string[]; lessons: Record<string, (runs: Runs) => void> }> = {};

type Runs = Readonly<Record<StrategyLabel, ProgramRun>>;

/** The integers in the line of the summary that ends the phase `phase` (after its name). */
function figures(run: ProgramRun, phase: string): number[] {
  const line = run.result.stdout.split('\n').find((l) => l.startsWith(`${phase}:`));
  if (line === undefined) throw new Error(`no summary line for phase '${phase}'`);
  return [...line.slice(phase.length + 1).matchAll(/\d+/g)].map((match) => Number(match[0]));
}

const nodesAfter = (run: ProgramRun, phase: string) =>
  run.liveAfter(phase, 'Node') + run.liveAfter(phase, 'NodeWithDel');
const nodesFinalized = (run: ProgramRun, phases = run.phases) =>
  phases.reduce((sum, p) => sum + (p.finalized.get('NodeWithDel') ?? 0), 0);

PROGRAM_CASES['reference-cycles'] = {
  argv: ['scale=0.05'],
  lessons: {
    'leaks every cycle under reference counting, even after gc.collect()': ({ refcount: counted }) => {
      const [pairs] = figures(counted, 'pairs');
      const [, ringNodes] = figures(counted, 'rings');
      const [, finalizerNodes] = figures(counted, 'rings-with-finalizers');
      expect(nodesAfter(counted, 'collect')).toBe(2 * pairs + ringNodes + finalizerNodes);
      expect(counted.phase('pairs').freed.get('Node')).toBeUndefined();
      expect(counted.collections.every((c) => c.collected === 0)).toBe(true);
    },
    'frees every cycle under the generational collector, some at its automatic collections': (runs) => {
      const collected = runs['generational-3.11'];
      expect(nodesAfter(collected, 'collect')).toBe(0);
      const automatic = collected.collections.filter(
        (c) => c.phase.name === 'pairs' && c.reason === 'threshold',
      );
      expect(automatic.length).toBeGreaterThan(0);
      expect(automatic.reduce((sum, c) => sum + c.collected, 0)).toBeGreaterThan(0);
      expect(collected.phase('pairs').freed.get('Node')).toBeGreaterThan(0);
    },
    'runs __del__ of cyclic garbage with a collector (PEP 442), never with reference counting alone': (
      runs,
    ) => {
      const counted = runs.refcount;
      const [, finalizerNodes] = figures(counted, 'rings-with-finalizers');
      expect(nodesFinalized(counted, counted.phases.slice(0, -1))).toBe(0);
      expect(nodesFinalized(runs['generational-3.11'])).toBe(finalizerNodes);
      expect(nodesFinalized(runs['mark-sweep'])).toBe(finalizerNodes);
    },
    'frees the cycles at mark-sweep collections': ({ refcount: counted, 'mark-sweep': traced }) => {
      expect(traced.phase('pairs').freed.get('Node')).toBeGreaterThan(0);
      expect(traced.liveAfter('collect', 'Node')).toBe(0);
      expect(nodesAfter(traced, 'collect')).toBeLessThan(nodesAfter(counted, 'collect'));
    },
  },
};

PROGRAM_CASES['list-vs-generator'] = {
  argv: ['scale=0.05'],
  lessons: {
    'peaks with every row in the list phase and about one row in the generator phase under reference counting':
      ({ refcount: counted }) => {
        const [rows] = figures(counted, 'list');
        expect(counted.peakRise('list')).toBeGreaterThan(100 * counted.peakRise('generator'));
        expect(counted.peakRise('generator')).toBeLessThan(counted.peakRise('list') / rows + 1_000);
      },
    'lets dead rows pile up to the collector budget under mark-sweep': ({
      refcount: counted,
      'mark-sweep': traced,
    }) => {
      expect(traced.peakRise('generator')).toBeGreaterThan(10 * counted.peakRise('generator'));
      expect(traced.peakRise('generator')).toBeLessThan(traced.peakRise('list'));
    },
    'costs about the same in both phases when nothing is freed': ({ nogc }) => {
      expect(nogc.peakRise('generator')).toBeGreaterThan(0.8 * nogc.peakRise('list'));
    },
  },
};

PROGRAM_CASES['files-context-manager'] = {
  argv: ['scale=0.05'],
  lessons: {
    'closes each file at the end of its with block under every strategy': (runs) => {
      for (const run of Object.values(runs)) {
        expect(run.phase('with-statement').maxOpenFiles).toBe(1);
        expect(run.phase('with-statement').openFilesAtEnd).toBe(0);
      }
    },
    'keeps forgotten files open until a collection under mark-sweep, but not under reference counting': ({
      refcount: counted,
      'mark-sweep': traced,
    }) => {
      expect(counted.phase('close-forgotten').maxOpenFiles).toBe(1);
      expect(counted.phase('close-forgotten').openFilesAtEnd).toBe(0);
      expect(traced.phase('close-forgotten').maxOpenFiles).toBeGreaterThan(1);
    },
    'never closes a forgotten file without a collector': ({ nogc }) => {
      const [files] = figures(nogc, 'close-forgotten');
      expect(nogc.phase('close-forgotten').openFilesAtEnd).toBe(files);
    },
    'keeps a file open while a suspended generator holds it': ({ refcount: counted }) => {
      const [, , kept] = figures(counted, 'suspended-generators');
      const phase = counted.phase('suspended-generators');
      expect(phase.maxOpenFiles).toBe(kept + 1);
      expect(phase.openFilesAtEnd).toBe(kept);
    },
    'never closes files caught in reference cycles under reference counting; a cycle collector does': (
      runs,
    ) => {
      const counted = runs.refcount;
      const [files] = figures(counted, 'reference-cycles');
      const [, , kept] = figures(counted, 'suspended-generators');
      expect(counted.phase('reference-cycles').openFilesAtEnd).toBe(kept + files);
      expect(counted.phase('collect').openFilesAtEnd).toBe(files);
      for (const label of [
        'generational-3.11',
        'generational-3.12',
        'generational-3.13',
        'mark-sweep',
      ] as const)
        expect(runs[label].phase('collect').openFilesAtEnd, label).toBe(0);
      const collected = runs['generational-3.11'];
      expect(collected.collections.filter((c) => c.phase.name === 'reference-cycles').length).toBeGreaterThan(
        0,
      );
      expect(collected.phase('reference-cycles').openFilesAtEnd).toBeLessThan(kept + files);
    },
  },
};

const CHUNK_SIZES = [256, 4_096, 65_536, 1_048_576];

PROGRAM_CASES['buffered-reading'] = {
  argv: ['scale=0.005'],
  lessons: {
    'allocates one bytes object per chunk: many small ones or a few large ones': ({ refcount: counted }) => {
      for (const size of CHUNK_SIZES) {
        const [chunks] = figures(counted, `read-${size}`);
        expect(chunks).toBeGreaterThan(0);
        expect(counted.phase(`read-${size}`).allocated.get('bytes'), `read-${size}`).toBe(chunks);
      }
      expect(counted.phase('read-all').allocated.get('bytes')).toBe(1);
      expect(counted.phase('readinto').allocated.get('bytes')).toBeUndefined();
      expect(counted.phase('readinto').allocated.get('bytearray')).toBe(1);
    },
    'peaks at about two chunks under reference counting, and at the whole file for read()': ({
      refcount: counted,
    }) => {
      const [fileBytes] = figures(counted, 'read-all');
      const rises = CHUNK_SIZES.map((size) => counted.peakRise(`read-${size}`));
      expect(rises).toEqual([...rises].sort((a, b) => a - b));
      expect(counted.peakRise('read-256')).toBeLessThan(20_000);
      expect(counted.peakRise('read-all')).toBeGreaterThan(fileBytes);
      expect(counted.peakRise('readinto')).toBeLessThan(counted.peakRise('read-65536') * 1.5);
    },
    'lets dropped chunks pile up under mark-sweep until a collection': ({
      refcount: counted,
      'mark-sweep': traced,
    }) => {
      expect(traced.peakRise('read-256')).toBeGreaterThan(10 * counted.peakRise('read-256'));
    },
  },
};

PROGRAM_CASES['slices-copy-vs-view'] = {
  argv: ['slices=256', 'rounds=4'],
  lessons: {
    'costs a copy of the buffer with bytes slices and a small object per slice with memoryview': ({
      refcount: counted,
    }) => {
      const [, , bufferBytes] = figures(counted, 'copy-slices');
      const copies = counted.peakRise('copy-slices') - bufferBytes;
      const views = counted.peakRise('view-slices');
      expect(copies).toBeGreaterThan(bufferBytes);
      expect(views).toBeLessThan(copies / 3);
    },
    'lets the buffer go when only a copied header is kept, and pins it when a view is kept': ({
      refcount: counted,
    }) => {
      const [, , bufferBytes] = figures(counted, 'copy-slices');
      const [rounds] = figures(counted, 'keep-a-view');
      expect(rounds).toBeGreaterThan(1);
      expect(counted.peakRise('keep-a-copy')).toBeLessThan(2 * bufferBytes);
      expect(counted.peakRise('keep-a-view')).toBeGreaterThan(rounds * bufferBytes);
    },
    'frees nothing without a collector, copy or not': ({ nogc }) => {
      const [, , bufferBytes] = figures(nogc, 'copy-slices');
      const [rounds] = figures(nogc, 'keep-a-copy');
      expect(nogc.peakRise('keep-a-copy')).toBeGreaterThan(rounds * bufferBytes);
    },
  },
};

PROGRAM_CASES['tuples-vs-lists'] = {
  argv: ['scale=0.05'],
  lessons: {
    'holds the same records in less memory as tuples': ({ refcount: counted }) => {
      expect(counted.peakRise('tuples')).toBeLessThan(counted.peakRise('lists'));
    },
    'untracks tuples of atoms, so the generational collector examines far fewer objects': (runs) => {
      for (const label of ['generational-3.11', 'generational-3.12', 'generational-3.13'] as const) {
        const explicit = (phase: string) =>
          runs[label].collections.filter((c) => c.phase.name === phase && c.reason === 'explicit');
        const [, tuplesSecond] = explicit('tuples');
        const [, listsSecond] = explicit('lists');
        expect(tuplesSecond.examined * 10, label).toBeLessThan(listsSecond.examined);
      }
    },
    'reuses freed tuples from the free list at once under reference counting, less so after batch sweeps': ({
      refcount: counted,
      'mark-sweep': traced,
    }) => {
      const share = (run: ProgramRun) =>
        (run.phase('churn').recycled.get('tuple') ?? 0) / (run.phase('churn').allocated.get('tuple') ?? 0);
      expect(counted.phase('churn').allocated.get('tuple')).toBeGreaterThanOrEqual(
        figures(counted, 'churn')[0],
      );
      expect(share(counted)).toBeGreaterThan(0.99);
      expect(share(traced)).toBeLessThan(share(counted));
    },
  },
};

PROGRAM_CASES['small-int-and-string-caches'] = {
  argv: ['scale=0.05'],
  lessons: {
    'creates one object per item for large ints and built strings, none for cached values': ({
      refcount: counted,
    }) => {
      const [values] = figures(counted, 'large-ints');
      const made = (phase: string, type: string) => counted.phase(phase).allocated.get(type) ?? 0;
      // Every phase makes the same ints of `range` and the same strs of its summary line (one
      // count formatted): beyond those, only large ints and built strings are new objects.
      expect(made('large-ints', 'int') - made('small-ints', 'int')).toBe(values);
      expect(made('one-character-strings', 'str')).toBe(made('small-ints', 'str'));
      expect(made('strings', 'str') - made('small-ints', 'str')).toBe(values);
    },
    'makes the cached lists cost only their slots, and interned strings one object per text': ({
      refcount: counted,
    }) => {
      expect(counted.peakRise('small-ints')).toBeLessThan(counted.peakRise('large-ints') / 3);
      expect(counted.peakRise('one-character-strings')).toBeLessThan(counted.peakRise('strings') / 3);
      expect(counted.peakRise('interned-strings')).toBeLessThan(counted.peakRise('strings') / 3);
    },
    'frees the fresh objects at del under reference counting': ({ refcount: counted }) => {
      for (const phase of ['large-ints', 'strings']) {
        const left = counted.phase(phase).liveBytesAtEnd - counted.phase(phase).liveBytesAtStart;
        expect(left, phase).toBeLessThan(counted.peakRise(phase) / 100);
      }
    },
  },
};

PROGRAM_CASES['del-intermediate'] = {
  argv: ['scale=0.02', 'itemBytes=256'],
  lessons: {
    'lowers the peak from three steps to two under reference counting': ({ refcount: counted }) => {
      const ratio = counted.peakRise('del-intermediates') / counted.peakRise('keep-intermediates');
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(0.7);
    },
    'lowers it less under mark-sweep, which frees the deleted list only at its next collection': ({
      refcount: counted,
      'mark-sweep': traced,
    }) => {
      const ratio = (run: ProgramRun) =>
        run.peakRise('del-intermediates') / run.peakRise('keep-intermediates');
      expect(ratio(traced)).toBeGreaterThan(ratio(counted));
    },
    'saves nothing without a collector': ({ nogc }) => {
      expect(nogc.peakRise('del-intermediates') / nogc.peakRise('keep-intermediates')).toBeGreaterThan(0.99);
    },
  },
};

const RECENT_PAGES = 20;
const PAGE_BYTES = 2_048;

PROGRAM_CASES['global-cache'] = {
  argv: ['scale=0.02', `recentPages=${RECENT_PAGES}`],
  lessons: {
    'keeps every page it ever rendered, under every strategy': (runs) => {
      const [, pages] = figures(runs.refcount, 'serve');
      expect(pages).toBeGreaterThan(RECENT_PAGES);
      for (const run of Object.values(runs)) {
        expect(run.liveAfter('collect', 'Page')).toBe(pages);
        expect(run.phase('collect').liveBytesAtEnd).toBeGreaterThan(pages * PAGE_BYTES);
      }
    },
    'never shrinks: no strategy frees a page, gc.collect() included': (runs) => {
      for (const run of Object.values(runs))
        for (const phase of run.phases.filter((p) => p.name !== 'exit'))
          expect(phase.freed.get('Page'), phase.name).toBeUndefined();
    },
  },
};

/** Entries left in the WeakValueDictionary when the phase ended: pages rendered, less the entries their weak references' callbacks removed. */
function cacheEntries(run: ProgramRun, phase: string): number {
  const [, pages] = figures(run, 'serve');
  let removed = 0;
  for (const p of run.phases) {
    removed += p.weakrefCallbacks;
    if (p.name === phase) return pages - removed;
  }
  throw new Error(`no phase '${phase}'`);
}

PROGRAM_CASES['weak-value-cache'] = {
  argv: ['scale=0.02', `recentPages=${RECENT_PAGES}`],
  lessons: {
    'keeps only the pages the program still uses under reference counting': ({ refcount: counted }) => {
      expect(cacheEntries(counted, 'serve')).toBeLessThanOrEqual(RECENT_PAGES);
      expect(cacheEntries(counted, 'drop-recent')).toBe(0);
    },
    'keeps entries of dead pages until a collection under mark-sweep': ({
      refcount: counted,
      'mark-sweep': traced,
    }) => {
      expect(cacheEntries(traced, 'serve')).toBeGreaterThan(cacheEntries(counted, 'serve'));
      expect(cacheEntries(traced, 'drop-recent')).toBeGreaterThan(0);
      expect(cacheEntries(traced, 'collect')).toBe(0);
    },
    'costs far less memory than a strong cache of the same pages would': ({ refcount: counted }) => {
      const [, pages] = figures(counted, 'serve');
      const kept = counted.phase('collect').liveBytesAtEnd - counted.phase('serve').liveBytesAtStart;
      expect(kept * 10).toBeLessThan(pages * PAGE_BYTES);
    },
  },
};

const depthPhases = (run: ProgramRun) => run.phases.filter((p) => p.name.startsWith('depth-'));
const inDepthPhases = (run: ProgramRun) => run.collections.filter((c) => c.phase.name.startsWith('depth-'));
const peakOf = (run: ProgramRun) => Math.max(...run.phases.map((p) => p.peakLiveBytes));

PROGRAM_CASES['binary-trees'] = {
  argv: ['scale=0.2', 'stretchDepth=10', 'arraySize=5000'],
  lessons: {
    'frees each short-lived tree at once under reference counting': ({
      refcount: counted,
      'mark-sweep': traced,
    }) => {
      const [, longLivedNodes] = figures(counted, 'long-lived');
      expect(depthPhases(counted).map((p) => p.name)).toEqual(['depth-4', 'depth-6', 'depth-8', 'depth-10']);
      for (const phase of depthPhases(counted))
        expect(phase.live.get('Node'), phase.name).toBe(longLivedNodes);
      expect(peakOf(counted)).toBeLessThan(peakOf(traced));
    },
    'traces the long-lived data at every mark-sweep collection': ({ 'mark-sweep': traced }) => {
      const [, longLivedNodes, floats] = figures(traced, 'long-lived');
      const collections = inDepthPhases(traced);
      expect(collections.length).toBeGreaterThan(0);
      for (const collection of collections) expect(collection.examined).toBeGreaterThan(longLivedNodes + 1);
      expect(floats).toBe(5_000);
    },
    'examines only young objects in most generational collections': (runs) => {
      const [, longLivedNodes] = figures(runs.refcount, 'long-lived');
      for (const label of ['generational-3.11', 'generational-3.12', 'generational-3.13'] as const) {
        const collections = inDepthPhases(runs[label]);
        const young = collections.filter((c) => c.examined < longLivedNodes);
        expect(collections.length, label).toBeGreaterThan(0);
        expect(young.length, label).toBeGreaterThan(collections.length / 2);
      }
    },
  },
};

/** The gc.collect() calls that each iteration of gc-collect times: every second explicit collection. */
const timedCollections = (run: ProgramRun) =>
  run.collections.filter((c) => c.reason === 'explicit').filter((_, i) => i % 2 === 1);

PROGRAM_CASES['gc-collect'] = {
  argv: ['iterations=2'],
  lessons: {
    'finds every ring at each timed gc.collect() with a cycle collector': (runs) => {
      const [iterations, cycles, nodes] = figures(runs.refcount, 'collect');
      for (const label of [
        'generational-3.11',
        'generational-3.12',
        'generational-3.13',
        'mark-sweep',
      ] as const) {
        const timed = timedCollections(runs[label]);
        expect(timed, label).toHaveLength(iterations);
        for (const collection of timed)
          expect(collection.collected, label).toBeGreaterThanOrEqual(cycles * nodes);
        expect(runs[label].liveAfter('collect', 'Node'), label).toBe(0);
      }
    },
    'leaks every ring under reference counting': ({ refcount: counted }) => {
      const [iterations, cycles, nodes] = figures(counted, 'collect');
      expect(counted.collections.every((c) => c.collected === 0)).toBe(true);
      expect(counted.liveAfter('collect', 'Node')).toBe(iterations * cycles * nodes);
    },
  },
};

const GENERATIONAL = ['generational-3.11', 'generational-3.12', 'generational-3.13'] as const;
const COLLECTORS = [...GENERATIONAL, 'mark-sweep'] as const;

PROGRAM_CASES['gc-traversal'] = {
  argv: ['scale=0.1', 'levels=300', 'youngLists=50000'],
  lessons: {
    'finds none of the structure while it is alive, however often it collects': (runs) => {
      const [levels] = figures(runs.refcount, 'build');
      for (const label of GENERATIONAL) {
        const collect = runs[label].collections.filter((c) => c.phase.name === 'collect');
        expect(
          collect.every((c) => c.collected === 0),
          label,
        ).toBe(true);
      }
      for (const label of COLLECTORS) {
        const collect = runs[label].collections.filter((c) => c.phase.name === 'collect');
        expect(collect.length, label).toBeGreaterThan(0);
        expect(runs[label].liveAfter('collect', 'list'), label).toBeGreaterThanOrEqual(levels);
      }
    },
    'traverses the whole structure at every full collection': (runs) => {
      const [levels, references] = figures(runs.refcount, 'build');
      for (const label of GENERATIONAL)
        for (const collection of runs[label].collections.filter((c) => c.phase.name === 'collect'))
          expect(collection.examined, label).toBeGreaterThanOrEqual(levels);
      for (const collection of runs['mark-sweep'].collections.filter((c) => c.phase.name === 'collect'))
        expect(collection.examined).toBeGreaterThanOrEqual(references);
    },
    'examines a small part of the live data in young collections, while mark-sweep traces all of it every time':
      (runs) => {
        const [, references] = figures(runs.refcount, 'build');
        const collected = runs['generational-3.11'];
        const young = collected.collections.filter(
          (c) => c.phase.name === 'young-garbage' && c.generation === 0,
        );
        expect(young.length).toBeGreaterThan(0);
        for (const collection of young) expect(collection.examined * 10).toBeLessThan(references);
        const traced = runs['mark-sweep'].collections.filter((c) => c.phase.name === 'young-garbage');
        expect(traced.length).toBeGreaterThan(0);
        for (const collection of traced) expect(collection.examined).toBeGreaterThanOrEqual(references);
      },
  },
};

PROGRAM_CASES['deep-linked-list'] = {
  argv: ['scale=0.05'],
  lessons: {
    'frees the whole chain in the single del under reference counting': ({ refcount: counted }) => {
      const [nodes] = figures(counted, 'build');
      expect(counted.phase('drop').freed.get('Node')).toBe(nodes);
      expect(counted.liveAfter('drop', 'Node')).toBe(0);
    },
    'frees nothing at the del and everything at the next collection under mark-sweep': ({
      'mark-sweep': traced,
    }) => {
      const [nodes] = figures(traced, 'build');
      expect(traced.phase('collect-live').freed.get('Node')).toBeUndefined();
      const live = traced.collections.find((c) => c.phase.name === 'collect-live');
      expect(live?.examined).toBeGreaterThanOrEqual(nodes);
      expect(traced.phase('drop').frees).toBe(0);
      expect(traced.phase('collect-garbage').freed.get('Node')).toBe(nodes);
    },
  },
};

const foundIn = (run: ProgramRun, phase: string) =>
  run.collections.filter((c) => c.phase.name === phase).reduce((sum, c) => sum + c.collected, 0);

PROGRAM_CASES['random-graph-churn'] = {
  argv: ['scale=0.01'],
  lessons: {
    'leaves only the reachable graph after a full collection, whichever collector': (runs) => {
      const collected = runs['generational-3.11'];
      for (const type of ['Node', 'list'])
        expect(runs['mark-sweep'].liveAfter('collect', type), type).toBe(
          collected.liveAfter('collect', type),
        );
    },
    'leaks the cyclic garbage under reference counting while freeing the acyclic part at once': (runs) => {
      const counted = runs.refcount;
      expect(counted.liveAfter('collect', 'Node')).toBeGreaterThan(
        runs['generational-3.11'].liveAfter('collect', 'Node'),
      );
      expect(counted.phase('churn').freed.get('Node')).toBeGreaterThan(0);
    },
    'frees garbage at every mark-sweep collection during the churn': ({ 'mark-sweep': traced }) => {
      const churn = traced.collections.filter((c) => c.phase.name === 'churn');
      expect(churn.length).toBeGreaterThan(0);
      for (const collection of churn) expect(collection.collected).toBeGreaterThan(0);
    },
    'finds little in young collections: nodes die after they were promoted, so a full collection finds most':
      (runs) => {
        for (const label of GENERATIONAL)
          expect(foundIn(runs[label], 'collect'), label).toBeGreaterThan(foundIn(runs[label], 'churn'));
      },
  },
};

const meanExamined = (run: ProgramRun) => {
  const automatic = run.collections.filter((c) => c.reason !== 'explicit');
  return automatic.reduce((sum, c) => sum + c.examined, 0) / automatic.length;
};

PROGRAM_CASES['web-requests'] = {
  argv: ['scale=0.05', 'cycleProbability=0.5'],
  lessons: {
    'collects the young generation most of the time': (runs) => {
      for (const label of GENERATIONAL) {
        const automatic = runs[label].collections.filter((c) => c.reason === 'threshold');
        const young = automatic.filter((c) => c.generation === 0);
        expect(young.length, label).toBeGreaterThan(automatic.length / 2);
        expect(
          young.reduce((sum, c) => sum + c.collected, 0),
          label,
        ).toBeGreaterThan(0);
      }
    },
    'examines less per collection with generations than mark-sweep does tracing everything': (runs) => {
      for (const label of GENERATIONAL)
        expect(meanExamined(runs[label]), label).toBeLessThan(meanExamined(runs['mark-sweep']));
    },
    'leaks the request/response cycles under reference counting only': (runs) => {
      const [, cycles, sessions] = figures(runs.refcount, 'serve');
      expect(runs.refcount.liveAfter('shutdown', 'Request')).toBe(cycles);
      expect(runs.refcount.liveAfter('shutdown', 'Response')).toBe(cycles);
      for (const label of COLLECTORS) {
        expect(runs[label].liveAfter('shutdown', 'Request'), label).toBe(0);
        expect(runs[label].liveAfter('shutdown', 'Response'), label).toBe(0);
        expect(runs[label].liveAfter('shutdown', 'Session'), label).toBe(sessions);
      }
    },
  },
};

for (const [name, { argv, lessons }] of Object.entries(PROGRAM_CASES)) {
  describe(`${name}.py`, () => {
    const runs = {} as Record<StrategyLabel, ProgramRun>;
    beforeAll(() => {
      for (const run of STRATEGY_RUNS) runs[run.label] = runProgram(name, argv, run);
    }, 60_000);

    it('exits 0 and leaves a sound heap on every strategy', () => {
      for (const run of STRATEGY_RUNS) {
        const { result } = runs[run.label];
        expect(result.stderr, run.label).toBe('');
        expect(result.exitCode, run.label).toBe(0);
        expect(verifyHeap(result.runtime!.heap).problems, run.label).toEqual([]);
      }
    });

    it('refuses an unknown parameter and a bad value with a message and exit code 2', () => {
      const source = readFileSync(join(PROGRAMS, `${name}.py`), 'utf8');
      const refused = (words: string[]) =>
        runPythonSync(source, { strategy: refcount(), filename: `${name}.py`, argv: words });
      const unknown = refused(['bogus=1']);
      expect([unknown.exitCode, unknown.stdout]).toEqual([2, '']);
      expect(unknown.stderr).toMatch(
        new RegExp(`^${name}\\.py: unknown parameter 'bogus=1' \\(give name=value, names: scale, seed`),
      );
      const bad = refused(['scale=abc']);
      expect([bad.exitCode, bad.stderr]).toEqual([2, `${name}.py: scale must be a number, got 'abc'\n`]);
      const zero = refused(['scale=0']);
      expect([zero.exitCode, zero.stderr]).toEqual([2, `${name}.py: scale must be positive, got 0.0\n`]);
    });

    it('ends each phase of its # phase: comments with a line of its summary', () => {
      const printed = runs.refcount.phases.map((p) => p.name).filter((p) => p !== 'setup' && p !== 'exit');
      const comments = phaseComments(name).map(
        (comment) => new RegExp(`^${comment.replace(/\{\w+\}/g, '\\d+')}$`),
      );
      expect(printed.length).toBeGreaterThan(0);
      let next = 0;
      for (const phase of printed) {
        // A phase inside a loop repeats; the comments are in order, so each printed phase is the next comment or the same one.
        while (next < comments.length && !comments[next].test(phase)) next++;
        expect(next, `phase '${phase}' has no # phase: comment after the previous one`).toBeLessThan(
          comments.length,
        );
      }
    });

    // Without a collector the finalizers of garbage never run (a dropped generator is never closed),
    // so what they would allocate (the GeneratorExit a close throws into the frame) is never made:
    // the collecting strategies are compared, and `nogc` only prints as they do.
    it('allocates the same objects under every collecting strategy of one version, but for what gc.collect() returns', () => {
      for (const version of VERSIONS) {
        const [first, ...others] = STRATEGY_RUNS.filter(
          (run) => run.version === version && run.label !== 'nogc',
        );
        for (const other of others)
          expect(programAllocations(runs[other.label]), `${other.label} vs ${first.label}`).toEqual(
            programAllocations(runs[first.label]),
          );
      }
    });

    for (const version of VERSIONS) {
      const python = cpythonFor(version);
      if (python === null) {
        it.skip(`prints what CPython ${version} prints: CPython ${version} is not installed (install it, for example \`pyenv install ${version}\`, to run this comparison)`, () => {});
        continue;
      }
      it(`prints what CPython ${version} prints, on every strategy that models ${version}`, () => {
        const expected = runCPython(python, name, argv);
        expect(expected.stderr).toBe('');
        expect(expected.exitCode).toBe(0);
        for (const run of STRATEGY_RUNS.filter((r) => r.version === version))
          expect(runs[run.label].result.stdout, run.label).toBe(expected.stdout);
      });
    }

    for (const [title, check] of Object.entries(lessons)) it(title, () => check(runs));
  });
}

describe('the programs', () => {
  it('are the ones the tests check, one per file in programs/', () => {
    const files = readdirSync(PROGRAMS)
      .filter((file) => file.endsWith('.py'))
      .map((file) => file.slice(0, -3));
    expect(Object.keys(PROGRAM_CASES).sort()).toEqual(files.sort());
  });
});
