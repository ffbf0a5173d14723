/**
 * Phase diagrams: a collector's phases, written as a few lines of text in a
 * guide's Markdown (a fenced block whose language is `phases`), drawn as an
 * inline SVG of boxes and arrows. The SVG needs no script, font or network:
 * the guides work opened from disk.
 *
 * The text format, one statement per line:
 *
 * ```text
 * title: One collection of generation N
 * Update refs | copy each object's reference count into gc_refs
 * Subtract refs | for each reference inside the set, decrement its target's gc_refs
 * loop: 2..1 | once per object
 * ```
 *
 * - `title: TEXT` names the diagram (the SVG's accessible name and the figure's caption).
 * - `NAME | DETAIL` is one phase, in the order it runs; the detail is optional.
 * - `loop: FROM..TO | LABEL` draws an arrow back from phase FROM to the earlier phase TO
 *   (1-based), on the right, with a label.
 *
 * @module
 */

/** One box of a diagram. */
export interface Phase {
  readonly name: string;
  readonly detail: string;
}

/** An arrow back from a later phase to an earlier one. */
export interface PhaseLoop {
  /** 1-based index of the phase the arrow leaves. */
  readonly from: number;
  /** 1-based index of the earlier phase it returns to. */
  readonly to: number;
  readonly label: string;
}

/** A parsed phase diagram. */
export interface PhaseDiagram {
  readonly title: string;
  readonly phases: readonly Phase[];
  readonly loops: readonly PhaseLoop[];
}

/** A phase description that cannot be drawn; the message names the line. */
export class PhaseDiagramError extends Error {
  override readonly name = 'PhaseDiagramError';
}

/**
 * Parses the text description of a phase diagram.
 *
 * @example
 * ```ts
 * import { parsePhaseDiagram } from './phase-diagram.js';
 * parsePhaseDiagram('title: t\nMark | from the roots\nSweep').phases[1].name; // 'Sweep'
 * ```
 */
export function parsePhaseDiagram(text: string): PhaseDiagram {
  let title = '';
  const phases: Phase[] = [];
  const loops: { from: number; to: number; label: string; line: number }[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    const where = `phase diagram, line ${index + 1}`;
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('title:')) {
      title = line.slice('title:'.length).trim();
      return;
    }
    if (line.startsWith('loop:')) {
      const match = /^loop:\s*(\d+)\s*\.\.\s*(\d+)\s*(?:\|\s*(.*))?$/.exec(line);
      if (!match) throw new PhaseDiagramError(`${where}: expected 'loop: FROM..TO | label', got '${line}'`);
      loops.push({
        from: Number(match[1]),
        to: Number(match[2]),
        label: (match[3] ?? '').trim(),
        line: index + 1,
      });
      return;
    }
    const bar = line.indexOf('|');
    const name = (bar < 0 ? line : line.slice(0, bar)).trim();
    const detail = bar < 0 ? '' : line.slice(bar + 1).trim();
    if (name === '') throw new PhaseDiagramError(`${where}: a phase needs a name before '|'`);
    phases.push({ name, detail });
  });
  if (title === '') throw new PhaseDiagramError("phase diagram: missing 'title: ...' line");
  if (phases.length === 0) throw new PhaseDiagramError(`phase diagram '${title}': no phase`);
  for (const loop of loops) {
    if (loop.to < 1 || loop.from > phases.length || loop.to >= loop.from) {
      throw new PhaseDiagramError(
        `phase diagram, line ${loop.line}: loop ${loop.from}..${loop.to} must go back from a phase to an earlier one (phases 1..${phases.length})`,
      );
    }
  }
  return { title, phases, loops: loops.map(({ from, to, label }) => ({ from, to, label })) };
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Splits text into lines of at most `width` characters, at spaces. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

const LAYOUT = {
  width: 800,
  boxX: 16,
  boxWidth: 540,
  padding: 10,
  nameLine: 18,
  detailLine: 16,
  gap: 26,
  detailChars: 78,
  loopLane: 22,
  loopLabelChars: 22,
} as const;

/**
 * Draws a phase diagram as a self-contained SVG element: numbered boxes in
 * the order the phases run, arrows between them, loops on the right. `id`
 * keeps the arrowhead marker unique when a page holds several diagrams.
 *
 * @example
 * ```ts
 * import { parsePhaseDiagram, renderPhaseDiagram } from './phase-diagram.js';
 * renderPhaseDiagram(parsePhaseDiagram('title: t\nMark\nSweep'), 'd1').startsWith('<svg'); // true
 * ```
 */
export function renderPhaseDiagram(diagram: PhaseDiagram, id: string): string {
  const L = LAYOUT;
  const boxes: { y: number; height: number; detailLines: string[] }[] = [];
  let y = 8;
  for (const phase of diagram.phases) {
    const detailLines = wrapText(phase.detail, L.detailChars);
    const height = L.padding * 2 + L.nameLine + detailLines.length * L.detailLine;
    boxes.push({ y, height, detailLines });
    y += height + L.gap;
  }
  const height = y - L.gap + 8;
  const right = L.boxX + L.boxWidth;
  const marker = `${id}-arrow`;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="phase-diagram" viewBox="0 0 ${L.width} ${height}" width="${L.width}" height="${height}" role="img" aria-labelledby="${id}-title">`,
    `<title id="${id}-title">${escapeXml(diagram.title)}</title>`,
    '<defs>',
    `<marker id="${marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#44546a"/></marker>`,
    `<marker id="${marker}-loop" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b35900"/></marker>`,
    '</defs>',
  );
  diagram.phases.forEach((phase, i) => {
    const box = boxes[i];
    parts.push(
      `<g class="phase"><rect x="${L.boxX}" y="${box.y}" width="${L.boxWidth}" height="${box.height}" rx="6" fill="#eef3fb" stroke="#44546a" stroke-width="1.2"/>`,
      `<text x="${L.boxX + L.padding}" y="${box.y + L.padding + 13}" font-family="system-ui, sans-serif" font-size="14" font-weight="600" fill="#1b2a3a">${i + 1}. ${escapeXml(phase.name)}</text>`,
    );
    box.detailLines.forEach((line, j) => {
      parts.push(
        `<text x="${L.boxX + L.padding}" y="${box.y + L.padding + L.nameLine + 12 + j * L.detailLine}" font-family="system-ui, sans-serif" font-size="12.5" fill="#33414f">${escapeXml(line)}</text>`,
      );
    });
    parts.push('</g>');
    if (i + 1 < boxes.length) {
      const x = L.boxX + L.boxWidth / 2;
      parts.push(
        `<line x1="${x}" y1="${box.y + box.height}" x2="${x}" y2="${boxes[i + 1].y - 1}" stroke="#44546a" stroke-width="1.5" marker-end="url(#${marker})"/>`,
      );
    }
  });
  diagram.loops.forEach((loop, k) => {
    const from = boxes[loop.from - 1];
    const to = boxes[loop.to - 1];
    const lane = right + 14 + (k % 3) * L.loopLane;
    const y1 = from.y + from.height / 2;
    const y2 = to.y + to.height / 2;
    parts.push(
      `<path class="loop" d="M${right},${y1} H${lane} V${y2} H${right + 2}" fill="none" stroke="#b35900" stroke-width="1.5" stroke-dasharray="5 3" marker-end="url(#${marker}-loop)"/>`,
    );
    wrapText(loop.label, L.loopLabelChars).forEach((line, j) => {
      parts.push(
        `<text x="${lane + 6}" y="${(y1 + y2) / 2 - 4 + j * 15}" font-family="system-ui, sans-serif" font-size="12" fill="#b35900">${escapeXml(line)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
