import { createRuntime } from '@pymm/core';
import { describe, expect, it } from 'vitest';
import { createMarkSweepStrategy, MARK_SWEEP_PROFILES } from './profiles.js';

describe('profiles', () => {
  it('creates the strategy a --profile names', () => {
    expect(createMarkSweepStrategy().name).toBe('mark-sweep');
    expect(createMarkSweepStrategy('default').name).toBe('mark-sweep');
    expect(createMarkSweepStrategy('lazy').name).toBe('mark-sweep-lazy');
    expect(createMarkSweepStrategy('incremental').name).toBe('mark-sweep-incremental');
    expect(createRuntime({ strategy: createMarkSweepStrategy(' Incremental ') }).strategy.incremental).toBe(
      true,
    );
    expect(createMarkSweepStrategy('mark-sweep-incremental').name).toBe('mark-sweep-incremental');
    expect(Object.keys(MARK_SWEEP_PROFILES)).toEqual(['default', 'lazy', 'incremental']);
  });

  it('applies overrides on top of the profile', () => {
    const strategy = createMarkSweepStrategy('incremental', { incremental: { stepBudget: 64 } });
    expect(createRuntime({ strategy }).strategy.stepBudget).toBe(64);
  });

  it('names the valid profiles when given an unknown one', () => {
    expect(() => createMarkSweepStrategy('concurrent')).toThrow(
      "unknown mark-sweep profile 'concurrent' (expected one of: default, lazy, incremental)",
    );
  });
});
