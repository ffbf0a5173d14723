/**
 * Names: `LOAD_FAST`/`STORE_FAST` on the frame's fast locals, `LOAD_DEREF`/`STORE_DEREF` through
 * cells, `LOAD_GLOBAL` (globals, then builtins) and `LOAD_NAME` (class namespace, globals,
 * builtins), with CPython's messages for unbound names.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { Frame } from '../runtime/interp.js';
import type { CodeContext, Ev } from './context.js';

/** Stores an owned value into a name (the store takes the reference). */
export type NameStore = (f: Frame, value: number) => void;

function unboundLocal(cx: CodeContext, name: string): never {
  const message =
    cx.ip.heap.sizes.version === '3.11' ||
    cx.ip.heap.sizes.version === '3.12' ||
    cx.ip.heap.sizes.version === '3.13'
      ? `cannot access local variable '${name}' where it is not associated with a value`
      : `local variable '${name}' referenced before assignment`;
  return cx.ip.raise('UnboundLocalError', message);
}

function kindOf(cx: CodeContext, name: string): string {
  return cx.scope.kinds.get(name) ?? (cx.scope.kind === 'function' ? 'global' : 'name');
}

/** Compiles reading a name. */
export function compileNameLoad(cx: CodeContext, name: string): Ev {
  const ip = cx.ip;
  const kind = kindOf(cx, name);
  if (kind === 'fast' && cx.scope.kind === 'function') {
    const i = cx.index.get(name)!;
    return (f) => {
      const v = f.locals[i];
      if (v === NULL_REF) unboundLocal(cx, name);
      ip.heap.incref(v);
      return v;
    };
  }
  if ((kind === 'cell' || kind === 'free') && cx.index.has(name)) {
    const i = cx.index.get(name)!;
    const store = ip.store;
    return (f) => {
      const cell = f.locals[i];
      const v = store.refs.cells[store.refStart[cell]];
      if (v === NULL_REF) {
        if (kind === 'cell') unboundLocal(cx, name);
        ip.raise(
          'NameError',
          `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`,
        );
      }
      ip.heap.incref(v);
      return v;
    };
  }
  const key = ip.str(name, true);
  cx.consts.push(ip.keepForever(key));
  const useClassNs = kind === 'name' && cx.scope.kind === 'class';
  return (f) => {
    let v: number | undefined;
    if (useClassNs && f.classNs) v = f.classNs.map.get(name);
    if (v === undefined) v = f.globals.map.get(name);
    if (v === undefined) v = ip.builtins.map.get(name);
    if (v === undefined) return ip.raise('NameError', `name '${name}' is not defined`);
    ip.heap.incref(v);
    return v;
  };
}

/** Compiles binding a name. */
export function compileNameStore(cx: CodeContext, name: string): NameStore {
  const ip = cx.ip;
  const kind = kindOf(cx, name);
  if (kind === 'fast' && cx.scope.kind === 'function') {
    const i = cx.index.get(name)!;
    return (f, v) => {
      ip.heap.setRoot(f.ns, i, v);
      ip.heap.decref(v);
    };
  }
  if ((kind === 'cell' || kind === 'free') && cx.index.has(name)) {
    const i = cx.index.get(name)!;
    return (f, v) => {
      ip.heap.setCell(f.locals[i], 0, v);
      ip.heap.decref(v);
    };
  }
  const key = ip.str(name, true);
  cx.consts.push(ip.keepForever(key));
  const useClassNs = cx.scope.kind === 'class' && kind !== 'global';
  return (f, v) => {
    const scope = useClassNs && f.classNs ? f.classNs : f.globals;
    ip.scopeSet(scope, key, v);
    ip.heap.decref(v);
  };
}

/** Compiles `del name`. */
export function compileNameDelete(cx: CodeContext, name: string): (f: Frame) => void {
  const ip = cx.ip;
  const kind = kindOf(cx, name);
  if (kind === 'fast' && cx.scope.kind === 'function') {
    const i = cx.index.get(name)!;
    return (f) => {
      if (f.locals[i] === NULL_REF) unboundLocal(cx, name);
      ip.heap.setRoot(f.ns, i, NULL_REF);
    };
  }
  if ((kind === 'cell' || kind === 'free') && cx.index.has(name)) {
    const i = cx.index.get(name)!;
    const store = ip.store;
    return (f) => {
      const cell = f.locals[i];
      if (store.refs.cells[store.refStart[cell]] === NULL_REF) unboundLocal(cx, name);
      ip.heap.setCell(cell, 0, NULL_REF);
    };
  }
  const key = ip.str(name, true);
  cx.consts.push(ip.keepForever(key));
  const useClassNs = cx.scope.kind === 'class' && kind !== 'global';
  return (f) => {
    const scope = useClassNs && f.classNs ? f.classNs : f.globals;
    if (!scope.map.has(name)) ip.raise('NameError', `name '${name}' is not defined`);
    ip.scopeDelete(scope, key);
  };
}
