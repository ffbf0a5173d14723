/**
 * The strategies a pane can run, each with its profiles (the first is the default), made as the
 * `pymm` command makes them.
 *
 * @module
 */

import type { StrategyFactory } from '@pymm/core';
import { generational, PROFILES } from '@pymm/generational';
import { createMarkSweepStrategy, MARK_SWEEP_PROFILES } from '@pymm/mark-sweep';
import { refcount } from '@pymm/refcount';

/** A strategy a pane can choose. */
export interface PaneStrategy {
  readonly name: string;
  /** One line on what it is. */
  readonly summary: string;
  /** Its profiles (the first is the default), or none. */
  readonly profiles: readonly string[];
  readonly factory: (profile: string | undefined) => StrategyFactory;
}

/** Reference counting, CPython's generational collector, and the tracing mark-sweep collector. */
export const PANE_STRATEGIES: readonly PaneStrategy[] = [
  {
    name: 'refcount',
    summary: 'pure reference counting: prompt, but cycles leak',
    profiles: [],
    factory: () => refcount(),
  },
  {
    name: 'generational',
    summary: "reference counting plus CPython's generational cycle collector",
    profiles: Object.keys(PROFILES),
    factory: (profile) => generational({ profile: (profile ?? 'cpython-3.11') as keyof typeof PROFILES }),
  },
  {
    name: 'mark-sweep',
    summary: 'a tracing collector with no reference counts ("incremental" shows tri-colour steps)',
    profiles: Object.keys(MARK_SWEEP_PROFILES),
    factory: (profile) => createMarkSweepStrategy(profile as keyof typeof MARK_SWEEP_PROFILES | undefined),
  },
];

/** The strategy named `name` with `profile` (or its default), or an error naming the choices. */
export function paneStrategy(name: string, profile?: string): { strategy: PaneStrategy; profile?: string } {
  const strategy = PANE_STRATEGIES.find((s) => s.name === name);
  if (!strategy) {
    throw new Error(
      `unknown strategy '${name}' (choose one of: ${PANE_STRATEGIES.map((s) => s.name).join(', ')})`,
    );
  }
  if (strategy.profiles.length === 0) return { strategy };
  const chosen = profile ?? strategy.profiles[0];
  if (!strategy.profiles.includes(chosen)) {
    throw new Error(
      `unknown profile '${chosen}' for ${name} (choose one of: ${strategy.profiles.join(', ')})`,
    );
  }
  return { strategy, profile: chosen };
}
