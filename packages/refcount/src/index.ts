/**
 * `@pymm/refcount`: pure reference counting for pymm, Python as it runs with
 * `gc.disable()`. Objects are freed the moment their last reference goes, in
 * CPython's order (finalizers, weak-reference callbacks, files closed), and
 * reference cycles are never freed; {@link leakReport} shows them, grouped and
 * labelled as objgraph draws them, as text ({@link formatLeakReport}) or
 * Graphviz DOT ({@link toDot}, {@link leakReportToDot}).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { formatLeakReport, leakReport, refcount } from '@pymm/refcount';
 * const py = createRuntime({ strategy: refcount() });
 * const Node = py.class('Node');
 * py.locals.a = Node.new();
 * py.setattr(py.locals.a, 'self', py.locals.a);
 * py.del('a');
 * leakReport(py).summary.objects; // 1
 * formatLeakReport(leakReport(py)).includes('Node'); // true
 * ```
 *
 * @packageDocumentation
 */

export { describeLeakGroup, formatLeakReport } from './format-leak-report.js';
export {
  type LeakEdge,
  type LeakGroup,
  type LeakObject,
  type LeakReport,
  type LeakReportOptions,
  type LeakRole,
  type LeakSummary,
  leakReport,
} from './leak-report.js';
export { dotString, leakReportToDot, toDot } from './leak-report-dot.js';
export { type RefcountExtraStats, RefcountStrategy, refcount } from './refcount-strategy.js';
