/**
 * `tracemalloc.Filter(inclusive, filename_pattern, lineno=None, all_frames=False, domain=None)`
 * (`Lib/tracemalloc.py`): keeps (inclusive) or drops the traces whose most recent frame (or any
 * frame, with `all_frames`) matches an `fnmatch` pattern and, when given, a line number; and
 * `Snapshot.filter_traces`'s rule: a trace passes when some inclusive filter matches (if any) and
 * no exclusive filter drops it. Every pymm trace is in domain 0.
 *
 * @module
 */

import { arity, intArg, keyword } from '../builtins/arguments.js';
import type { Interp, KwArgs, PyType } from '../runtime/interp.js';
import { builtinType, defineBuiltinType } from '../runtime/types.js';
import { siteFrames, type TraceFrame } from './tracemalloc-frames.js';

/** Side data of a `Filter`. */
export interface FilterData {
  readonly kind: 'tracemalloc-filter';
  readonly inclusive: boolean;
  readonly pattern: string;
  readonly regex: RegExp;
  readonly lineno: number | null;
  readonly allFrames: boolean;
  readonly domain: number | null;
}

/** `fnmatch.translate`: `*`, `?`, `[seq]` and `[!seq]`; the whole name must match. */
function translate(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        let body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        else if (body.startsWith('^')) body = `\\${body}`;
        out += `[${body}]`;
        i = end;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 's');
}

/** `_normalize_filename`: a `.pyc` name stands for its `.py`. */
function normalize(filename: string): string {
  return filename.endsWith('.pyc') ? filename.slice(0, -1) : filename;
}

function matchFrame(filter: FilterData, [filename, lineno]: TraceFrame): boolean {
  if (!filter.regex.test(normalize(filename))) return false;
  return filter.lineno === null || lineno === filter.lineno;
}

/** `Filter._match`. */
function matches(filter: FilterData, site: string): boolean {
  const frames = siteFrames(site);
  let result: boolean;
  if (filter.allFrames) {
    result = frames.some((f) => matchFrame(filter, f)) ? filter.inclusive : !filter.inclusive;
  } else {
    result = matchFrame(filter, frames[0]) !== !filter.inclusive;
  }
  if (filter.domain !== null)
    return filter.inclusive ? result && filter.domain === 0 : result || filter.domain !== 0;
  return result;
}

/** `Snapshot._filter_trace`. */
export function passes(filters: readonly FilterData[], site: string): boolean {
  const include = filters.filter((f) => f.inclusive);
  const exclude = filters.filter((f) => !f.inclusive);
  if (include.length > 0 && !include.some((f) => matches(f, site))) return false;
  return !exclude.some((f) => !matches(f, site));
}

/** The data of a `Filter`, or null. */
export function filterData(ip: Interp, slot: number): FilterData | null {
  const data = ip.payload(slot) as FilterData | undefined;
  return data?.kind === 'tracemalloc-filter' ? data : null;
}

function construct(ip: Interp, args: number[], kw: KwArgs | null): number {
  arity(ip, 'Filter', args, 0, 5);
  const opts = keyword(ip, 'Filter', kw, ['inclusive', 'filename_pattern', 'lineno', 'all_frames', 'domain']);
  const names = ['inclusive', 'filename_pattern', 'lineno', 'all_frames', 'domain'];
  const arg = (i: number) => args[i] ?? opts.get(names[i]);
  const inclusive = arg(0);
  const pattern = arg(1);
  if (inclusive === undefined || pattern === undefined) {
    const missing =
      inclusive === undefined
        ? "2 required positional arguments: 'inclusive' and 'filename_pattern'"
        : "1 required positional argument: 'filename_pattern'";
    return ip.raise('TypeError', `Filter.__init__() missing ${missing}`);
  }
  if (ip.typeName(pattern) !== 'str')
    ip.raise('TypeError', `expected str, bytes or os.PathLike object, not ${ip.typeName(pattern)}`);
  const lineno = arg(2);
  const domain = arg(4);
  const allFrames = arg(3);
  const text = normalize(ip.text(pattern));
  const data: FilterData = {
    kind: 'tracemalloc-filter',
    inclusive: ip.truthy(inclusive),
    pattern: text,
    regex: translate(text),
    lineno: lineno === undefined || lineno === ip.none ? null : intArg(ip, lineno, ''),
    allFrames: allFrames !== undefined && ip.truthy(allFrames),
    domain: domain === undefined || domain === ip.none ? null : intArg(ip, domain, ''),
  };
  return ip.native('tracemalloc_Filter', [], data);
}

/** Defines `Filter` and hooks its attributes. */
export function defineFilter(ip: Interp): PyType {
  const type = defineBuiltinType(ip, 'Filter', builtinType(ip, 'object'));
  type.module = 'tracemalloc';
  type.ctor = construct;
  const getSpecial = ip.specialAttribute;
  ip.specialAttribute = (obj, name) => {
    const data = filterData(ip, obj);
    if (data) {
      switch (name) {
        case 'inclusive':
          return ip.bool(data.inclusive);
        case 'filename_pattern':
          return ip.str(data.pattern);
        case 'lineno':
          return data.lineno === null ? ip.own(ip.none) : ip.int(data.lineno);
        case 'all_frames':
          return ip.bool(data.allFrames);
        case 'domain':
          return data.domain === null ? ip.own(ip.none) : ip.int(data.domain);
        default:
          break;
      }
    }
    return getSpecial(obj, name);
  };
  return type;
}
