/**
 * tracemalloc for a simulated heap, with Python's names in camelCase: start
 * and stop tracing, the current and peak traced memory, `resetPeak`,
 * snapshots with statistics grouped by allocation site (a label that runtime
 * calls carry: `py.at('load_rows', () => ...)`) or by type, `compareTo`
 * between two snapshots, and filters.
 *
 * A trace is one memory block of a live object allocated while tracing: the
 * object's own block, attributed to the site that created it, and its
 * separately allocated part (a list's item array, a dict's key table),
 * attributed, like a `realloc` in CPython, to the site that last resized it.
 *
 * @module
 */

import type { Heap } from '../heap/heap.js';
import { SLOT_BITS } from '../heap/object-store.js';

const SLOT_MASK = (1 << SLOT_BITS) - 1;
const UNTRACED = -1;
/** `extraSiteOf` of an object whose own block is not traced but whose separate part will be. */
const EXTRA_ONLY = -2;
/**
 * Site label of allocations made outside any `py.at(...)`.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { Tracemalloc, UNKNOWN_SITE } from '@pymm/core/tracing';
 * const py = createRuntime();
 * const tracer = new Tracemalloc(py.heap);
 * tracer.start();
 * py.locals.xs = py.list();
 * UNKNOWN_SITE; // '<unknown>'
 * tracer.takeSnapshot().statistics('site')[0].key === UNKNOWN_SITE; // true
 * ```
 */
export const UNKNOWN_SITE = '<unknown>';

/**
 * How statistics are grouped: by allocation site (like `'lineno'`) or by Python type.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type StatisticKey, Tracemalloc } from '@pymm/core/tracing';
 * const py = createRuntime();
 * const tracer = new Tracemalloc(py.heap);
 * tracer.start();
 * py.at('load', () => {
 *   py.locals.rows = py.list([py.dict(), py.dict()]);
 * });
 * const snapshot = tracer.takeSnapshot();
 * const keys: StatisticKey[] = ['site', 'type'];
 * keys.map((key) => snapshot.statistics(key)[0].key); // ['load', 'dict']
 * ```
 */
export type StatisticKey = 'site' | 'type';

/**
 * One group of traces (`tracemalloc.Statistic`).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type Statistic, Tracemalloc } from '@pymm/core/tracing';
 * const py = createRuntime();
 * const tracer = new Tracemalloc(py.heap);
 * tracer.start();
 * py.locals.xs = py.list([py.float(1.5), py.float(2.5)]);
 * const byType: Statistic[] = tracer.takeSnapshot().statistics('type');
 * byType; // [{ key: 'list', size: 72, count: 2 }, { key: 'float', size: 48, count: 2 }]
 * ```
 */
export interface Statistic {
  /** The site label or type name. */
  readonly key: string;
  /** Total size of the group's live objects, in bytes. */
  readonly size: number;
  /** Number of live objects in the group. */
  readonly count: number;
}

/**
 * A group compared with an older snapshot (`tracemalloc.StatisticDiff`).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type StatisticDiff, Tracemalloc } from '@pymm/core/tracing';
 * const py = createRuntime();
 * const tracer = new Tracemalloc(py.heap);
 * tracer.start();
 * py.locals.xs = py.list();
 * const before = tracer.takeSnapshot();
 * py.at('grow', () => py.append(py.locals.xs, py.list()));
 * const [top]: StatisticDiff[] = tracer.takeSnapshot().compareTo(before);
 * top; // { key: 'grow', size: 88, count: 2, sizeDiff: 88, countDiff: 2 }: a new list (56) and xs's item array (32)
 * ```
 */
export interface StatisticDiff extends Statistic {
  readonly sizeDiff: number;
  readonly countDiff: number;
}

/**
 * Keeps or drops traces by site or type (`tracemalloc.Filter`). `pattern` is a
 * glob: `*` matches any run of characters, `?` one character.
 *
 * @example
 * ```ts
 * import { TraceFilter } from '@pymm/core/tracing';
 * new TraceFilter(false, 'warmup*').matches({ site: 'warmup:1', type: 'list', size: 56 }); // false
 * ```
 */
