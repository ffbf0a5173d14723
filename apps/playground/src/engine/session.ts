/**
 * The playground's stepping model, the same in a Web Worker and in a test: a program and its panes
 * (one to three strategies, each with its profile) are run once to the end, recording each pane's
 * timeline; then any step is shown by running again to it (`runStepped`'s deterministic
 * re-execution), which makes stepping back as cheap as stepping forward.
 *
 * @module
 */

import type { CPythonVersion, HeapEvent } from '@pymm/core';
import { type HeapInspection, runStepped, type StepTimeline } from '@pymm/python';
import { checkDiagnostics, type Diagnostic, runDiagnostics } from './diagnostics.js';
import { paneStrategy } from './strategies.js';

/** The program's file name in tracebacks. */
export const FILENAME = 'prog.py';
/** Statements a program may run before the step limit stops it. */
export const MAX_STEPS = 200_000;
/** Most panes side by side. */
export const MAX_PANES = 3;

/** One pane: a strategy and its profile. */
export interface PaneConfig {
  readonly strategy: string;
  readonly profile?: string;
}

/** A program and how to run it. */
export interface ProgramConfig {
  readonly source: string;
  readonly version: CPythonVersion;
  readonly panes: readonly PaneConfig[];
}

/** One pane's whole run. */
export interface PaneRun {
  readonly pane: PaneConfig;
  /** Statements started, the closing one included: steps run from 1 to `steps`. */
  readonly steps: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timeline: StepTimeline;
  /** The line of the closing statement (a step there is the program's end). */
  readonly endLine: number;
  /** Why the run ended early, in words (the step limit, an exception, a refusal), or null. */
  readonly message: string | null;
}

/** The program run on every pane. */
export interface ProgramRun {
  /** Errors on lines of the program: refused before running when not empty and no pane ran. */
  readonly diagnostics: readonly Diagnostic[];
  readonly panes: readonly PaneRun[];
  /** The last step any pane has. */
  readonly lastStep: number;
}

/** One pane at one step. */
export interface PaneStep {
  readonly step: number;
  /** The heap before the step's statement, or null past the pane's last step. */
  readonly inspection: HeapInspection | null;
  /** What the program had printed by then. */
  readonly stdout: string;
  readonly stderr: string;
  /** Heap events of the statement before (its collections, phase by phase), allocations left out. */
  readonly events: readonly HeapEvent[];
}

/** Checks the pane list: one to {@link MAX_PANES} panes with known strategies and profiles. */
export function checkPanes(panes: readonly PaneConfig[]): void {
  if (panes.length < 1 || panes.length > MAX_PANES)
    throw new Error(`choose 1 to ${MAX_PANES} panes (got ${panes.length})`);
  for (const pane of panes) paneStrategy(pane.strategy, pane.profile);
}

/** Runs the program on every pane to its end (or the step limit), after the checks. Load the parser first. */
export function runProgram(config: ProgramConfig): ProgramRun {
  checkPanes(config.panes);
  const checked = checkDiagnostics(config.source, FILENAME);
  if (checked.length > 0) return { diagnostics: checked, panes: [], lastStep: 0 };
  const panes = config.panes.map((pane) => runPane(config, pane));
  const lines = config.source.split('\n').length;
  const diagnostics = panes.flatMap((p) => runDiagnostics(p.stderr, FILENAME, lines)).slice(0, 1);
  return { diagnostics, panes, lastStep: Math.max(0, ...panes.map((p) => p.steps)) };
}

function runPane(config: ProgramConfig, pane: PaneConfig): PaneRun {
  const { strategy, profile } = paneStrategy(pane.strategy, pane.profile);
  const result = runStepped(config.source, {
    strategy: strategy.factory(profile),
    version: config.version,
    filename: FILENAME,
    maxSteps: MAX_STEPS,
  });
  const stopped = result.run.stopped;
  const message =
    stopped === 'step-limit'
      ? `stopped by the step limit after ${MAX_STEPS.toLocaleString('en')} statements (a runaway loop?)`
      : stopped === 'exception'
        ? 'the program raised an exception (see the console)'
        : stopped === 'refused'
          ? 'the program was refused (see the console)'
          : null;
  return {
    pane: { strategy: strategy.name, profile },
    steps: result.timeline.lines.length,
    stdout: result.stdout,
    stderr: result.stderr,
    timeline: result.timeline,
    endLine: result.endLine,
    message,
  };
}

/** Every pane before statement `step` (from 1), by running the program again to there. */
export function inspectStep(config: ProgramConfig, step: number, maxObjects?: number): PaneStep[] {
  return inspectSteps(config, step, step, maxObjects)[0];
}

/**
 * Every pane at every step from `from` to `to`, in one re-execution per pane: entry `k` holds the
 * panes at step `from + k`. A pane whose program ended earlier shows no heap there.
 */
export function inspectSteps(
  config: ProgramConfig,
  from: number,
  to: number,
  maxObjects?: number,
): PaneStep[][] {
  checkPanes(config.panes);
  const byPane = config.panes.map((pane) => {
    const { strategy, profile } = paneStrategy(pane.strategy, pane.profile);
    return runStepped(config.source, {
      strategy: strategy.factory(profile),
      version: config.version,
      filename: FILENAME,
      maxSteps: MAX_STEPS,
      captureFrom: from,
      pauseAt: to,
      inspect: { maxObjects },
    });
  });
  const out: PaneStep[][] = [];
  for (let step = from; step <= to; step++) {
    out.push(
      byPane.map((result) => {
        const captured = result.captured[step - from];
        return captured
          ? { ...captured, step }
          : { step, inspection: null, stdout: result.stdout, stderr: result.stderr, events: [] };
      }),
    );
  }
  return out;
}
