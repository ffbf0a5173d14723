/**
 * The conformance corpus (`conformance/programs/`) is within pymm's subset and fully recorded: every
 * program, the `test_gc` port and the Python `unittest` pymm provides pass the subset check, and the
 * manifest written by `record.py` names every program with a recording file for each version that
 * exists on disk.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProgramSync } from '../check-program.js';
import { loadParser } from '../load-parser.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const programs = join(root, 'conformance', 'programs');
const expected = join(programs, 'expected');
const names = readdirSync(programs)
  .filter((file) => file.endsWith('.py') && file !== 'record.py')
  .map((file) => file.slice(0, -3))
  .sort();

/** One program's entry in `manifest.json`. */
interface ManifestEntry {
  readonly groups: readonly string[];
  readonly stdout: Record<string, string | null>;
  readonly stderr: Record<string, string | null>;
  readonly exitCode: Record<string, number>;
  readonly callsCollector: boolean;
  readonly dependsOnCollector: boolean;
}

const manifest = JSON.parse(readFileSync(join(programs, 'manifest.json'), 'utf8')) as {
  versions: Record<string, string>;
  programs: Record<string, ManifestEntry>;
};

beforeAll(async () => {
  await loadParser();
});

describe('the conformance programs', () => {
  it('number at least 90, in every group the corpus promises', () => {
    expect(names.length).toBeGreaterThanOrEqual(90);
    const groups = new Set(names.map((name) => name.split('-')[0]));
    for (const group of ['seed', 'gc', 'del', 'refcount', 'cache', 'size', 'weakref', 'gen', 'file', 'exc']) {
      expect(groups, group).toContain(group);
    }
    for (const group of ['tracemalloc', 'globals', 'closure', 'class', 'lang', 'lesson']) {
      expect(groups, group).toContain(group);
    }
  });

  it('are all within the subset, with the test_gc port and python-lib/unittest.py', () => {
    const files = [
      ...names.map((name) => join(programs, `${name}.py`)),
      join(programs, 'test_gc', 'test_gc.py'),
      join(root, 'packages', 'python', 'python-lib', 'unittest.py'),
    ];
    const refused: string[] = [];
    for (const file of files) {
      const result = checkProgramSync(readFileSync(file, 'utf8'), { filename: file.slice(root.length) });
      if (!result.ok) refused.push(result.error.toString());
    }
    expect(refused).toEqual([]);
  });

  it('are each recorded for 3.11, 3.12 and 3.13, and without the collector on 3.11', () => {
    expect(Object.keys(manifest.versions).sort()).toEqual(['3.11', '3.12', '3.13']);
    expect(Object.keys(manifest.programs).sort()).toEqual([...names, 'test_gc'].sort());
    const missing: string[] = [];
    for (const name of names) {
      const entry = manifest.programs[name] as ManifestEntry;
      expect(entry.groups, name).toEqual([name.split('-')[0]]);
      for (const version of ['3.11', '3.12', '3.13']) {
        const stdout = entry.stdout[version];
        if (!stdout || !existsSync(join(expected, stdout))) missing.push(`${name} ${version} stdout`);
        const stderr = entry.stderr[version];
        if (stderr && !existsSync(join(expected, stderr))) missing.push(`${name} ${version} stderr`);
        if ((entry.exitCode[version] !== 0) !== Boolean(stderr)) missing.push(`${name} ${version} exit code`);
      }
      if (!existsSync(join(expected, `${name}.3.11-nogc.stdout`))) missing.push(`${name} nogc`);
      if (entry.callsCollector) expect(entry.dependsOnCollector, name).toBe(true);
    }
    expect(missing).toEqual([]);
    expect(readFileSync(join(expected, 'test_gc.3.11.stderr'), 'utf8')).toMatch(
      /^Ran 41 tests in 0\.000s\n\nOK \(skipped=10\)\n$/m,
    );
  });
});
