/**
 * `tracemalloc.Frame` and `tracemalloc.Traceback` (`Lib/tracemalloc.py`). A traced block's site is
 * the text core's tracer keeps per block: the frames of the allocation, most recent first, one
 * `lineno:filename` per line (`<unknown>` when no Python frame ran). A `Traceback` holds the
 * frames oldest first, as the Python API shows them; indexing it makes a new `Frame`.
 *
 * @module
 */

import { UNKNOWN_SITE } from '@pymm/core/tracing';
import { arity, intArg, keyword } from '../builtins/arguments.js';
import type { Interp, NativeFn, PyType } from '../runtime/interp.js';
import { strRepr } from '../runtime/repr.js';
import { builtinType, defineBuiltinType } from '../runtime/types.js';

/** One frame: `(filename, lineno)`. */
export type TraceFrame = readonly [string, number];

const parsed = new Map<string, readonly TraceFrame[]>();

/** The site text of a frame (one line of a site). */
export function siteLine(filename: string, lineno: number): string {
  return `${lineno}:${filename}`;
}

/** A site's frames, most recent first (`_tracemalloc`'s order). */
export function siteFrames(site: string): readonly TraceFrame[] {
  let frames = parsed.get(site);
  if (frames === undefined) {
    frames =
      site === UNKNOWN_SITE
        ? [['<unknown>', 0]]
        : site.split('\n').map((line): TraceFrame => {
            const colon = line.indexOf(':');
            return [line.slice(colon + 1), Number(line.slice(0, colon))];
          });
    parsed.set(site, frames);
  }
  return frames;
}

/** Orders frame tuples as Python compares `(filename, lineno)` tuples. */
export function compareFrame(a: TraceFrame, b: TraceFrame): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1];
}

