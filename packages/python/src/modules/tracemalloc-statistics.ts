/**
 * `tracemalloc.Statistic` and `tracemalloc.StatisticDiff` (`Lib/tracemalloc.py`): the traces of a
 * snapshot grouped by traceback, line or file (`Snapshot._group_by`, also `cumulative`), sorted
 * biggest first, and the differences with an older snapshot (`compare_to`). Sizes print as
 * `_format_size` prints them (`B`, `KiB`, `MiB`, ...).
 *
 * @module
 */

import type { Trace } from '@pymm/core/tracing';
import type { Interp, PyType } from '../runtime/interp.js';
import { strRepr } from '../runtime/repr.js';
import { builtinType, defineBuiltinType } from '../runtime/types.js';
import {
  compareTraceback,
  newTraceback,
  siteFrames,
  siteLine,
  type TracebackData,
  type TraceFrame,
  tracebackData,
  tracebackRepr,
  tracebackStr,
} from './tracemalloc-frames.js';

/** The ways of grouping traces. */
export type KeyType = 'traceback' | 'filename' | 'lineno';

/** One group: its frames (most recent first, as `_tracemalloc` gives them), total size and count. */
export interface Group {
  readonly frames: readonly TraceFrame[];
  /** Oldest first, for ordering. */
  readonly ordered: readonly TraceFrame[];
  size: number;
  count: number;
}

/** `Snapshot._group_by`: groups by key text. */
export function groupBy(
  ip: Interp,
  traces: readonly Trace[],
  keyType: string,
  cumulative: boolean,
): Map<string, Group> {
  if (keyType !== 'traceback' && keyType !== 'filename' && keyType !== 'lineno')
    ip.raise('ValueError', `unknown key_type: ${strRepr(keyType)}`);
  if (cumulative && keyType === 'traceback')
    ip.raise('ValueError', `cumulative mode cannot by used with key type ${strRepr(keyType)}`);
  const groups = new Map<string, Group>();
  const add = (frames: readonly TraceFrame[], size: number) => {
    const key = frames.map(([f, l]) => siteLine(f, l)).join('\n');
    const group = groups.get(key);
    if (group) {
      group.size += size;
      group.count++;
    } else {
      groups.set(key, { frames, ordered: [...frames].reverse(), size, count: 1 });
    }
  };
  for (const trace of traces) {
    const frames = siteFrames(trace.site);
    if (!cumulative) {
      if (keyType === 'traceback') add(frames, trace.size);
      else if (keyType === 'lineno') add(frames.slice(0, 1), trace.size);
      else add([[frames[0][0], 0]], trace.size);
    } else {
      for (const frame of frames) add(keyType === 'lineno' ? [frame] : [[frame[0], 0]], trace.size);
    }
  }
  return groups;
}

/** `_format_size(size, sign)`. */
export function formatSize(size: number, sign: boolean): string {
  for (const unit of ['B', 'KiB', 'MiB', 'GiB', 'TiB']) {
    if (Math.abs(size) < 100 && unit !== 'B') return `${fixed(size, 1, sign)} ${unit}`;
    if (Math.abs(size) < 10 * 1024 || unit === 'TiB') return `${fixed(size, 0, sign)} ${unit}`;
    size /= 1024;
  }
  return '';
}

/** `'%.Nf'` (with `+` for `sign`): exact ties round to even, as CPython's correctly rounded formatting does. */
function fixed(x: number, digits: number, sign: boolean): string {
  let text = x.toFixed(digits);
  if (digits === 0 && !Number.isInteger(x) && Number.isInteger(x * 2)) {
    const down = Math.floor(x);
    text = String(down % 2 === 0 ? down : down + 1);
  }
  return sign && !text.startsWith('-') ? `+${text}` : text;
}

/** Side data of a `Statistic` or a `StatisticDiff` (its cell is the traceback). */
export interface StatisticData {
  readonly kind: 'tracemalloc-statistic' | 'tracemalloc-statistic-diff';
  readonly size: number;
  readonly count: number;
  readonly sizeDiff: number;
  readonly countDiff: number;
}

function statisticData(ip: Interp, slot: number): StatisticData | null {
  const data = ip.payload(slot) as StatisticData | undefined;
  return data?.kind === 'tracemalloc-statistic' || data?.kind === 'tracemalloc-statistic-diff' ? data : null;
}

function tracebackOf(ip: Interp, stat: number): TracebackData {
  return tracebackData(ip, ip.store.refs.cells[ip.store.refStart[stat]]) as TracebackData;
}

/** A new `Statistic` (or `StatisticDiff` when `diff`), owned. */
function newStatistic(ip: Interp, group: Group, diff: { size: number; count: number } | null): number {
  const traceback = newTraceback(ip, group.frames);
  ip.push(traceback);
  const data: StatisticData = {
    kind: diff ? 'tracemalloc-statistic-diff' : 'tracemalloc-statistic',
    size: group.size,
    count: group.count,
    sizeDiff: diff?.size ?? 0,
    countDiff: diff?.count ?? 0,
  };
  const stat = ip.native(diff ? 'tracemalloc_StatisticDiff' : 'tracemalloc_Statistic', [traceback], data);
  ip.drop(ip.pop());
  return stat;
}

