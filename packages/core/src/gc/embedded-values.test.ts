import { describe, expect, it } from 'vitest';
import { ObjectFlag } from '../heap/object-store.js';
import { createRuntime } from '../runtime/runtime.js';
import { dictSharesValues, embeddedValuesOf } from './embedded-values.js';
import { forEachReference } from './for-each-reference.js';

/** An instance holding [class, dict], its dict holding one str key and a list value, marked as 3.13 shares them. */
function sharedDict() {
  const heap = createRuntime().heap;
  const klass = heap.newList(); // stands for the class object the instance holds
  const info = heap.defineClass({ name: 'N', typeObject: klass });
  const instance = heap.newInstance(info);
  const dict = heap.newDict();
  const value = heap.newList();
  heap.store.reserveRefs(instance, 2);
  heap.store.refLen[instance] = 2;
  heap.store.refs.cells[heap.store.refStart[instance] + 1] = dict;
  const key = heap.newStr('x', true);
  heap.store.reserveRefs(dict, 2);
  heap.store.refLen[dict] = 2;
  heap.store.refs.cells[heap.store.refStart[dict]] = key;
  heap.store.refs.cells[heap.store.refStart[dict] + 1] = value;
  heap.store.flags[instance] |= ObjectFlag.EmbeddedValues;
  heap.store.flags[dict] |= ObjectFlag.EmbeddedValues;
  heap.store.scalar[dict] = heap.store.handleOf(instance);
  return { heap, klass, instance, dict, value };
}

function referents(heap: ReturnType<typeof createRuntime>['heap'], slot: number): number[] {
  const seen: number[] = [];
  forEachReference(heap, slot, (target) => seen.push(target));
  return seen;
}

describe("3.13's embedded values", () => {
  it('the instance visits the values its dict shares, then its type; the dict visits nothing', () => {
    const { heap, klass, instance, dict, value } = sharedDict();
    expect(dictSharesValues(heap.store, dict)).toBe(true);
    expect(embeddedValuesOf(heap.store, instance)).toBe(dict);
    expect(referents(heap, instance)).toEqual([value, klass]);
    expect(referents(heap, dict)).toEqual([]);
  });

  it('once the instance holds another dict, the old one holds its values like any dict', () => {
    const { heap, klass, instance, dict, value } = sharedDict();
    const other = heap.newDict();
    heap.store.refs.cells[heap.store.refStart[instance] + 1] = other;
    expect(dictSharesValues(heap.store, dict)).toBe(false);
    expect(referents(heap, dict)).toHaveLength(2);
    expect(referents(heap, dict)[0]).toBe(value);
    expect(referents(heap, instance)).toEqual([other, klass]);
  });

  it('an object without the flag traverses its cells as before', () => {
    const { heap, instance, dict } = sharedDict();
    heap.store.flags[instance] &= ~ObjectFlag.EmbeddedValues;
    expect(embeddedValuesOf(heap.store, instance)).toBe(-1);
    expect(referents(heap, instance)[0]).toBe(dict);
  });
});
