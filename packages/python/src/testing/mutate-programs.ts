/**
 * Mutated Python programs from a seed: each takes a base program (a corpus program or one from
 * {@link randomProgram}) and damages it a few times with mutations of the kinds a fuzzer of a
 * Python front end and runtime needs. Tokens are deleted, duplicated and swapped; lines deleted,
 * duplicated and reordered; indentation changed; brackets and quotes broken; literals replaced by
 * huge ints, deep nesting, long strings, NaN and infinities and negative counts; operators swapped;
 * constructs outside the subset or outside their place inserted (`async`, `match`, `:=`, odd
 * decorators, `global`/`nonlocal` misuse, `yield` and `return` at module level); random bytes,
 * unicode, NUL, a byte-order mark, CRLF and tabs spliced in; the source truncated at a position of
 * a chosen class; and runtime stressors appended (deep recursion, infinite loops, huge
 * allocations). The same seed gives the same programs, so a failure is replayed from its seed.
 */

import { randomProgram } from './random-programs.js';

/** A mutated program: its source, where it came from, and the mutations applied, in order. */
export interface MutatedProgram {
  /** The mutated Python source. */
  readonly source: string;
  /** The base program: a corpus name or `random(<seed>)`. */
  readonly origin: string;
  /** The names of the mutations applied, in order (for a failure message). */
  readonly mutations: readonly string[];
}

/** A base program a mutation starts from. */
export interface BaseProgram {
  readonly name: string;
  readonly source: string;
}

/** Xorshift32: a small deterministic generator for choosing mutations. */
export class MutationRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    let s = this.state;
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    this.state = s >>> 0;
    return this.state / 2 ** 32;
  }

  /** An int in [0, n) (0 when n is 0). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One item of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)] as T;
  }
}

/** A rough Python tokenizer: names, numbers, strings, operators, whitespace (concatenating them gives the source back). */
const TOKEN =
  /\s+|[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*|\d[\w.]*|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|\*\*=?|\/\/=?|<<=?|>>=?|[-+*/%&|^<>=!:]=|->|[\s\S]/gu;

function tokens(source: string): string[] {
  return source.match(TOKEN) ?? [];
}

/** Indices of tokens that are not whitespace. */
function solidIndices(parts: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) if (!/^\s+$/.test(parts[i])) out.push(i);
  return out;
}

/** Literal replacements: huge and negative counts, deep nesting, long strings, NaN and the infinities. */
const LITERALS = [
  '10**100',
  '10**4400',
  '2**64',
  '-1',
  '-10**9',
  '0',
  '10**9',
  '10**18',
  '1e308*10',
  "float('nan')",
  "float('inf')",
  "-float('inf')",
  '1e-320',
  '0.0',
  `${'('.repeat(150)}1${')'.repeat(150)}`,
  `${'['.repeat(60)}${']'.repeat(60)}`,
  `${'-'.repeat(300)}1`,
  `'${'x'.repeat(5000)}'`,
  `"${'\\u00e9'.repeat(200)}"`,
  "b'\\xff' * 300",
  'None',
  '()',
  '[]',
  '{}',
  'True',
  "''",
  '0x7fffffffffffffff',
  '9'.repeat(5000),
];

const OPERATORS = [
  '+',
  '-',
  '*',
  '/',
  '//',
  '%',
  '**',
  '<<',
  '>>',
  '&',
  '|',
  '^',
  '@',
  '==',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  ' is ',
  ' in ',
  ' and ',
  ' or ',
  ' not in ',
  ' is not ',
];

