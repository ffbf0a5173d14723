/**
 * `try`/`except`/`else`/`finally` and `with`: a raised exception unwinds the value stack to the
 * block's height, gets this frame's traceback entry, and is matched against the handlers; the
 * handled exception is `sys.exc_info()` while its handler runs, and `except E as e` unbinds `e`
 * at the handler's end. `with` calls the bound `__exit__` with the exception, or with three Nones.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { Try, With } from '../ast-nodes.js';
import { getAttr } from '../runtime/attributes.js';
import type { Frame, Interp } from '../runtime/interp.js';
import type { PyRaise } from '../runtime/signals.js';
import { compileExpr } from './compile-expr.js';
import { compileGenBlock, currentHandling, type GenEx, genExcState } from './compile-gen.js';
import { compileBlock } from './compile-stmt.js';
import { compileTarget, type Target } from './compile-target.js';
import type { CodeContext, Ev, Ex } from './context.js';
import { NORMAL, RETURN } from './context.js';
import { compileNameDelete, compileNameStore } from './names.js';

interface Handler {
  readonly type: Ev | null;
  readonly bind: ((f: Frame, v: number) => void) | null;
  readonly unbind: ((f: Frame) => void) | null;
  readonly body: Ex;
}

/** Compiles a `try` statement. */
export function compileTry(cx: CodeContext, node: Try): Ex {
  const ip = cx.ip;
  const body = compileBlock(cx, node.body);
  const handlers: Handler[] = node.handlers.map((h) => ({
    type: h.type ? compileExpr(cx, h.type) : null,
    bind: h.name ? compileNameStore(cx, h.name) : null,
    unbind: h.name ? compileNameDelete(cx, h.name) : null,
    body: compileBlock(cx, h.body),
  }));
  const orelse = node.orelse.length > 0 ? compileBlock(cx, node.orelse) : null;
  const finalbody = node.finalbody.length > 0 ? compileBlock(cx, node.finalbody) : null;

  const runHandlers = (f: Frame, raised: PyRaise): number => {
    const exc = raised.exc;
    for (const h of handlers) {
      if (h.type) {
        const t = h.type(f);
        ip.push(t);
        const matches = ip.exceptionMatches(exc, t);
        ip.pop();
        ip.drop(t);
        if (!matches) continue;
      }
      const previous = ip.handling;
      ip.handling = exc;
      try {
        if (h.bind) h.bind(f, ip.own(exc));
        try {
          return h.body(f);
        } finally {
          if (h.bind) {
            h.bind(f, ip.own(ip.none));
            h.unbind!(f);
          }
        }
      } catch (error) {
        const next = ip.toPyRaise(error);
        ip.setContext(next.exc, exc);
        throw next;
      } finally {
        ip.handling = previous;
        ip.dropRaised(exc);
      }
    }
    throw raised;
  };

  const tryExcept = (f: Frame): number => {
    const h = ip.stackHeight;
    let c: number;
    try {
      c = body(f);
    } catch (error) {
      const raised = ip.toPyRaise(error);
      ip.unwindTo(h);
      ip.addTraceback(raised, f);
      if (handlers.length === 0) throw raised;
      return runHandlers(f, raised);
    }
    if (c === NORMAL && orelse) return orelse(f);
    return c;
  };

  if (!finalbody) return tryExcept;
  return (f) => {
    const h = ip.stackHeight;
    let c: number;
    try {
      c = tryExcept(f);
    } catch (error) {
      const raised = ip.toPyRaise(error);
      ip.unwindTo(h);
      ip.addTraceback(raised, f);
      const previous = ip.handling;
      ip.handling = raised.exc;
      let fc: number;
      try {
        fc = finalbody(f);
      } catch (inner) {
        const next = ip.toPyRaise(inner);
        ip.setContext(next.exc, raised.exc);
        ip.dropRaised(raised.exc);
        throw next;
      } finally {
        ip.handling = previous;
      }
      if (fc !== NORMAL) {
        ip.dropRaised(raised.exc);
        return fc;
      }
      throw raised;
    }
    let fc: number;
    try {
      fc = finalbody(f);
    } catch (error) {
      dropPendingReturn(ip, f, c);
      throw error;
    }
    return fc !== NORMAL ? fc : c;
  };
}

/** A `return` whose value waited for `finally`, which raised instead: the value is released. */
function dropPendingReturn(ip: Interp, f: Frame, c: number): void {
  if (c !== RETURN || f.retval === NULL_REF) return;
  const value = f.retval;
  f.retval = NULL_REF;
  ip.drop(value);
}

