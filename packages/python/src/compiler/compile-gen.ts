/**
 * Generator bodies: statements that contain `yield` compile to JavaScript generator functions
 * (so the frame can suspend at each `yield`), the others to the ordinary closures. A `yield` may
 * stand as a statement, as the value of an assignment, or as `yield from`; elsewhere inside an
 * expression it is refused with a clear message.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { Expr, Stmt } from '../ast-nodes.js';
import type { Frame } from '../runtime/interp.js';
import { getIter, iterNext } from '../runtime/iterate.js';
import { compileExpr, compileTest } from './compile-expr.js';
import { compileStmt } from './compile-stmt.js';
import { compileTarget } from './compile-target.js';
import { BREAK, type CodeContext, CompileRefusal, NORMAL, RETURN } from './context.js';
import { compileNameDelete, compileNameStore } from './names.js';

/** A statement of a generator body: yields owned values, receives sent values, returns a completion. */
export type GenEx = (f: Frame) => Generator<number, number, number>;

/** Whether a node contains `yield` (not looking into nested scopes). */
export function containsYield(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const t = (node as { _type?: string })._type;
  if (t === 'Yield' || t === 'YieldFrom') return true;
  if (
    t === 'FunctionDef' ||
    t === 'Lambda' ||
    t === 'ClassDef' ||
    t === 'ListComp' ||
    t === 'SetComp' ||
    t === 'DictComp' ||
    t === 'GeneratorExp'
  )
    return false;
  for (const key in node as Record<string, unknown>) {
    const value = (node as Record<string, unknown>)[key];
    if (Array.isArray(value) ? value.some(containsYield) : typeof value === 'object' && containsYield(value))
      return true;
  }
  return false;
}

/** Compiles a `yield`/`yield from` expression in generator mode: yields, then returns the sent value (owned). */
function compileYieldExpr(cx: CodeContext, node: Expr): GenEx {
  const ip = cx.ip;
  if (node._type === 'Yield') {
    const value = node.value ? compileExpr(cx, node.value) : null;
    return function* (f) {
      const v = value ? value(f) : ip.own(ip.none);
      return yield v;
    };
  }
  if (node._type === 'YieldFrom') {
    const source = compileExpr(cx, node.value);
    return function* (f) {
      const s = source(f);
      ip.push(s);
      const it = getIter(ip, s);
      ip.pop();
      ip.drop(s);
      ip.push(it);
      let sent = ip.own(ip.none);
      const gen = ip.isGenerator(it);
      for (;;) {
        const v = gen ? ip.resumeGenerator(it, sent, false) : iterNext(ip, it);
        ip.drop(sent);
        if (v === NULL_REF) break;
        sent = yield v;
      }
      ip.pop();
      const result = gen ? ip.takeReturnValue(it) : ip.own(ip.none);
      ip.drop(it);
      return result;
    };
  }
  throw new CompileRefusal("'yield' inside an expression", (node as Expr).lineno);
}

/** Compiles a block of a generator body. */
export function compileGenBlock(cx: CodeContext, body: Stmt[]): GenEx {
  const stmts = body.map((s) => compileGenStmt(cx, s));
  return function* (f) {
    for (const s of stmts) {
      const c = yield* s(f);
      if (c !== NORMAL) return c;
    }
    return NORMAL;
  };
}

function compileGenStmt(cx: CodeContext, node: Stmt): GenEx {
  const ip = cx.ip;
  if (!containsYield(node)) {
    const plain = compileStmt(cx, node);
    // biome-ignore lint/correctness/useYield: a statement without yield runs to its end.
    return function* (f) {
      return plain(f);
    };
  }
  const line = node.lineno;
  const inner = compileGenStmtBody(cx, node);
  return function* (f) {
    f.lineno = line;
    f.loc = node;
    ip.step();
    return yield* inner(f);
  };
}

function compileGenStmtBody(cx: CodeContext, node: Stmt): GenEx {
  const ip = cx.ip;
  switch (node._type) {
    case 'Expr': {
      const y = compileYieldExpr(cx, node.value);
      return function* (f) {
        ip.drop(yield* y(f));
        return NORMAL;
      };
    }
    case 'Assign': {
      if (node.targets.length !== 1) break;
      const y = compileYieldExpr(cx, node.value);
      const target = compileTarget(cx, node.targets[0]);
      return function* (f) {
        target(f, yield* y(f));
        return NORMAL;
      };
    }
    case 'If': {
      const test = compileTest(cx, node.test);
      const body = compileGenBlock(cx, node.body);
      const orelse = compileGenBlock(cx, node.orelse);
      return function* (f) {
        return test(f) ? yield* body(f) : yield* orelse(f);
      };
    }
    case 'While': {
      const test = compileTest(cx, node.test);
      const body = compileGenBlock(cx, node.body);
      const orelse = compileGenBlock(cx, node.orelse);
      return function* (f) {
        while (test(f)) {
          const c = yield* body(f);
          if (c === BREAK) return NORMAL;
          if (c === RETURN) return c;
        }
        return yield* orelse(f);
      };
    }
    case 'For': {
      const iterable = compileExpr(cx, node.iter);
      const target = compileTarget(cx, node.target);
      const body = compileGenBlock(cx, node.body);
      const orelse = compileGenBlock(cx, node.orelse);
      return function* (f) {
        const source = iterable(f);
        ip.push(source);
        const it = getIter(ip, source);
        ip.pop();
        ip.drop(source);
        ip.push(it);
        let broke = false;
        for (;;) {
          const item = iterNext(ip, it);
          if (item === NULL_REF) break;
          target(f, item);
          const c = yield* body(f);
          if (c === BREAK) {
            broke = true;
            break;
          }
          if (c === RETURN) {
            ip.drop(ip.pop());
            return RETURN;
          }
        }
        ip.drop(ip.pop());
        return broke ? NORMAL : yield* orelse(f);
      };
    }
    case 'Try': {
      if (node.handlers.some((h) => containsYield(h)) && node.finalbody.length > 0) break;
      const body = compileGenBlock(cx, node.body);
      const handlers = node.handlers.map((h) => ({
        type: h.type ? compileExpr(cx, h.type) : null,
        bind: h.name ? compileNameStore(cx, h.name) : null,
        unbind: h.name ? compileNameDelete(cx, h.name) : null,
        body: compileGenBlock(cx, h.body),
      }));
      const orelse = compileGenBlock(cx, node.orelse);
      const finalbody = compileGenBlock(cx, node.finalbody);
      return function* (f) {
        const h = ip.stackHeight;
        try {
          let c: number;
          try {
            c = yield* body(f);
          } catch (error) {
            const raised = ip.toPyRaise(error);
            ip.unwindTo(h);
            ip.addTraceback(raised, f);
            const exc = raised.exc;
            for (const handler of handlers) {
              if (handler.type) {
                const t = handler.type(f);
                const matches = ip.exceptionMatches(exc, t);
                ip.drop(t);
                if (!matches) continue;
              }
              const previous = ip.handling;
              ip.handling = exc;
              try {
                if (handler.bind) handler.bind(f, ip.own(exc));
                const hc = yield* handler.body(f);
                if (handler.bind) {
                  handler.bind(f, ip.own(ip.none));
                  handler.unbind!(f);
                }
                return hc;
              } finally {
                ip.handling = previous;
                ip.dropRaised(exc);
              }
            }
            throw raised;
          }
          return c === NORMAL ? yield* orelse(f) : c;
        } finally {
          yield* finalbody(f);
        }
      };
    }
    default:
      break;
  }
  throw new CompileRefusal(`'yield' inside '${node._type}' here`, node.lineno);
}
