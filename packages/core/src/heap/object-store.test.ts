import { describe, expect, it } from 'vitest';
import { TypeId } from '../objects/type-id.js';
import { ObjectStore, SERIALS_PER_SLOT, SLOT_BITS, UseAfterFreeError } from './object-store.js';

describe('ObjectStore', () => {
  it('issues handles that name the slot and its reuse serial', () => {
    const store = new ObjectStore(4);
    const slot = store.allocateSlot(TypeId.List);
    const handle = store.handleOf(slot);
    expect(handle & ((1 << SLOT_BITS) - 1)).toBe(slot);
    expect(store.slotOf(handle, 'test')).toBe(slot);
  });

  it('detects a stale handle after the slot is reused, without naming the new occupant as the old object', () => {
    const store = new ObjectStore(4);
    const slot = store.allocateSlot(TypeId.Dict);
    const stale = store.handleOf(slot);
    store.freeSlot(slot);
    const reused = store.allocateSlot(TypeId.List);
    expect(reused).toBe(slot);
    expect(store.isAlive(stale)).toBe(false);
    expect(() => store.slotOf(stale, 'append')).toThrowError(UseAfterFreeError);
    expect(() => store.slotOf(stale, 'append')).toThrowError(
      /append: handle \d+ refers to an object that has been freed/,
    );
  });

  it('rejects things that are not handles with a TypeError', () => {
    const store = new ObjectStore(4);
    expect(() => store.slotOf(12345, 'getitem')).toThrowError(TypeError);
    expect(() => store.slotOf(-1, 'getitem')).toThrowError(/not a handle/);
  });

  it('retires a slot after it has been reused SERIALS_PER_SLOT times, so no stale handle ever aliases', () => {
    const store = new ObjectStore(4);
    const first = store.allocateSlot(TypeId.Int);
    const handles = [store.handleOf(first)];
    for (let i = 0; i < SERIALS_PER_SLOT + 5; i++) {
      const slot = store.allocateSlot(TypeId.Int);
      handles.push(store.handleOf(slot));
      store.freeSlot(slot);
    }
    expect(store.retiredSlots).toBeGreaterThan(0);
    const live = new Set<number>();
    for (let i = 0; i < 10; i++) live.add(store.handleOf(store.allocateSlot(TypeId.Int)));
    // No handle ever issued before is valid again for a different object.
    for (const h of handles.slice(1)) expect(live.has(h)).toBe(false);
  });

  it('grows its columns without losing data', () => {
    const store = new ObjectStore(2);
    const slots: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const s = store.allocateSlot(TypeId.Float);
      store.scalar[s] = i;
      slots.push(s);
    }
    expect(store.liveCount).toBe(5000);
    expect(slots.every((s, i) => store.scalar[s] === i && store.type[s] === TypeId.Float)).toBe(true);
  });

  it('keeps reference blocks in typed arrays and grows them in place of the object', () => {
    const store = new ObjectStore(2);
    const s = store.allocateSlot(TypeId.List);
    store.reserveRefs(s, 2);
    store.refs.cells[store.refStart[s]] = 7;
    store.refs.cells[store.refStart[s] + 1] = 8;
    store.refLen[s] = 2;
    store.reserveRefs(s, 100);
    expect(Array.from(store.refs.cells.subarray(store.refStart[s], store.refStart[s] + 2))).toEqual([7, 8]);
  });
});
