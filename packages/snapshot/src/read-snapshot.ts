/**
 * Reads a snapshot written by `pymm_snapshot.py` (format version 1, JSON lines; see
 * docs/guides/snapshot-format.md) into a {@link HeapSnapshot}. Every fault is refused with its byte offset
 * and reason: a record that is not JSON, a field of the wrong kind, an object written twice, a type or
 * site used before it is defined, a missing `end` record (a truncated file), counts that disagree.
 *
 * @module
 */

import { AddressIndex } from './address-index.js';
import { type HeapSnapshot, type NamedRoot, type SnapshotHeader, UNTRACKED } from './heap-snapshot.js';
import { SnapshotFormatError } from './snapshot-error.js';

/** The format this reader understands.
 *
 * @example
 * ```ts
 * import { SNAPSHOT_FORMAT } from '@pymm/snapshot';
 * SNAPSHOT_FORMAT; // 'pymm-snapshot'
 * ```
 */
export const SNAPSHOT_FORMAT = 'pymm-snapshot';
/** The format version this reader understands.
 *
 * @example
 * ```ts
 * import { SNAPSHOT_VERSION } from '@pymm/snapshot';
 * SNAPSHOT_VERSION; // 1
 * ```
 */
export const SNAPSHOT_VERSION = 1;

