/**
 * Assignment targets (`STORE_*`, `UNPACK_SEQUENCE`, `UNPACK_EX`) and `del` targets. A target
 * takes an owned value.
 *
 * @module
 */

import type { Expr } from '../ast-nodes.js';
import { delAttr, setAttr } from '../runtime/attributes.js';
import type { Frame } from '../runtime/interp.js';
import { delItem, setItem } from '../runtime/items.js';
import { collect } from '../runtime/iterate.js';
import { compileExpr } from './compile-expr.js';
import { type CodeContext, CompileRefusal } from './context.js';
import { compileNameDelete, compileNameStore } from './names.js';

/** Stores an owned value into a target. */
export type Target = (f: Frame, value: number) => void;

/** Compiles an assignment target. */
export function compileTarget(cx: CodeContext, node: Expr): Target {
  const ip = cx.ip;
  switch (node._type) {
    case 'Name':
      return compileNameStore(cx, node.id);
    case 'Attribute': {
      const obj = compileExpr(cx, node.value);
      const name = node.attr;
      return (f, v) => {
        ip.push(v);
        const o = obj(f);
        ip.push(o);
        f.loc = node;
        setAttr(ip, o, name, v);
        ip.pop();
        ip.pop();
        ip.drop(o);
        ip.drop(v);
      };
    }
    case 'Subscript': {
      const obj = compileExpr(cx, node.value);
      const key = compileExpr(cx, node.slice);
      return (f, v) => {
        ip.push(v);
        const o = obj(f);
        ip.push(o);
        const k = key(f);
        ip.push(k);
        f.loc = node;
        setItem(ip, o, k, v);
        ip.pop();
        ip.pop();
        ip.pop();
        ip.drop(k);
        ip.drop(o);
        ip.drop(v);
      };
    }
    case 'Tuple':
    case 'List': {
      const elts = node.elts;
      const star = elts.findIndex((e) => e._type === 'Starred');
      const targets = elts.map((e) => compileTarget(cx, e._type === 'Starred' ? e.value : e));
      return (f, v) => {
        const h = ip.stackHeight;
        ip.push(v);
        f.loc = node;
        const items = collect(ip, v);
        const n = items.length;
        if (star < 0) {
          if (n < elts.length)
            ip.raise('ValueError', `not enough values to unpack (expected ${elts.length}, got ${n})`);
          if (n > elts.length) ip.raise('ValueError', `too many values to unpack (expected ${elts.length})`);
          for (let i = 0; i < n; i++) targets[i](f, ip.own(items[i]));
        } else {
          const after = elts.length - star - 1;
          if (n < elts.length - 1)
            ip.raise(
              'ValueError',
              `not enough values to unpack (expected at least ${elts.length - 1}, got ${n})`,
            );
          for (let i = 0; i < star; i++) targets[i](f, ip.own(items[i]));
          targets[star](f, ip.newList(items.slice(star, n - after)));
          for (let i = 0; i < after; i++) targets[star + 1 + i](f, ip.own(items[n - after + i]));
        }
        ip.unwindTo(h);
      };
    }
    case 'Starred':
      throw new CompileRefusal('starred assignment target must be in a list or tuple', node.lineno);
    default:
      throw new CompileRefusal(`assignment to '${node._type}'`, node.lineno);
  }
}

/** Compiles a `del` target. */
export function compileDelete(cx: CodeContext, node: Expr): (f: Frame) => void {
  const ip = cx.ip;
  switch (node._type) {
    case 'Name':
      return compileNameDelete(cx, node.id);
    case 'Attribute': {
      const obj = compileExpr(cx, node.value);
      const name = node.attr;
      return (f) => {
        const o = obj(f);
        ip.push(o);
        f.loc = node;
        delAttr(ip, o, name);
        ip.pop();
        ip.drop(o);
      };
    }
    case 'Subscript': {
      const obj = compileExpr(cx, node.value);
      const key = compileExpr(cx, node.slice);
      return (f) => {
        const o = obj(f);
        ip.push(o);
        const k = key(f);
        ip.push(k);
        f.loc = node;
        delItem(ip, o, k);
        ip.pop();
        ip.pop();
        ip.drop(k);
        ip.drop(o);
      };
    }
    case 'Tuple':
    case 'List': {
      const parts = node.elts.map((e) => compileDelete(cx, e));
      return (f) => {
        for (const p of parts) p(f);
      };
    }
    default:
      throw new CompileRefusal(`'del' of '${node._type}'`, node.lineno);
  }
}
