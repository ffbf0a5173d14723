/**
 * Compiling expressions to closures. Each closure returns an owned slot; operands that an
 * expression holds while it evaluates the next are on the value stack (roots), and are dropped
 * once the operation has its result, as CPython's `BINARY_OP` decrefs its operands.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { Expr } from '../ast-nodes.js';
import { ELLIPSIS } from '../ast-nodes.js';
import { getAttr } from '../runtime/attributes.js';
import { compareBool, richCompare } from '../runtime/compare.js';
import type { Frame, Interp } from '../runtime/interp.js';
import { getItem } from '../runtime/items.js';
import { collect } from '../runtime/iterate.js';
import { listAppendItem, listExtend } from '../runtime/list-build.js';
import { binaryOp, unaryOp } from '../runtime/numbers.js';
import { setUpdate } from '../runtime/set-build.js';
import { constantFrozensetOrder } from '../runtime/set-order.js';
import { compileCall } from './compile-call.js';
import { compileComprehension, compileLambda } from './compile-function.js';
import { type CodeContext, CompileRefusal, type Ev } from './context.js';
import { foldConstant } from './fold-constants.js';
import { compileNameLoad, compileNameStore } from './names.js';

/** Creates a constant (owned by the code object) and returns its slot. */
export function constant(cx: CodeContext, value: unknown, lineno: number): number {
  const ip = cx.ip;
  if (value === null) return ip.none;
  if (value === true || value === false) return ip.bool(value);
  const key =
    typeof value === 'bigint'
      ? `i${value}`
      : typeof value === 'number'
        ? `f${Object.is(value, -0) ? '-0' : value}`
        : typeof value === 'string'
          ? `s${value}`
          : null;
  const known = key === null ? undefined : cx.constIndex.get(key);
  if (known !== undefined) {
    cx.consts.push(ip.keepForever(ip.own(known)));
    return known;
  }
  const slot = constantObject(cx, value, lineno);
  if (key !== null) cx.constIndex.set(key, slot);
  return slot;
}

function constantObject(cx: CodeContext, value: unknown, lineno: number): number {
  const ip = cx.ip;
  let slot: number;
  if (typeof value === 'bigint') slot = ip.int(value);
  else if (typeof value === 'number') slot = ip.float(value);
  else if (typeof value === 'string') slot = ip.str(value, /^[A-Za-z0-9_]*$/.test(value));
  else if (value === ELLIPSIS) return ip.ellipsis;
  else if (value instanceof Uint8Array) slot = ip.bytesValue(value);
  else throw new CompileRefusal('complex numbers', lineno);
  cx.consts.push(ip.keepForever(slot));
  return slot;
}

