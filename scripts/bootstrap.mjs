#!/usr/bin/env node
// Sets pymm up on a fresh machine and runs a task: `npm start` (the comparison)
// or `npm test` (the tests). It makes sure pnpm is available (installing the
// pinned version with npm if it is missing), installs the workspace's
// dependencies when they are missing or stale, builds what the task needs
// (through turbo, so a second run finds it cached), then runs the task.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';
const [task, ...args] = process.argv.slice(2);

function has(command, versionArgs = ['--version']) {
  return (
    spawnSync(command, versionArgs, { stdio: 'ignore', shell: process.platform === 'win32' }).status === 0
  );
}

function pnpm() {
  if (has('pnpm')) return ['pnpm'];
  console.error(`bootstrap: installing pnpm ${PNPM_VERSION} with npm`);
  const installed = spawnSync('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit' });
  if (installed.status === 0 && has('pnpm')) return ['pnpm'];
  console.error('bootstrap: a global install was not possible; using npx');
  return ['npx', '-y', `pnpm@${PNPM_VERSION}`];
}

function needsInstall() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  if (!existsSync(marker)) return true;
  return statSync(join(root, 'pnpm-lock.yaml')).mtimeMs > statSync(marker).mtimeMs;
}

function run(command, commandArgs) {
  const result = spawnSync(command[0], [...command.slice(1), ...commandArgs], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Debian's Chromium, which the browser tests drive (the same places the tests look). */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The turbo tasks a task needs first. The tests need the packages built (the tarball
 * test packs dist/) and, for the browser tests, the documentation site; the site is
 * built only where those tests can run: with Chromium, or under CI, where a missing
 * browser fails them rather than skipping them.
 */
function buildsFor(name) {
  if (name !== 'test') return [];
  const site = Boolean(process.env.CI) || CHROMIUM.some((path) => existsSync(path));
  return site ? ['build', 'docs:build'] : ['build'];
}

const tasks = {
  // The Python workloads at a tenth of the default suite's size: well under two minutes on 2 cores.
  compare: ['run', 'compare', '--scale', '0.1'],
  test: ['exec', 'vitest', 'run'],
  example: ['exec', 'node', '--conditions=@pymm/source', '--import', 'tsx', 'examples/quick-start.ts'],
};
if (!(task in tasks)) {
  console.error(`bootstrap: unknown task '${task}' (${Object.keys(tasks).join(', ')})`);
  process.exit(2);
}
const tool = pnpm();
if (needsInstall()) {
  const status = run(tool, ['install', '--frozen-lockfile']);
  if (status !== 0) process.exit(status);
}
const builds = buildsFor(task);
if (builds.length > 0) {
  console.error(`bootstrap: building what the tests need first (turbo caches it): ${builds.join(', ')}`);
  const status = run(tool, ['exec', 'turbo', 'run', ...builds, '--output-logs=new-only']);
  if (status !== 0) process.exit(status);
}
process.exit(run(tool, [...tasks[task], ...args]));
