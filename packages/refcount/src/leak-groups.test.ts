import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupUnreachable, LeakRoleCode } from './leak-groups.js';
import { stronglyConnectedComponents } from './strongly-connected-components.js';
import { sparseGraph } from './test-support.js';

/** Nodes reachable from `sources` without entering `blocked` (sources themselves excluded unless reached again). */
function reachableAvoiding(
  n: number,
  edges: readonly (readonly [number, number])[],
  sources: readonly number[],
  blocked: (node: number) => boolean,
): Set<number> {
  const seen = new Set<number>();
  const stack = [...sources];
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (const [a, b] of edges) {
      if (a !== u || seen.has(b) || blocked(b)) continue;
      seen.add(b);
      stack.push(b);
    }
  }
  void n;
  return seen;
}

const randomGraph = fc.integer({ min: 1, max: 20 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n }),
    slots: fc.shuffledSubarray(
      Array.from({ length: 3 * n }, (_, i) => i + 100),
      { minLength: n, maxLength: n },
    ),
  }),
);

describe('groupUnreachable', () => {
  it('makes a group of each cycle and of each unreferenced object', () => {
    // 0 ⇄ 1, 1 → 2; 3 → 4 (3 unreferenced); 5 self-referencing, 5 → 2 (2 shared)
    const graph = sparseGraph(6, [
      [0, 1],
      [1, 0],
      [1, 2],
      [3, 4],
      [5, 5],
      [5, 2],
    ]);
    const grouping = groupUnreachable(
      graph,
      stronglyConnectedComponents(graph),
      Int32Array.of(0, 1, 2, 3, 4, 5),
    );
    expect(grouping.groupCount).toBe(3);
    const { Cycle, Root, Hanging, Shared } = LeakRoleCode;
    expect(Array.from(grouping.role)).toEqual([Cycle, Cycle, Shared, Root, Hanging, Cycle]);
    const g = grouping.groupOf;
    expect(g[2]).toBe(g[0]); // shared: listed with the cycle whose first slot is lowest
    expect(g[4]).toBe(g[3]);
    expect(new Set([g[0], g[3], g[5]]).size).toBe(3);
  });

  it('hangs an object off a group exactly when the group dominates it, and places shared objects by the rule', () => {
    fc.assert(
      fc.property(randomGraph, ({ n, edges, slots }) => {
        const graph = sparseGraph(n, edges);
        const components = stronglyConnectedComponents(graph);
        const slotOf = Int32Array.from(slots);
        const grouping = groupUnreachable(graph, components, slotOf);
        const { groupOf, role, entry } = grouping;
        const rootNodes = (g: number) =>
          Array.from({ length: n }, (_, u) => u).filter(
            (u) => groupOf[u] === g && (role[u] === LeakRoleCode.Cycle || role[u] === LeakRoleCode.Root),
          );
        for (let u = 0; u < n; u++) {
          const g = groupOf[u];
          if (role[u] === LeakRoleCode.Cycle || role[u] === LeakRoleCode.Root) {
            expect(components.component[u]).toBe(components.component[entry[g]]);
            continue;
          }
          // Some other group reaches u without passing through g's root objects?
          const mine = new Set(rootNodes(g));
          let escapes = false;
          for (let h = 0; h < grouping.groupCount && !escapes; h++) {
            if (h === g) continue;
            escapes = reachableAvoiding(n, edges, rootNodes(h), (x) => mine.has(x)).has(u);
          }
          expect(escapes).toBe(role[u] === LeakRoleCode.Shared);
          expect(reachableAvoiding(n, edges, [...mine], () => false).has(u)).toBe(true);
          if (role[u] === LeakRoleCode.Shared) {
            const referrerGroups = edges.filter(([a, b]) => b === u && a !== u).map(([a]) => groupOf[a]);
            const lowest = Math.min(...referrerGroups.map((h) => slotOf[entry[h]]));
            expect(slotOf[entry[g]]).toBe(lowest);
          }
        }
        // Entries are the lowest slot of their cycle.
        for (let g = 0; g < grouping.groupCount; g++) {
          for (const u of rootNodes(g)) expect(slotOf[entry[g]]).toBeLessThanOrEqual(slotOf[u]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