/** Compiles an expression. */
export function compileExpr(cx: CodeContext, node: Expr): Ev {
  const ip = cx.ip;
  switch (node._type) {
    case 'Constant': {
      const slot = constant(cx, node.value, node.lineno);
      return () => ip.own(slot);
    }
    case 'Name': {
      const load = compileNameLoad(cx, node.id);
      return (f) => {
        f.loc = node;
        return load(f);
      };
    }
    case 'BinOp': {
      const folded = foldConstant(node);
      if (folded !== undefined) {
        const slot = constant(cx, folded, node.lineno);
        return () => ip.own(slot);
      }
      const left = compileExpr(cx, node.left);
      const right = compileExpr(cx, node.right);
      const op = node.op;
      return (f) => {
        const a = left(f);
        ip.push(a);
        const b = right(f);
        ip.push(b);
        f.loc = node;
        const r = binaryOp(ip, op, a, b);
        ip.pop();
        ip.pop();
        ip.drop(b);
        ip.drop(a);
        return r;
      };
    }
    case 'UnaryOp': {
      const folded = foldConstant(node);
      if (folded !== undefined) {
        const slot = constant(cx, folded, node.lineno);
        return () => ip.own(slot);
      }
      const operand = compileExpr(cx, node.operand);
      const op = node.op;
      return (f) => {
        const a = operand(f);
        ip.push(a);
        f.loc = node;
        const r = unaryOp(ip, op, a);
        ip.pop();
        ip.drop(a);
        return r;
      };
    }
    case 'BoolOp': {
      const values = node.values.map((v) => compileExpr(cx, v));
      const isAnd = node.op === 'And';
      return (f) => {
        let v = NULL_REF;
        for (let i = 0; i < values.length; i++) {
          if (v !== NULL_REF) ip.drop(v);
          v = values[i](f);
          if (i === values.length - 1) break;
          ip.push(v);
          const truth = ip.truthy(v);
          ip.pop();
          if (truth !== isAnd) break;
        }
        return v;
      };
    }
    case 'Compare':
      return compileCompare(cx, node);
    case 'IfExp': {
      const test = compileTest(cx, node.test);
      const body = compileExpr(cx, node.body);
      const orelse = compileExpr(cx, node.orelse);
      return (f) => (test(f) ? body(f) : orelse(f));
    }
    case 'Tuple':
    case 'List':
    case 'Set':
      return compileDisplay(cx, node._type, node.elts);
    case 'Dict':
      return compileDict(cx, node.keys, node.values);
    case 'Attribute': {
      const value = compileExpr(cx, node.value);
      const attr = node.attr;
      return (f) => {
        const obj = value(f);
        ip.push(obj);
        f.loc = node;
        const r = getAttr(ip, obj, attr);
        ip.pop();
        ip.drop(obj);
        return r;
      };
    }
    case 'Subscript': {
      const value = compileExpr(cx, node.value);
      const key = compileExpr(cx, node.slice);
      return (f) => {
        const obj = value(f);
        ip.push(obj);
        const k = key(f);
        ip.push(k);
        f.loc = node;
        const r = getItem(ip, obj, k);
        ip.pop();
        ip.pop();
        ip.drop(k);
        ip.drop(obj);
        return r;
      };
    }
    case 'Slice': {
      const parts = [node.lower, node.upper, node.step].map((p) => (p ? compileExpr(cx, p) : null));
      return (f) => {
        const h = ip.stackHeight;
        const slots = parts.map((p) => {
          const v = p ? p(f) : ip.own(ip.none);
          ip.push(v);
          return v;
        });
        const r = ip.newSlice(slots);
        ip.unwindTo(h);
        return r;
      };
    }
    case 'Call':
      return compileCall(cx, node);
    case 'Lambda':
      return compileLambda(cx, node);
    case 'ListComp':
    case 'SetComp':
    case 'DictComp':
    case 'GeneratorExp':
      return compileComprehension(cx, node);
    case 'NamedExpr': {
      const value = compileExpr(cx, node.value);
      const store = compileNameStore(cx, (node.target as { id: string }).id);
      return (f) => {
        const v = value(f);
        store(f, ip.own(v));
        return v;
      };
    }
    case 'JoinedStr':
      return compileJoinedStr(cx, node.values);
    case 'FormattedValue':
      return compileJoinedStr(cx, [node]);
    case 'Starred':
      throw new CompileRefusal(
        "starred expression here ('*' outside a call, display or assignment)",
        node.lineno,
      );
    case 'Yield':
    case 'YieldFrom':
      return cx.ip.compileYield(cx, node);
    case 'Await':
      throw new CompileRefusal("'await'", node.lineno);
    default:
      throw new CompileRefusal(`the expression '${(node as Expr)._type}'`, (node as Expr).lineno);
  }
}

/** Compiles a condition to a JavaScript boolean (`POP_JUMP_IF_FALSE` on the truth of a value). */
export function compileTest(cx: CodeContext, node: Expr): (f: Frame) => boolean {
  const ip = cx.ip;
  if (
    node._type === 'Compare' &&
    node.ops.length === 1 &&
    !['Is', 'IsNot', 'In', 'NotIn'].includes(node.ops[0])
  ) {
    const left = compileExpr(cx, node.left);
    const right = compileExpr(cx, node.comparators[0]);
    const op = node.ops[0];
    return (f) => {
      const a = left(f);
      ip.push(a);
      const b = right(f);
      ip.push(b);
      f.loc = node;
      const r = compareBool(ip, op, a, b);
      ip.pop();
      ip.pop();
      ip.drop(b);
      ip.drop(a);
      return r;
    };
  }
  if (node._type === 'UnaryOp' && node.op === 'Not') {
    const inner = compileTest(cx, node.operand);
    return (f) => !inner(f);
  }
  const value = compileExpr(cx, node);
  return (f) => {
    const v = value(f);
    ip.push(v);
    const truth = ip.truthy(v);
    ip.pop();
    ip.drop(v);
    return truth;
  };
}

