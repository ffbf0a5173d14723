/**
 * A Vite plugin that puts the page's script and style inside `index.html`, so that the page opens
 * from `file://`: browsers refuse to load a module script from a file URL (its origin is opaque),
 * but run one written in the page.
 *
 * @module
 */

import type { Plugin } from 'vite';

/** Inlines the entry chunk and its stylesheets into the HTML and drops them from the output. */
export function singleFile(): Plugin {
  return {
    name: 'pymm-playground-single-file',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const html of Object.values(bundle)) {
        if (html.type !== 'asset' || !html.fileName.endsWith('.html')) continue;
        let text = String(html.source);
        for (const [name, file] of Object.entries(bundle)) {
          if (file.type === 'chunk' && file.isEntry) {
            const tag = new RegExp(
              `<script type="module" crossorigin src="[^"]*${escapeRegExp(name)}"></script>`,
            );
            if (!tag.test(text))
              throw new Error(`single-file: no script tag for ${name} in ${html.fileName}`);
            const code = file.code.replace(/<\/script/gi, '<\\/script');
            text = text.replace(tag, () => `<script type="module">${code}</script>`);
            delete bundle[name];
          } else if (file.type === 'asset' && name.endsWith('.css')) {
            const tag = new RegExp(`<link rel="stylesheet" crossorigin href="[^"]*${escapeRegExp(name)}">`);
            if (!tag.test(text)) continue;
            text = text.replace(tag, () => `<style>${String(file.source)}</style>`);
            delete bundle[name];
          }
        }
        html.source = text;
      }
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