/** Compiles a `with` statement (several items nest, first outermost). */
export function compileWith(cx: CodeContext, node: With): Ex {
  let inner = compileBlock(cx, node.body);
  for (let i = node.items.length - 1; i >= 0; i--) {
    const item = node.items[i];
    inner = withItem(
      cx,
      compileExpr(cx, item.context_expr),
      item.optional_vars ? compileTarget(cx, item.optional_vars) : null,
      inner,
    );
  }
  return inner;
}

function withItem(cx: CodeContext, manager: Ev, target: Target | null, body: Ex): Ex {
  const ip = cx.ip;
  return (f) => {
    const h = ip.stackHeight;
    const mgr = manager(f);
    ip.push(mgr);
    const exit = ip.boundSpecial(mgr, '__exit__', "' object does not support the context manager protocol");
    ip.push(exit);
    const enter = ip.boundSpecial(mgr, '__enter__', "' object does not support the context manager protocol");
    ip.push(enter);
    const value = ip.call(enter, [], null);
    ip.pop();
    ip.drop(enter);
    let c: number;
    try {
      if (target) target(f, value);
      else ip.drop(value);
      c = body(f);
    } catch (error) {
      const raised = ip.toPyRaise(error);
      ip.unwindTo(h + 2);
      ip.addTraceback(raised, f);
      const exc = raised.exc;
      const previous = ip.handling;
      ip.handling = exc;
      let suppress: boolean;
      try {
        const type = ip.own(ip.typeObjectOf(exc));
        ip.push(type);
        const tb = ip.tracebackOf(exc);
        let r: number;
        try {
          r = ip.call(exit, [type, exc, tb], null);
        } finally {
          ip.drop(tb); // also when __exit__ raises (found by fuzzing: the traceback leaked)
        }
        ip.pop();
        ip.drop(type);
        suppress = ip.truthy(r);
        ip.drop(r);
      } catch (inner) {
        const next = ip.toPyRaise(inner);
        ip.setContext(next.exc, exc);
        ip.dropRaised(exc);
        ip.unwindTo(h);
        throw next;
      } finally {
        ip.handling = previous;
      }
      ip.unwindTo(h);
      if (suppress) {
        ip.dropRaised(exc);
        return NORMAL;
      }
      throw raised;
    }
    const none = ip.none;
    const r = ip.call(exit, [none, none, none], null);
    ip.drop(r);
    ip.unwindTo(h);
    return c;
  };
}

/** Reads an attribute for `with` (kept for symmetry with CPython's `_PyObject_LookupSpecial`). */
export function lookupSpecial(cx: CodeContext, obj: number, name: string): number {
  return getAttr(cx.ip, obj, name);
}

export { NULL_REF };

/**
 * `try` in a generator body, where a `yield` may stand in any part: as {@link compileTry}, but the
 * parts suspend, the value-stack heights are kept relative to the frame (the generator may resume
 * under another caller), and the exception being handled is the generator's own
 * (`gi_exc_state`), kept across each `yield`.
 */
