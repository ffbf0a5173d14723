import { describe, expect, it } from 'vitest';
import { plainText, renderMarkdown, siteHref, slugify } from './markdown.js';

describe('the Markdown renderer', () => {
  it('gives headings GitHub-style ids, unique within a page, or the explicit {#id}', () => {
    const page = renderMarkdown(
      '# Title\n\n## How `gc.collect()` works\n\n## Notes\n\n## Notes\n\n### Reference cycles {#reference-cycles}\n',
    );
    expect(page.title).toBe('Title');
    expect(page.headings.map((h) => h.id)).toEqual([
      'title',
      'how-gccollect-works',
      'notes',
      'notes-1',
      'reference-cycles',
    ]);
    expect(page.html).toContain('<h3 id="reference-cycles">');
    expect(page.html).not.toContain('{#');
    expect(page.headings[1].text).toBe('How gc.collect() works');
  });

  it('links .md pages as .html pages and leaves other links alone', () => {
    expect(siteHref('strategies.md')).toBe('strategies.html');
    expect(siteHref('guides/strategies.md#mark-sweep')).toBe('guides/strategies.html#mark-sweep');
    expect(siteHref('../api/index.html')).toBe('../api/index.html');
    expect(siteHref('https://example.org/readme.md')).toBe('https://example.org/readme.md');
    expect(siteHref('#local')).toBe('#local');
    const page = renderMarkdown(
      '[a](conformance.md#the-figures "the figures") and [b](../report/index.html)',
    );
    expect(page.html).toContain('<a href="conformance.html#the-figures" title="the figures">a</a>');
    expect(page.html).toContain('<a href="../report/index.html">b</a>');
  });

  it('draws phases blocks as inline SVG figures, each with its own marker ids', () => {
    const block = '```phases\ntitle: T\nA | a\nB\n```\n';
    const page = renderMarkdown(`# P\n\n${block}\n${block}`);
    expect(page.html.match(/<figure class="diagram"><svg /g)).toHaveLength(2);
    expect(page.html).toContain('id="diagram-1-arrow"');
    expect(page.html).toContain('id="diagram-2-arrow"');
    expect(page.html).toContain('<figcaption>T</figcaption>');
  });

  it('escapes code blocks and keeps their language', () => {
    const page = renderMarkdown('```ts\nconst a = x < y && "z";\n```');
    expect(page.html).toContain(
      '<pre><code class="language-ts">const a = x &lt; y &amp;&amp; &quot;z&quot;;</code></pre>',
    );
  });

  it('reduces HTML to its text for slugs', () => {
    expect(plainText('<code>a &amp; b</code> &lt;c&gt;')).toBe('a & b <c>');
    expect(slugify('nogc: the baseline')).toBe('nogc-the-baseline');
    expect(slugify("generational: CPython's cycle collector")).toBe('generational-cpythons-cycle-collector');
  });
});
