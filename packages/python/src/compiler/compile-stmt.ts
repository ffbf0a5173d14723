/**
 * Compiling statements to closures that return a completion (normal, break, continue, return).
 * Each statement records its line in the frame and counts one step.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { Expr, Stmt } from '../ast-nodes.js';
import { cannotImportMessage } from '../modules/source-modules.js';
import { callMethodByName, getAttr, setAttr } from '../runtime/attributes.js';
import type { Frame } from '../runtime/interp.js';
import { getItem, setItem } from '../runtime/items.js';
import { getIterOf, iterNext } from '../runtime/iterate.js';
import { compileExpr, compileTest } from './compile-expr.js';
import { compileClass, compileFunctionDef } from './compile-function.js';
import { compileDelete, compileTarget } from './compile-target.js';
import { compileTry, compileWith } from './compile-try.js';
import { BREAK, CONTINUE, type CodeContext, CompileRefusal, type Ex, NORMAL, RETURN } from './context.js';
import { compileNameLoad, compileNameStore } from './names.js';

/** Compiles a block of statements into one. */
export function compileBlock(cx: CodeContext, body: Stmt[]): Ex {
  const stmts = body.map((s) => compileStmt(cx, s));
  if (stmts.length === 1) return stmts[0];
  return (f) => {
    for (let i = 0; i < stmts.length; i++) {
      const c = stmts[i](f);
      if (c !== NORMAL) return c;
    }
    return NORMAL;
  };
}

/** Compiles one statement, wrapped to record its line and count a step. */
export function compileStmt(cx: CodeContext, node: Stmt): Ex {
  const ip = cx.ip;
  const inner = compileStmtBody(cx, node);
  const line = node.lineno;
  // A line mark is decided here, at compile time, so statements without one pay nothing.
  const mark = cx.filename === ip.options.filename ? ip.options.lineMarks?.get(line) : undefined;
  if (mark !== undefined) {
    return (f) => {
      f.lineno = line;
      f.loc = node;
      ip.step();
      mark();
      return inner(f);
    };
  }
  return (f) => {
    f.lineno = line;
    f.loc = node;
    ip.step();
    return inner(f);
  };
}

function compileStmtBody(cx: CodeContext, node: Stmt): Ex {
  const ip = cx.ip;
  switch (node._type) {
    case 'Expr': {
      const value = compileExpr(cx, node.value);
      return (f) => {
        ip.drop(value(f));
        return NORMAL;
      };
    }
    case 'Assign': {
      const value = compileExpr(cx, node.value);
      const targets = node.targets.map((t) => compileTarget(cx, t));
      if (targets.length === 1) {
        const target = targets[0];
        return (f) => {
          target(f, value(f));
          return NORMAL;
        };
      }
      return (f) => {
        const v = value(f);
        ip.push(v);
        for (const t of targets) t(f, ip.own(v));
        ip.pop();
        ip.drop(v);
        return NORMAL;
      };
    }
    case 'AnnAssign': {
      if (!node.value) return () => NORMAL;
      const value = compileExpr(cx, node.value);
      const target = compileTarget(cx, node.target);
      return (f) => {
        target(f, value(f));
        return NORMAL;
      };
    }
    case 'AugAssign':
      return compileAugAssign(cx, node.target, node.op, node.value);
    case 'Pass':
      return () => NORMAL;
    case 'Break':
      return () => BREAK;
    case 'Continue':
      return () => CONTINUE;
    case 'Return': {
      const value = node.value ? compileExpr(cx, node.value) : null;
      return (f) => {
        const v = value ? value(f) : ip.own(ip.none);
        if (f.retval !== NULL_REF) ip.drop(f.retval);
        f.retval = v;
        return RETURN;
      };
    }
    case 'If': {
      const test = compileTest(cx, node.test);
      const body = compileBlock(cx, node.body);
      const orelse = node.orelse.length > 0 ? compileBlock(cx, node.orelse) : null;
      return (f) => (test(f) ? body(f) : orelse ? orelse(f) : NORMAL);
    }
    case 'While': {
      const test = compileTest(cx, node.test);
      const body = compileBlock(cx, node.body);
      const orelse = node.orelse.length > 0 ? compileBlock(cx, node.orelse) : null;
      const line = node.lineno;
      return (f) => {
        while (test(f)) {
          const c = body(f);
          if (c === BREAK) return NORMAL;
          if (c === RETURN) return c;
          f.lineno = line;
        }
        return orelse ? orelse(f) : NORMAL;
      };
    }
    case 'For':
      return compileFor(cx, node.target, node.iter, node.body, node.orelse);
    case 'Delete': {
      const targets = node.targets.map((t) => compileDelete(cx, t));
      return (f) => {
        for (const t of targets) t(f);
        return NORMAL;
      };
    }
    case 'Global':
    case 'Nonlocal':
      return () => NORMAL;
    case 'FunctionDef':
      return compileFunctionDef(cx, node);
    case 'ClassDef':
      return compileClass(cx, node);
    case 'Try':
      return compileTry(cx, node);
    case 'With':
      return compileWith(cx, node);
    case 'Raise':
      return compileRaise(cx, node);
    case 'Assert': {
      const test = compileTest(cx, node.test);
      const msg = node.msg ? compileExpr(cx, node.msg) : null;
      return (f) => {
        if (test(f)) return NORMAL;
        const exc = ip.newException('AssertionError', undefined, msg ? msg(f) : NULL_REF);
        f.loc = ip.heap.sizes.version === '3.12' ? node : node.test;
        return ip.raiseObject(exc, f);
      };
    }
    case 'Import':
      return compileImport(cx, node.names);
    case 'ImportFrom': {
      const module = node.module ?? '';
      const names = node.names.map((a) => ({
        name: a.name,
        store: compileNameStore(cx, a.asname ?? a.name),
      }));
      if (node.names.some((a) => a.name === '*'))
        throw new CompileRefusal("'from ... import *'", node.lineno);
      return (f) => {
        const m = ip.importModule(module);
        ip.push(m);
        for (const n of names) {
          let v: number;
          try {
            v = getAttr(ip, m, n.name);
          } catch (error) {
            ip.dropRaised(ip.toPyRaise(error).exc);
            return ip.raise('ImportError', cannotImportMessage(ip, m, n.name));
          }
          n.store(f, v);
        }
        ip.pop();
        ip.drop(m);
        return NORMAL;
      };
    }
    default:
      throw new CompileRefusal(`the statement '${node._type}'`, node.lineno);
  }
}

