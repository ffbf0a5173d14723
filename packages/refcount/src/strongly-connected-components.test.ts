import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stronglyConnectedComponents } from './strongly-connected-components.js';
import { sparseGraph } from './test-support.js';

/** reach[u][v]: v is reachable from u by one or more edges. */
function transitiveClosure(nodeCount: number, edges: readonly (readonly [number, number])[]): boolean[][] {
  const reach = Array.from({ length: nodeCount }, () => new Array<boolean>(nodeCount).fill(false));
  for (const [u, v] of edges) reach[u][v] = true;
  for (let k = 0; k < nodeCount; k++)
    for (let i = 0; i < nodeCount; i++)
      if (reach[i][k]) for (let j = 0; j < nodeCount; j++) if (reach[k][j]) reach[i][j] = true;
  return reach;
}

const randomGraph = fc.integer({ min: 0, max: 24 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: n === 0 ? fc.constant([]) : fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
  }),
);

describe('stronglyConnectedComponents', () => {
  it('finds a cycle with a tail, and numbers components referrers-last', () => {
    const found = stronglyConnectedComponents(
      sparseGraph(4, [
        [0, 1],
        [1, 2],
        [2, 0],
        [2, 3],
      ]),
    );
    expect(found.count).toBe(2);
    expect(Array.from(found.component)).toEqual([1, 1, 1, 0]);
    expect(Array.from(found.size)).toEqual([1, 3]);
    expect(Array.from(found.cyclic)).toEqual([0, 1]);
  });

  it('calls a single node cyclic only when it refers to itself', () => {
    const found = stronglyConnectedComponents(sparseGraph(2, [[1, 1]]));
    expect(Array.from(found.cyclic)).toEqual([0, 1]);
  });

  it('agrees with the transitive closure on random graphs', () => {
    fc.assert(
      fc.property(randomGraph, ({ n, edges }) => {
        const found = stronglyConnectedComponents(sparseGraph(n, edges));
        const reach = transitiveClosure(n, edges);
        for (let u = 0; u < n; u++) {
          for (let v = 0; v < n; v++) {
            const same = u === v || (reach[u][v] && reach[v][u]);
            expect(found.component[u] === found.component[v]).toBe(same);
          }
          expect(found.cyclic[found.component[u]] === 1).toBe(reach[u][u]);
        }
        for (const [u, v] of edges) expect(found.component[u]).toBeGreaterThanOrEqual(found.component[v]);
        const sizes = new Array<number>(found.count).fill(0);
        for (let u = 0; u < n; u++) sizes[found.component[u]]++;
        expect(Array.from(found.size)).toEqual(sizes);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a 1,000,000-node ring and a 1,000,000-node path without recursion', () => {
    const n = 1_000_000;
    const ring = new Int32Array(n);
    const path = new Int32Array(n - 1);
    const ringOffsets = new Int32Array(n + 1);
    const pathOffsets = new Int32Array(n + 1);
    for (let u = 0; u < n; u++) {
      ring[u] = (u + 1) % n;
      ringOffsets[u + 1] = u + 1;
      if (u < n - 1) path[u] = u + 1;
      pathOffsets[u + 1] = Math.min(u + 1, n - 1);
    }
    const oneRing = stronglyConnectedComponents({ nodeCount: n, offsets: ringOffsets, targets: ring });
    expect(oneRing.count).toBe(1);
    expect(oneRing.size[0]).toBe(n);
    const onePath = stronglyConnectedComponents({ nodeCount: n, offsets: pathOffsets, targets: path });
    expect(onePath.count).toBe(n);
    expect(onePath.component[0]).toBe(n - 1); // the head is finished last
  }, 30_000);
});
