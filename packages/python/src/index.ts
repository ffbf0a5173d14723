export * from './ast-nodes.js';
export type {
  FileLeftOpen,
  LineAllocations,
  LineAttribution,
  LineCollections,
} from './attribution/line-attribution.js';
export { type CheckResult, checkProgram, checkProgramSync } from './check-program.js';
export type {
  HeapInspection,
  InspectedFrame,
  InspectedLocal,
  InspectedObject,
  InspectedReference,
} from './inspect/heap-inspection.js';
export {
  runStepped,
  type SteppedCapture,
  type SteppedCollection,
  type SteppedRunOptions,
  type SteppedRunResult,
  type StepTimeline,
} from './inspect/stepped-run.js';
export { isParserLoaded, loadParser, type ParserWasm } from './load-parser.js';
export { type ParseOptions, type ParseResult, parsePython, parsePythonSync } from './parse-python.js';
export { type RunPythonOptions, type RunPythonResult, runPython, runPythonSync } from './run-python.js';
export {
  checkSubset,
  SUBSET_GUIDE,
  SUPPORTED_MODULES,
  SubsetError,
  type SubsetOptions,
} from './subset-check.js';
export { PythonSyntaxError, type PythonSyntaxErrorInit } from './syntax-error.js';
export { type ValidateOptions, validateModule } from './validate.js';
