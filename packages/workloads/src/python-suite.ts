/**
 * The default suite as Python programs: each workload of {@link WORKLOADS} as the program of
 * `programs/NAME.py` that is it (`PROGRAM_SOURCES`), with the same name, title, lesson, kind and
 * parameters. The comparison (`pymm compare`, `npm start`) runs these, so the report shows the
 * program that ran; the TypeScript workloads stay the package's runtime-API examples.
 *
 * @module
 */

import { PROGRAM_SOURCES } from './program-sources.js';
import { type PythonWorkload, pythonWorkload } from './python-workload.js';
import { WORKLOADS } from './suite.js';

/**
 * Every workload of the default suite as its Python program, in the suite's order.
 *
 * @example
 * ```ts
 * import { PYTHON_WORKLOADS, WORKLOADS } from '@pymm/workloads';
 * PYTHON_WORKLOADS.map((w) => w.name).join() === WORKLOADS.map((w) => w.name).join(); // true
 * PYTHON_WORKLOADS[0].filename; // 'reference-cycles.py'
 * ```
 */
export const PYTHON_WORKLOADS: readonly PythonWorkload[] = Object.freeze(
  WORKLOADS.map((workload) =>
    pythonWorkload({
      name: workload.name,
      title: workload.title,
      lesson: workload.lesson,
      kind: workload.kind,
      parameters: workload.parameters,
      source: PROGRAM_SOURCES[workload.name],
    }),
  ),
);

/**
 * The suite's workload called `name` as its Python program. Throws a `RangeError` listing the
 * names when there is none.
 *
 * @example
 * ```ts
 * import { pythonWorkloadByName } from '@pymm/workloads';
 * pythonWorkloadByName('gc-collect').python.includes('gc.collect()'); // true
 * ```
 */
export function pythonWorkloadByName(name: string): PythonWorkload {
  const found = PYTHON_WORKLOADS.find((workload) => workload.name === name);
  if (!found) {
    throw new RangeError(
      `unknown workload '${name}' (expected one of: ${PYTHON_WORKLOADS.map((w) => w.name).join(', ')})`,
    );
  }
  return found;
}
