import { describe, expect, it } from 'vitest';
import { normaliseIndex } from './list.js';

describe('normaliseIndex', () => {
  it('counts a negative index from the end', () => {
    expect(normaliseIndex(-1, 3, 'list')).toBe(2);
  });

  it('raises IndexError out of range', () => {
    expect(() => normaliseIndex(3, 3, 'list')).toThrow('IndexError: list index out of range');
  });
});