/** `Snapshot.statistics(key_type, cumulative)`: a list of `Statistic`, biggest first, owned. */
export function statistics(
  ip: Interp,
  traces: readonly Trace[],
  keyType: string,
  cumulative: boolean,
): number {
  const groups = [...groupBy(ip, traces, keyType, cumulative).values()];
  groups.sort((a, b) => b.size - a.size || b.count - a.count || compareTraceback(b.ordered, a.ordered));
  return newList(ip, groups, (g) => newStatistic(ip, g, null));
}

/** `Snapshot.compare_to(old, key_type, cumulative)`: a list of `StatisticDiff`, biggest change first, owned. */
export function compareTo(
  ip: Interp,
  traces: readonly Trace[],
  old: readonly Trace[],
  keyType: string,
  cumulative: boolean,
): number {
  const now = groupBy(ip, traces, keyType, cumulative);
  const before = groupBy(ip, old, keyType, cumulative);
  const diffs: { group: Group; size: number; count: number }[] = [];
  for (const [key, group] of now) {
    const previous = before.get(key);
    before.delete(key);
    diffs.push({
      group,
      size: group.size - (previous?.size ?? 0),
      count: group.count - (previous?.count ?? 0),
    });
  }
  for (const group of before.values())
    diffs.push({ group: { ...group, size: 0, count: 0 }, size: -group.size, count: -group.count });
  diffs.sort(
    (a, b) =>
      Math.abs(b.size) - Math.abs(a.size) ||
      b.group.size - a.group.size ||
      Math.abs(b.count) - Math.abs(a.count) ||
      b.group.count - a.group.count ||
      compareTraceback(b.group.ordered, a.group.ordered),
  );
  return newList(ip, diffs, (d) => newStatistic(ip, d.group, d));
}

function newList<T>(ip: Interp, items: readonly T[], make: (item: T) => number): number {
  const h = ip.stackHeight;
  const slots = items.map((item) => {
    const slot = make(item);
    ip.push(slot);
    return slot;
  });
  const list = ip.newList(slots);
  ip.unwindTo(h);
  return list;
}

function signedInt(n: number): string {
  return n >= 0 ? `+${n}` : String(n);
}

/** `Statistic.__str__` / `StatisticDiff.__str__`. */
function statisticStr(ip: Interp, slot: number, data: StatisticData): string {
  const where = tracebackStr(tracebackOf(ip, slot));
  let text =
    data.kind === 'tracemalloc-statistic'
      ? `${where}: size=${formatSize(data.size, false)}, count=${data.count}`
      : `${where}: size=${formatSize(data.size, false)} (${formatSize(data.sizeDiff, true)}), count=${data.count} (${signedInt(data.countDiff)})`;
  if (data.count) text += `, average=${formatSize(data.size / data.count, false)}`;
  return text;
}

/** `Statistic.__repr__` / `StatisticDiff.__repr__`. */
function statisticRepr(ip: Interp, slot: number, data: StatisticData): string {
  const traceback = tracebackRepr(tracebackOf(ip, slot));
  return data.kind === 'tracemalloc-statistic'
    ? `<Statistic traceback=${traceback} size=${data.size} count=${data.count}>`
    : `<StatisticDiff traceback=${traceback} size=${data.size} (${signedInt(data.sizeDiff)}) count=${data.count} (${signedInt(data.countDiff)})>`;
}

/** Defines `Statistic` and `StatisticDiff`, and hooks their attributes, `str` and `repr`. */
export function defineStatisticTypes(ip: Interp): { statistic: PyType; statisticDiff: PyType } {
  const object = builtinType(ip, 'object');
  const statistic = defineBuiltinType(ip, 'Statistic', object);
  statistic.module = 'tracemalloc';
  const statisticDiff = defineBuiltinType(ip, 'StatisticDiff', object);
  statisticDiff.module = 'tracemalloc';
  const getSpecial = ip.specialAttribute;
  ip.specialAttribute = (obj, name) => {
    const data = statisticData(ip, obj);
    if (data) {
      switch (name) {
        case 'traceback':
          return ip.own(ip.store.refs.cells[ip.store.refStart[obj]]);
        case 'size':
          return ip.int(data.size);
        case 'count':
          return ip.int(data.count);
        default:
          if (data.kind === 'tracemalloc-statistic-diff' && name === 'size_diff')
            return ip.int(data.sizeDiff);
          if (data.kind === 'tracemalloc-statistic-diff' && name === 'count_diff')
            return ip.int(data.countDiff);
      }
    }
    return getSpecial(obj, name);
  };
  const nativeRepr = ip.nativeRepr;
  ip.nativeRepr = (slot) => {
    const data = statisticData(ip, slot);
    return data ? statisticRepr(ip, slot, data) : nativeRepr(slot);
  };
  const nativeStr = ip.nativeStr;
  ip.nativeStr = (slot) => {
    const data = statisticData(ip, slot);
    return data ? statisticStr(ip, slot, data) : nativeStr(slot);
  };
  return { statistic, statisticDiff };
}