/** Growable typed arrays of the objects while the file is read. */
class Columns {
  capacity: number;
  address: Float64Array;
  generation: Int8Array;
  type: Int32Array;
  size: Float64Array;
  refcount: Float64Array;
  site: Int32Array;
  edgeStart: Int32Array;
  edgeIds: Float64Array;
  edges = 0;
  count = 0;
  constructor(capacity: number, edgeCapacity: number) {
    this.capacity = Math.max(16, capacity);
    this.address = new Float64Array(this.capacity);
    this.generation = new Int8Array(this.capacity);
    this.type = new Int32Array(this.capacity);
    this.size = new Float64Array(this.capacity);
    this.refcount = new Float64Array(this.capacity);
    this.site = new Int32Array(this.capacity);
    this.edgeStart = new Int32Array(this.capacity + 1);
    this.edgeIds = new Float64Array(Math.max(16, edgeCapacity));
  }
  reserveEdges(more: number): void {
    if (this.edges + more <= this.edgeIds.length) return;
    const grown = new Float64Array(Math.max(this.edgeIds.length * 2, this.edges + more));
    grown.set(this.edgeIds);
    this.edgeIds = grown;
  }
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isString = (v: unknown): v is string => typeof v === 'string';

/** Where `JSON.parse` says it failed, within the line, if its message says. */
function jsonPosition(error: unknown): number {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return match ? Number(match[1]) : 0;
}

/**
 * Reads a whole snapshot. `data` is the file's bytes or its text (ASCII, as the dump writes it).
 * Throws {@link SnapshotFormatError} for anything malformed or truncated.
 *
 * @example
 * ```ts
 * import { readSnapshot } from '@pymm/snapshot';
 * const snapshot = readSnapshot(
 *   [
 *     '{"format":"pymm-snapshot","version":1,"python":"3.12.1","thresholds":[700,10,10],"counts":[0,0,0],"tracemalloc":false}',
 *     '["t",0,"builtins.list",false]',
 *     '["o",100,0,0,72,1,"<list of 1>",[100],["[0]"],-1]',
 *     '["end",1,1]',
 *   ].join('\n') + '\n',
 * );
 * snapshot.count; // 1
 * snapshot.edgeTarget[0]; // 0, the list holds itself
 * ```
 */
export function readSnapshot(data: Uint8Array | string): HeapSnapshot {
  const text =
    typeof data === 'string'
      ? data
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  const nonAscii = text.search(/[\u0080-\uffff]/);
  if (nonAscii >= 0)
    throw new SnapshotFormatError(nonAscii, 'a byte that is not ASCII (the format is ASCII JSON lines)');
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const columns = new Columns(lines, lines * 2);
  const repr: string[] = [];
  const labels = new Map<number, string>();
  const typeNames: string[] = [];
  const typeHasFinalizer: boolean[] = [];
  const sites: string[][] = [];
  const rootRecords: { address: number; kind: string; label: string }[] = [];
  const index = new AddressIndex(lines);
  let lineStart = 0;
  const fail = (reason: string): never => {
    throw new SnapshotFormatError(lineStart, reason);
  };
  let header: SnapshotHeader | null = null;
  let ended = false;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    if (newline < 0) throw new SnapshotFormatError(start, 'truncated: the last record has no end of line');
    const line = text.slice(start, newline);
    lineStart = start;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new SnapshotFormatError(
        start + jsonPosition(error),
        `not a JSON record (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (header === null) {
      header = readHeader(record, fail);
    } else if (ended) {
      fail('a record after the end record');
    } else if (!Array.isArray(record) || typeof record[0] !== 'string') {
      fail('a record must be a JSON array starting with its kind');
    } else {
      const r = record as unknown[];
      switch (r[0]) {
        case 'o': {
          const [, address, generation, type, size, refcount, shown, refs, edgeLabels, site] = r;
          if (r.length !== 10) fail(`an object record has 10 fields, not ${r.length}`);
          if (!isInt(address) || address < 0) fail('the object id is not a non-negative integer');
          if (index.get(address as number) >= 0) fail(`object ${address} is written twice`);
          if (!isInt(generation) || generation < UNTRACKED || generation > 2)
            fail('the generation is not -1, 0, 1 or 2');
          if (!isInt(type) || type < 0 || type >= typeNames.length)
            fail(`type ${JSON.stringify(type)} is not defined before its use`);
          if (!isInt(size) || size < 0) fail('the size is not a non-negative integer');
          if (!isInt(refcount) || refcount < 0) fail('the reference count is not a non-negative integer');
          if (typeof shown !== 'string') fail('the repr is not a string');
          if (!Array.isArray(refs) || !refs.every(isInt))
            fail('the references are not an array of object ids');
          const targets = refs as number[];
          if (
            edgeLabels !== null &&
            !(Array.isArray(edgeLabels) && edgeLabels.length === targets.length && edgeLabels.every(isString))
          )
            fail('the labels are neither null nor one string per reference');
          if (!isInt(site) || site < -1 || site >= sites.length)
            fail(`site ${JSON.stringify(site)} is not defined before its use`);
          const i = columns.count++;
          index.add(address as number, i);
          columns.address[i] = address as number;
          columns.generation[i] = generation as number;
          columns.type[i] = type as number;
          columns.size[i] = size as number;
          columns.refcount[i] = refcount as number;
          columns.site[i] = site as number;
          repr.push(shown as string);
          columns.reserveEdges(targets.length);
          columns.edgeStart[i] = columns.edges;
          for (let k = 0; k < targets.length; k++) {
            if (edgeLabels !== null) labels.set(columns.edges, (edgeLabels as string[])[k]);
            columns.edgeIds[columns.edges++] = targets[k];
          }
          break;
        }
        case 't':
          if (
            r.length !== 4 ||
            r[1] !== typeNames.length ||
            typeof r[2] !== 'string' ||
            typeof r[3] !== 'boolean'
          )
            fail(`a type record is ["t", ${typeNames.length}, name, has finalizer]`);
          typeNames.push(r[2] as string);
          typeHasFinalizer.push(r[3] as boolean);
          break;
        case 's':
          if (
            r.length !== 3 ||
            r[1] !== sites.length ||
            !Array.isArray(r[2]) ||
            !r[2].every((f) => typeof f === 'string')
          )
            fail(`a site record is ["s", ${sites.length}, [frames]]`);
          sites.push(r[2] as string[]);
          break;
        case 'r':
          if (r.length !== 4 || !isInt(r[1]) || typeof r[2] !== 'string' || typeof r[3] !== 'string')
            fail('a root record is ["r", object id, kind, label]');
          rootRecords.push({ address: r[1] as number, kind: r[2] as string, label: r[3] as string });
          break;
        case 'end':
          if (r.length !== 3 || r[1] !== columns.count || r[2] !== columns.edges)
            fail(
              `the end record says ${JSON.stringify(r.slice(1))} objects and references, the file holds ${columns.count} and ${columns.edges}`,
            );
          ended = true;
          break;
        default:
          fail(`unknown record kind ${JSON.stringify(r[0])}`);
      }
    }
    start = newline + 1;
  }
  if (header === null) throw new SnapshotFormatError(0, 'empty: no header');
  if (!ended) throw new SnapshotFormatError(text.length, 'truncated: no end record');
  return assemble(header, columns, index, repr, labels, typeNames, typeHasFinalizer, sites, rootRecords);
}

function readHeader(record: unknown, fail: (reason: string) => never): SnapshotHeader {
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    fail('the first line is not a header object');
  const h = record as Record<string, unknown>;
  if (h.format !== SNAPSHOT_FORMAT) fail(`not a pymm snapshot (format ${JSON.stringify(h.format)})`);
  if (h.version !== SNAPSHOT_VERSION)
    fail(
      `format version ${JSON.stringify(h.version)} is not supported (this reader reads ${SNAPSHOT_VERSION})`,
    );
  if (typeof h.python !== 'string' || !/^\d+\.\d+\.\d+$/.test(h.python))
    fail('the header has no python version');
  const triple = (v: unknown) => Array.isArray(v) && v.length === 3 && v.every(isInt);
  if (!triple(h.thresholds) || !triple(h.counts)) fail('the header has no gc thresholds and counts');
  if (typeof h.tracemalloc !== 'boolean') fail('the header does not say whether tracemalloc traced');
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    python: h.python as string,
    thresholds: h.thresholds as number[],
    counts: h.counts as number[],
    tracemalloc: h.tracemalloc as boolean,
  };
}

/** Resolves references from ids to object numbers (dropping those to objects not in the file). */
function assemble(
  header: SnapshotHeader,
  c: Columns,
  index: AddressIndex,
  repr: string[],
  labels: Map<number, string>,
  typeNames: string[],
  typeHasFinalizer: boolean[],
  sites: string[][],
  rootRecords: { address: number; kind: string; label: string }[],
): HeapSnapshot {
  const n = c.count;
  c.edgeStart[n] = c.edges;
  const edgeStart = new Int32Array(n + 1);
  const edgeTarget = new Int32Array(c.edges);
  const edgeLabel = new Map<number, string>();
  let kept = 0;
  for (let i = 0; i < n; i++) {
    edgeStart[i] = kept;
    for (let e = c.edgeStart[i]; e < c.edgeStart[i + 1]; e++) {
      const target = index.get(c.edgeIds[e]);
      if (target < 0) continue;
      const label = labels.get(e);
      if (label !== undefined) edgeLabel.set(kept, label);
      edgeTarget[kept++] = target;
    }
  }
  edgeStart[n] = kept;
  const namedRoots: NamedRoot[] = [];
  for (const root of rootRecords) {
    const object = index.get(root.address);
    if (object >= 0) namedRoots.push({ object, kind: root.kind, label: root.label });
  }
  return {
    header,
    count: n,
    address: c.address.slice(0, n),
    generation: c.generation.slice(0, n),
    type: c.type.slice(0, n),
    size: c.size.slice(0, n),
    refcount: c.refcount.slice(0, n),
    site: c.site.slice(0, n),
    repr,
    edgeStart,
    edgeTarget: edgeTarget.slice(0, kept),
    edgeLabel,
    typeNames,
    typeHasFinalizer,
    sites,
    namedRoots,
    droppedReferences: c.edges - kept,
  };
}
