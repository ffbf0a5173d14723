/**
 * `pymm conformance [--dir DIR] [--json]`: replays every trace of the
 * conformance corpus on the generational strategy, once per CPython profile,
 * and compares each result with what that CPython version recorded. This is
 * how the README's "N of N traces exact" figures are produced.
 *
 * @module
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diffTraceResults, readLines, replayTrace, TraceError, type TraceResults } from '@pymm/core/trace';
import { generational, PROFILES, type ProfileName } from '@pymm/generational';
import { type CommandResult, ExitCode, usage } from './command-result.js';
import { invalidTrace, TraceFileError } from './trace-error.js';

/** One profile's conformance. */
export interface ProfileConformance {
  readonly profile: string;
  /** Where the expected results of this CPython version are. */
  readonly expectedDir: string;
  readonly python: string | null;
  readonly traces: number;
  readonly exact: number;
  /** Traces whose results differ, with the fields that differ. */
  readonly mismatches: readonly { readonly trace: string; readonly fields: readonly string[] }[];
}

/** Where each profile's expected files are, relative to the corpus directory. */
function expectedDirFor(corpus: string, profile: ProfileName): string {
  const version = PROFILES[profile].version;
  return version === '3.11' ? join(corpus, 'traces') : join(corpus, 'expected', `cpython-${version}`);
}

/**
 * Replays the corpus under every profile whose expected results exist.
 *
 * @example
 * ```ts
 * import { conformance } from './conformance.js';
 * conformance('conformance').find((p) => p.profile === 'cpython-3.11')?.traces; // the corpus size
 * ```
 */
export function conformance(corpus: string): ProfileConformance[] {
  const tracesDir = join(corpus, 'traces');
  const traces = readdirSync(tracesDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  const out: ProfileConformance[] = [];
  for (const profile of Object.keys(PROFILES) as ProfileName[]) {
    const expectedDir = expectedDirFor(corpus, profile);
    if (!existsSync(expectedDir)) continue;
    let exact = 0;
    let counted = 0;
    let python: string | null = null;
    const mismatches: { trace: string; fields: string[] }[] = [];
    for (const file of traces) {
      const name = file.slice(0, -'.jsonl'.length);
      const expectedFile = join(expectedDir, `${name}.expected.json`);
      if (!existsSync(expectedFile)) continue;
      counted++;
      const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
      python = expected.python ?? python;
      const results = replayFile(join(tracesDir, file), profile);
      const fields = diffTraceResults(results, expected);
      if (fields.length === 0) exact++;
      else mismatches.push({ trace: name, fields });
    }
    out.push({ profile, expectedDir, python, traces: counted, exact, mismatches });
  }
  return out;
}

/** Replays one trace of the corpus under a profile; an invalid trace throws a {@link TraceFileError}. */
function replayFile(path: string, profile: ProfileName): TraceResults {
  try {
    return replayTrace(readLines(path), generational({ profile }), { version: PROFILES[profile].version })
      .results;
  } catch (error) {
    if (error instanceof TraceError) throw new TraceFileError(path, error);
    throw error;
  }
}

/** Runs `pymm conformance`: exit 1 when the cpython-3.11 profile is not exact on every trace. */
export function runConformance(options: { dir?: string; json?: boolean }): CommandResult {
  const corpus = resolve(options.dir ?? 'conformance');
  if (!existsSync(join(corpus, 'traces')))
    return usage(`conformance: no corpus at ${corpus} (expected a traces/ directory)`);
  let profiles: ProfileConformance[];
  try {
    profiles = conformance(corpus);
  } catch (error) {
    if (error instanceof TraceFileError) return invalidTrace(error.file, error.error);
    throw error;
  }
  const reference = profiles.find((p) => p.profile === 'cpython-3.11');
  const exitCode = reference && reference.exact === reference.traces ? ExitCode.Ok : ExitCode.InvalidInput;
  if (options.json) return { stdout: `${JSON.stringify(profiles)}\n`, stderr: '', exitCode };
  const lines = ['profile        recorded by        exact'];
  for (const p of profiles) {
    lines.push(
      `${p.profile.padEnd(14)} CPython ${String(p.python ?? '?').padEnd(10)} ${p.exact} of ${p.traces}`,
    );
    for (const m of p.mismatches.slice(0, 10)) lines.push(`    ${m.trace}: ${m.fields.join(', ')}`);
    if (p.mismatches.length > 10) lines.push(`    ... ${p.mismatches.length - 10} more`);
  }
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode };
}
