export * from './ast-nodes.js';
export { isParserLoaded, loadParser } from './load-parser.js';
export { type ParseOptions, type ParseResult, parsePython, parsePythonSync } from './parse-python.js';
export { PythonSyntaxError, type PythonSyntaxErrorInit } from './syntax-error.js';
export { type ValidateOptions, validateModule } from './validate.js';
