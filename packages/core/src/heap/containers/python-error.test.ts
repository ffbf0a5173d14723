import { describe, expect, it } from 'vitest';
import { TypeId } from '../../objects/type-id.js';
import { createRuntime } from '../../runtime/runtime.js';
import { expectType } from './python-error.js';

describe('expectType', () => {
  it('raises TypeError naming the expected and the actual type', () => {
    const heap = createRuntime().heap;
    expect(() => expectType(heap, heap.newInt(1000), [TypeId.List], 'append')).toThrow(
      'TypeError: append: expected list, got int',
    );
  });
});
