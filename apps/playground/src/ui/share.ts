/**
 * The share link: the program, its version, its panes and the current step, in the URL's hash
 * (`#p=` then base64url of UTF-8 JSON), so that opening the link shows the same view.
 *
 * @module
 */

import type { CPythonVersion } from '@pymm/core';
import type { PaneConfig } from '../engine/session.js';

/** What a link holds. */
export interface SharedView {
  readonly source: string;
  readonly version: CPythonVersion;
  readonly panes: readonly PaneConfig[];
  readonly step: number;
}

const VERSIONS: readonly CPythonVersion[] = ['3.11', '3.12', '3.13'];

/** The hash (with its `#`) that holds `view`. */
export function encodeView(view: SharedView): string {
  const bytes = new TextEncoder().encode(JSON.stringify(view));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `#p=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** The view a hash holds, or null when it holds none or a damaged one (the page then starts afresh). */
export function decodeView(hash: string): SharedView | null {
  const match = /^#p=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!match) return null;
  try {
    const binary = atob(match[1].replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Partial<SharedView>;
    if (typeof value.source !== 'string' || !Array.isArray(value.panes)) return null;
    const panes = value.panes.filter(
      (p): p is PaneConfig =>
        typeof p?.strategy === 'string' && (p.profile === undefined || typeof p.profile === 'string'),
    );
    if (panes.length === 0) return null;
    return {
      source: value.source,
      version: VERSIONS.includes(value.version as CPythonVersion)
        ? (value.version as CPythonVersion)
        : '3.11',
      panes: panes.slice(0, 3),
      step: Number.isInteger(value.step) && (value.step as number) > 0 ? (value.step as number) : 1,
    };
  } catch {
    return null;
  }
}