/** Orders tracebacks (tuples of frames, oldest first) as Python compares tuples. */
export function compareTraceback(a: readonly TraceFrame[], b: readonly TraceFrame[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareFrame(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Side data of a `Frame`. */
interface FrameData {
  readonly kind: 'tracemalloc-frame';
  readonly frame: TraceFrame;
}

/** Side data of a `Traceback`: frames oldest first. */
export interface TracebackData {
  readonly kind: 'tracemalloc-traceback';
  readonly frames: readonly TraceFrame[];
  readonly totalNframe: number | null;
}

/** A new `Frame`, owned. */
function newFrame(ip: Interp, frame: TraceFrame): number {
  return ip.native('tracemalloc_Frame', [], { kind: 'tracemalloc-frame', frame } satisfies FrameData);
}

/** A new `Traceback` of a site's frames (most recent first, as `_tracemalloc` gives them), owned. */
export function newTraceback(
  ip: Interp,
  rawFrames: readonly TraceFrame[],
  totalNframe: number | null = null,
): number {
  const frames = [...rawFrames].reverse();
  return ip.native('tracemalloc_Traceback', [], {
    kind: 'tracemalloc-traceback',
    frames,
    totalNframe,
  } satisfies TracebackData);
}

/** The frames of a `Traceback`, or null for anything else. */
export function tracebackData(ip: Interp, slot: number): TracebackData | null {
  const data = ip.payload(slot) as TracebackData | undefined;
  return data?.kind === 'tracemalloc-traceback' ? data : null;
}

function frameData(ip: Interp, slot: number): FrameData | null {
  const data = ip.payload(slot) as FrameData | undefined;
  return data?.kind === 'tracemalloc-frame' ? data : null;
}

function frameRepr(frame: TraceFrame): string {
  return `<Frame filename=${strRepr(frame[0])} lineno=${frame[1]}>`;
}

/** `Traceback.__repr__`: `<Traceback (<Frame ...>,)>`. */
export function tracebackRepr(data: TracebackData): string {
  const items = data.frames.map(frameRepr);
  const tuple = items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  return `<Traceback ${tuple}${data.totalNframe === null ? '' : ` total_nframe=${data.totalNframe}`}>`;
}

/** `str(traceback)`: its first frame, `filename:lineno`. */
export function tracebackStr(data: TracebackData): string {
  const first = data.frames[0];
  return `${first[0]}:${first[1]}`;
}

/** The six rich comparisons of values read by `read`, ordered by `order` (`functools.total_ordering`). */
function comparison<T>(
  read: (ip: Interp, slot: number) => T | null,
  order: (a: T, b: T) => number,
): [string, NativeFn][] {
  const compare =
    (test: (c: number) => boolean): NativeFn =>
    (ip, args) => {
      arity(ip, 'comparison', args, 2, 2);
      const a = read(ip, args[0]);
      const b = read(ip, args[1]);
      if (a === null || b === null) return ip.own(ip.notImplemented);
      return ip.bool(test(order(a, b)));
    };
  return [
    ['__eq__', compare((c) => c === 0)],
    ['__ne__', compare((c) => c !== 0)],
    ['__lt__', compare((c) => c < 0)],
    ['__le__', compare((c) => c <= 0)],
    ['__gt__', compare((c) => c > 0)],
    ['__ge__', compare((c) => c >= 0)],
  ];
}

/** `Traceback.format(limit=None, most_recent_first=False)`: `File "...", line N` and the source line. */
function format(ip: Interp, data: TracebackData, args: number[], kw: Parameters<NativeFn>[2]): number {
  arity(ip, 'format', args, 0, 2);
  const opts = keyword(ip, 'format', kw, ['limit', 'most_recent_first']);
  const limitArg = args[0] ?? opts.get('limit');
  const recentArg = args[1] ?? opts.get('most_recent_first');
  let frames = data.frames;
  if (limitArg !== undefined && limitArg !== ip.none) {
    const limit = intArg(ip, limitArg, '');
    frames = limit > 0 ? frames.slice(-limit) : frames.slice(0, limit === 0 ? 0 : limit);
  }
  if (recentArg !== undefined && ip.truthy(recentArg)) frames = [...frames].reverse();
  const lines: number[] = [];
  const h = ip.stackHeight;
  for (const [filename, lineno] of frames) {
    const line = ip.str(`  File "${filename}", line ${lineno}`);
    ip.push(line);
    lines.push(line);
    const text = filename === ip.options.filename ? (ip.lines[lineno - 1] ?? '').trim() : '';
    if (text) {
      const source = ip.str(`    ${text}`);
      ip.push(source);
      lines.push(source);
    }
  }
  const list = ip.newList(lines);
  ip.unwindTo(h);
  return list;
}

/** Defines `Frame` and `Traceback`, and hooks their attributes, `str` and `repr`. */
export function defineFrameTypes(ip: Interp): { frame: PyType; traceback: PyType } {
  const object = builtinType(ip, 'object');
  const frame = defineBuiltinType(ip, 'Frame', object);
  frame.module = 'tracemalloc';
  const traceback = defineBuiltinType(ip, 'Traceback', object);
  traceback.module = 'tracemalloc';
  const frameOf = (slot: number) => frameData(ip, slot);
  for (const [name, fn] of comparison((ip2, slot) => frameData(ip2, slot)?.frame ?? null, compareFrame))
    frame.methods.set(name, fn);
  for (const [name, fn] of comparison(
    (ip2, slot) => tracebackData(ip2, slot)?.frames ?? null,
    compareTraceback,
  ))
    traceback.methods.set(name, fn);
  traceback.methods.set('__len__', (ip2, [self]) =>
    ip2.int((tracebackData(ip2, self) as TracebackData).frames.length),
  );
  traceback.methods.set('__getitem__', (ip2, [self, index]) => {
    const frames = (tracebackData(ip2, self) as TracebackData).frames;
    if (ip2.typeName(index) === 'slice') {
      const h = ip2.stackHeight;
      const all = frames.map((f) => {
        const slot = newFrame(ip2, f);
        ip2.push(slot);
        return slot;
      });
      const list = ip2.newList(all);
      ip2.unwindTo(h);
      ip2.push(list);
      const sliced = ip2.getItem(list, index);
      ip2.push(sliced);
      const tuple = ip2.own(ip2.heap.newTuple(ip2.items(sliced)));
      ip2.unwindTo(h);
      return tuple;
    }
    let i = intArg(ip2, index, '');
    if (i < 0) i += frames.length;
    if (i < 0 || i >= frames.length) return ip2.raise('IndexError', 'tuple index out of range');
    return newFrame(ip2, frames[i]);
  });
  traceback.methods.set('format', (ip2, args, kw) =>
    format(ip2, tracebackData(ip2, args[0]) as TracebackData, args.slice(1), kw),
  );
  const getSpecial = ip.specialAttribute;
  ip.specialAttribute = (obj, name) => {
    const f = frameOf(obj);
    if (f && name === 'filename') return ip.str(f.frame[0]);
    if (f && name === 'lineno') return ip.int(f.frame[1]);
    const t = f ? null : tracebackData(ip, obj);
    if (t && name === 'total_nframe') return t.totalNframe === null ? ip.own(ip.none) : ip.int(t.totalNframe);
    return getSpecial(obj, name);
  };
  const nativeRepr = ip.nativeRepr;
  ip.nativeRepr = (slot) => {
    const f = frameOf(slot);
    if (f) return frameRepr(f.frame);
    const t = tracebackData(ip, slot);
    return t ? tracebackRepr(t) : nativeRepr(slot);
  };
  const nativeStr = ip.nativeStr;
  ip.nativeStr = (slot) => {
    const f = frameOf(slot);
    if (f) return `${f.frame[0]}:${f.frame[1]}`;
    const t = tracebackData(ip, slot);
    return t ? tracebackStr(t) : nativeStr(slot);
  };
  return { frame, traceback };
}