/** Statements outside the subset or outside their place, inserted as whole lines. */
const CONSTRUCTS = [
  'async def f():\n    await g()',
  'match x:\n    case [a, *b]:\n        pass\n    case _:\n        pass',
  'if (n := 10) > 5:\n    print(n)',
  '@decorator(1, *[], **{})\ndef f(): pass',
  '@(lambda f: 3)\ndef g(): pass',
  '@print\nclass C: pass',
  'global x',
  'nonlocal x',
  'def f():\n    x = 1\n    global x',
  'def f():\n    nonlocal q',
  'yield 1',
  'yield from range(3)',
  'return 1',
  'await something',
  'break',
  'continue',
  'from __future__ import braces',
  'import nosuchmodule',
  'from os import path',
  'x: int = 5',
  'def f(a, a): pass',
  'f(x for x in y, 1)',
  '*a = 1',
  'a, *b, *c = 1, 2, 3',
  'del f()',
  'lambda: (yield)',
  'class C(metaclass=type): pass',
  'try:\n    pass',
  'else:\n    pass',
  'print(*[1] * 3, sep=None, end=5)',
  'exec("1")',
  'eval("1 +")',
  'with open("/nonexistent/x") as f: pass',
  'raise',
  'raise 5',
  'raise ValueError from 3',
  'assert False, "boom"',
  'print(undefined_name)',
  'x = 1; x()',
  '[].pop()',
  '{}["k"]',
  'int("zz")',
  '1 / 0',
  'None.attr',
  'type(1)()',
  'object.__new__(int)',
  'super()',
  'iter(5)',
  'next(iter([]))',
  "'%d' % 'x'",
  "'{}{}'.format(1)",
  'len(5)',
  'hash([])',
  '(1).__class__ = str',
  'del __builtins__',
  'import sys\nsys.setrecursionlimit(10**6)',
  'import sys\nsys.setrecursionlimit(-1)',
  'import gc\ngc.set_threshold(-1)',
  'import gc\ngc.get_referrers(*range(10**6))',
];

/** Whole programs appended or substituted that stress the runtime: recursion, loops, allocation. */
const STRESSORS = [
  'def r(n):\n    return r(n + 1)\nr(0)',
  'def r(n):\n    return [r(n + 1)]\nprint(r(0))',
  'import sys\nsys.setrecursionlimit(100000)\ndef r(n):\n    return r(n + 1)\nr(0)',
  'class A:\n    def __repr__(self):\n        return repr(self)\nprint(A())',
  'class A:\n    def __eq__(self, o):\n        return self == o\nA() == A()',
  'class A:\n    def __getattr__(self, n):\n        return self.x\nA().y',
  'def g():\n    yield from g()\nlist(g())',
  'while True:\n    pass',
  'while 1:\n    x = [1]',
  'for i in iter(int, 1):\n    pass',
  'x = []\nwhile True:\n    x.append(x)',
  'x = [0] * 10**9',
  "s = 'a' * 10**9",
  "s = 'ab' * (2**62)",
  'b = bytearray(10**10)',
  "b = b'x' * 10**9",
  'x = [0] * -5\nprint(x)',
  "print('ab' * -3)",
  'd = {i: i for i in range(10**8)}',
  'x = 10**10**8',
  'x = 2**(2**40)',
  'print(str(10**5000))',
  "print(int('9' * 5000))",
  "print(float('1e999'), float('-inf') * 0)",
  'a = []\nfor i in range(100000):\n    a = [a]\nprint(a)',
  't = ()\nfor i in range(100000):\n    t = (t,)\nprint(len(str(t)))',
  'd = {}\nfor i in range(100000):\n    d = {1: d}\nprint(d == d)',
  'a = []\na.append(a)\nprint(a, a == a)',
  'a = [1]\nb = [a]\na.append(b)\nprint(a == b)',
  'x = list(range(10**7))',
  'import gc\nclass D:\n    def __del__(self):\n        gc.collect()\n        raise ValueError("d")\nd = D()\nd.me = d\ndel d\ngc.collect()',
  'class D:\n    def __del__(self):\n        global keep\n        keep = self\nd = D()\ndel d\nprint(keep)',
  'class H:\n    def __hash__(self):\n        return "x"\n{H()}',
  'class L:\n    def __len__(self):\n        return -1\nlen(L())',
  'class I:\n    def __iter__(self):\n        return 5\nlist(I())',
  'd = {1: 1}\nfor k in d:\n    d[k + 1] = 1',
  'xs = [3, 1, 2]\nxs.sort(key=lambda v: xs.append(v))',
  'def f(*a, **k):\n    return f(*a, *a, **k)\nf(1)',
  'import weakref\nclass C: pass\nc = C()\nr = weakref.ref(c, lambda w: r())\ndel c',
  'try:\n    raise ValueError\nexcept ValueError as e:\n    e.__context__ = e\n    raise e',
  'e = None\nfor i in range(10000):\n    try:\n        raise ValueError(i) from e\n    except ValueError as x:\n        e = x\nraise e',
  'import itertools\nlist(itertools.count())',
  'print(sum(range(10**12)))',
  "print(''.join(str(i) for i in range(10**7)))",
  'x = [[]] * 10**6\nfor y in x:\n    y.append(x)',
];

