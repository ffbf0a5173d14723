/**
 * Which strategies a comparison runs: built-in names (with a profile) or
 * strategies loaded from a module outside this repository.
 *
 * @module
 */

import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StrategyFactory } from '@pymm/core';
import { chooseStrategy, STRATEGIES } from '../strategies.js';

/** A strategy to run, as the command line names it. */
export interface StrategySpec {
  /** Built-in strategy name, or a module path or package name that exports a strategy factory. */
  readonly name: string;
  readonly profile: string | null;
  /** Display label, e.g. `mark-sweep (incremental)`. */
  readonly label: string;
}

/** The default suite's strategies: every built-in one, and mark-sweep's incremental mode. */
export const DEFAULT_STRATEGIES: readonly StrategySpec[] = [
  { name: 'nogc', profile: null, label: 'nogc' },
  { name: 'refcount', profile: null, label: 'refcount' },
  { name: 'generational', profile: 'cpython-3.11', label: 'generational' },
  { name: 'mark-sweep', profile: null, label: 'mark-sweep' },
  { name: 'mark-sweep', profile: 'incremental', label: 'mark-sweep (incremental)' },
];

/**
 * Parses `name` or `name:profile` (for example `generational:cpython-3.13`).
 * Anything that is not a built-in name is an external module to load.
 *
 * @example
 * ```ts
 * import { parseStrategySpec } from './strategy-spec.js';
 * parseStrategySpec('mark-sweep:incremental').label; // 'mark-sweep (incremental)'
 * ```
 */
export function parseStrategySpec(text: string): StrategySpec {
  const builtIn = STRATEGIES.find((s) => text === s.name || text.startsWith(`${s.name}:`));
  if (builtIn) {
    const profile = text.length > builtIn.name.length ? text.slice(builtIn.name.length + 1) : null;
    chooseStrategy(builtIn.name, profile ?? undefined);
    return { name: builtIn.name, profile, label: profile ? `${builtIn.name} (${profile})` : builtIn.name };
  }
  return { name: text, profile: null, label: text };
}

/** Thrown when an external strategy module cannot be used. */
export class StrategyModuleError extends Error {
  override readonly name = 'StrategyModuleError';
}

/**
 * Checks that an external module's `createStrategy` result is a
 * `StrategyFactory`; returns what is wrong with it (empty when nothing is).
 */
function factoryProblems(candidate: unknown): string[] {
  if (typeof candidate !== 'object' || candidate === null) return ['an object'];
  const factory = candidate as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof factory.name !== 'string') problems.push('name');
  for (const [field, flags] of [
    ['requirements', ['referenceCounting', 'writeBarrier']],
    ['guarantees', ['reclaimsCycles', 'prompt']],
  ] as const) {
    const value = factory[field] as Record<string, unknown> | undefined;
    for (const flag of flags) if (typeof value?.[flag] !== 'boolean') problems.push(`${field}.${flag}`);
  }
  if (typeof factory.create !== 'function') problems.push('create(heap)');
  return problems;
}

/**
 * The factory of the strategy a spec names. External modules must export
 * `createStrategy(profile?)` (or a default export function) returning a
 * `StrategyFactory` from `@pymm/core`: `{ name, requirements, guarantees, create(heap) }`.
 *
 * @example
 * ```ts
 * import { instantiateStrategy } from './strategy-spec.js';
 * const factory = await instantiateStrategy({ name: 'refcount', profile: null, label: 'refcount' });
 * factory.name; // 'refcount'
 * typeof factory.create; // 'function'
 * ```
 */
export async function instantiateStrategy(spec: StrategySpec, cwd = process.cwd()): Promise<StrategyFactory> {
  const builtIn = STRATEGIES.find((s) => s.name === spec.name);
  if (builtIn) return builtIn.factory(spec.profile ?? undefined);
  const target =
    spec.name.startsWith('.') || isAbsolute(spec.name)
      ? pathToFileURL(resolve(cwd, spec.name)).href
      : spec.name;
  let module: Record<string, unknown>;
  try {
    module = (await import(target)) as Record<string, unknown>;
  } catch (error) {
    throw new StrategyModuleError(`cannot load strategy module '${spec.name}': ${(error as Error).message}`);
  }
  const createStrategy = (module.createStrategy ?? module.default) as unknown;
  if (typeof createStrategy !== 'function') {
    throw new StrategyModuleError(
      `strategy module '${spec.name}' must export createStrategy(profile?) or a default function returning a StrategyFactory`,
    );
  }
  const factory = (createStrategy as (profile?: string) => unknown)(spec.profile ?? undefined);
  const problems = factoryProblems(factory);
  if (problems.length > 0) {
    throw new StrategyModuleError(
      `strategy module '${spec.name}' returned something that is not a StrategyFactory (missing: ${problems.join(', ')})`,
    );
  }
  return factory as StrategyFactory;
}
