/**
 * The API docs' promise: an undocumented export fails `pnpm docs:build`.
 * In TypeDoc's packages mode each package is converted and validated with
 * `packageOptions`, not with the root options, so validation set only at the
 * root checks nothing. This runs TypeDoc with the repository's configuration
 * on a one-file package and expects it to fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './build-site.js';

const CONFIG = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'typedoc.json'), 'utf8')) as {
  entryPoints: string[];
  packageOptions: Record<string, unknown>;
  treatWarningsAsErrors?: boolean;
};

/** Runs TypeDoc with the repository's options on a package whose index.ts is `source`. */
function typedocOn(source: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pymm-typedoc-'));
  const pkg = join(dir, 'fixture');
  mkdirSync(join(pkg, 'src'), { recursive: true });
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({ name: 'fixture', version: '0.0.0', type: 'module' }),
  );
  writeFileSync(
    join(pkg, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'NodeNext', target: 'ES2022' },
      include: ['src'],
    }),
  );
  writeFileSync(join(pkg, 'src', 'index.ts'), source);
  const options = { ...CONFIG, entryPoints: [pkg], out: join(dir, 'api') };
  writeFileSync(join(dir, 'typedoc.json'), JSON.stringify(options));
  const result = spawnSync(
    join(REPOSITORY_ROOT, 'node_modules', '.bin', 'typedoc'),
    ['--options', join(dir, 'typedoc.json')],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the API docs configuration', () => {
  it('covers every public package', () => {
    expect(CONFIG.entryPoints).toEqual([
      'packages/core',
      'packages/refcount',
      'packages/generational',
      'packages/mark-sweep',
      'packages/workloads',
      'packages/python',
      'packages/snapshot',
    ]);
    expect(CONFIG.treatWarningsAsErrors).toBe(true);
  });

  it('fails on an undocumented export and passes once it is documented', () => {
    const undocumented = typedocOn('/** The package. @packageDocumentation */\nexport const answer = 42;\n');
    expect(undocumented.status).not.toBe(0);
    expect(undocumented.output).toContain('answer (Variable), defined in');
    expect(undocumented.output).toContain('does not have any documentation');
    const documented = typedocOn(
      '/** The package. @packageDocumentation */\n/** The answer. */\nexport const answer = 42;\n',
    );
    expect(documented.output).not.toContain('warning');
    expect(documented.status).toBe(0);
  }, 60_000);
});
