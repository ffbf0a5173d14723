import { describeSyntaxErrorsAsCPython311 } from './testing/syntax-errors-as-cpython.js';

/** Unterminated strings and bad brackets, which the parser reported as a bare `invalid syntax` before (the fuzzer makes many). */
const SOURCES = [
  'x = = 1\ns = "abc\n',
  'x = (1,\ny = 2\n',
  'print("hi)\n',
  'x = [1, 2\n',
  'x = 1)\n',
  "s = '''abc\n",
  "s = '''abc\nd\ne\n",
  'x = (]\n',
  'x = (\n  1\n',
  'x = "abc\ny = (1,\n',
  'print(1\nx = 2\n',
  "f(rb'x', 'y)\n",
  'x = {\n  1: [2,\n}\n',
  // The parser failed before reading past the bracket's line: CPython keeps its 'invalid syntax'.
  'def f(:\n',
  'f(\n:\n',
  'f(a +\n',
];

describeSyntaxErrorsAsCPython311('tokenizer errors, as CPython 3.11 reports them', SOURCES);