function compileImport(cx: CodeContext, names: { name: string; asname: string | null }[]): Ex {
  const ip = cx.ip;
  const parts = names.map((a) => {
    if (a.name.includes('.') && !a.asname) throw new CompileRefusal(`'import ${a.name}' (a package)`, 0);
    return { name: a.name, store: compileNameStore(cx, a.asname ?? a.name) };
  });
  return (f) => {
    for (const p of parts) p.store(f, ip.importModule(p.name));
    return NORMAL;
  };
}

function compileFor(
  cx: CodeContext,
  targetNode: Expr,
  iterNode: Expr,
  bodyNodes: Stmt[],
  orelseNodes: Stmt[],
): Ex {
  const ip = cx.ip;
  const iterable = compileExpr(cx, iterNode);
  const target = compileTarget(cx, targetNode);
  const body = compileBlock(cx, bodyNodes);
  const orelse = orelseNodes.length > 0 ? compileBlock(cx, orelseNodes) : null;
  return (f) => {
    const it = getIterOf(ip, iterable(f));
    ip.push(it);
    let broke = false;
    for (;;) {
      const item = iterNext(ip, it);
      if (item === NULL_REF) break;
      target(f, item);
      const c = body(f);
      if (c === BREAK) {
        broke = true;
        break;
      }
      if (c === RETURN) {
        ip.pop();
        ip.drop(it);
        return RETURN;
      }
    }
    ip.pop();
    ip.drop(it);
    if (!broke && orelse) return orelse(f);
    return NORMAL;
  };
}

export const INPLACE: Record<string, string> = {
  Add: '__iadd__',
  Sub: '__isub__',
  Mult: '__imul__',
  BitOr: '__ior__',
  BitAnd: '__iand__',
  BitXor: '__ixor__',
  FloorDiv: '__ifloordiv__',
  Div: '__itruediv__',
  Mod: '__imod__',
};

function compileAugAssign(cx: CodeContext, target: Expr, op: string, valueNode: Expr): Ex {
  const ip = cx.ip;
  const value = compileExpr(cx, valueNode);
  const inplace = (a: number, b: number) => ip.inplaceOp(op, INPLACE[op] ?? '', a, b);
  if (target._type === 'Name') {
    const load = compileNameLoad(cx, target.id);
    const store = compileNameStore(cx, target.id);
    return (f) => {
      const a = load(f);
      ip.push(a);
      const b = value(f);
      ip.push(b);
      const r = inplace(a, b);
      ip.pop();
      ip.pop();
      ip.drop(b);
      ip.drop(a);
      store(f, r);
      return NORMAL;
    };
  }
  if (target._type === 'Attribute') {
    const obj = compileExpr(cx, target.value);
    const name = target.attr;
    return (f) => {
      const h = ip.stackHeight;
      const o = obj(f);
      ip.push(o);
      const a = getAttr(ip, o, name);
      ip.push(a);
      const b = value(f);
      ip.push(b);
      const r = inplace(a, b);
      ip.push(r);
      setAttr(ip, o, name, r);
      ip.unwindTo(h);
      return NORMAL;
    };
  }
  if (target._type === 'Subscript') {
    const obj = compileExpr(cx, target.value);
    const key = compileExpr(cx, target.slice);
    return (f) => {
      const h = ip.stackHeight;
      const o = obj(f);
      ip.push(o);
      const k = key(f);
      ip.push(k);
      const a = getItem(ip, o, k);
      ip.push(a);
      const b = value(f);
      ip.push(b);
      const r = inplace(a, b);
      ip.push(r);
      setItem(ip, o, k, r);
      ip.unwindTo(h);
      return NORMAL;
    };
  }
  throw new CompileRefusal(`augmented assignment to '${target._type}'`, target.lineno);
}

function compileRaise(cx: CodeContext, node: Stmt & { _type: 'Raise' }): Ex {
  const ip = cx.ip;
  const exc = node.exc ? compileExpr(cx, node.exc) : null;
  const cause = node.cause ? compileExpr(cx, node.cause) : null;
  return (f: Frame) => {
    f.loc = node;
    if (!exc) return ip.reraise(f);
    const value = exc(f);
    ip.push(value);
    const instance = ip.exceptionInstance(value);
    ip.pop();
    ip.drop(value);
    if (cause) {
      ip.push(instance);
      const c = cause(f);
      ip.setCause(instance, c); // the stack still owns the instance if the cause is refused
      ip.pop();
    }
    f.loc = node;
    return ip.raiseObject(instance, f);
  };
}

/** Calls `obj.name()` with no arguments and drops the result (used by `with` and `try`). */
export function callAndDrop(cx: CodeContext, obj: number, name: string): void {
  cx.ip.drop(callMethodByName(cx.ip, obj, name, [], null));
}
