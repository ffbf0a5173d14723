/**
 * Compiling calls: `CALL` for plain calls (the arguments on the value stack, taken over by a Python
 * callee) and `CALL_FUNCTION_EX` for calls with `*` or `**` (one tuple and one dict); see
 * `runtime/call-site.ts` for what each does with the references.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { Expr, Keyword } from '../ast-nodes.js';
import { callEx, callMethodOnStack, callOnStack } from '../runtime/call-site.js';
import type { Frame, Interp, KwArgs } from '../runtime/interp.js';
import { collect } from '../runtime/iterate.js';
import { compileExpr, compileItems } from './compile-expr.js';
import type { CodeContext, Ev } from './context.js';

/** Compiles the arguments of a plain call (no `*` or `**`): positional, then keyword, on the stack. */
function compileArguments(
  cx: CodeContext,
  args: Expr[],
  keywords: Keyword[],
): (f: Frame) => { args: number[]; kw: KwArgs | null } {
  const ip = cx.ip;
  const positional = compileItems(cx, args);
  const kws = keywords.map((k) => ({ name: k.arg as string, ev: compileExpr(cx, k.value) }));
  return (f) => {
    const values = positional(f);
    if (kws.length === 0) return { args: values, kw: null };
    const kw: KwArgs = { names: [], values: [] };
    for (const k of kws) {
      const v = k.ev(f);
      ip.push(v);
      kw.names.push(k.name);
      kw.values.push(v);
    }
    return { args: values, kw };
  };
}

export function compileCall(cx: CodeContext, node: Expr & { _type: 'Call' }): Ev {
  const ip = cx.ip;
  const { func: funcNode, args, keywords } = node;
  if (funcNode._type === 'Name' && funcNode.id === 'super' && args.length === 0) {
    return (f) => ip.zeroArgSuper(f);
  }
  if (args.some((a) => a._type === 'Starred') || keywords.some((k) => k.arg === null))
    return compileCallEx(cx, node);
  const bound = compileArguments(cx, args, keywords);
  if (funcNode._type === 'Attribute') {
    const target = compileExpr(cx, funcNode.value);
    const name = funcNode.attr;
    return (f) => {
      const h = ip.stackHeight;
      const obj = target(f);
      ip.push(obj);
      const a = bound(f);
      f.loc = node;
      const r = callMethodOnStack(ip, obj, name, a.args, a.kw, h);
      ip.unwindTo(h);
      return r;
    };
  }
  const func = compileExpr(cx, funcNode);
  return (f) => {
    const h = ip.stackHeight;
    const fn = func(f);
    ip.push(fn);
    const a = bound(f);
    f.loc = node;
    const r = callOnStack(ip, fn, a.args, a.kw, h + 1);
    ip.unwindTo(h);
    return r;
  };
}

/**
 * `CALL_FUNCTION_EX`: `f(*a, k=v, **d)`. The positional arguments become one tuple (the `*` operand
 * itself when it is the only one and a tuple), the keyword arguments one new dict (`BUILD_MAP`,
 * `DICT_MERGE`), before the call; what built them is released first.
 */
function compileCallEx(cx: CodeContext, node: Expr & { _type: 'Call' }): Ev {
  const ip = cx.ip;
  const { func: funcNode, args, keywords } = node;
  const func = compileExpr(cx, funcNode);
  const positional = compileItems(cx, args);
  const onlyStar = args.length === 1 && args[0]._type === 'Starred' ? compileExpr(cx, args[0].value) : null;
  const kws = keywords.map((k) => ({ name: k.arg, ev: compileExpr(cx, k.value) }));
  return (f) => {
    const h = ip.stackHeight;
    const fn = func(f);
    ip.push(fn);
    const at = ip.stackHeight;
    let callargs: number;
    if (onlyStar) {
      const v = onlyStar(f);
      ip.push(v);
      callargs = ip.store.type[v] === TypeId.Tuple ? ip.own(v) : ip.own(ip.heap.newTuple(collect(ip, v)));
    } else {
      callargs = ip.own(ip.heap.newTuple(positional(f)));
    }
    ip.unwindTo(at);
    ip.push(callargs);
    let kwargs = NULL_REF;
    if (kws.length > 0) {
      kwargs = ip.own(ip.heap.newDict());
      ip.push(kwargs);
      for (const k of kws) {
        const v = k.ev(f);
        ip.push(v);
        if (k.name !== null) {
          const key = ip.str(k.name, true);
          ip.setItem(kwargs, key, v);
          ip.drop(key);
        } else {
          mergeKwargs(ip, kwargs, v);
        }
        ip.drop(ip.pop());
      }
    }
    f.loc = node;
    const r = callEx(ip, fn, callargs, kwargs, at);
    ip.unwindTo(h);
    return r;
  };
}

/** `DICT_MERGE`: the `**` operand's items into the call's keyword dict, refusing non-str and repeated keys. */
function mergeKwargs(ip: Interp, kwargs: number, other: number): void {
  if (ip.store.type[other] !== TypeId.Dict)
    ip.raise('TypeError', `argument after ** must be a mapping, not ${ip.typeName(other)}`);
  const store = ip.store;
  const cells = store.refs.cells;
  for (let i = 0; i < store.refLen[other]; i += 2) {
    const key = cells[store.refStart[other] + i];
    if (key === NULL_REF) continue;
    if (store.type[key] !== TypeId.Str) ip.raise('TypeError', 'keywords must be strings');
    if (ip.contains(kwargs, key))
      ip.raise('TypeError', `got multiple values for keyword argument '${ip.text(key)}'`);
    ip.setItem(kwargs, key, cells[store.refStart[other] + i + 1]);
  }
}