function compareOnce(ip: Interp, op: string, a: number, b: number): number {
  switch (op) {
    case 'Is':
      return ip.bool(a === b);
    case 'IsNot':
      return ip.bool(a !== b);
    case 'In':
      return ip.bool(ip.contains(b, a));
    case 'NotIn':
      return ip.bool(!ip.contains(b, a));
    default:
      return richCompare(ip, op, a, b);
  }
}

function compileCompare(cx: CodeContext, node: Expr & { _type: 'Compare' }): Ev {
  const ip = cx.ip;
  const ops = node.ops;
  const left = compileExpr(cx, node.left);
  const comparators = node.comparators.map((r) => compileExpr(cx, r));
  return (f) => {
    let a = left(f);
    ip.push(a);
    for (let i = 0; i < ops.length; i++) {
      const b = comparators[i](f);
      ip.push(b);
      f.loc = node;
      const r = compareOnce(ip, ops[i], a, b);
      if (i === ops.length - 1) {
        ip.pop();
        ip.pop();
        ip.drop(b);
        ip.drop(a);
        return r;
      }
      ip.push(r);
      const truth = ip.truthy(r);
      ip.pop();
      if (!truth) {
        ip.pop();
        ip.pop();
        ip.drop(b);
        ip.drop(a);
        return r;
      }
      ip.drop(r);
      ip.pop();
      ip.pop();
      ip.drop(a);
      a = b;
      ip.push(a);
    }
    throw new Error('unreachable');
  };
}

/** Evaluates display items (with `*iterable` unpacking) onto the value stack; returns them. */
export function compileItems(cx: CodeContext, elts: Expr[]): (f: Frame) => number[] {
  const ip = cx.ip;
  const parts = elts.map((e) =>
    e._type === 'Starred'
      ? { star: true, ev: compileExpr(cx, e.value) }
      : { star: false, ev: compileExpr(cx, e) },
  );
  return (f) => {
    const out: number[] = [];
    for (const part of parts) {
      const v = part.ev(f);
      ip.push(v);
      if (part.star) out.push(...collect(ip, v));
      else out.push(v);
    }
    return out;
  };
}

/** The constant value of an expression that CPython's compiler makes a constant, or undefined. */
function constantValue(node: Expr): unknown {
  if (node._type === 'Constant') return node.value;
  const folded = foldConstant(node);
  if (folded !== undefined) return folded;
  if (node._type === 'Tuple' && node.elts.every((e) => constantValue(e) !== undefined)) return node;
  return undefined;
}

/** A constant tuple (`(1, 'a')`): created once, shared like the compiler's other constants. */
function constantTuple(cx: CodeContext, node: Expr & { elts: Expr[] }): number {
  const ip = cx.ip;
  const h = ip.stackHeight;
  const items = node.elts.map((e) => {
    const v = constantValue(e);
    const slot =
      v === node
        ? NULL_REF
        : v !== null && typeof v === 'object' && '_type' in (v as object)
          ? constantTuple(cx, v as Expr & { elts: Expr[] })
          : constant(cx, v, node.lineno);
    ip.push(ip.own(slot));
    return slot;
  });
  const tuple = ip.keepForever(ip.heap.newTuple(items));
  ip.unwindTo(h);
  cx.consts.push(ip.own(tuple));
  return tuple;
}

function compileDisplay(cx: CodeContext, kind: 'Tuple' | 'List' | 'Set', elts: Expr[]): Ev {
  const ip = cx.ip;
  if (kind === 'Tuple' && elts.length > 0 && elts.every((e) => constantValue(e) !== undefined)) {
    const slot = constantTuple(cx, { _type: 'Tuple', elts } as Expr & { elts: Expr[] });
    return () => ip.own(slot);
  }
  if (kind !== 'Tuple') {
    const built = compileBuiltDisplay(cx, kind, elts);
    if (built) return built;
  }
  const items = compileItems(cx, elts);
  if (kind === 'Tuple' && elts.length === 0) return () => ip.own(ip.heap.emptyTuple);
  return (f) => {
    const h = ip.stackHeight;
    const values = items(f);
    let r: number;
    if (kind === 'Tuple') r = ip.own(ip.heap.newTuple(values));
    else if (kind === 'List') r = ip.newList(values);
    else r = ip.newSet(values, false);
    ip.unwindTo(h);
    return r;
  };
}

/** More items than this are not pushed on the stack first (`STACK_USE_GUIDELINE`). */
const STACK_USE_GUIDELINE = 30;