export class TraceFilter {
  private readonly regex: RegExp;
  constructor(
    /** Keep matching traces (true) or drop them (false). */
    readonly inclusive: boolean,
    readonly pattern: string,
    /** What the pattern is matched against. */
    readonly key: StatisticKey = 'site',
  ) {
    const escaped = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    this.regex = new RegExp(`^${escaped}$`);
  }

  /** Whether a trace passes this filter. */
  matches(trace: Trace): boolean {
    return this.regex.test(this.key === 'site' ? trace.site : trace.type) === this.inclusive;
  }
}

/**
 * One traced memory block of a live object: its own block, or its separately
 * allocated part (a list's item array), attributed to the site that last resized it.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type Trace, Tracemalloc } from '@pymm/core/tracing';
 * const py = createRuntime();
 * const tracer = new Tracemalloc(py.heap);
 * tracer.start();
 * py.locals.xs = py.list();
 * py.at('fill', () => py.append(py.locals.xs, py.int(1)));
 * const traces: readonly Trace[] = tracer.takeSnapshot().traces;
 * traces; // [{ site: '<unknown>', type: 'list', size: 56 }, { site: 'fill', type: 'list', size: 32 }]
 * ```
 */
export interface Trace {
  readonly site: string;
  readonly type: string;
  readonly size: number;
}

/**
 * A snapshot of the traced objects (`tracemalloc.Snapshot`).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { Tracemalloc } from '@pymm/core/tracing';
 * const py = createRuntime();
 * const tracer = new Tracemalloc(py.heap);
 * tracer.start();
 * py.at('build', () => { py.locals.xs = py.list([py.list(), py.list()]); });
 * tracer.takeSnapshot().statistics('site')[0]; // { key: 'build', size: 184, count: 4 }
 * ```
 */
export class Snapshot {
  constructor(
    /** Every trace at the time of the snapshot. */
    readonly traces: readonly Trace[],
  ) {}

  /** A new snapshot with only the traces that pass every filter (`filter_traces`). */
  filterTraces(filters: readonly TraceFilter[]): Snapshot {
    return new Snapshot(this.traces.filter((t) => filters.every((f) => f.matches(t))));
  }

  /** Traces grouped by `key`, biggest first (then by count, then by key). */
  statistics(key: StatisticKey = 'site'): Statistic[] {
    const groups = new Map<string, { size: number; count: number }>();
    for (const t of this.traces) {
      const k = key === 'site' ? t.site : t.type;
      const g = groups.get(k) ?? { size: 0, count: 0 };
      g.size += t.size;
      g.count++;
      groups.set(k, g);
    }
    return [...groups]
      .map(([k, g]) => ({ key: k, size: g.size, count: g.count }))
      .sort((a, b) => b.size - a.size || b.count - a.count || a.key.localeCompare(b.key));
  }

  /** Differences with an older snapshot, biggest absolute size change first (`compare_to`). */
  compareTo(old: Snapshot, key: StatisticKey = 'site'): StatisticDiff[] {
    const before = new Map(old.statistics(key).map((s) => [s.key, s]));
    const now = new Map(this.statistics(key).map((s) => [s.key, s]));
    const keys = new Set([...before.keys(), ...now.keys()]);
    return [...keys]
      .map((k) => {
        const a = before.get(k);
        const b = now.get(k);
        return {
          key: k,
          size: b?.size ?? 0,
          count: b?.count ?? 0,
          sizeDiff: (b?.size ?? 0) - (a?.size ?? 0),
          countDiff: (b?.count ?? 0) - (a?.count ?? 0),
        };
      })
      .sort(
        (x, y) =>
          Math.abs(y.sizeDiff) - Math.abs(x.sizeDiff) || y.size - x.size || x.key.localeCompare(y.key),
      );
  }
}

/**
 * The tracer of one heap (Python's `tracemalloc` module).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { Tracemalloc } from '@pymm/core/tracing';
 * const py = createRuntime();
 * const tracemalloc = new Tracemalloc(py.heap);
 * tracemalloc.start();
 * py.locals.xs = py.list([py.int(1000)]);
 * tracemalloc.getTracedMemory(); // [96, 96]: the list (56), its item array (8) and the int (32)
 * ```
 */
