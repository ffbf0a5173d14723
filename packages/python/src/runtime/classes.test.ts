/**
 * Classes are ordinary heap objects: freed by reference counting or by the collector with their
 * dict, MRO, bases, descriptors and `__class__` cell, and their JavaScript record with them. Each
 * program runs under CPython and under pymm (the collector's counts must agree); the heap must
 * verify afterwards and hold no class object beyond those still bound.
 */
import { spawnSync } from 'node:child_process';
import { ObjectFlag, verifyHeap } from '@pymm/core';
import { generational } from '@pymm/generational';
import { refcount } from '@pymm/refcount';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { runPythonSync } from '../run-python.js';

beforeAll(async () => {
  await loadParser();
});

/** Classes made and dropped in a loop: each is garbage once its name is rebound. */
const CHURN = `
import gc
gc.disable()
class Base:
    def f(self):
        return 'base'
found = []
for i in range(200):
    class Derived(Base):
        def f(self):
            return super().f() + str(i)
    d = Derived()
    d.me = d
    found.append(d.f())
    del d
print(found[0], found[-1], len(Base.__subclasses__()))
del Derived
print(gc.collect(), len(Base.__subclasses__()))
class Other(Base):
    pass
print([c.__name__ for c in Base.__subclasses__()])
`;

/** `super()` errors, read from the function's `__class__` cell as CPython reads them. */
const SUPER_ERRORS = `
def outside(self):
    return super().f
class A:
    def f(self):
        return 1
    def g():
        return super()
for call in (lambda: outside(A()), lambda: A.g()):
    try:
        call()
    except RuntimeError as e:
        print(e)
class B(A):
    def f(self):
        return super().f() + 1
print(B().f(), B.f.__closure__[0].cell_contents is B)
`;

/** The user classes alive in a finished run's heap (type objects that are not static). */
function liveUserClasses(result: ReturnType<typeof runPythonSync>): number {
  const store = result.runtime!.heap.store;
  let n = 0;
  for (let slot = 0; slot < store.slotLimit; slot++) {
    const flags = store.flags[slot];
    if ((flags & ObjectFlag.Alive) === 0 || (flags & ObjectFlag.Static) !== 0) continue;
    if (result.runtime!.heap.typeNameOf(slot) === 'type') n++;
  }
  return n;
}

describe('classes are freed like any object', { timeout: 60_000 }, () => {
  for (const version of ['3.11', '3.12', '3.13'] as const) {
    it(`classes made in a loop are collected, with their subclasses' entries, as on CPython ${version}`, () => {
      const cpython = spawnSync(pythonExecutable(version), ['-c', CHURN], { encoding: 'utf8' });
      const result = runPythonSync(CHURN, {
        strategy: generational({ profile: `cpython-${version}` }),
        version,
        filename: '<string>',
      });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(cpython.stdout);
      expect(verifyHeap(result.runtime!.heap).problems).toEqual([]);
    });
  }

  it('after the last collection only the classes still bound are alive (refcount frees none of the cyclic ones)', () => {
    const collected = runPythonSync(CHURN, { strategy: generational(), filename: '<string>' });
    expect(verifyHeap(collected.runtime!.heap).problems).toEqual([]);
    // Base and Other (Derived's last version was collected by the program's gc.collect()).
    expect(liveUserClasses(collected)).toBe(2);
    const leaked = runPythonSync(CHURN, { strategy: refcount(), filename: '<string>' });
    expect(verifyHeap(leaked.runtime!.heap).problems).toEqual([]);
    // Every Derived is in a cycle with its MRO: reference counting alone never frees one.
    expect(liveUserClasses(leaked)).toBe(202);
  });

  it('super() finds its class in the __class__ cell', () => {
    const cpython = spawnSync(pythonExecutable('3.11'), ['-c', SUPER_ERRORS], { encoding: 'utf8' });
    const result = runPythonSync(SUPER_ERRORS, { filename: '<string>' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(cpython.stdout);
  });
});