/**
 * A list or set display as the compiler's `starunpack_helper` builds it, when it does not simply
 * push the items and `BUILD_LIST n`: three or more constants are one constant tuple (a frozenset
 * for a set) added to an empty one (`LIST_EXTEND`, `SET_UPDATE`); with a `*item` or more than 30
 * items, the items before the first star are built into one and the rest added one by one
 * (`LIST_APPEND`, `SET_ADD`, `LIST_EXTEND`/`SET_UPDATE` for a star). Null for the plain case.
 */
function compileBuiltDisplay(cx: CodeContext, kind: 'List' | 'Set', elts: Expr[]): Ev | null {
  const ip = cx.ip;
  const n = elts.length;
  if (n > 2 && elts.every((e) => e._type !== 'Starred' && constantValue(e) !== undefined)) {
    const tuple = constantTuple(cx, { _type: 'Tuple', elts } as Expr & { elts: Expr[] });
    if (kind === 'List') {
      return () => {
        const list = ip.own(ip.heap.newList(0));
        ip.push(list);
        listExtend(ip, list, tuple);
        return ip.pop();
      };
    }
    const frozen = ip.keepForever(ip.newSet(constantFrozensetOrder(ip, ip.items(tuple)), true));
    cx.consts.push(ip.own(frozen));
    ip.drop(frozen);
    return () => {
      const set = ip.newSet([], false);
      ip.push(set);
      setUpdate(ip, set, frozen);
      return ip.pop();
    };
  }
  const big = n > STACK_USE_GUIDELINE;
  const firstStar = big ? 0 : elts.findIndex((e) => e._type === 'Starred');
  if (firstStar < 0) return null;
  const head = compileItems(cx, elts.slice(0, firstStar));
  const rest = elts
    .slice(firstStar)
    .map((e) =>
      e._type === 'Starred'
        ? { star: true, ev: compileExpr(cx, e.value) }
        : { star: false, ev: compileExpr(cx, e) },
    );
  return (f) => {
    const h = ip.stackHeight;
    const values = head(f);
    const r = kind === 'List' ? ip.newList(values) : ip.newSet(values, false);
    ip.unwindTo(h);
    ip.push(r);
    for (const part of rest) {
      const v = part.ev(f);
      ip.push(v);
      if (kind === 'List') {
        if (part.star) listExtend(ip, r, v);
        else listAppendItem(ip, r, v);
      } else if (part.star) {
        setUpdate(ip, r, v);
      } else {
        ip.setAdd(r, v);
      }
      ip.drop(ip.pop());
    }
    return ip.pop();
  };
}

function compileDict(cx: CodeContext, keys: (Expr | null)[], values: Expr[]): Ev {
  const ip = cx.ip;
  const parts = keys.map((k, i) => ({
    key: k ? compileExpr(cx, k) : null,
    value: compileExpr(cx, values[i]),
  }));
  return (f) => {
    const d = ip.own(ip.heap.newDict());
    ip.push(d);
    for (const part of parts) {
      if (part.key) {
        const k = part.key(f);
        ip.push(k);
        const v = part.value(f);
        ip.push(v);
        ip.setItem(d, k, v);
        ip.pop();
        ip.pop();
        ip.drop(v);
        ip.drop(k);
      } else {
        const other = part.value(f);
        ip.push(other);
        ip.dictUpdate(d, other);
        ip.pop();
        ip.drop(other);
      }
    }
    return ip.pop();
  };
}

function compileJoinedStr(cx: CodeContext, values: Expr[]): Ev {
  const ip = cx.ip;
  const parts = values.map((v) => {
    if (v._type === 'Constant') return { text: String(v.value), ev: null, conversion: -1, spec: null };
    if (v._type !== 'FormattedValue') throw new CompileRefusal('this f-string part', v.lineno);
    return {
      text: '',
      ev: compileExpr(cx, v.value),
      conversion: v.conversion,
      spec: v.format_spec ? compileJoinedStr(cx, v.format_spec.values) : null,
    };
  });
  return (f) => {
    let out = '';
    for (const part of parts) {
      if (!part.ev) {
        out += part.text;
        continue;
      }
      const v = part.ev(f);
      ip.push(v);
      let spec = '';
      if (part.spec) {
        const s = part.spec(f);
        spec = ip.text(s);
        ip.drop(s);
      }
      out += ip.formatValue(v, part.conversion, spec);
      ip.pop();
      ip.drop(v);
    }
    return ip.str(out);
  };
}