export class Tracemalloc {
  private siteOf = new Int32Array(1024).fill(UNTRACED);
  private sizeOf = new Float64Array(1024);
  private extraSiteOf = new Int32Array(1024).fill(UNTRACED);
  private extraSizeOf = new Float64Array(1024);
  private readonly sites: string[] = [];
  /** Traced blocks that sit in a free list, by address: their site, size and the type that freed them. */
  private readonly parkedBlocks = new Map<number, { site: number; size: number; type: string }>();
  private readonly siteIds = new Map<string, number>();
  private current = 0;
  private peak = 0;
  private unsubscribe: (() => void) | null = null;

  /**
   * `currentSite`, when given, names the site of allocations made outside any `py.at(...)`
   * (an interpreter reports its current file and line); otherwise they are {@link UNKNOWN_SITE}.
   */
  constructor(
    private readonly heap: Heap,
    private readonly currentSite?: () => string,
  ) {}

  /** `tracemalloc.start()`: objects allocated from now on are traced. */
  start(): void {
    if (this.unsubscribe) return;
    const events = this.heap.events;
    const offs = [
      events.on('allocate', (e) => {
        const slot = e.handle & SLOT_MASK;
        if (e.fromFreeList) this.reused(slot);
        else this.traced(slot, e.requested, e.site ?? this.site());
      }),
      events.on('resize', (e) => this.resized(e.handle & SLOT_MASK, e.delta, e.site ?? this.site())),
      events.on('free', (e) => {
        const slot = e.handle & SLOT_MASK;
        if (e.toFreeList) this.parked(slot, e.type);
        else this.untraced(slot);
      }),
    ];
    this.unsubscribe = () => {
      for (const off of offs) off();
    };
  }

  /** `tracemalloc.stop()`: stops tracing and forgets every trace. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.clearTraces();
  }

  /** `tracemalloc.is_tracing()`. */
  isTracing(): boolean {
    return this.unsubscribe !== null;
  }

  /** `tracemalloc.clear_traces()`: forgets the traces (tracing goes on) and zeroes the counters. */
  clearTraces(): void {
    this.parkedBlocks.clear();
    this.siteOf.fill(UNTRACED);
    this.extraSiteOf.fill(UNTRACED);
    this.extraSizeOf.fill(0);
    this.current = 0;
    this.peak = 0;
  }

  /** `tracemalloc.get_traced_memory()`: `[current, peak]` bytes of traced objects. */
  getTracedMemory(): [number, number] {
    return [this.current, this.peak];
  }

  /** `tracemalloc.reset_peak()`: the peak becomes the current size. */
  resetPeak(): void {
    this.peak = this.current;
  }

  /** `tracemalloc.take_snapshot()`. */
  takeSnapshot(): Snapshot {
    if (!this.isTracing())
      throw new Error('the tracemalloc module must be tracing memory allocations to take a snapshot');
    const traces: Trace[] = [];
    const limit = Math.min(this.siteOf.length, this.heap.store.slotLimit);
    for (let slot = 0; slot < limit; slot++) {
      const site = this.siteOf[slot];
      if (site === UNTRACED && this.extraSizeOf[slot] <= 0) continue;
      const type = this.heap.typeNameOf(slot);
      if (site !== UNTRACED) traces.push({ site: this.sites[site], type, size: this.sizeOf[slot] });
      if (this.extraSizeOf[slot] > 0)
        traces.push({ site: this.sites[this.extraSiteOf[slot]], type, size: this.extraSizeOf[slot] });
    }
    for (const block of this.parkedBlocks.values())
      traces.push({ site: this.sites[block.site], type: block.type, size: block.size });
    return new Snapshot(traces);
  }

  /** `tracemalloc.get_tracemalloc_memory()`: bytes of the tracer's own per-slot tables. */
  memoryUsage(): number {
    return (
      this.siteOf.byteLength +
      this.sizeOf.byteLength +
      this.extraSiteOf.byteLength +
      this.extraSizeOf.byteLength
    );
  }

