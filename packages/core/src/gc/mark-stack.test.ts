import { describe, expect, it } from 'vitest';
import { MarkStack } from './mark-stack.js';

describe('the mark stack', () => {
  it('pops in last-in, first-out order, grows past its initial capacity and remembers its high water', () => {
    const stack = new MarkStack(16);
    for (let i = 0; i < 100; i++) stack.push(i);
    expect(stack.length).toBe(100);
    expect(stack.hostBytes).toBeGreaterThanOrEqual(400);
    for (let i = 99; i >= 0; i--) expect(stack.pop()).toBe(i);
    expect(stack.pop()).toBe(-1);
    expect(stack.highWater).toBe(100);
    stack.push(5);
    stack.clear();
    expect(stack.length).toBe(0);
  });
});
