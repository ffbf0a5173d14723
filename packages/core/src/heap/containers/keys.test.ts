import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../runtime/runtime.js';
import { keyToken } from './keys.js';

describe('keyToken', () => {
  it('gives equal keys equal tokens: ints and floats by value, strs by text, tuples by their items', () => {
    const heap = createRuntime().heap;
    expect(keyToken(heap, heap.newInt(1)) === keyToken(heap, heap.newFloat(1.0))).toBe(true);
    expect(keyToken(heap, heap.newStr('abc'))).toBe('s:abc');
    expect(keyToken(heap, heap.newTuple([heap.newInt(1), heap.newStr('x')]))).toBe('t:(1,s:x)');
  });
});
