import { describe, expect, it } from 'vitest';
import { AddressIndex } from './address-index.js';

describe('AddressIndex', () => {
  it('maps addresses up to 2^53 to object numbers, growing past what it expected', () => {
    const index = new AddressIndex(4);
    const addresses = Array.from({ length: 5000 }, (_, i) => 0x7f0000000000 + i * 16 + (i % 7) * 2 ** 40);
    expect(addresses.map((a, i) => index.add(a, i)).every(Boolean)).toBe(true);
    expect(addresses.map((a) => index.get(a))).toEqual(addresses.map((_, i) => i));
    expect(index.add(addresses[17], 99)).toBe(false);
    expect(index.get(addresses[17])).toBe(17);
    expect(index.get(0x7f0000000008)).toBe(-1);
    expect(index.get(0)).toBe(-1);
    expect(index.add(0, 5000)).toBe(true);
    expect(index.get(0)).toBe(5000);
  });
});
