/**
 * The page frame every generated page shares: the site's navigation, the
 * page's own table of contents, and the style sheet, inline, so that every
 * page is one file that works opened from disk.
 *
 * @module
 */

import { escapeXml } from './phase-diagram.js';

/** A page of the site and where its Markdown source is, both relative to `docs/`. */
export interface SitePage {
  /** The Markdown source, e.g. `guides/strategies.md`. */
  readonly source: string;
  /** Short name in the navigation bar. */
  readonly navTitle: string;
}

/**
 * The site's Markdown pages, in navigation order. Every `docs/guides/*.md`
 * must be listed here (the build refuses a guide that is not).
 */
export const SITE_PAGES: readonly SitePage[] = [
  { source: 'index.md', navTitle: 'Home' },
  { source: 'guides/strategies.md', navTitle: 'Strategies' },
  { source: 'guides/conformance.md', navTitle: 'CPython conformance' },
  { source: 'guides/writing-a-strategy.md', navTitle: 'Write a strategy' },
  { source: 'guides/python-memory-lessons.md', navTitle: 'Memory lessons' },
  { source: 'guides/python-subset.md', navTitle: 'Python subset' },
  { source: 'guides/finding-a-leak.md', navTitle: 'Finding a leak' },
  { source: 'guides/snapshot-format.md', navTitle: 'Snapshot format' },
  { source: 'guides/sharded-comparisons.md', navTitle: 'Sweeps and shards' },
];

/**
 * The HTML file a Markdown source becomes.
 *
 * @example
 * ```ts
 * import { outputPath } from './site-layout.js';
 * outputPath('guides/strategies.md'); // 'guides/strategies.html'
 * ```
 */
export function outputPath(source: string): string {
  return source.replace(/\.md$/, '.html');
}

/** `../` once per directory level of `path`, to reach `docs/` from it. */
function rootPrefix(path: string): string {
  return '../'.repeat(path.split('/').length - 1);
}

const STYLE = `
:root { --text: #1b2a3a; --muted: #55626f; --accent: #1f5fa8; --rule: #d8dee6; --code: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--text); background: #fff; }
header.site { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.3rem 1.2rem; padding: 0.8rem 1.5rem; border-bottom: 1px solid var(--rule); background: #f8fafc; }
header.site .brand { font-weight: 700; font-size: 1.2rem; color: var(--text); text-decoration: none; }
header.site nav { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
header.site nav a { color: var(--accent); text-decoration: none; }
header.site nav a[aria-current="page"] { color: var(--text); font-weight: 600; }
.layout { display: flex; gap: 2rem; max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
main { flex: 1; min-width: 0; max-width: 860px; }
aside.toc { flex: 0 0 220px; font-size: 0.9rem; position: sticky; top: 1rem; align-self: flex-start; }
aside.toc ul { list-style: none; padding-left: 0; margin: 0; }
aside.toc li { margin: 0.25rem 0; }
aside.toc a { color: var(--muted); text-decoration: none; }
aside.toc a:hover { color: var(--accent); }
@media (max-width: 900px) { .layout { flex-direction: column; } aside.toc { position: static; } }
a { color: var(--accent); }
h1, h2, h3 { line-height: 1.25; }
h2 { margin-top: 2.2rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--rule); }
h3 { margin-top: 1.8rem; }
a.anchor { float: left; margin-left: -1.1rem; width: 1rem; color: var(--rule); text-decoration: none; visibility: hidden; }
h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor, h4:hover a.anchor { visibility: visible; }
code { font: 0.88em/1.5 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--code); padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: var(--code); padding: 0.8rem 1rem; overflow-x: auto; border-radius: 6px; border: 1px solid var(--rule); }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--rule); padding: 0.35rem 0.6rem; vertical-align: top; }
th { background: #f1f4f8; }
blockquote { margin: 1rem 0; padding: 0.2rem 1rem; border-left: 4px solid #9db7d8; color: #2c3e50; background: #f7f9fc; }
figure.diagram { margin: 1.5rem 0; overflow-x: auto; }
figure.diagram figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.3rem; }
img { max-width: 100%; border: 1px solid var(--rule); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 1rem; }
footer { color: var(--muted); font-size: 0.85rem; text-align: center; padding: 1.5rem; border-top: 1px solid var(--rule); }
`;

/** What goes into one page. */
export interface PageContent {
  /** Output path relative to `docs/`, e.g. `guides/strategies.html`. */
  readonly path: string;
  readonly title: string;
  /** The rendered Markdown. */
  readonly body: string;
  /** Headings for the table of contents (level 2 only are listed). */
  readonly headings: readonly { readonly depth: number; readonly text: string; readonly id: string }[];
  /** The Markdown source, relative to the repository root, named in the footer. */
  readonly source: string;
}

/**
 * Wraps a rendered page in the site's frame.
 *
 * @example
 * ```ts
 * import { renderPage } from './site-layout.js';
 * const html = renderPage({ path: 'guides/x.html', title: 'X', body: '<h1>X</h1>', headings: [], source: 'docs/guides/x.md' });
 * html.includes('href="../api/index.html"'); // true
 * ```
 */
export function renderPage(page: PageContent): string {
  const root = rootPrefix(page.path);
  const links = [
    ...SITE_PAGES.map((p) => ({ href: outputPath(p.source), title: p.navTitle })),
    { href: 'api/index.html', title: 'API' },
    { href: 'report/index.html', title: 'Report' },
  ];
  const nav = links
    .map(
      (l) =>
        `<a href="${root}${l.href}"${l.href === page.path ? ' aria-current="page"' : ''}>${escapeXml(l.title)}</a>`,
    )
    .join('\n');
  const sections = page.headings.filter((h) => h.depth === 2);
  const toc =
    sections.length > 1
      ? `<aside class="toc"><strong>On this page</strong><ul>\n${sections
          .map((h) => `<li><a href="#${h.id}">${escapeXml(h.text)}</a></li>`)
          .join('\n')}\n</ul></aside>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(page.title === 'pymm' ? 'pymm' : `${page.title} · pymm`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="site">
<a class="brand" href="${root}index.html">pymm</a>
<nav aria-label="Site">
${nav}
</nav>
</header>
<div class="layout">
<main>
${page.body}
</main>
${toc}
</div>
<footer>Generated by <code>pnpm docs:build</code> from <code>${escapeXml(page.source)}</code>.</footer>
</body>
</html>
`;
}
