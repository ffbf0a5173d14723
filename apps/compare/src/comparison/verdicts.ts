/**
 * Plain-words verdicts: what a workload's runs mean for a Python programmer,
 * built only from the measured numbers.
 *
 * @module
 */

import type { RunResult } from '../measure/run-result.js';

/**
 * Formats a byte count for people (`1.5 MiB`).
 *
 * @example
 * ```ts
 * import { formatBytes } from './verdicts.js';
 * formatBytes(1536); // '1.5 KiB'
 * ```
 */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} bytes` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

function list(labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/**
 * The verdict for one workload's runs (one per strategy).
 *
 * @example
 * ```ts
 * import { verdictFor } from './verdicts.js';
 * verdictFor([]); // 'No runs.'
 * ```
 */
export function verdictFor(runs: readonly RunResult[]): string {
  if (runs.length === 0) return 'No runs.';
  const sentences: string[] = [];
  const managed = runs.filter((r) => r.strategy !== 'nogc');

  // Files: how many stayed open at once, and why.
  if (runs.some((r) => r.files.opened > 0)) {
    const figures = managed.map((r) => `${r.label} ${r.files.maxOpen}`);
    sentences.push(`Most files open at once: ${list(figures)}.`);
    const counting = managed.filter((r) => r.refcountUpdates > 0);
    const tracing = managed.filter((r) => r.refcountUpdates === 0);
    const why: string[] = [];
    if (
      counting.some(
        (r) => r.files.openAtEnd > 0 || r.files.maxOpen > Math.min(...managed.map((m) => m.files.maxOpen)),
      )
    ) {
      why.push(
        'reference counting closes a file the moment its last reference goes, but never one caught in a reference cycle it cannot free',
      );
    }
    if (tracing.length)
      why.push('a tracing collector closes a forgotten file only when a collection finds it unreachable');
    if (why.length) sentences.push(`${why.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()));
    const stillOpen = runs.filter((r) => r.files.openAtEnd > 0);
    if (stillOpen.length)
      sentences.push(
        `Still open at the end: ${list(stillOpen.map((r) => `${r.files.openAtEnd} under ${r.label}`))}.`,
      );
  }

  // Garbage left at the end.
  const leaking = managed.filter((r) => r.leakedBytes > 0);
  const clean = managed.filter((r) => r.leakedBytes === 0);
  if (leaking.length) {
    const parts = leaking.map(
      (r) =>
        `${r.label} ended with ${formatBytes(r.leakedBytes)} of unreachable objects${r.strategy === 'refcount' ? ' (cycles it can never free)' : ' (waiting for its next collection)'}`,
    );
    sentences.push(
      `${parts.join('; ')}${clean.length ? `, while ${list(clean.map((r) => r.label))} had reclaimed everything` : ''}.`,
    );
  } else if (managed.length) {
    sentences.push('Every collecting strategy reclaimed all the garbage by the end.');
  }

  // Peak memory.
  const byPeak = [...runs].sort((a, b) => a.peakHeldBytes - b.peakHeldBytes);
  const low = byPeak[0];
  const high = byPeak.at(-1)!;
  if (high.peakHeldBytes > low.peakHeldBytes * 1.1) {
    sentences.push(
      `The process held at most ${formatBytes(low.peakHeldBytes)} under ${low.label} and up to ${formatBytes(high.peakHeldBytes)} under ${high.label}.`,
    );
  }

  // Pauses.
  const paused = runs.filter((r) => r.pauses.count > 0);
  if (paused.length) {
    const longest = paused.reduce((a, b) => (b.pauses.maxMs > a.pauses.maxMs ? b : a));
    const shortest = paused.reduce((a, b) => (b.pauses.maxMs < a.pauses.maxMs ? b : a));
    sentences.push(
      longest === shortest
        ? `Only ${longest.label} paused the program, at most ${longest.pauses.maxMs.toFixed(2)} ms at a time.`
        : `The longest pause was ${longest.pauses.maxMs.toFixed(2)} ms under ${longest.label}; under ${shortest.label} no pause exceeded ${shortest.pauses.maxMs.toFixed(2)} ms.`,
    );
  }

  // Promptness of reclamation.
  const timed = managed.filter((r) => r.promptness.measured && r.promptness.reclaimed > 0);
  if (timed.length > 1) {
    const slowest = timed.reduce((a, b) => (b.promptness.p95 > a.promptness.p95 ? b : a));
    const fastest = timed.reduce((a, b) => (b.promptness.p95 < a.promptness.p95 ? b : a));
    if (slowest.promptness.p95 > fastest.promptness.p95) {
      sentences.push(
        `Garbage waited ${Math.round(fastest.promptness.p95)} allocations (95th percentile) to be reclaimed under ${fastest.label}, and ${Math.round(slowest.promptness.p95)} under ${slowest.label}.`,
      );
    }
  }
  return sentences.join(' ');
}
