/**
 * What one run (one workload on one strategy) measured. Every number comes
 * from the heap's event stream, the public strategy hooks or the allocator's
 * statistics; the JSON schema in `schema/comparison.schema.json` describes it.
 *
 * @module
 */

import type { LineAttribution } from '@pymm/python';
import type { TimelineSample } from './measuring-strategy.js';

/** Pause-time distribution of a run, in milliseconds of host time. */
export interface PauseSummary {
  readonly count: number;
  readonly totalMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** How long reclaimed garbage waited, in allocations after it became unreachable. */
export interface PromptnessSummary {
  /** Whether promptness could be measured (the run's allocations matched the oracle's). */
  readonly measured: boolean;
  /** Unreachable objects the strategy reclaimed. */
  readonly reclaimed: number;
  /** Unreachable objects it never reclaimed by the end. */
  readonly neverReclaimed: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly mean: number;
  /** Oracle stamps that are upper bounds (cycles found by periodic scans), and the scan interval. */
  readonly approximateObjects: number;
  readonly oracleInterval: number;
}

/** Resource (file) statistics. */
export interface FileSummary {
  readonly opened: number;
  readonly maxOpen: number;
  readonly openAtEnd: number;
  /** Mean operations between opening and closing, over closed files. */
  readonly meanOpenOperations: number;
  /** How closed files were closed. */
  readonly closedBy: { readonly close: number; readonly with: number; readonly dealloc: number };
}

/** What a Python workload's program did in one run (null for a TypeScript workload). */
export interface ProgramOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  /** Allocations, collections and files left open, by line of the program. */
  readonly attribution: LineAttribution | null;
}

/** One run's measurements. */
export interface RunResult {
  readonly workload: string;
  /** Strategy name as chosen (`generational`, `mark-sweep`, or an external module's name). */
  readonly strategy: string;
  readonly profile: string | null;
  /** Display label, e.g. `mark-sweep (incremental)`. */
  readonly label: string;
  readonly scale: number;
  readonly seed: number;
  /** Fingerprint of the operation stream: equal across strategies for the same workload, scale and seed. */
  /** The CPython version modelled (`comparison/python-version.ts`). */
  readonly version: string;
  readonly fingerprint: string;
  readonly operations: number;
  readonly allocations: number;
  readonly bytesAllocated: number;
  readonly frees: number;
  readonly wallMs: number;
  readonly collectorMs: number;
  readonly programMs: number;
  /** Complete collections per generation (one entry for strategies without generations). */
  readonly collections: number[];
  readonly objectsExamined: number;
  readonly pauses: PauseSummary;
  /** Minimum mutator utilisation at a few window sizes. */
  readonly mmu: { readonly windowMs: number; readonly utilisation: number }[];
  readonly peakLiveBytes: number;
  readonly peakHeldBytes: number;
  readonly finalLiveBytes: number;
  readonly finalHeldBytes: number;
  /** Live objects unreachable at the end (garbage never reclaimed) and their bytes. */
  readonly leakedObjects: number;
  readonly leakedBytes: number;
  readonly promptness: PromptnessSummary;
  readonly files: FileSummary;
  readonly finalizersRun: number;
  readonly refcountUpdates: number;
  /** Phases the workload marked, with the allocation clock at their start. */
  readonly phases: { readonly name: string; readonly allocations: number }[];
  readonly timeline: TimelineSample[];
  /** Individual pause durations (ms), at most 2,000 evenly chosen, for the distribution chart. */
  readonly pauseSamplesMs: number[];
  /** The program's exit code, stdout and attribution, for a Python workload. */
  readonly program: ProgramOutcome | null;
}
