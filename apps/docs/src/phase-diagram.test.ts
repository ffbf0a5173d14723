import { describe, expect, it } from 'vitest';
import {
  escapeXml,
  PhaseDiagramError,
  parsePhaseDiagram,
  renderPhaseDiagram,
  wrapText,
} from './phase-diagram.js';

describe('phase diagrams', () => {
  it('parse a title, phases with and without details, and loops', () => {
    const diagram = parsePhaseDiagram(`
      title: A collection
      # a comment
      Mark | from the roots
      Sweep
      Done | tell the trigger
      loop: 2..1 | again
    `);
    expect(diagram).toEqual({
      title: 'A collection',
      phases: [
        { name: 'Mark', detail: 'from the roots' },
        { name: 'Sweep', detail: '' },
        { name: 'Done', detail: 'tell the trigger' },
      ],
      loops: [{ from: 2, to: 1, label: 'again' }],
    });
  });

  it('refuse descriptions that cannot be drawn, naming the line', () => {
    expect(() => parsePhaseDiagram('Mark')).toThrow("missing 'title: ...' line");
    expect(() => parsePhaseDiagram('title: t')).toThrow('no phase');
    expect(() => parsePhaseDiagram('title: t\n| detail only')).toThrow('line 2: a phase needs a name');
    expect(() => parsePhaseDiagram('title: t\nA\nB\nloop: 1..2')).toThrow(PhaseDiagramError);
    expect(() => parsePhaseDiagram('title: t\nA\nB\nloop: 3..1')).toThrow('line 4: loop 3..1');
    expect(() => parsePhaseDiagram('title: t\nA\nloop: back')).toThrow("expected 'loop: FROM..TO | label'");
  });

  it('draw numbered boxes, one arrow between each pair, loops, and escape every text', () => {
    const svg = renderPhaseDiagram(
      parsePhaseDiagram(
        'title: <gc> & "co"\nUpdate refs | gc_refs < refcount\nSubtract refs\nMove\nloop: 3..2 | x',
      ),
      'd7',
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title id="d7-title">&lt;gc&gt; &amp; &quot;co&quot;</title>');
    expect(svg).toContain('>1. Update refs</text>');
    expect(svg).toContain('>3. Move</text>');
    expect(svg).toContain('gc_refs &lt; refcount');
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg.match(/class="loop"/g)).toHaveLength(1);
    expect(svg).toContain('marker-end="url(#d7-arrow)"');
    // One definition per marker id, whatever the number of loops.
    expect(svg.match(/id="d7-arrow"/g)).toHaveLength(1);
    expect(svg.match(/id="d7-arrow-loop"/g)).toHaveLength(1);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('wrap long details at spaces', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('', 9)).toEqual([]);
    expect(escapeXml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });
});