/** Noise spliced in: raw bytes, unicode, NUL, a byte-order mark, line ends, tabs. */
const NOISE = [
  '\0',
  '\ufeff',
  '\r\n',
  '\r',
  '\t',
  '\f',
  '\v',
  '\x1b[31m',
  '\u200b',
  '\u00a0',
  '\ud800',
  '\udfff',
  '\u{1f600}',
  'é',
  'ℌ',
  '\u0301',
  '\\',
  '\\\n',
  '$',
  '?',
  '`',
  '!',
  '\x7f',
  '\x00\x01\x02',
];

/** Cuts a source at a position of a class: inside a string, after an operator or ':', inside brackets, mid-token, after `\`. */
const TRUNCATION_CLASSES: readonly [string, RegExp][] = [
  ['string', /["']/g],
  ['operator', /[-+*/%=<>&|^]/g],
  ['colon', /:/g],
  ['bracket', /[([{]/g],
  ['comma', /,/g],
  ['name', /[A-Za-z_]/g],
  ['digit', /\d/g],
  ['line-end', /\n/g],
  ['indent', /\n {4}/g],
  ['dot', /\./g],
];

type Mutation = (source: string, random: MutationRandom) => string;

/** A line's indentation. */
function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** Inserts a block of lines before line `at`, indented like that line. */
function insertLines(source: string, block: string, random: MutationRandom): string {
  const lines = source.split('\n');
  const at = random.below(lines.length + 1);
  const indent = indentOf(lines[Math.min(at, lines.length - 1)] ?? '');
  const inserted = block.split('\n').map((l) => indent + l);
  lines.splice(at, 0, ...inserted);
  return lines.join('\n');
}

const MUTATIONS: readonly [string, Mutation][] = [
  [
    'token-delete',
    (s, r) => {
      const parts = tokens(s);
      const solid = solidIndices(parts);
      if (solid.length) parts.splice(r.pick(solid), 1);
      return parts.join('');
    },
  ],
  [
    'token-duplicate',
    (s, r) => {
      const parts = tokens(s);
      const solid = solidIndices(parts);
      if (solid.length) {
        const i = r.pick(solid);
        parts.splice(i, 0, parts[i]);
      }
      return parts.join('');
    },
  ],
  [
    'token-swap',
    (s, r) => {
      const parts = tokens(s);
      const solid = solidIndices(parts);
      if (solid.length > 1) {
        const k = r.below(solid.length - 1);
        const [a, b] = [solid[k], solid[k + 1]];
        [parts[a], parts[b]] = [parts[b], parts[a]];
      }
      return parts.join('');
    },
  ],
  [
    'line-delete',
    (s, r) => {
      const lines = s.split('\n');
      lines.splice(r.below(lines.length), 1);
      return lines.join('\n');
    },
  ],
  [
    'line-duplicate',
    (s, r) => {
      const lines = s.split('\n');
      const i = r.below(lines.length);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    },
  ],
  [
    'line-reorder',
    (s, r) => {
      const lines = s.split('\n');
      const [line] = lines.splice(r.below(lines.length), 1);
      lines.splice(r.below(lines.length + 1), 0, line);
      return lines.join('\n');
    },
  ],
  [
    'indent-change',
    (s, r) => {
      const lines = s.split('\n');
      const i = r.below(lines.length);
      const choice = r.below(5);
      if (choice === 0) lines[i] = `    ${lines[i]}`;
      else if (choice === 1) lines[i] = lines[i].replace(/^ {1,4}/, '');
      else if (choice === 2) lines[i] = ` ${lines[i]}`;
      else if (choice === 3) lines[i] = lines[i].replace(/^ {4}/, '\t');
      else lines[i] = lines[i].trimStart();
      return lines.join('\n');
    },
  ],
  [
    'bracket-damage',
    (s, r) => {
      const at = [...s.matchAll(/[()[\]{}]/g)].map((m) => m.index);
      const choice = r.below(3);
      if (choice === 0 && at.length) {
        const i = r.pick(at);
        return s.slice(0, i) + s.slice(i + 1);
      }
      if (choice === 1 && at.length) {
        const i = r.pick(at);
        return s.slice(0, i) + r.pick(['(', ')', '[', ']', '{', '}']) + s.slice(i + 1);
      }
      const i = r.below(s.length + 1);
      return s.slice(0, i) + r.pick(['(', ')', '[', ']', '{', '}', '((', '))']) + s.slice(i);
    },
  ],
  [
    'quote-damage',
    (s, r) => {
      const at = [...s.matchAll(/["']/g)].map((m) => m.index);
      if (at.length && r.below(2) === 0) {
        const i = r.pick(at);
        return (
          s.slice(0, i) + r.pick(['', '"""', "'''", '"', "'", 'f"', 'b"', 'rb"', 'f"{']) + s.slice(i + 1)
        );
      }
      const i = r.below(s.length + 1);
      return (
        s.slice(0, i) +
        r.pick(['"', "'", '"""', "f'{x", "f'{x!z}'", "f'{'", "'\\N{nope}'", "b'é'", "'\\x4'"]) +
        s.slice(i)
      );
    },
  ],
  [
    'literal-replace',
    (s, r) => {
      const parts = tokens(s);
      const literals = parts.flatMap((p, i) => (/^(\d|["'])/.test(p) ? [i] : []));
      const i = literals.length ? r.pick(literals) : r.below(parts.length);
      parts[i] = r.pick(LITERALS);
      return parts.join('');
    },
  ],
  [
    'operator-swap',
    (s, r) => {
      const parts = tokens(s);
      const ops = parts.flatMap((p, i) => (/^([-+*/%&|^<>=!@]+|is|in|and|or|not)$/.test(p) ? [i] : []));
      if (ops.length) parts[r.pick(ops)] = r.pick(OPERATORS);
      return parts.join('');
    },
  ],
  ['construct-insert', (s, r) => insertLines(s, r.pick(CONSTRUCTS), r)],
  [
    'noise',
    (s, r) => {
      const i = r.below(s.length + 1);
      const choice = r.below(4);
      if (choice === 0) return s.replace(/\n/g, '\r\n');
      if (choice === 1) {
        const bytes = Array.from({ length: 1 + r.below(8) }, () => String.fromCharCode(r.below(256))).join(
          '',
        );
        return s.slice(0, i) + bytes + s.slice(i);
      }
      if (choice === 2) return `\ufeff${s}`;
      return s.slice(0, i) + r.pick(NOISE) + s.slice(i);
    },
  ],
  [
    'truncate',
    (s, r) => {
      const [, pattern] = r.pick(TRUNCATION_CLASSES);
      const at = [...s.matchAll(pattern)].map((m) => m.index);
      const i = at.length ? r.pick(at) + r.below(2) : r.below(s.length + 1);
      return s.slice(0, i);
    },
  ],
  ['stressor', (s, r) => (r.below(3) === 0 ? r.pick(STRESSORS) : insertLines(s, r.pick(STRESSORS), r))],
];

/** The mutation names, for documentation and tests. */
export const MUTATION_NAMES: readonly string[] = MUTATIONS.map(([name]) => name);

/** Applies one to four random mutations to a source. */
export function mutateProgram(
  source: string,
  random: MutationRandom,
): { source: string; mutations: string[] } {
  let out = source;
  const mutations: string[] = [];
  const count = 1 + random.below(4);
  for (let i = 0; i < count; i++) {
    const [name, mutation] = random.pick(MUTATIONS);
    out = mutation(out, random);
    mutations.push(name);
  }
  return { source: out, mutations };
}

/**
 * `count` mutated programs from a seed: every third starts from a fresh {@link randomProgram}, the
 * rest from the given base programs in turn (chosen at random).
 */
export function* mutatedPrograms(
  seed: number,
  count: number,
  bases: readonly BaseProgram[],
): Generator<MutatedProgram> {
  const random = new MutationRandom(seed);
  for (let i = 0; i < count; i++) {
    let base: BaseProgram;
    if (bases.length === 0 || i % 3 === 2) {
      const programSeed = (seed + i) >>> 0;
      base = { name: `random(${programSeed})`, source: randomProgram(programSeed).source };
    } else base = random.pick(bases);
    const { source, mutations } = mutateProgram(base.source, random);
    yield { source, origin: base.name, mutations };
  }
}
