import { describe, expect, it } from 'vitest';
import { DEFAULT_MINIMUM_BUDGET_BYTES, FixedHeapTrigger, GrowthTrigger } from './trigger.js';

describe('GrowthTrigger', () => {
  it('starts with the minimum budget and then allows growthFactor × the surviving bytes', () => {
    const trigger = new GrowthTrigger(1.5, 100);
    expect(trigger.target).toBe(100);
    expect(trigger.shouldCollect(90, 10)).toBe(false);
    expect(trigger.shouldCollect(90, 11)).toBe(true);
    trigger.cycleCompleted(1000);
    expect(trigger.target).toBe(2500);
    trigger.cycleCompleted(10); // little survived: the minimum budget applies
    expect(trigger.target).toBe(110);
    expect(new GrowthTrigger().target).toBe(DEFAULT_MINIMUM_BUDGET_BYTES);
  });

  it('rejects factors and budgets that make no sense', () => {
    expect(() => new GrowthTrigger(-1)).toThrow(RangeError);
    expect(() => new GrowthTrigger(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => new GrowthTrigger(1, Number.NaN)).toThrow(/minimumBudgetBytes/);
  });
});

describe('FixedHeapTrigger', () => {
  it('collects at the heap size, and after a minimum budget when the live data outgrew it', () => {
    const trigger = new FixedHeapTrigger(1000, 50);
    expect(trigger.shouldCollect(1000, 1)).toBe(true);
    trigger.cycleCompleted(400);
    expect(trigger.target).toBe(1000);
    trigger.cycleCompleted(1200);
    expect(trigger.target).toBe(1250);
    trigger.cycleCompleted(100);
    expect(trigger.target).toBe(1000);
    expect(() => new FixedHeapTrigger(0)).toThrow(/heapBytes/);
  });
});
