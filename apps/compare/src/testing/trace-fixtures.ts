/**
 * The two small trace files the command tests replay: `cycle.jsonl`, a list
 * that holds itself, dropped and collected; and `invalid.jsonl`, whose second
 * operation uses a slot that holds nothing.
 *
 * @module
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where {@link writeTraceFixtures} put the traces. */
export interface TraceFixtures {
  /** The new temporary directory that holds them; the caller removes it when it wants to. */
  readonly dir: string;
  readonly cycle: string;
  readonly invalid: string;
}

/** Writes `cycle.jsonl` and `invalid.jsonl` into a new temporary directory named `<prefix>XXXXXX`. */
export function writeTraceFixtures(prefix: string): TraceFixtures {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const cycle = join(dir, 'cycle.jsonl');
  writeFileSync(
    cycle,
    '{"format": "pymm-trace", "version": 1, "slots": 2, "name": "cycle"}\n["list", 0]\n["append", 0, 0]\n["none", 0]\n["collect", 2]\n',
  );
  const invalid = join(dir, 'invalid.jsonl');
  writeFileSync(
    invalid,
    '{"format": "pymm-trace", "version": 1, "slots": 2, "name": "bad"}\n["tuple", 0, []]\n["append", 0, 0]\n',
  );
  return { dir, cycle, invalid };
}
