import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instantiateStrategy, StrategyModuleError } from './strategy-spec.js';

/** Writes an external strategy module with `source` and returns its spec. */
function moduleSpec(source: string) {
  const dir = mkdtempSync(join(tmpdir(), 'pymm-strategy-'));
  const file = join(dir, 'strategy.mjs');
  writeFileSync(file, source);
  return { name: file, profile: null, label: file };
}

describe('instantiateStrategy', () => {
  it('returns a built-in strategy as its factory', async () => {
    const factory = await instantiateStrategy({ name: 'generational', profile: 'cpython-3.13', label: 'g' });
    expect(factory.name).toBe('generational');
    expect(factory.guarantees).toEqual({ reclaimsCycles: true, prompt: true });
    expect(typeof factory.create).toBe('function');
  });

  it('loads an external module whose createStrategy returns a StrategyFactory', async () => {
    const spec = moduleSpec(`export function createStrategy() {
      return {
        name: 'outside',
        requirements: { referenceCounting: true, writeBarrier: false },
        guarantees: { reclaimsCycles: false, prompt: true },
        create: () => ({}),
      };
    }`);
    expect((await instantiateStrategy(spec)).name).toBe('outside');
  });

  it('rejects a module without a createStrategy function', async () => {
    const spec = moduleSpec('export const strategy = 1;');
    await expect(instantiateStrategy(spec)).rejects.toThrowError(StrategyModuleError);
    await expect(instantiateStrategy(spec)).rejects.toThrowError(/must export createStrategy/);
  });

  it('rejects a strategy instance in place of a factory, naming what is missing', async () => {
    const spec = moduleSpec(`export default function () {
      return { name: 'old', allocating() {}, released() {}, track() {}, untrack() {}, collect: () => 0 };
    }`);
    await expect(instantiateStrategy(spec)).rejects.toThrowError(
      'returned something that is not a StrategyFactory (missing: requirements.referenceCounting, requirements.writeBarrier, guarantees.reclaimsCycles, guarantees.prompt, create(heap))',
    );
  });
});
