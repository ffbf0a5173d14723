import { describe, expect, it } from 'vitest';
import { TRASHCAN_313_BUDGET, TRASHCAN_UNWIND_LEVEL, trashcanRule } from './trashcan.js';

describe('the trashcan rule', () => {
  it('defers at _PyTrash_UNWIND_LEVEL (50) on 3.11 and 3.12', () => {
    expect(TRASHCAN_UNWIND_LEVEL).toBe(50);
    expect(trashcanRule('3.12').depositAt).toBe(TRASHCAN_UNWIND_LEVEL);
  });

  it('counts a C recursion budget on 3.13', () => {
    expect(TRASHCAN_313_BUDGET).toBe(9950);
    expect(trashcanRule('3.13')).toEqual({ depositAt: 9900, destroyBelow: 9850 });
  });
});