  /** The site of the object in `slot` (`_get_object_traceback`), or undefined when it is not traced. */
  objectSite(slot: number): string | undefined {
    if (slot >= this.siteOf.length || this.siteOf[slot] === UNTRACED) return undefined;
    return this.sites[this.siteOf[slot]];
  }

  private site(): string {
    return this.currentSite ? this.currentSite() : UNKNOWN_SITE;
  }

  private siteId(site: string): number {
    let id = this.siteIds.get(site);
    if (id === undefined) {
      id = this.sites.length;
      this.sites.push(site);
      this.siteIds.set(site, id);
    }
    return id;
  }

  /**
   * An object freed to a free list: its memory stays allocated (CPython frees nothing), so its
   * trace stays, parked by address, while its separately allocated part is freed.
   */
  private parked(slot: number, type: string): void {
    if (slot >= this.siteOf.length) return;
    if (this.siteOf[slot] === UNTRACED) {
      this.untraced(slot);
      return;
    }
    this.parkedBlocks.set(this.heap.store.address[slot], {
      site: this.siteOf[slot],
      size: this.sizeOf[slot],
      type,
    });
    this.siteOf[slot] = UNTRACED;
    this.extraSiteOf[slot] = UNTRACED;
    this.add(-this.extraSizeOf[slot]);
    this.extraSizeOf[slot] = 0;
  }

  /**
   * An object taken from a free list: no new memory, so it keeps the trace of the block's first
   * allocation (its site), or none when that allocation was not traced; what it allocates
   * separately later (a list's item array) is traced.
   */
  private reused(slot: number): void {
    this.grow(slot);
    const address = this.heap.store.address[slot];
    const block = this.parkedBlocks.get(address);
    this.extraSiteOf[slot] = EXTRA_ONLY;
    this.extraSizeOf[slot] = 0;
    if (block === undefined) {
      this.siteOf[slot] = UNTRACED;
      return;
    }
    this.parkedBlocks.delete(address);
    this.siteOf[slot] = block.site;
    this.sizeOf[slot] = block.size;
  }

  private traced(slot: number, bytes: number, site: string): void {
    this.grow(slot);
    this.siteOf[slot] = this.siteId(site);
    this.sizeOf[slot] = bytes;
    this.extraSiteOf[slot] = EXTRA_ONLY;
    this.extraSizeOf[slot] = 0;
    this.add(bytes);
  }

  private grow(slot: number): void {
    if (slot >= this.siteOf.length) {
      let size = this.siteOf.length * 2;
      while (size <= slot) size *= 2;
      const sites = new Int32Array(size).fill(UNTRACED);
      sites.set(this.siteOf);
      this.siteOf = sites;
      const sizes = new Float64Array(size);
      sizes.set(this.sizeOf);
      this.sizeOf = sizes;
      const extraSites = new Int32Array(size).fill(UNTRACED);
      extraSites.set(this.extraSiteOf);
      this.extraSiteOf = extraSites;
      const extraSizes = new Float64Array(size);
      extraSizes.set(this.extraSizeOf);
      this.extraSizeOf = extraSizes;
    }
  }

  private resized(slot: number, delta: number, site: string): void {
    if (slot >= this.siteOf.length || this.extraSiteOf[slot] === UNTRACED) return;
    // The separately allocated part was reallocated: the whole block now belongs to this site.
    this.extraSizeOf[slot] += delta;
    this.extraSiteOf[slot] = this.siteId(site);
    this.add(delta);
  }

  private untraced(slot: number): void {
    if (slot >= this.siteOf.length) return;
    if (this.siteOf[slot] !== UNTRACED) this.add(-this.sizeOf[slot]);
    if (this.extraSiteOf[slot] !== UNTRACED) this.add(-this.extraSizeOf[slot]);
    this.siteOf[slot] = UNTRACED;
    this.extraSiteOf[slot] = UNTRACED;
    this.extraSizeOf[slot] = 0;
  }

  private add(delta: number): void {
    this.current += delta;
    if (this.current > this.peak) this.peak = this.current;
  }
}
