/**
 * What each public package publishes. The manifest checks need no build; the
 * tarball listing (`npm pack --dry-run`) needs `dist/`, which `npm test` builds
 * first; run without it, off CI, the listing is skipped when a package is not built.
 * `pnpm lint:packages` checks the packed tarballs further (publint, attw).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './build-site.js';

interface Manifest {
  name: string;
  private?: boolean;
  bin?: unknown;
  license?: string;
  sideEffects?: boolean;
  engines?: Record<string, string>;
  files?: string[];
  exports?: Record<string, unknown>;
  publishConfig?: { exports?: Record<string, unknown>; access?: string };
}

const PACKAGES = readdirSync(join(REPOSITORY_ROOT, 'packages'))
  .map((name) => join(REPOSITORY_ROOT, 'packages', name))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest }))
  // The libraries; the command, @pymm/cli (a bin, no exports), has its own installed-command test.
  .filter((p) => !p.manifest.private && p.manifest.bin === undefined);

/** The exports map with the tests' from-source condition removed, at any depth. */
function withoutSourceCondition(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '@pymm/source')
      .map(([key, inner]) => [key, withoutSourceCondition(inner)]),
  );
}

/**
 * Files a package ships beyond its build because users run them themselves: `@pymm/snapshot`'s
 * dump module, `python/pymm_snapshot.py`, which runs inside the Python process being examined.
 */
const SHIPPED_FOR_USERS: Readonly<Record<string, { files: string[]; pattern: RegExp }>> = {
  '@pymm/snapshot': { files: ['python'], pattern: /^python\/pymm_snapshot\.py$/ },
  // The workloads as the Python programs they are, to run with python3 (their README says how).
  '@pymm/workloads': { files: ['programs'], pattern: /^programs\/(?:[a-z-]+\.py|README\.md)$/ },
};

/** What may be in a tarball: the build, the README, the license, the changelog, the manifest. */
const ALLOWED =
  /^(?:dist\/(?:[^/]+\/)?[^/]+\.(?:js|cjs|d\.ts|d\.cts|js\.map|cjs\.map)|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
const REQUIRED = [
  'package.json',
  'README.md',
  'LICENSE',
  'dist/index.js',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/index.d.cts',
];

describe('the public packages', () => {
  it('are the seven the documentation describes', () => {
    expect(PACKAGES.map((p) => p.manifest.name).sort()).toEqual([
      '@pymm/core',
      '@pymm/generational',
      '@pymm/mark-sweep',
      '@pymm/python',
      '@pymm/refcount',
      '@pymm/snapshot',
      '@pymm/workloads',
    ]);
  });

  for (const { dir, manifest } of PACKAGES) {
    it(`${manifest.name} declares what a release needs, and publishes its exports without @pymm/source`, () => {
      expect(manifest.license).toBe('MIT');
      expect(manifest.sideEffects).toBe(false);
      expect(manifest.engines?.node).toMatch(/^>=20/);
      const extra = SHIPPED_FOR_USERS[manifest.name]?.files ?? [];
      expect(manifest.files).toEqual(['dist', ...extra, 'README.md', 'LICENSE', 'CHANGELOG.md']);
      expect(manifest.publishConfig?.access).toBe('public');
      // The source condition is for this repository's tests; pnpm pack/publish
      // replaces `exports` with `publishConfig.exports`, which must be the same map without it.
      expect(JSON.stringify(manifest.exports)).toContain('"@pymm/source":"./src/index.ts"');
      expect(manifest.publishConfig?.exports).toEqual(withoutSourceCondition(manifest.exports));
      expect(existsSync(join(dir, 'LICENSE'))).toBe(true);
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      expect(readme, 'README: install').toMatch(/(?:npm install|pnpm add) (?:@pymm\/core )?@pymm\//);
      expect(readme, 'README: a quick start in TypeScript').toMatch(/```ts\n[\s\S]*?from '@pymm\//);
    });
  }

  const built = PACKAGES.every(({ dir }) => existsSync(join(dir, 'dist', 'index.js')));
  it('publish only dist, README, LICENSE, CHANGELOG, package.json and the files users run (npm pack --dry-run)', async (ctx) => {
    ctx.skip(!built && !process.env.CI, 'the packages are not built: pnpm build');
    const listings = await Promise.all(
      PACKAGES.map(async ({ dir, manifest }) => {
        const { stdout } = await promisify(execFile)(
          'npm',
          ['pack', '--dry-run', '--json', '--ignore-scripts'],
          {
            cwd: dir,
            maxBuffer: 16 * 1024 * 1024,
          },
        );
        const [packed] = JSON.parse(stdout) as { files: { path: string }[] }[];
        return { name: manifest.name, files: packed.files.map((f) => f.path).sort() };
      }),
    );
    for (const { name, files } of listings) {
      expect(
        files.filter((f) => !ALLOWED.test(f) && !SHIPPED_FOR_USERS[name]?.pattern.test(f)),
        `${name}: unexpected files`,
      ).toEqual([]);
      for (const file of REQUIRED) expect(files, `${name}: ${file}`).toContain(file);
    }
  }, 60_000);
});
