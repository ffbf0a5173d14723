/**
 * Variables and scopes: module globals and frames as `Variables` objects
 * (read a name, assign to bind, `delete` to unbind), `del`, and calling a
 * function in a new frame whose variables die when it returns.
 *
 * @module
 */

import { PythonError } from '../heap/containers/python-error.js';
import { type Handle, NULL_REF } from '../heap/object-store.js';
import type { Namespace } from '../heap/roots.js';
import type { OperationContext } from './operation-context.js';

/**
 * A scope's variables: read a name to get its handle, assign to bind, `delete` to unbind (`del`).
 *
 * @example
 * ```ts
 * import { type Variables, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const v: Variables = py.locals;
 * v.x = py.int(1);
 * v.y = py.str('two');
 * Object.keys(v); // ['x', 'y']
 * delete v.x; // del x
 * 'x' in v; // false
 * let error = '';
 * try {
 *   v.x;
 * } catch (e) {
 *   error = (e as Error).message;
 * }
 * error; // "NameError: name 'x' is not defined"
 * ```
 */
export type Variables = Record<string, Handle>;

/** The runtime's scopes: the globals and a stack of frames, each seen as `Variables`. */
export class Scopes {
  /** Module globals. */
  readonly globals: Variables;
  private readonly frameProxies: Variables[] = [];

  constructor(private readonly cx: OperationContext) {
    const roots = cx.heap.roots;
    this.globals = this.variables(roots.globals);
    this.frameProxies.push(this.variables(roots.pushFrame('<module>')));
  }

  /** The innermost frame's variables (the module frame when no function is running). */
  get locals(): Variables {
    return this.frameProxies[this.frameProxies.length - 1];
  }

  /** `del a, b`: unbinds local variables, in order. */
  del(names: readonly string[]): void {
    for (const name of names) delete this.locals[name];
  }

  /**
   * Calls a function: runs `body` in a new frame whose variables die when it returns (first to
   * last, as CPython clears a frame). A handle that `body` returns survives as a temporary.
   */
  call<T>(label: string, body: (locals: Variables) => T): T {
    const cx = this.cx;
    const heap = cx.heap;
    const frame = heap.roots.pushFrame(label);
    const proxy = this.variables(frame);
    this.frameProxies.push(proxy);
    let result: T | undefined;
    let returned: number = NULL_REF;
    try {
      result = body(proxy);
      if (typeof result === 'number' && heap.store.isAlive(result)) {
        returned = cx.slot(result, 'return');
      }
    } finally {
      cx.statement('call', () => {
        if (returned !== NULL_REF) cx.temporary(returned);
        this.frameProxies.pop();
        const roots = heap.roots;
        roots.frames.pop();
        for (let i = 0; i < frame.length; i++) {
          if (frame.values[i] !== NULL_REF) heap.setRoot(frame, i, NULL_REF);
        }
      });
    }
    return result as T;
  }

  /** A namespace seen as `Variables`: reading, binding and unbinding names are runtime operations. */
  private variables(ns: Namespace): Variables {
    const cx = this.cx;
    const heap = cx.heap;
    return new Proxy({} as Variables, {
      get: (_target, name) => {
        if (typeof name !== 'string' || name === 'then') return undefined;
        const index = ns.indexOf(name, false);
        const slot = index < 0 ? NULL_REF : ns.values[index];
        if (slot === NULL_REF) throw new PythonError('NameError', `name '${name}' is not defined`);
        return heap.store.handleOf(slot);
      },
      set: (_target, name, handle) => {
        if (typeof name !== 'string') return false;
        cx.statement('bind', () => {
          const slot = cx.slot(handle as Handle, `${name} = ...`);
          heap.setRoot(ns, ns.indexOf(name, true), slot);
          cx.consumed(slot);
        });
        return true;
      },
      deleteProperty: (_target, name) => {
        if (typeof name !== 'string') return false;
        cx.statement('unbind', () => {
          const index = ns.indexOf(name, false);
          if (index < 0 || ns.values[index] === NULL_REF) {
            throw new PythonError('NameError', `name '${name}' is not defined`);
          }
          heap.setRoot(ns, index, NULL_REF);
        });
        return true;
      },
      has: (_target, name) => {
        if (typeof name !== 'string') return false;
        const index = ns.indexOf(name, false);
        return index >= 0 && ns.values[index] !== NULL_REF;
      },
      ownKeys: () => ns.boundNames(),
      getOwnPropertyDescriptor: (_target, name) => {
        if (typeof name !== 'string') return undefined;
        const index = ns.indexOf(name, false);
        if (index < 0 || ns.values[index] === NULL_REF) return undefined;
        return {
          configurable: true,
          enumerable: true,
          writable: true,
          value: heap.store.handleOf(ns.values[index]),
        };
      },
    });
  }
}
