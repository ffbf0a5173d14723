import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';

/**
 * A vitest reporter that ends the run with the tests it skipped, grouped by why, and the one
 * command that lets them run. A test that cannot run here says so with
 * `ctx.skip(condition, 'what is missing: the command that provides it')`; that note is the
 * reason printed. A test skipped without a note (`it.skip`, `it.todo`) is listed as such.
 *
 * @example
 *   3 skipped: Chromium is not installed: apt-get install -y chromium
 *     apps/docs/src/docs-site.test.ts > the documentation site, opened from disk > ...
 */
export default class SkipSummary implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const byReason = new Map<string, TestCase[]>();
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' ? result.note : undefined;
        const reason = note ?? `skipped with no reason given (${test.options.mode})`;
        byReason.set(reason, [...(byReason.get(reason) ?? []), test]);
      }
    }
    if (byReason.size === 0) return;
    const root = this.vitest?.config.root ?? process.cwd();
    const log = (line: string) => (this.vitest ? this.vitest.logger.log(line) : console.log(line));
    log('');
    for (const [reason, tests] of byReason) {
      log(`${tests.length} skipped: ${reason}`);
      for (const test of tests) log(`  ${relative(root, test.module.moduleId)} > ${test.fullName}`);
    }
  }
}
