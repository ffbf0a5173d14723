import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPython } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import { analyzeSnapshot, findObject } from './analyze-snapshot.js';
import { readSnapshot } from './read-snapshot.js';
import { rootPath } from './root-path.js';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const script = join(packageDir, 'testing', 'known-structures.py');
const moduleDir = join(packageDir, 'python');

interface Measured {
  readonly written: number;
  readonly collected: number;
  readonly leaked: readonly string[];
  readonly cache: string;
  readonly rows: string;
  readonly cacheRetained: number;
  readonly head: string;
  readonly chainLength: number;
  readonly chainRetained: number;
}

describe.each(['3.11', '3.12', '3.13'])('a snapshot of a real CPython %s process', (version) => {
  const out = join(mkdtempSync(join(tmpdir(), 'pymm-snapshot-')), 'heap.pymmsnap');
  let result: ({ measured: Measured } & ReturnType<typeof analyzeSnapshot>) | undefined;
  const run = () => {
    if (!result) {
      const lines = runPython([script, moduleDir, out], { version }).trim().split('\n');
      const measured = JSON.parse(lines[lines.length - 1]) as Measured;
      result = { measured, ...analyzeSnapshot(readSnapshot(readFileSync(out))) };
    }
    return result;
  };

  it('finds exactly the leaked cycle, as many objects as gc.collect() then freed', () => {
    const { measured, snapshot, analysis } = run();
    expect(snapshot.header.python.startsWith(`${version}.`)).toBe(true);
    expect(snapshot.count).toBeGreaterThanOrEqual(measured.written);
    expect(analysis.garbage.count).toBe(measured.collected);
    expect(analysis.garbage.clusters).toHaveLength(1);
    const [cluster] = analysis.garbage.clusters;
    expect(cluster.types.map((t) => [t.type, t.count, t.finalizer])).toEqual([['__main__.Leak', 2, true]]);
    expect(cluster.finalizers).toBe(2);
    expect(cluster.sample.map((o) => o.id).sort()).toEqual([...measured.leaked].sort());
  }, 120_000);

  it('gives the cache dict and the chain the retained sizes summed in Python', () => {
    const { measured, snapshot, tree } = run();
    const cache = findObject(snapshot, measured.cache);
    const head = findObject(snapshot, measured.head);
    expect(cache).toBeGreaterThanOrEqual(0);
    expect(head).toBeGreaterThanOrEqual(0);
    expect(measured.chainLength).toBe(100_000);
    expect(tree.retained[cache]).toBe(measured.cacheRetained);
    expect(tree.retained[head]).toBe(measured.chainRetained);
  }, 120_000);

  it('ranks the chain, the rows list and the cache among the top retainers', () => {
    const { measured, analysis } = run();
    const ids = analysis.topObjects.map((o) => o.id);
    for (const id of [measured.head, measured.cache, measured.rows]) expect(ids).toContain(id);
    const node = analysis.retainersByType.find((g) => g.name === '__main__.Node');
    expect(node?.count).toBe(100_000);
    expect(node?.retained).toBe(measured.chainRetained);
  }, 120_000);

  it('finds the rows list through the module globals and the cache key', () => {
    const { measured, snapshot } = run();
    const rows = findObject(snapshot, measured.rows);
    const path = rootPath(snapshot, rows);
    expect(path).not.toBeNull();
    const labels = path!.map((step) => step.label);
    expect(labels.slice(-3)).toEqual(["['cache']", "['rows']", null]);
    expect(snapshot.typeNames[snapshot.type[path![path!.length - 2].object]]).toBe('builtins.dict');
  }, 120_000);
});
