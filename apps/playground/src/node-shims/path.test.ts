import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as shim from './path.js';

const cases: [string, string[]][] = [
  ['join', ['a', 'b/../c', './d']],
  ['join', ['/x', '..', '..', 'y']],
  ['resolve', ['/base', 'prog.py']],
  ['resolve', ['/base', '../x/./y.txt']],
  ['resolve', ['a/b']],
  ['dirname', ['/base/prog.py']],
  ['dirname', ['prog.py']],
  ['dirname', ['/prog.py']],
  ['basename', ['/a/b.txt']],
  ['relative', ['/base', '/base/a/b.txt']],
  ['relative', ['/base/a', '/base/b']],
  ['relative', ['/base', '/base']],
  ['normalize', ['a//b/./c/..']],
  ['isAbsolute', ['/a']],
];

describe('the node:path shim', () => {
  it.each(cases)('%s(%j) is what Node gives (working directory /)', (name, args) => {
    const node = (posix as unknown as Record<string, (...a: string[]) => unknown>)[name];
    const browser = (shim.posix as unknown as Record<string, (...a: string[]) => unknown>)[name];
    const expected = name === 'resolve' && !args[0].startsWith('/') ? node('/', ...args) : node(...args);
    expect(browser(...args)).toEqual(expected);
  });
});
