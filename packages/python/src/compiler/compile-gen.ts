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
import type { Frame, Interp } from '../runtime/interp.js';
import { getIterOf, iterNext } from '../runtime/iterate.js';
import type { PyRaise } from '../runtime/signals.js';
import { builtinType, typeOf } from '../runtime/types.js';
import { compileExpr, compileTest } from './compile-expr.js';
import { compileStmt, INPLACE } from './compile-stmt.js';
import { compileTarget } from './compile-target.js';
import { compileGenTry, compileGenWith } from './compile-try.js';
import { BREAK, type CodeContext, CompileRefusal, NORMAL, RETURN } from './context.js';
import { closeGenerator, resume } from './generators.js';
import { compileNameLoad, compileNameStore } from './names.js';

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
      const it = getIterOf(ip, source(f));
      ip.push(it);
      const gen = ip.isGenerator(it);
      // While it delegates, the frame's instruction is the `yield from` (CPython's SEND).
      f.loc = node;
      let v = gen ? ip.resumeGenerator(it, ip.none, false) : iterNext(ip, it);
      while (v !== NULL_REF) {
        let sent: number;
        try {
          sent = yield v;
        } catch (error) {
          v = throwIntoSubiterator(ip, it, gen, ip.toPyRaise(error));
          continue;
        }
        f.loc = node;
        v = gen ? ip.resumeGenerator(it, sent, false) : iterNext(ip, it);
        ip.drop(sent);
      }
      ip.pop();
      const result = gen ? ip.takeReturnValue(it) : ip.own(ip.none);
      ip.drop(it);
      return result;
    };
  }
  throw new CompileRefusal("'yield' inside an expression", (node as Expr).lineno);
}

/**
 * An exception thrown into a generator suspended in `yield from` (`gen_throw` with `yf`):
 * `GeneratorExit` closes the subiterator, then is raised here; another exception is thrown into
 * a subgenerator, whose next value (or NULL_REF when it finished) goes on; a plain iterator
 * cannot take it, so it is raised here.
 */
function throwIntoSubiterator(ip: Interp, it: number, gen: boolean, raised: PyRaise): number {
  if (typeOf(ip, raised.exc).mro.includes(builtinType(ip, 'GeneratorExit'))) {
    if (gen) ip.drop(closeGenerator(ip, it));
    throw raised;
  }
  if (!gen) throw raised;
  return resume(ip, it, ip.none, raised);
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

/**
 * A generator's exception state (`gi_exc_state`): the exceptions its handlers are handling,
 * innermost last, kept across `yield`; `caller` is what the code resuming it is handling
 * (what `sys.exc_info()` shows inside the generator outside any handler of its own).
 */
export interface GenExcState {
  caller: number;
  readonly stack: number[];
}

const excStates = new WeakMap<Frame, GenExcState>();

/** The exception state of a generator's frame. */
export function genExcState(f: Frame): GenExcState {
  let state = excStates.get(f);
  if (!state) {
    state = { caller: NULL_REF, stack: [] };
    excStates.set(f, state);
  }
  return state;
}

/** What the generator is handling now: its innermost handler's exception, else its caller's. */
export function currentHandling(state: GenExcState): number {
  return state.stack.length > 0 ? state.stack[state.stack.length - 1] : state.caller;
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
        const it = getIterOf(ip, iterable(f));
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
    case 'Return': {
      if (!node.value) break;
      const y = compileYieldExpr(cx, node.value);
      return function* (f) {
        const v = yield* y(f);
        if (f.retval !== NULL_REF) ip.drop(f.retval);
        f.retval = v;
        return RETURN;
      };
    }
    case 'AugAssign': {
      if (node.target._type !== 'Name') break;
      const load = compileNameLoad(cx, node.target.id);
      const store = compileNameStore(cx, node.target.id);
      const y = compileYieldExpr(cx, node.value);
      const op = node.op;
      return function* (f) {
        const a = load(f);
        ip.push(a);
        const b = yield* y(f);
        ip.push(b);
        const r = ip.inplaceOp(op, INPLACE[op] ?? '', a, b);
        ip.drop(ip.pop());
        ip.drop(ip.pop());
        store(f, r);
        return NORMAL;
      };
    }
    case 'Try':
      return compileGenTry(cx, node);
    case 'With':
      return compileGenWith(cx, node);
    default:
      break;
  }
  throw new CompileRefusal(`'yield' inside '${node._type}' here`, node.lineno);
}
