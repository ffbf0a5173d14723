import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLinks, idsOf, linksOf } from './link-check.js';

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pymm-links-'));
  for (const [path, html] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), html);
  }
  return dir;
}

describe('the link checker', () => {
  it('finds href and src values and element ids', () => {
    expect(linksOf('<a href="a.html?x=1&amp;y=2">a</a> <img alt="" src="i.png">')).toEqual([
      { attribute: 'href', value: 'a.html?x=1&y=2' },
      { attribute: 'src', value: 'i.png' },
    ]);
    expect([...idsOf('<h2 id="one">1</h2><p id="two"></p>')]).toEqual(['one', 'two']);
  });

  it('accepts links to existing files, directories with an index, fragments that exist and other sites', () => {
    const dir = site({
      'index.html':
        '<a href="guides/a.html#s">a</a><a href="api/">api</a><a href="#top">top</a><span id="top"></span><a href="https://peps.python.org/pep-0442/">PEP</a><img src="images/x.png">',
      'guides/a.html':
        '<h2 id="s">S</h2><a href="../index.html">home</a><a href="../report/index.html#built-by-script">r</a>',
      'api/index.html': '',
      'report/index.html': '',
      'images/x.png': '',
    });
    expect(
      checkLinks(dir, ['index.html', 'guides/a.html'], new Set(['index.html', 'guides/a.html'])),
    ).toEqual([]);
  });

  it('reports missing files, missing fragments, links out of the site and remote resources', () => {
    const dir = site({
      'index.html':
        '<a href="guides/missing.html">m</a><a href="guides/a.html#nope">f</a><a href="#gone">g</a><a href="../outside.html">o</a><script src="https://cdn.example.org/x.js"></script><a href="">e</a>',
      'guides/a.html': '<h2 id="s">S</h2>',
    });
    expect(checkLinks(dir, ['index.html'], new Set(['index.html', 'guides/a.html']))).toEqual([
      'index.html: href="guides/missing.html": guides/missing.html does not exist',
      'index.html: href="guides/a.html#nope": no element with id \'nope\' in guides/a.html',
      'index.html: href="#gone": no element with id \'gone\' in index.html',
      'index.html: href="../outside.html": points outside the site',
      'index.html: src="https://cdn.example.org/x.js": a resource from another site (the site must work offline)',
      'index.html: href="": empty link',
    ]);
  });
});
