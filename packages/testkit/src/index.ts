/**
 * pymm's private test kit: one reachability oracle, one random-program
 * generator and interpreter with pluggable invariants, `runCPython`, and the
 * strategy matrix derived from the strategy packages' own exports.
 */

export { NODE_CYCLE_PYTHON, nodeExample } from './node-cycle.js';
export {
  type CallbackKind,
  type Command,
  describeCommand,
  type GarbageShape,
  KINDS,
  type Kind,
  type OperationName,
  type Program,
  programArbitrary,
  type ValueRef,
  type Variable,
} from './random-program/commands.js';
export { FINALIZABLE_CLASSES, ModelViolation, runProgram } from './random-program/interpreter.js';
export {
  emptyOutcome,
  type FreedObject,
  type FullCollection,
  type Invariant,
  type ProgramOutcome,
  type ProgramRun,
} from './random-program/invariant.js';
export {
  finalizedAndClosedBeforeFree,
  freesAcyclicGarbagePromptly,
  fullCollectionLeavesNothingUnreachable,
  heapVerifies,
  invariantsFor,
  leakReportListsTheUnreachable,
  nothingIsFreed,
  nothingReachableIsFreed,
  weakrefsClearedOnlyWhenUnreachable,
} from './random-program/invariants.js';
export { LONG, programCount, programSeed } from './random-program/settings.js';
export * from './reachability-oracle.js';
export { pythonExecutable, type RunPythonOptions, runCPython, runPython } from './run-cpython.js';
export * from './strategy-matrix.js';
