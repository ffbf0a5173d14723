import { describe, expect, it } from 'vitest';
import { dominatorTree } from './dominator-tree.js';
import { readSnapshot } from './read-snapshot.js';
import { snapshotRoots } from './snapshot-roots.js';
import { snapshotText, type TestObject } from './testing/snapshot-text.js';

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Dominators by definition: d dominates v when v is unreachable from the entries once d is removed. */
function bruteForceIdom(n: number, succ: number[][], entries: number[]): number[] {
  const reach = (removed: number) => {
    const seen = new Uint8Array(n);
    const stack = entries.filter((e) => e !== removed);
    for (const e of stack) seen[e] = 1;
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const w of succ[v]) {
        if (w === removed || seen[w]) continue;
        seen[w] = 1;
        stack.push(w);
      }
    }
    return seen;
  };
  const dominators: number[][] = Array.from({ length: n }, () => []);
  for (let d = 0; d < n; d++) {
    const seen = reach(d);
    for (let v = 0; v < n; v++) if (v !== d && !seen[v]) dominators[v].push(d);
  }
  // The immediate dominator is the strict dominator that every other strict dominator dominates.
  return dominators.map((ds) => ds.find((d) => ds.every((o) => o === d || dominators[d].includes(o))) ?? n);
}

describe('dominatorTree', () => {
  it('agrees with dominators computed from their definition on random heaps', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const n = 2 + Math.floor(next() * 25);
      const succ: number[][] = Array.from({ length: n }, () => []);
      const objects: TestObject[] = [];
      for (let v = 0; v < n; v++) {
        const degree = Math.floor(next() * 4);
        for (let k = 0; k < degree; k++) succ[v].push(Math.floor(next() * n));
      }
      const inDegree = new Array(n).fill(0);
      for (const list of succ) for (const w of list) inDegree[w]++;
      for (let v = 0; v < n; v++) {
        const root = v === 0 || next() < 0.15;
        objects.push({
          id: v + 1,
          refcount: inDegree[v] + (root ? 1 : 0),
          refs: succ[v].map((w) => w + 1),
          size: 8 + v,
        });
      }
      const snapshot = readSnapshot(snapshotText(objects));
      const roots = [...snapshotRoots(snapshot)];
      const tree = dominatorTree(snapshot);
      // Objects no root reaches are entered in file order, as the tree does.
      const entries = [...roots];
      const reached = new Uint8Array(n);
      const mark = (start: number) => {
        const stack = [start];
        reached[start] = 1;
        while (stack.length > 0)
          for (const w of succ[stack.pop()!]) {
            if (reached[w]) continue;
            reached[w] = 1;
            stack.push(w);
          }
      };
      for (const r of roots) mark(r);
      for (let v = 0; v < n; v++) {
        if (reached[v]) continue;
        entries.push(v);
        mark(v);
      }
      const expected = bruteForceIdom(n, succ, entries);
      expect([...tree.idom], `seed ${seed}`).toEqual(expected);
      // Retained size: the object's size plus the sizes of everything it dominates.
      for (let v = 0; v < n; v++) {
        let sum = 0;
        for (let w = 0; w < n; w++) {
          let d = w;
          while (d !== n && d !== v) d = expected[d];
          if (d === v) sum += 8 + w;
        }
        expect(tree.retained[v], `seed ${seed}, object ${v}`).toBe(sum);
      }
    }
  });

  it('walks a chain of 200,000 objects sharing one type object without recursion or quadratic time', () => {
    const n = 200_000;
    const objects: TestObject[] = [{ id: n + 1, refcount: n + 1, type: 'builtins.type' }];
    for (let i = 1; i <= n; i++)
      objects.push({ id: i, refcount: 1, refs: i < n ? [i + 1, n + 1] : [n + 1], size: 10 });
    const started = performance.now();
    const tree = dominatorTree(readSnapshot(snapshotText(objects)));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(tree.retained[1]).toBe(10 * n);
    expect(tree.idom[n]).toBe(n - 1);
  }, 60_000);
});
