import { describeSyntaxErrorsAsCPython311 } from './testing/syntax-errors-as-cpython.js';

/** Bad indentation the grammar library accepted (found by the fuzzer: `while -1:` then an unindented body ran forever). */
const SOURCES = [
  'x = 1\n  y = 2\nprint(x)\n',
  'if x:\npass\n',
  'while -1:\nx = []\n    x.append(x)\n',
  'if x:\n        a\n    b\n',
  'if 1:\n\tx\n        y\n',
  'def f():\n    return 1\n  g = 2\n',
  'class C:\n# a comment\n\nx = 1\n',
  'for i in y:\n',
  'try:\n    pass\nexcept E:\nfinally:\n    pass\n',
  'x = (1,\n      2)\n  y = """a\nb"""\n',
  'if a:\n    s = """\nnot indented\n"""\n    t = 1\n',
  'with a as b:  # comment\n    c = [\n1]\nd\n',
];

describeSyntaxErrorsAsCPython311('indentation errors, as CPython 3.11 reports them', SOURCES);
