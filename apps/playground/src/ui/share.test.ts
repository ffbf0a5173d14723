import { describe, expect, it } from 'vitest';
import { decodeView, encodeView, type SharedView } from './share.js';

describe('share links', () => {
  const view: SharedView = {
    source: 'xs = ["é", "∑"]\nprint(xs)  # #p=\n',
    version: '3.12',
    panes: [{ strategy: 'refcount' }, { strategy: 'generational', profile: 'cpython-3.12' }],
    step: 4,
  };

  it('round-trips a program with any characters, its panes and its step', () => {
    const hash = encodeView(view);
    expect(hash).toMatch(/^#p=[A-Za-z0-9_-]+$/);
    expect(decodeView(hash)).toEqual(view);
  });

  it('ignores a hash that holds no view, or a damaged one', () => {
    expect(decodeView('')).toBeNull();
    expect(decodeView('#other')).toBeNull();
    expect(decodeView(encodeView(view).slice(0, 20))).toBeNull();
    expect(decodeView(`#p=${btoa('{"source": 1}')}`)).toBeNull();
  });

  it('keeps at most three panes and falls back to 3.11 and step 1', () => {
    const wide = { ...view, version: '2.7', step: -3, panes: Array(5).fill({ strategy: 'refcount' }) };
    const decoded = decodeView(encodeView(wide as unknown as SharedView));
    expect([decoded?.version, decoded?.step, decoded?.panes.length]).toEqual(['3.11', 1, 3]);
  });
});
