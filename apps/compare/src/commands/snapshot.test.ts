import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runPython } from '@pymm/testkit/run-cpython';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { dumpModulePath, runSnapshotAnalyze, runSnapshotDiff, runSnapshotModule } from './snapshot.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schema/snapshot-analysis.schema.json', import.meta.url), 'utf8'),
);
const knownStructures = new URL('../../../../packages/snapshot/testing/known-structures.py', import.meta.url)
  .pathname;

function validate(json: unknown): string[] {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  const check = ajv.compile(schema);
  return check(json) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const dir = mkdtempSync(join(tmpdir(), 'pymm-snapshot-cli-'));
let fixture: { file: string; measured: { collected: number; rows: string; leaked: string[] } } | undefined;
/** A snapshot of a real CPython 3.12 process holding a leaked cycle, a cache and a chain. */
function snapshotOfKnownStructures() {
  if (!fixture) {
    const file = join(dir, 'known.pymmsnap');
    const lines = runPython([knownStructures, dirname(dumpModulePath()), file], { version: '3.12' })
      .trim()
      .split('\n');
    fixture = { file, measured: JSON.parse(lines[lines.length - 1]) };
  }
  return fixture;
}

describe('pymm snapshot analyze', () => {
  it('prints JSON that follows the schema, with the garbage gc.collect() freed and the --why chain', async () => {
    const { file, measured } = snapshotOfKnownStructures();
    const result = await runSnapshotAnalyze({ file, json: true, why: measured.rows });
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(validate(json)).toEqual([]);
    expect(json.garbage.count).toBe(measured.collected);
    expect(json.why.at(-1).id).toBe(measured.rows);
    expect(json.why.at(-2).reference).toBe("['rows']");
    expect(json.why[0].root).toMatch(/^module /);
  }, 120_000);

  it('replays the heap under each strategy with --strategies: the generational full collection frees what gc.collect() did', async () => {
    const { file, measured } = snapshotOfKnownStructures();
    const result = await runSnapshotAnalyze({ file, json: true, strategies: true, top: '3' });
    const json = JSON.parse(result.stdout);
    expect(validate(json)).toEqual([]);
    const by = Object.fromEntries(json.strategies.map((o: { strategy: string }) => [o.strategy, o]));
    expect(by.generational.profile).toBe('cpython-3.12');
    expect(by.generational.objects).toBe(measured.collected);
    expect(by['mark-sweep'].objects).toBe(measured.collected);
    expect([by.refcount.objects, by.refcount.cycles]).toEqual([measured.collected, 1]);
    expect(by.generational.pauseMs).toBeGreaterThan(0);
  }, 240_000);

  it('prints the clusters of garbage with their finalizers, and the chain --why draws', async () => {
    const { file, measured } = snapshotOfKnownStructures();
    const result = await runSnapshotAnalyze({ file, why: measured.rows, top: '5' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('1 cluster of 2 objects');
    expect(result.stdout).toContain('2 __main__.Leak (__del__)');
    expect(result.stdout).toContain(`--['cache']-->`);
    expect(result.stdout).toContain(`${measured.rows} builtins.list <list of 50000>`);
  }, 120_000);

  it('says when --why names an object that is not there, or that only garbage holds', async () => {
    const { file, measured } = snapshotOfKnownStructures();
    const missing = await runSnapshotAnalyze({ file, why: '0x1' });
    expect(missing).toEqual({
      stdout: '',
      stderr: 'pymm: --why: no object 0x1 in the snapshot (give its id in decimal or 0x hexadecimal)\n',
      exitCode: 1,
    });
    const garbage = await runSnapshotAnalyze({ file, why: measured.leaked[0], json: true });
    expect(JSON.parse(garbage.stdout).why).toBeNull();
  }, 120_000);

  it('refuses malformed and truncated snapshots with the byte offset and reason, exit 1, no stack trace', async () => {
    const { file } = snapshotOfKnownStructures();
    const text = readFileSync(file, 'latin1');
    const cut = text.indexOf('\n', text.length >> 1) + 20;
    const truncated = join(dir, 'truncated.pymmsnap');
    writeFileSync(truncated, text.slice(0, cut), 'latin1');
    const lineStart = text.lastIndexOf('\n', cut - 1) + 1;
    expect(await runSnapshotAnalyze({ file: truncated })).toEqual({
      stdout: '',
      stderr: `pymm: ${truncated}: invalid snapshot at byte ${lineStart}: truncated: the last record has no end of line\n`,
      exitCode: 1,
    });
    const noEnd = join(dir, 'no-end.pymmsnap');
    writeFileSync(noEnd, text.slice(0, lineStart), 'latin1');
    expect((await runSnapshotAnalyze({ file: noEnd })).stderr).toBe(
      `pymm: ${noEnd}: invalid snapshot at byte ${lineStart}: truncated: no end record\n`,
    );
    const corrupt = join(dir, 'corrupt.pymmsnap');
    writeFileSync(
      corrupt,
      `${text.slice(0, lineStart)}["o",1,0,0,"big",1,"x",[],null,-1]\n${text.slice(lineStart)}`,
      'latin1',
    );
    expect(await runSnapshotAnalyze({ file: corrupt })).toEqual({
      stdout: '',
      stderr: `pymm: ${corrupt}: invalid snapshot at byte ${lineStart}: the size is not a non-negative integer\n`,
      exitCode: 1,
    });
    const missing = await runSnapshotAnalyze({ file: join(dir, 'absent.pymmsnap') });
    expect(missing.exitCode).toBe(2);
  }, 120_000);
});

describe('the example of the guide "Finding a leak in a running program"', () => {
  it('finds the 2,000 session cycles gc.collect() frees and the responses dict under __main__', async () => {
    const example = new URL('../../../../packages/snapshot/examples/leaky_service.py', import.meta.url)
      .pathname;
    const file = join(dir, 'leaky.pymmsnap');
    const printed = runPython(
      [
        '-X',
        'tracemalloc=3',
        '-c',
        `import sys; sys.path.insert(0, ${JSON.stringify(dirname(dumpModulePath()))}); sys.argv = [${JSON.stringify(example)}, ${JSON.stringify(file)}]; import runpy; runpy.run_path(sys.argv[0], run_name='__main__')`,
      ],
      { version: '3.12' },
    );
    const collected = Number(/collected after the dump: (\d+)/.exec(printed)?.[1]);
    const json = JSON.parse((await runSnapshotAnalyze({ file, json: true, top: '5' })).stdout);
    expect(json.garbage.count).toBe(collected);
    const [sessions] = json.garbage.clusters;
    expect([sessions.clusters, sessions.objects, sessions.finalizers]).toEqual([2000, 8000, 2000]);
    expect(sessions.types.map((t: { type: string }) => t.type).sort()).toEqual([
      '__main__.Session',
      'builtins.cell',
      'builtins.function',
      'builtins.tuple',
    ]);
    const responses = json.topObjects.find((o: { repr: string }) => o.repr === '<dict of 2000>');
    expect(responses.site).toMatch(/leaky_service\.py:9$/);
    const why = JSON.parse((await runSnapshotAnalyze({ file, json: true, why: responses.id })).stdout).why;
    expect(why.map((s: { reference: string | null }) => s.reference)).toEqual(["['_responses']", null]);
    expect(why[0].root).toBe('module __main__');
    expect(json.retainersBySite.map((g: { name: string }) => g.name)).toContainEqual(
      expect.stringMatching(/leaky_service\.py:32$/),
    );
  }, 120_000);
});

describe('pymm snapshot diff', () => {
  it('shows what grew between two snapshots of one process, by type', () => {
    const before = join(dir, 'before.pymmsnap');
    const after = join(dir, 'after.pymmsnap');
    const program = [
      'import sys',
      `sys.path.insert(0, ${JSON.stringify(dirname(dumpModulePath()))})`,
      'import pymm_snapshot',
      'kept = []',
      `pymm_snapshot.dump(${JSON.stringify(before)})`,
      'kept.extend(bytearray(100) for _ in range(1000))',
      `pymm_snapshot.dump(${JSON.stringify(after)})`,
      'print(sum(sys.getsizeof(b) for b in kept))',
    ].join('\n');
    const grown = Number(runPython(['-c', program], { version: '3.12' }).trim());
    const result = runSnapshotDiff({ before, after, json: true });
    expect(result.exitCode).toBe(0);
    const d = JSON.parse(result.stdout);
    const bytearrays = d.byType.find((g: { name: string }) => g.name === 'builtins.bytearray');
    expect(bytearrays.countAfter - bytearrays.countBefore).toBe(1000);
    expect(bytearrays.sizeAfter - bytearrays.sizeBefore).toBe(grown);
    expect(d.byType[0].name).toBe('builtins.bytearray');
    const text = runSnapshotDiff({ before, after });
    expect(text.stdout).toContain(`+${grown} B`);
  }, 120_000);
});

describe('pymm snapshot module', () => {
  it('prints the path of the dump module, which runs a script and dumps its heap', () => {
    const path = runSnapshotModule().stdout.trim();
    expect(path).toBe(dumpModulePath());
    const script = join(dir, 'script.py');
    writeFileSync(script, 'cycle = []\ncycle.append(cycle)\ndel cycle\n');
    const out = join(dir, 'script.pymmsnap');
    runPython(
      [
        '-c',
        `import sys; sys.path.insert(0, ${JSON.stringify(dirname(path))}); import runpy; sys.argv = ['pymm_snapshot', '-o', ${JSON.stringify(out)}, ${JSON.stringify(script)}]; runpy.run_module('pymm_snapshot', run_name='__main__')`,
      ],
      { version: '3.12' },
    );
    expect(readFileSync(out, 'latin1').startsWith('{"format":"pymm-snapshot","version":1')).toBe(true);
  }, 60_000);
});
