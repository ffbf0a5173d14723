/**
 * The contract every `pymm replay` run on any file must keep: exit 0 with the
 * results object, or exit 1 with one line on standard error that names the
 * line; never another exit code, never a stack trace.
 *
 * @module
 */

import type { CommandResult } from '../commands/command-result.js';

/** What a `pymm replay` run must look like; returns what is wrong (empty when all is well). */
export function replayContractProblems(result: CommandResult, file: string, json: boolean): string[] {
  const problems: string[] = [];
  if (result.exitCode === 0) {
    if (result.stderr !== '')
      problems.push(`exit 0 with standard error ${JSON.stringify(result.stderr.slice(0, 200))}`);
    if (json) {
      try {
        const results = JSON.parse(result.stdout) as Record<string, unknown>;
        const keys = ['collect_results', 'stats', 'count', 'finalized', 'resurrected', 'alive'];
        if (JSON.stringify(Object.keys(results)) !== JSON.stringify(keys))
          problems.push('the results object has other keys');
      } catch {
        problems.push(
          `exit 0, but standard output is not JSON: ${JSON.stringify(result.stdout.slice(0, 200))}`,
        );
      }
    } else if (!result.stdout.startsWith('trace ')) {
      problems.push(`exit 0, but standard output is ${JSON.stringify(result.stdout.slice(0, 200))}`);
    }
  } else if (result.exitCode === 1) {
    if (result.stdout !== '')
      problems.push(`exit 1 with standard output ${JSON.stringify(result.stdout.slice(0, 200))}`);
    problems.push(...errorLineProblems(result.stderr, file));
  } else {
    problems.push(`exit ${result.exitCode}: ${JSON.stringify(result.stderr.slice(0, 500))}`);
  }
  return problems;
}

/**
 * The error of an invalid trace: one line, `pymm: FILE: line N: what: why`,
 * with no stack trace and no control characters.
 */
export function errorLineProblems(stderr: string, file: string): string[] {
  const problems: string[] = [];
  const prefix = `pymm: ${file}: line `;
  if (!stderr.startsWith(prefix))
    problems.push(`the error does not name the line: ${JSON.stringify(stderr.slice(0, 300))}`);
  else if (!/^\d+: \S/.test(stderr.slice(prefix.length))) {
    problems.push(`the error has no line number: ${JSON.stringify(stderr.slice(0, 300))}`);
  }
  if (!stderr.endsWith('\n') || stderr.indexOf('\n') !== stderr.length - 1) {
    problems.push(`the error is not one line: ${JSON.stringify(stderr.slice(0, 300))}`);
  }
  if (/\n\s+at /.test(stderr) || /internal error/.test(stderr))
    problems.push(`a stack trace: ${JSON.stringify(stderr.slice(0, 300))}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(stderr)) {
    problems.push(`control characters in the error: ${JSON.stringify(stderr.slice(0, 300))}`);
  }
  if (stderr.length > 2_000) problems.push(`an error of ${stderr.length} characters`);
  return problems;
}

/** The line number an error names. */
export function errorLine(stderr: string): number {
  const match = / line (\d+): /.exec(stderr);
  return match ? Number(match[1]) : Number.NaN;
}