export function compileGenTry(cx: CodeContext, node: Try): GenEx {
  const ip = cx.ip;
  const body = compileGenBlock(cx, node.body);
  const handlers = node.handlers.map((h) => ({
    type: h.type ? compileExpr(cx, h.type) : null,
    bind: h.name ? compileNameStore(cx, h.name) : null,
    unbind: h.name ? compileNameDelete(cx, h.name) : null,
    body: compileGenBlock(cx, h.body),
  }));
  const orelse = node.orelse.length > 0 ? compileGenBlock(cx, node.orelse) : null;
  const finalbody = node.finalbody.length > 0 ? compileGenBlock(cx, node.finalbody) : null;

  function* runHandlers(f: Frame, raised: PyRaise): Generator<number, number, number> {
    const exc = raised.exc;
    for (const h of handlers) {
      if (h.type) {
        const t = h.type(f);
        ip.push(t);
        const matches = ip.exceptionMatches(exc, t);
        ip.pop();
        ip.drop(t);
        if (!matches) continue;
      }
      const state = genExcState(f);
      state.stack.push(exc);
      ip.handling = exc;
      try {
        if (h.bind) h.bind(f, ip.own(exc));
        try {
          return yield* h.body(f);
        } finally {
          if (h.bind) {
            h.bind(f, ip.own(ip.none));
            h.unbind!(f);
          }
        }
      } catch (error) {
        const next = ip.toPyRaise(error);
        ip.setContext(next.exc, exc);
        throw next;
      } finally {
        state.stack.pop();
        ip.handling = currentHandling(state);
        ip.dropRaised(exc);
      }
    }
    throw raised;
  }

  function* tryExcept(f: Frame): Generator<number, number, number> {
    const h = ip.stackHeight - f.stackBase;
    let c: number;
    try {
      c = yield* body(f);
    } catch (error) {
      const raised = ip.toPyRaise(error);
      ip.unwindTo(f.stackBase + h);
      ip.addTraceback(raised, f);
      if (handlers.length === 0) throw raised;
      return yield* runHandlers(f, raised);
    }
    if (c === NORMAL && orelse) return yield* orelse(f);
    return c;
  }

  if (!finalbody) return tryExcept;
  return function* (f) {
    const h = ip.stackHeight - f.stackBase;
    let c: number;
    try {
      c = yield* tryExcept(f);
    } catch (error) {
      const raised = ip.toPyRaise(error);
      ip.unwindTo(f.stackBase + h);
      ip.addTraceback(raised, f);
      const state = genExcState(f);
      state.stack.push(raised.exc);
      ip.handling = raised.exc;
      let fc: number;
      try {
        fc = yield* finalbody(f);
      } catch (inner) {
        const next = ip.toPyRaise(inner);
        ip.setContext(next.exc, raised.exc);
        ip.dropRaised(raised.exc);
        throw next;
      } finally {
        state.stack.pop();
        ip.handling = currentHandling(state);
      }
      if (fc !== NORMAL) {
        ip.dropRaised(raised.exc);
        return fc;
      }
      throw raised;
    }
    let fc: number;
    try {
      fc = yield* finalbody(f);
    } catch (error) {
      dropPendingReturn(ip, f, c);
      throw error;
    }
    return fc !== NORMAL ? fc : c;
  };
}

/** `with` in a generator body (several items nest, first outermost): as {@link compileWith}, suspending in the body. */
export function compileGenWith(cx: CodeContext, node: With): GenEx {
  let inner = compileGenBlock(cx, node.body);
  for (let i = node.items.length - 1; i >= 0; i--) {
    const item = node.items[i];
    inner = genWithItem(
      cx,
      compileExpr(cx, item.context_expr),
      item.optional_vars ? compileTarget(cx, item.optional_vars) : null,
      inner,
    );
  }
  return inner;
}

function genWithItem(cx: CodeContext, manager: Ev, target: Target | null, body: GenEx): GenEx {
  const ip = cx.ip;
  return function* (f) {
    const h = ip.stackHeight - f.stackBase;
    const mgr = manager(f);
    ip.push(mgr);
    const exit = ip.boundSpecial(mgr, '__exit__', "' object does not support the context manager protocol");
    ip.push(exit);
    const enter = ip.boundSpecial(mgr, '__enter__', "' object does not support the context manager protocol");
    ip.push(enter);
    const value = ip.call(enter, [], null);
    ip.pop();
    ip.drop(enter);
    let c: number;
    try {
      if (target) target(f, value);
      else ip.drop(value);
      c = yield* body(f);
    } catch (error) {
      const raised = ip.toPyRaise(error);
      ip.unwindTo(f.stackBase + h + 2);
      ip.addTraceback(raised, f);
      const exc = raised.exc;
      const state = genExcState(f);
      state.stack.push(exc);
      ip.handling = exc;
      let suppress: boolean;
      try {
        const type = ip.own(ip.typeObjectOf(exc));
        ip.push(type);
        const tb = ip.tracebackOf(exc);
        let r: number;
        try {
          r = ip.call(exit, [type, exc, tb], null);
        } finally {
          ip.drop(tb); // also when __exit__ raises (found by fuzzing: the traceback leaked)
        }
        ip.pop();
        ip.drop(type);
        suppress = ip.truthy(r);
        ip.drop(r);
      } catch (inner) {
        const next = ip.toPyRaise(inner);
        ip.setContext(next.exc, exc);
        ip.dropRaised(exc);
        ip.unwindTo(f.stackBase + h);
        throw next;
      } finally {
        state.stack.pop();
        ip.handling = currentHandling(state);
      }
      ip.unwindTo(f.stackBase + h);
      if (suppress) {
        ip.dropRaised(exc);
        return NORMAL;
      }
      throw raised;
    }
    const none = ip.none;
    const r = ip.call(exit, [none, none, none], null);
    ip.drop(r);
    ip.unwindTo(f.stackBase + h);
    return c;
  };
}
