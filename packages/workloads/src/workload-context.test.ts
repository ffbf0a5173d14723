import { describe, expect, it } from 'vitest';
import { gcCollect } from './gc-collect.js';
import { createContext, DEFAULT_SEED, scaledCount } from './workload-context.js';

describe('createContext', () => {
  it('defaults to scale 1, the default seed, no parameters and a silent phase', () => {
    const context = createContext();
    expect(context.scale).toBe(1);
    expect(context.seed).toBe(DEFAULT_SEED);
    expect(context.params).toEqual({});
    expect(() => context.phase('anything')).not.toThrow();
  });

  it('draws the same numbers for the same seed and different ones for another', () => {
    const draw = (seed: number) => {
      const context = createContext({ seed });
      return Array.from({ length: 5 }, () => context.random());
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
    for (const x of draw(123)) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('reports phases to onPhase, in order', () => {
    const seen: string[] = [];
    const context = createContext({ onPhase: (name) => seen.push(name) });
    context.phase('build');
    context.phase('drop');
    expect(seen).toEqual(['build', 'drop']);
  });

  it("merges a workload's defaults under the overrides and rejects unknown names", () => {
    const context = createContext({ workload: gcCollect, params: { iterations: 2 } });
    expect(context.params).toEqual({ cycles: 100, links: 20, iterations: 2 });
    expect(() => createContext({ workload: gcCollect, params: { iteration: 2 } })).toThrow(
      "gc-collect: unknown parameter 'iteration' (its parameters: cycles, links, iterations)",
    );
    expect(() => createContext({ workload: gcCollect, params: { links: Number.NaN } })).toThrow(
      /finite number/,
    );
  });

  it('rejects a scale that is not positive and a seed that is not finite', () => {
    expect(() => createContext({ scale: 0 })).toThrow(/scale must be a positive number/);
    expect(() => createContext({ scale: Number.POSITIVE_INFINITY })).toThrow(/scale/);
    expect(() => createContext({ seed: Number.NaN })).toThrow(/seed must be a finite number/);
  });
});

describe('scaledCount', () => {
  it('scales linearly, rounds, and never returns less than one', () => {
    expect(scaledCount(createContext({ scale: 2 }), 1_000)).toBe(2_000);
    expect(scaledCount(createContext({ scale: 0.0015 }), 1_000)).toBe(2);
    expect(scaledCount(createContext({ scale: 1e-9 }), 1_000)).toBe(1);
  });
});
