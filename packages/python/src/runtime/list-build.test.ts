import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { skipWithoutCPython } from '../python3.js';
import { cpythonOf, cpythonOutput, pymmOutput, VERSIONS } from './version-oracle.js';

beforeAll(async () => {
  await loadParser();
});

/** `sys.getsizeof` of lists, sets, dicts and tuples built each way: displays, constructors, operations. */
const PROGRAMS: Record<string, string> = {
  'displays, constructors and operations': `import sys
g = sys.getsizeof
a = 1; b = 2; c = 3
t3 = (1, 2, 3)
print('lit', [g([]), g([1]), g([1, 2]), g([1, 2, 3]), g([1, 2, 3, 4]), g([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])])
print('names', [g([a]), g([a, b]), g([a, b, c]), g([a, b, c, a, b])])
print('mixed', [g([a, 1, 2]), g([1, 2, a]), g([1, a, 2, 3]), g(['x', 'y', 'z']), g([None, None, None]), g([1.5, 2.5, 3.5])])
print('nested const', [g([(1, 2), (3, 4), (5, 6)]), g([[1], [2], [3]]), g([-1, -2, -3])])
print('starred', [g([*t3]), g([*t3, 4]), g([0, *t3]), g([*t3, *t3]), g([*range(5)]), g([a, *t3])])
print('comp', [g([x for x in range(n)]) for n in range(0, 20)])
print('list()', [g(list(range(n))) for n in range(0, 12)])
print('list(gen)', [g(list(x for x in range(n))) for n in range(0, 12)])
print('list(tuple)', [g(list(tuple(range(n)))) for n in range(0, 6)])
print('list(list)', [g(list([1, 2, 3, 4, 5]))])
print('list(str)', [g(list('abcde')), g(list({1: 2, 3: 4})), g(list({1, 2, 3}))])
print('mul', [g([0] * n) for n in range(0, 8)], g([1, 2] * 3), g([a] * 3))
l5 = [1, 2, 3, 4, 5]
print('slice', g(l5[1:]), g(l5[:2]), g(l5[::2]), g(l5[:]), g(l5[5:]))
print('add', g(l5 + l5), g([] + []), g(l5 + [a]))
print('sorted', g(sorted(l5)), g(sorted(range(7))), g(sorted((3, 1, 2))))
print('copy', g(l5.copy()), g(list(l5)))
e = []; e.extend(range(10)); print('extend', g(e))
e = []; e.extend([1, 2, 3]); print('extend list', g(e))
e = [1, 2]; e += [3, 4, 5]; print('iadd', g(e))
e = [1, 2, 3]; e *= 3; print('imul', g(e))
e = [1, 2, 3]; e.insert(0, 5); print('insert', g(e))
print('keys', g(list({'a': 1}.keys())), g(list(iter(range(3)))))
print('reversed', g(list(reversed(l5))))
print('map', g(list(map(str, l5))), g(list(filter(None, l5))), g(list(zip(l5, l5))), g(list(enumerate(l5))))
d = {}
print('dict', [g({}), g({'a': 1}), g({'a': 1, 'b': 2}), g({'a': a, 'b': b}), g({i: i for i in range(3)}), g(dict(a=1)), g({**{}})])
print('dict6', g({'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6}), g({a: 1, b: 2, c: 3, 4: 4, 5: 5, 6: 6}))
print('set', [g(set()), g({1}), g({1, 2}), g({1, 2, 3}), g({a, b, c}), g({1, 2, 3, 4, 5}), g({x for x in range(5)}), g(set(range(5))), g({*t3})])
print('tuple', [g(()), g((a,)), g((a, b)), g(tuple(l5)), g(tuple(x for x in range(5)))])
print('big', g([a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a]), g([a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a]), g([a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a]))
print('bigconst', g([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32]))
print('setconst', g({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), g({'a', 'b', 'c', 'd', 'e'}), g({1, 2, a}), g({*t3}), g({*t3, 4, 5}), g({a, *t3}))
print('dictconst', g({1: a, 2: b, 3: c, 4: a, 5: b, 6: c}), g({'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7}), g({'a': a, **{}}), g({**{'a': 1}}))
print('dictkeys', [g(dict.fromkeys(range(n))) for n in range(0, 12)])
`,
  'list(x), extend and sorted from each kind of iterable': `import sys
g = sys.getsizeof
for name, mk in [('dict', lambda n: {i: i for i in range(n)}), ('keys', lambda n: {i: i for i in range(n)}.keys()), ('values', lambda n: {i: i for i in range(n)}.values()), ('items', lambda n: {i: i for i in range(n)}.items()), ('set', lambda n: set(range(n))), ('frozenset', lambda n: frozenset(range(n))), ('str', lambda n: 'abcdefghij'[:n]), ('range', range), ('tuple', lambda n: tuple(range(n))), ('list', lambda n: list(range(n))), ('iter list', lambda n: iter(list(range(n)))), ('gen', lambda n: (i for i in range(n)))]:
    print(name, [g(list(mk(n))) for n in range(0, 11)])
for name, mk in [('dict', lambda n: {i: i for i in range(n)}), ('keys', lambda n: {i: i for i in range(n)}.keys()), ('set', lambda n: set(range(n))), ('range', range), ('tuple', lambda n: tuple(range(n))), ('gen', lambda n: (i for i in range(n)))]:
    r = []
    for n in range(0, 11):
        e = []
        e.extend(mk(n))
        r.append(g(e))
    print('extend', name, r)
    r = []
    for n in range(0, 11):
        e = [1, 2, 3, 4, 5]
        e.extend(mk(n))
        r.append(g(e))
    print('extend5', name, r)
    print('sorted', name, [g(sorted(mk(n))) for n in range(0, 11)])
`,
};

for (const version of VERSIONS) {
  const python = cpythonOf(version);
  describe.skipIf(skipWithoutCPython(python))(
    `lists and sets are sized as CPython ${version} sizes them`,
    () => {
      for (const [name, source] of Object.entries(PROGRAMS)) {
        it(name, () => {
          expect(pymmOutput(source, version)).toBe(cpythonOutput(source, python!));
        });
      }
    },
  );
}
