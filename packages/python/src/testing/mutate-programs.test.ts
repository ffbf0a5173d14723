import { describe, expect, it } from 'vitest';
import { MUTATION_NAMES, MutationRandom, mutatedPrograms, mutateProgram } from './mutate-programs.js';

const BASES = [{ name: 'base.py', source: 'def f(x):\n    return [x, (1, 2), "s"]\n\nprint(f(3) + 4)\n' }];

describe('mutated programs', () => {
  it('are the same for the same seed, and differ for another', () => {
    const a = [...mutatedPrograms(42, 30, BASES)].map((p) => p.source);
    const b = [...mutatedPrograms(42, 30, BASES)].map((p) => p.source);
    const c = [...mutatedPrograms(43, 30, BASES)].map((p) => p.source);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('start from the base programs and from random programs, and use every kind of mutation', () => {
    const programs = [...mutatedPrograms(7, 600, BASES)];
    expect(programs.filter((p) => p.origin === 'base.py').length).toBe(400);
    expect(programs.filter((p) => p.origin.startsWith('random(')).length).toBe(200);
    const used = new Set(programs.flatMap((p) => p.mutations));
    expect([...used].sort()).toEqual([...MUTATION_NAMES].sort());
  });

  it('change the source', () => {
    const random = new MutationRandom(1);
    const changed = Array.from({ length: 50 }, () => mutateProgram(BASES[0].source, random).source);
    expect(changed.filter((s) => s !== BASES[0].source).length).toBeGreaterThan(40);
  });
});
