#!/usr/bin/env node
// Checks what every public package would publish (`pnpm lint:packages`, after a build).
//
// For each non-private package under packages/, it packs the tarball exactly as a release
// does (`pnpm pack`, which is what `changeset publish` -> `pnpm publish` uploads: it applies
// `publishConfig.exports` and rewrites `workspace:` ranges), then checks that tarball with
//   - publint --strict (the exports map, files and fields; warnings are errors),
//   - Are The Types Wrong (`attw`: types resolve under node10, node16 CJS/ESM and bundlers),
//   - and this script's own rules: the manifest in the tarball names no `@pymm/source`
//     condition (the tests' from-source condition points at src/, which is not shipped) and
//     no `workspace:` range, and every file its exports map names is in the tarball.
// A command (`@pymm/cli`, which has a `bin`) is checked the same way, plus: each `bin` file is in
// the tarball, and it declares no dependencies, because it bundles them so that `npm i -g` of its
// tarball needs no registry. Its only export is `./package.json` (nothing in it is meant to be
// imported), so attw finds no types to check and says so, which is right for a command.
// `attw --pack DIR` would run `npm pack`, which ignores publishConfig.exports and leaves
// `workspace:` ranges alone, so it would check a tarball that is never published; the
// pnpm-packed tarball is checked instead.
//
// Exit status 1 if any package has a problem.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}`.trim() };
}

/** Every string target in an exports map (conditions nested at any depth). */
function exportTargets(exportsField, path = []) {
  if (typeof exportsField === 'string') return [{ path: path.join(' > '), target: exportsField }];
  if (exportsField === null || typeof exportsField !== 'object') return [];
  return Object.entries(exportsField).flatMap(([key, value]) => exportTargets(value, [...path, key]));
}

/** Problems with the manifest inside a tarball, given the list of files in it. */
function manifestProblems(manifest, files) {
  const problems = [];
  const targets = exportTargets(manifest.exports ?? {});
  if (targets.length === 0) problems.push('the manifest has no exports map');
  for (const { path, target } of targets) {
    if (path.split(' > ').includes('@pymm/source')) {
      problems.push(
        `exports ${path}: the @pymm/source condition must not be published (publishConfig.exports)`,
      );
    } else if (!files.includes(`package/${target.replace(/^\.\//, '')}`)) {
      problems.push(`exports ${path}: ${target} is not in the tarball`);
    }
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is still '${range}'`);
    }
  }
  const bin = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  for (const [command, target] of Object.entries(bin)) {
    if (!files.includes(`package/${target.replace(/^\.\//, '')}`)) {
      problems.push(`bin ${command}: ${target} is not in the tarball`);
    }
  }
  if (Object.keys(bin).length > 0 && Object.keys(manifest.dependencies ?? {}).length > 0) {
    problems.push(
      `a command must bundle what it uses (npm i -g of its tarball needs no registry): dependencies ${Object.keys(manifest.dependencies).join(', ')}`,
    );
  }
  for (const field of ['sideEffects', 'engines', 'license']) {
    if (manifest[field] === undefined) problems.push(`the manifest does not declare '${field}'`);
  }
  return problems;
}

const packagesDir = join(root, 'packages');
const packages = readdirSync(packagesDir)
  .map((name) => join(packagesDir, name))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);

let failed = 0;
const scratch = mkdtempSync(join(tmpdir(), 'pymm-lint-packages-'));
try {
  for (const { dir, manifest } of packages) {
    const name = manifest.name;
    if (!existsSync(join(dir, 'dist'))) {
      console.error(`${name}: no dist/ (run \`pnpm build\` first)`);
      failed++;
      continue;
    }
    const destination = join(scratch, name.replace(/[@/]/g, '_'));
    const packed = run('pnpm', ['pack', '--pack-destination', destination], dir);
    const tarball =
      packed.status === 0 ? readdirSync(destination).find((f) => f.endsWith('.tgz')) : undefined;
    if (!tarball) {
      console.error(`${name}: pnpm pack failed\n${packed.output}`);
      failed++;
      continue;
    }
    const tarballPath = join(destination, tarball);
    const problems = [];
    const files = run('tar', ['-tzf', tarballPath]).output.split('\n');
    const inside = run('tar', ['-xzOf', tarballPath, 'package/package.json']);
    problems.push(...manifestProblems(JSON.parse(inside.output), files));
    const publint = run(bin('publint'), ['run', tarballPath, '--strict']);
    if (publint.status !== 0) problems.push(`publint --strict:\n${publint.output}`);
    // Exports that are not modules (a Python file shipped for users to run) have no types to check.
    const published = manifest.publishConfig?.exports ?? manifest.exports ?? {};
    const dataExports = Object.entries(published)
      .filter(([, target]) => typeof target === 'string' && !/\.(c|m)?js$|\.json$/.test(target))
      .map(([subpath]) => subpath);
    const excluded = dataExports.length > 0 ? ['--exclude-entrypoints', ...dataExports] : [];
    const attw = run(bin('attw'), [tarballPath, '--format', 'ascii', ...excluded]);
    if (attw.status !== 0) problems.push(`attw:\n${attw.output}`);
    if (problems.length === 0) {
      console.log(`${name}: ok (${tarball}, ${files.length} files; publint --strict, attw, manifest)`);
    } else {
      failed++;
      console.error(`${name}: ${problems.length} problem(s)`);
      for (const problem of problems) console.error(`  - ${problem.replace(/\n/g, '\n    ')}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`lint:packages: ${packages.length - failed} of ${packages.length} packages ready to publish`);
process.exitCode = failed === 0 ? 0 : 1;
