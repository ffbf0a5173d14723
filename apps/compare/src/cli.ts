/**
 * The `pymm` command. Parsing and printing only: every decision is in the
 * commands' pure functions.
 *
 * @module
 */

import { parseArgs } from 'node:util';
import { type CommandResult, ExitCode, usage } from './commands/command-result.js';
import { runReplay } from './commands/replay.js';
import { runTraceStats } from './commands/trace-stats.js';
import { STRATEGIES } from './strategies.js';

const HELP = `pymm: Python's memory manager, simulated

usage:
  pymm replay FILE --strategy NAME [--profile PROFILE] [--json] [--timing]
  pymm trace-stats FILE [--json]

strategies:
${STRATEGIES.map((s) => `  ${s.name.padEnd(13)} ${s.summary}${s.profiles.length ? ` (profiles: ${s.profiles.join(', ')})` : ''}`).join('\n')}

exit codes: 0 ok, 1 invalid input, 2 usage error, 3 internal error
`;

/** Runs the command line `argv` (without `node` and the script) and returns its output. */
export function main(argv: readonly string[]): CommandResult {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return { stdout: HELP, stderr: '', exitCode: command === undefined ? ExitCode.Usage : ExitCode.Ok };
  }
  try {
    switch (command) {
      case 'replay': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: {
            strategy: { type: 'string' },
            profile: { type: 'string' },
            json: { type: 'boolean' },
            timing: { type: 'boolean' },
          },
        });
        if (positionals.length > 1) return usage(`replay: expected one FILE, got ${positionals.length}`);
        return runReplay({ file: positionals[0], ...values });
      }
      case 'trace-stats': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: { json: { type: 'boolean' } },
        });
        if (positionals.length > 1) return usage(`trace-stats: expected one FILE, got ${positionals.length}`);
        return runTraceStats({ file: positionals[0], ...values });
      }
      default:
        return usage(`unknown command '${command}' (try: pymm --help)`);
    }
  } catch (error) {
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return usage(error.message);
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      stdout: '',
      stderr: `pymm: internal error (please report it): ${message}\n`,
      exitCode: ExitCode.Internal,
    };
  }
}

const result = main(process.argv.slice(2));
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
