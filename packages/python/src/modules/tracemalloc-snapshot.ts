/**
 * `tracemalloc.Snapshot` (`Lib/tracemalloc.py`): the traces core's tracer held when the snapshot
 * was taken (one per traced block: its site and size) and the traceback limit; `statistics`,
 * `compare_to` and `filter_traces`, and the `traceback_limit` attribute.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { Trace } from '@pymm/core/tracing';
import { arity, keyword } from '../builtins/arguments.js';
import type { Interp, KwArgs, PyType } from '../runtime/interp.js';
import { getIter, iterNext } from '../runtime/iterate.js';
import { builtinType, defineBuiltinType, isInstance } from '../runtime/types.js';
import { type FilterData, filterData, passes } from './tracemalloc-filter.js';
import { compareTo, statistics } from './tracemalloc-statistics.js';

/** Side data of a `Snapshot`. */
interface SnapshotData {
  readonly kind: 'tracemalloc-snapshot';
  readonly traces: readonly Trace[];
  readonly tracebackLimit: number;
}

function snapshotData(ip: Interp, slot: number, what: string): SnapshotData {
  const data = ip.payload(slot) as SnapshotData | undefined;
  if (data?.kind !== 'tracemalloc-snapshot')
    return ip.raise('TypeError', `descriptor '${what}' requires a 'Snapshot' object`);
  return data;
}

/** A new `Snapshot` of `traces`, owned. */
export function newSnapshot(ip: Interp, traces: readonly Trace[], tracebackLimit: number): number {
  return ip.native('tracemalloc_Snapshot', [], {
    kind: 'tracemalloc-snapshot',
    traces,
    tracebackLimit,
  } satisfies SnapshotData);
}

/** `key_type` and `cumulative` of `statistics` and `compare_to`, after `leading` positional arguments. */
function groupingArgs(
  ip: Interp,
  name: string,
  args: number[],
  kw: KwArgs | null,
  leading: string[],
): [number[], string, boolean] {
  const names = [...leading, 'key_type', 'cumulative'];
  arity(ip, name, args, 0, names.length);
  const opts = keyword(ip, name, kw, names);
  const values = names.map((n, i) => args[i] ?? opts.get(n));
  const missing = names.filter((_, i) => i < names.length - 1 && values[i] === undefined);
  if (missing.length > 0) {
    const quoted = missing.map((m) => `'${m}'`);
    const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
    ip.raise(
      'TypeError',
      `Snapshot.${name}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`,
    );
  }
  const keyType = values[leading.length] as number;
  if (ip.typeName(keyType) !== 'str') ip.raise('ValueError', `unknown key_type: ${ip.repr(keyType)}`);
  const key = ip.text(keyType);
  const cumulative = values[leading.length + 1];
  return [
    values.slice(0, leading.length) as number[],
    key,
    cumulative !== undefined && ip.truthy(cumulative),
  ];
}

/** `iter(filters)`, owned; a value that is not iterable is refused as `filter_traces` words it. */
function iterableOfFilters(ip: Interp, filters: number): number {
  try {
    return getIter(ip, filters);
  } catch (error) {
    const raised = ip.toPyRaise(error);
    if (!isInstance(ip, raised.exc, builtinType(ip, 'TypeError'))) throw raised;
    ip.dropRaised(raised.exc);
    return ip.raise('TypeError', `filters must be a list of filters, not ${ip.typeName(filters)}`);
  }
}

/** Defines `Snapshot` and hooks its `traceback_limit` attribute. */
export function defineSnapshot(ip: Interp): PyType {
  const type = defineBuiltinType(ip, 'Snapshot', builtinType(ip, 'object'));
  type.module = 'tracemalloc';
  type.methods.set('statistics', (ip2, args, kw) => {
    const data = snapshotData(ip2, args[0], 'statistics');
    const [, key, cumulative] = groupingArgs(ip2, 'statistics', args.slice(1), kw, []);
    return statistics(ip2, data.traces, key, cumulative);
  });
  type.methods.set('compare_to', (ip2, args, kw) => {
    const data = snapshotData(ip2, args[0], 'compare_to');
    const [[old], key, cumulative] = groupingArgs(ip2, 'compare_to', args.slice(1), kw, ['old_snapshot']);
    const before = ip2.payload(old) as SnapshotData | undefined;
    if (before?.kind !== 'tracemalloc-snapshot')
      return ip2.raise('AttributeError', `'${ip2.typeName(old)}' object has no attribute '_group_by'`);
    return compareTo(ip2, data.traces, before.traces, key, cumulative);
  });
  type.methods.set('filter_traces', (ip2, args) => {
    arity(ip2, 'filter_traces', args, 2, 2);
    const data = snapshotData(ip2, args[0], 'filter_traces');
    const filters: FilterData[] = [];
    const it = iterableOfFilters(ip2, args[1]);
    ip2.push(it);
    for (let item = iterNext(ip2, it); item !== NULL_REF; item = iterNext(ip2, it)) {
      const filter = filterData(ip2, item);
      const name = ip2.typeName(item);
      ip2.drop(item);
      if (filter === null)
        return ip2.raise('AttributeError', `'${name}' object has no attribute 'inclusive'`);
      filters.push(filter);
    }
    ip2.drop(ip2.pop());
    const traces = filters.length === 0 ? data.traces : data.traces.filter((t) => passes(filters, t.site));
    return newSnapshot(ip2, traces, data.tracebackLimit);
  });
  const getSpecial = ip.specialAttribute;
  ip.specialAttribute = (obj, name) => {
    const data = ip.payload(obj) as SnapshotData | undefined;
    if (data?.kind === 'tracemalloc-snapshot' && name === 'traceback_limit')
      return ip.int(data.tracebackLimit);
    return getSpecial(obj, name);
  };
  return type;
}
