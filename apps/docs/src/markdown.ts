/**
 * Markdown to HTML for the site, with `marked`: headings get ids (GitHub's
 * slugs, so `#how-a-collection-runs` links work both on GitHub and on the
 * site, or an explicit one: `### Title {#id}`), links to other `.md` pages become links to their `.html` pages,
 * and fenced `phases` blocks become inline SVG diagrams.
 *
 * @module
 */

import { Marked, type Tokens } from 'marked';
import { escapeXml, parsePhaseDiagram, renderPhaseDiagram } from './phase-diagram.js';

/** A rendered page: its HTML body, its title (the first `#` heading) and its headings. */
export interface RenderedMarkdown {
  readonly html: string;
  readonly title: string;
  readonly headings: readonly { readonly depth: number; readonly text: string; readonly id: string }[];
}

/** The text of an HTML fragment: tags dropped, the entities marked writes decoded. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens.
 *
 * @example
 * ```ts
 * import { slugify } from './markdown.js';
 * slugify('How `gc.collect()` works'); // 'how-gccollect-works'
 * ```
 */
export function slugify(text: string): string {
  return plainText(text)
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * Rewrites a relative link to a Markdown page (`strategies.md#mark-sweep`)
 * into a link to the generated page (`strategies.html#mark-sweep`).
 * Absolute URLs and other files are left alone.
 *
 * @example
 * ```ts
 * import { siteHref } from './markdown.js';
 * siteHref('guides/strategies.md#mark-sweep'); // 'guides/strategies.html#mark-sweep'
 * siteHref('https://peps.python.org/pep-0442/'); // unchanged
 * ```
 */
export function siteHref(href: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return href;
  return href.replace(/^([^#?]*)\.md(?=$|[#?])/, '$1.html');
}

/**
 * Renders one Markdown page.
 *
 * @example
 * ```ts
 * import { renderMarkdown } from './markdown.js';
 * const page = renderMarkdown('# Guide\n\nSee [strategies](strategies.md).');
 * page.title; // 'Guide'
 * page.html.includes('href="strategies.html"'); // true
 * ```
 */
export function renderMarkdown(source: string): RenderedMarkdown {
  const headings: { depth: number; text: string; id: string }[] = [];
  const used = new Map<string, number>();
  let diagrams = 0;
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(
        this: { parser: { parseInline(tokens: Tokens.Heading['tokens']): string } },
        token: Tokens.Heading,
      ) {
        // An explicit id: `### Title {#id}`.
        const explicit = /\s*\{#([A-Za-z0-9_-]+)\}\s*$/.exec(token.text);
        let inner = this.parser.parseInline(token.tokens);
        if (explicit) inner = inner.replace(/\s*\{#[A-Za-z0-9_-]+\}\s*$/, '');
        const base = explicit ? explicit[1] : slugify(inner) || 'section';
        const seen = used.get(base) ?? 0;
        used.set(base, seen + 1);
        const id = seen === 0 ? base : `${base}-${seen}`;
        headings.push({ depth: token.depth, text: plainText(inner), id });
        return `<h${token.depth} id="${id}"><a class="anchor" href="#${id}" aria-hidden="true">#</a>${inner}</h${token.depth}>\n`;
      },
      code(token: Tokens.Code) {
        if (token.lang === 'phases') {
          diagrams++;
          const diagram = parsePhaseDiagram(token.text);
          return `<figure class="diagram">${renderPhaseDiagram(diagram, `diagram-${diagrams}`)}<figcaption>${escapeXml(diagram.title)}</figcaption></figure>\n`;
        }
        const lang = token.lang ? ` class="language-${escapeXml(token.lang)}"` : '';
        return `<pre><code${lang}>${escapeXml(token.text)}</code></pre>\n`;
      },
      link(
        this: { parser: { parseInline(tokens: Tokens.Link['tokens']): string } },
        token: Tokens.Link,
      ): string {
        const inner = this.parser.parseInline(token.tokens);
        const title = token.title ? ` title="${escapeXml(token.title)}"` : '';
        return `<a href="${escapeXml(siteHref(token.href))}"${title}>${inner}</a>`;
      },
    },
  });
  const html = marked.parse(source, { async: false });
  const title = headings.find((h) => h.depth === 1)?.text ?? 'pymm';
  return { html, title, headings };
}
