/**
 * Draws a {@link buildHeapGraph} graph as SVG, laid out by ELK's layered algorithm (frames on the
 * left, references pointing right). ELK keeps the nodes in the order given (by handle, that is by
 * age), so an object keeps its place from step to step while the graph around it changes little.
 *
 * @module
 */

import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { type GraphEdge, type GraphNode, LINE_HEIGHT } from './heap-graph.js';

// The bundled build runs ELK in this thread (no worker file to fetch from `file://`).
const elk: ELK = new (ElkBundled as unknown as new () => ELK)();
const SVG = 'http://www.w3.org/2000/svg';

const LAYOUT = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.spacing.nodeNode': '14',
  'elk.layered.spacing.nodeNodeBetweenLayers': '46',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
  // Fast over thorough: a step must draw in well under a second with a hundred boxes.
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  'elk.layered.thoroughness': '1',
  'elk.padding': '[top=8,left=8,bottom=8,right=8]',
};

/** The last layout drawn into each host, by the shape of its graph (ids, sizes and arrows). */
const layouts = new WeakMap<HTMLElement, { shape: string; laidOut: ElkNode }>();

/** The graph's shape: a step that changes only the text inside boxes keeps the same layout. */
function shapeOf(graph: { nodes: GraphNode[]; edges: GraphEdge[] }): string {
  return JSON.stringify([graph.nodes.map((n) => [n.id, n.width, n.height]), graph.edges.map((e) => e.id)]);
}

/**
 * Lays out and draws the graph into `host` (replacing what it held); `onGroup` expands a group.
 * A graph of the same shape as the last one reuses its layout: the boxes do not move at all.
 */
export async function drawHeap(
  host: HTMLElement,
  graph: { nodes: GraphNode[]; edges: GraphEdge[] },
  onGroup: (key: string) => void,
): Promise<void> {
  const graphIn: ElkNode = {
    id: 'root',
    layoutOptions: LAYOUT,
    children: graph.nodes.map((node) => ({
      id: node.id,
      width: node.width,
      height: node.height,
      layoutOptions: node.ports.length > 0 ? { 'elk.portConstraints': 'FIXED_POS' } : undefined,
      ports: node.ports.map((port) => ({ id: port.id, x: node.width, y: port.y, width: 1, height: 1 })),
    })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
      labels: edge.label ? [{ text: edge.label, width: edge.label.length * 6.5, height: 12 }] : [],
    })),
  };
  const shape = shapeOf(graph);
  const previous = layouts.get(host);
  const laidOut = previous?.shape === shape ? previous.laidOut : await elk.layout(graphIn);
  layouts.set(host, { shape, laidOut });
  host.dataset.layout = previous?.shape === shape ? 'reused' : 'new';
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(Math.ceil(laidOut.width ?? 0)));
  svg.setAttribute('height', String(Math.ceil(laidOut.height ?? 0)));
  svg.setAttribute('class', 'heap');
  svg.innerHTML =
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#5b6770"/></marker></defs>';
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(graph.edges.map((e) => [e.id, e]));
  for (const edge of (laidOut.edges ?? []) as ElkExtendedEdge[]) drawEdge(svg, edge, edgeById.get(edge.id));
  for (const child of laidOut.children ?? []) {
    const node = byId.get(child.id);
    if (node) svg.append(drawNode(child, node, onGroup));
  }
  host.replaceChildren(svg);
}

function drawEdge(svg: SVGSVGElement, laid: ElkExtendedEdge, edge: GraphEdge | undefined): void {
  for (const section of laid.sections ?? []) {
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' '));
    path.setAttribute('class', edge?.weak ? 'edge weak' : 'edge');
    path.setAttribute('marker-end', 'url(#arrow)');
    svg.append(path);
  }
  for (const label of laid.labels ?? []) {
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('x', String(label.x ?? 0));
    text.setAttribute('y', String((label.y ?? 0) + 10));
    text.setAttribute('class', 'edge-label');
    text.textContent = label.text ?? '';
    svg.append(text);
  }
}

function drawNode(laid: ElkNode, node: GraphNode, onGroup: (key: string) => void): SVGGElement {
  const g = document.createElementNS(SVG, 'g');
  g.setAttribute('transform', `translate(${laid.x ?? 0},${laid.y ?? 0})`);
  g.setAttribute('class', `node ${node.kind} ${node.state}`);
  if (node.object) {
    g.dataset.handle = String(node.object.handle);
    g.dataset.type = node.object.type;
    if (node.object.refcount !== null) g.dataset.refcount = String(node.object.refcount);
    g.dataset.state = node.state;
    if (node.annotation) g.dataset.annotation = node.annotation;
  }
  const rect = document.createElementNS(SVG, 'rect');
  rect.setAttribute('width', String(node.width));
  rect.setAttribute('height', String(node.height));
  rect.setAttribute('rx', node.kind === 'frame' ? '2' : '6');
  g.append(rect);
  node.lines.forEach((line, i) => {
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('x', '8');
    text.setAttribute('y', String(6 + LINE_HEIGHT * (i + 1) - 4));
    text.setAttribute('class', i === 0 ? 'title' : line === node.annotation ? 'annotation' : 'detail');
    text.textContent = line;
    g.append(text);
  });
  if (node.kind === 'group' && node.groupKey) {
    const key = node.groupKey;
    g.addEventListener('click', () => onGroup(key));
  }
  return g;
}
