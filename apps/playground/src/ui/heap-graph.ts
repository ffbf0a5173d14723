/**
 * The heap picture as a graph, before layout: one box per frame (its locals as ports on its right
 * edge), one per object, arrows for references. Objects freed since the step before stay as faded
 * ghosts; unreachable objects that are still alive are marked. Past {@link GROUP_THRESHOLD}
 * objects, those no local names directly are grouped by type and allocation line, one box with a
 * count each, until expanded.
 *
 * @module
 */

import type { HeapInspection, InspectedObject } from '@pymm/python';

/** Objects drawn one by one before grouping starts. */
export const GROUP_THRESHOLD = 200;

/** What an object box looks like. */
export type ObjectState = 'live' | 'unreachable' | 'freed';

/** A box. */
export interface GraphNode {
  readonly id: string;
  readonly kind: 'frame' | 'object' | 'group';
  /** Its text, one entry per line, the first as its title. */
  readonly lines: readonly string[];
  readonly state: ObjectState;
  readonly width: number;
  readonly height: number;
  /** Frames: one port per local, top to bottom. */
  readonly ports: readonly { readonly id: string; readonly y: number }[];
  /** Objects: the inspected object (for the test hooks); groups: their key. */
  readonly object?: InspectedObject;
  readonly groupKey?: string;
  /** The phase value drawn on the object (`gc_refs 0`, `grey`), if any. */
  readonly annotation?: string;
}

/** An arrow. */
export interface GraphEdge {
  readonly id: string;
  /** A node's id, or a frame port's id. */
  readonly source: string;
  readonly target: string;
  readonly label: string;
  readonly weak: boolean;
}

/** Options of {@link buildHeapGraph}. */
export interface HeapGraphOptions {
  /** What the pane's strategy shows on each object. */
  readonly show: { readonly refcount: boolean; readonly generation: boolean };
  /** Group keys the learner expanded. */
  readonly expanded: ReadonlySet<string>;
}

/** The heap picture before layout. */
export interface HeapGraph {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

export const LINE_HEIGHT = 16;
const OBJECT_WIDTH = 130;
const FRAME_WIDTH = 130;
const PADDING = 6;

/** The graph of `now`, with the objects `before` had and `now` has not as ghosts. */
export function buildHeapGraph(
  now: HeapInspection,
  before: HeapInspection | null,
  options: HeapGraphOptions,
): HeapGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const present = new Set(now.objects.map((o) => o.handle));
  const ghosts = before ? before.objects.filter((o) => !present.has(o.handle)) : [];
  const all: { object: InspectedObject; state: ObjectState }[] = [
    ...now.objects.map((object) => ({
      object,
      state: (object.reachable ? 'live' : 'unreachable') as ObjectState,
    })),
    ...ghosts.map((object) => ({ object, state: 'freed' as const })),
  ].sort((a, b) => a.object.handle - b.object.handle);

  const named = new Set(now.frames.flatMap((f) => f.locals.map((l) => l.handle)));
  const grouping = all.length > GROUP_THRESHOLD;
  const idOf = new Map<number, string>();
  const groups = new Map<string, { object: InspectedObject; count: number }>();
  for (const { object } of all) {
    const key = `${object.type}@${object.line}`;
    if (grouping && !named.has(object.handle) && !options.expanded.has(key)) {
      idOf.set(object.handle, `g:${key}`);
      const group = groups.get(key);
      if (group) group.count++;
      else groups.set(key, { object, count: 1 });
    } else idOf.set(object.handle, `o:${object.handle}`);
  }

  // Edges by id: a group's many references to another group are one arrow.
  const seen = new Set<string>();
  now.frames.forEach((frame, i) => {
    const id = `f:${i}`;
    const ports = frame.locals.map((local, k) => ({
      id: `${id}:${local.name}`,
      y: PADDING + LINE_HEIGHT * (k + 1.5),
    }));
    nodes.push({
      id,
      kind: 'frame',
      lines: [`${frame.name}  (line ${frame.line})`, ...frame.locals.map((l) => l.name)],
      state: 'live',
      width: widthOf(
        [`${frame.name}  (line ${frame.line})`, ...frame.locals.map((l) => l.name)],
        FRAME_WIDTH,
      ),
      height: PADDING * 2 + LINE_HEIGHT * (frame.locals.length + 1),
      ports,
    });
    frame.locals.forEach((local, k) => {
      const target = idOf.get(local.handle);
      if (target) edges.push({ id: `e:${ports[k].id}`, source: ports[k].id, target, label: '', weak: false });
    });
  });

  for (const { object, state } of all) {
    const id = idOf.get(object.handle) as string;
    if (id.startsWith('o:')) {
      const lines = [`${object.type}  ${object.value}`.trim(), ...detailLines(object, state, options)];
      nodes.push({
        id,
        kind: 'object',
        lines,
        state,
        width: widthOf(lines, OBJECT_WIDTH),
        height: PADDING * 2 + LINE_HEIGHT * lines.length,
        ports: [],
        object,
      });
    }
    for (const reference of object.referents) {
      const target = idOf.get(reference.handle);
      if (!target) continue;
      const edgeId = `e:${id}>${target}:${id.startsWith('g:') || target.startsWith('g:') ? '' : reference.label}`;
      if (seen.has(edgeId) || (id === target && id.startsWith('g:'))) continue;
      seen.add(edgeId);
      const grouped = id.startsWith('g:') || target.startsWith('g:');
      edges.push({
        id: edgeId,
        source: id,
        target,
        label: grouped ? '' : reference.label,
        weak: reference.weak,
      });
    }
  }
  for (const [key, { object, count }] of groups) {
    const lines = [
      `${object.type} ×${count}`,
      object.line > 0 ? `made on line ${object.line}` : 'made before the program',
      'click to expand',
    ];
    nodes.push({
      id: `g:${key}`,
      kind: 'group',
      lines,
      state: 'live',
      width: OBJECT_WIDTH,
      height: PADDING * 2 + LINE_HEIGHT * lines.length,
      ports: [],
      groupKey: key,
    });
  }
  return { nodes, edges };
}

/** The graph with a phase's value drawn as one more line on each object it concerns. */
export function annotate(graph: HeapGraph, annotations: ReadonlyMap<number, string>): HeapGraph {
  if (annotations.size === 0) return graph;
  const nodes = graph.nodes.map((node) => {
    const annotation = node.object ? annotations.get(node.object.handle) : undefined;
    if (!annotation) return node;
    const lines = [...node.lines, annotation];
    return {
      ...node,
      lines,
      annotation,
      width: widthOf(lines, node.width),
      height: node.height + LINE_HEIGHT,
    };
  });
  return { nodes, edges: graph.edges };
}

/** Wide enough for the longest line (11px monospace: about 7px a character). */
function widthOf(lines: readonly string[], least: number): number {
  return Math.max(least, 16 + 7 * Math.max(...lines.map((l) => l.length)));
}

function detailLines(object: InspectedObject, state: ObjectState, options: HeapGraphOptions): string[] {
  const parts: string[] = [];
  if (options.show.refcount)
    parts.push(object.refcount === null ? 'immortal' : `refcount ${object.refcount}`);
  if (options.show.generation)
    parts.push(
      object.generation !== null ? `gen ${object.generation}` : object.tracked ? 'tracked' : 'untracked',
    );
  const lines = parts.length > 0 ? [parts.join(' · ')] : [];
  if (state === 'unreachable') lines.push('unreachable, still alive');
  if (state === 'freed') lines.push('freed');
  return lines;
}
