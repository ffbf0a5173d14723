/**
 * Code objects and what creates functions: `def` (decorators, defaults, closure cells), `lambda`,
 * `class` (the body runs in a frame with its own namespace, then the class is created), and
 * comprehensions, which in 3.11 are functions called with the first iterable's iterator.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import type { Arguments, ClassDef, Expr, FunctionDef, Lambda, Module, Node, Stmt } from '../ast-nodes.js';
import { newFunction } from '../runtime/callables.js';
import { enterFrame, runFrame } from '../runtime/calls.js';
import type { CodeInfo, Frame, Interp, ModuleScope } from '../runtime/interp.js';
import { getIter, getIterOf, iterNext } from '../runtime/iterate.js';
import { compileExpr, compileTest } from './compile-expr.js';
import { compileGenBlock, type GenEx } from './compile-gen.js';
import { compileBlock } from './compile-stmt.js';
import { compileTarget } from './compile-target.js';
import { type CodeContext, CompileRefusal, type Ev, type Ex, NORMAL, RETURN } from './context.js';
import { compileNameLoad, compileNameStore } from './names.js';
import { nlocalsPlus, stackDepth } from './stack-depth.js';
import { staticAttributesConstant } from './static-attributes.js';
import type { Scope, SymbolTable } from './symtable.js';

interface CodeSpec {
  readonly name: string;
  readonly qualname: string;
  readonly firstLine: number;
  readonly args: Arguments | null;
  /** Compiles the body in the new context (a generator body for a generator's code). */
  readonly body: (cx: CodeContext) => Ex | GenEx;
}

/** Compiles a code object for `scope`. */
export function compileCode(
  ip: Interp,
  table: SymbolTable,
  scope: Scope,
  filename: string,
  spec: CodeSpec,
): CodeInfo {
  const index = new Map<string, number>();
  for (let i = 0; i < scope.varnames.length; i++) index.set(scope.varnames[i], i);
  const cx: CodeContext = {
    ip,
    table,
    scope,
    filename,
    index,
    consts: [],
    constIndex: table.constIndex,
    qualPrefix:
      scope.kind === 'class'
        ? `${spec.qualname}.`
        : scope.kind === 'function'
          ? `${spec.qualname}.<locals>.`
          : '',
    generator: scope.generator,
  };
  const produced = spec.body(cx);
  const run: Ex = scope.generator ? () => NORMAL : (produced as Ex);
  const args = spec.args;
  const cellIndices: number[] = [];
  const cellArgs: number[] = [];
  for (const name of scope.cells) {
    cellIndices.push(index.get(name)!);
    const p = scope.params.indexOf(name);
    cellArgs.push(p);
  }
  const code: CodeInfo = {
    name: spec.name,
    qualname: spec.qualname,
    filename,
    firstLine: spec.firstLine,
    varnames: scope.varnames,
    nlocals: scope.varnames.length,
    run,
    argcount: args ? args.posonlyargs.length + args.args.length : scope.params.length,
    posonly: args ? args.posonlyargs.length : 0,
    kwonly: args ? args.kwonlyargs.length : 0,
    varargs: args ? args.vararg !== null : false,
    varkw: args ? args.kwarg !== null : false,
    cellIndices,
    cellArgs,
    freeIndices: [...scope.frees].map((n) => index.get(n)!),
    generator: scope.generator,
    frameSlots:
      stackDepth(table, scope.node, ip.heap.sizes.version) + nlocalsPlus(scope, ip.heap.sizes.version),
    runGen: scope.generator ? (produced as GenEx) : null,
    slot: NULL_REF,
  };
  code.slot = ip.native('code', cx.consts);
  ip.keepForever(code.slot);
  ip.drop(code.slot);
  for (const c of cx.consts) ip.drop(c);
  return code;
}

/** Compiles a module into its code object. */
export function compileModule(ip: Interp, table: SymbolTable, module: Module, filename: string): CodeInfo {
  return compileCode(ip, table, table.top, filename, {
    name: '<module>',
    qualname: '<module>',
    firstLine: 1,
    args: null,
    body: (cx) => compileBlock(cx, module.body),
  });
}

/** The closure cells a nested code needs, read from the defining frame (`LOAD_CLOSURE`). */
function closureOf(cx: CodeContext, inner: Scope): (f: Frame) => number[] {
  const indices = [...inner.frees].map((n) => cx.index.get(n)!);
  return (f) => indices.map((i) => f.locals[i]);
}

/** Evaluates defaults onto the value stack: positional, then keyword-only (name → value). */
function compileDefaults(
  cx: CodeContext,
  args: Arguments,
): (f: Frame) => { defaults: number[]; kwdefaults: Map<string, number> } {
  const ip = cx.ip;
  const positional = args.defaults.map((d) => compileExpr(cx, d));
  const kw = args.kwonlyargs.map((a, i) => ({
    name: a.arg,
    ev: args.kw_defaults[i] ? compileExpr(cx, args.kw_defaults[i]!) : null,
  }));
  return (f) => {
    const defaults = positional.map((d) => {
      const v = d(f);
      ip.push(v);
      return v;
    });
    const kwdefaults = new Map<string, number>();
    for (const k of kw) {
      if (!k.ev) continue;
      const v = k.ev(f);
      ip.push(v);
      kwdefaults.set(k.name, v);
    }
    return { defaults, kwdefaults };
  };
}

function makeFunction(
  cx: CodeContext,
  node: FunctionDef | Lambda,
  name: string,
  body: (inner: CodeContext) => Ex | GenEx,
): (f: Frame) => number {
  const ip = cx.ip;
  const scope = cx.table.scopeOf(node);
  const qualname = `${cx.qualPrefix}${name}`;
  const code = compileCode(ip, cx.table, scope, cx.filename, {
    name,
    qualname,
    firstLine: node.lineno,
    args: node.args,
    body,
  });
  const defaults = compileDefaults(cx, node.args);
  const closure = closureOf(cx, scope);
  return (f) => {
    const h = ip.stackHeight;
    const d = defaults(f);
    const fn = newFunction(ip, code, f.globals, d.defaults, d.kwdefaults, closure(f), qualname);
    ip.unwindTo(h);
    return fn;
  };
}

/** Compiles `def`: decorators, defaults, the function, the decorators applied innermost first, the binding. */
export function compileFunctionDef(cx: CodeContext, node: FunctionDef): Ex {
  const ip = cx.ip;
  const decorators = node.decorator_list.map((d) => compileExpr(cx, d));
  const make = makeFunction(cx, node, node.name, (inner) =>
    inner.generator ? compileGenBlock(inner, node.body) : compileBlock(inner, node.body),
  );
  const store = compileNameStore(cx, node.name);
  return (f) => {
    const h = ip.stackHeight;
    const decos = decorators.map((d) => {
      const v = d(f);
      ip.push(v);
      return v;
    });
    let fn = make(f);
    for (let i = decos.length - 1; i >= 0; i--) {
      ip.push(fn);
      const next = ip.call(decos[i], [fn], null);
      ip.drop(ip.pop());
      fn = next;
    }
    ip.unwindTo(h);
    store(f, fn);
    return NORMAL;
  };
}

/** Compiles `lambda`. */
export function compileLambda(cx: CodeContext, node: Lambda): Ev {
  return makeFunction(cx, node, '<lambda>', (inner) => {
    if (inner.generator) throw new CompileRefusal("'yield' in a lambda", node.lineno);
    const body = compileExpr(inner, node.body);
    return (f) => {
      f.retval = body(f);
      return RETURN;
    };
  });
}

/** Compiles `class`: the body in its own frame and namespace, then the class itself. */
export function compileClass(cx: CodeContext, node: ClassDef): Ex {
  const ip = cx.ip;
  const scope = cx.table.scopeOf(node);
  const qualname = `${cx.qualPrefix}${node.name}`;
  // 3.13's class bodies also store __firstlineno__ (the first decorator's line, else the class's)
  // and __static_attributes__.
  const v313 = ip.heap.sizes.version === '3.13';
  const firstLineno = node.decorator_list.length > 0 ? node.decorator_list[0].lineno : node.lineno;
  let staticAttributes = NULL_REF;
  const code = compileCode(ip, cx.table, scope, cx.filename, {
    name: node.name,
    qualname,
    firstLine: node.lineno,
    args: null,
    body: (inner) => {
      const block = compileBlock(inner, node.body);
      if (v313) staticAttributes = staticAttributesConstant(inner, node);
      return block;
    },
  });
  const decorators = node.decorator_list.map((d) => compileExpr(cx, d));
  const bases = node.bases.map((b) => compileExpr(cx, b));
  const closure = closureOf(cx, scope);
  const store = compileNameStore(cx, node.name);
  if (node.keywords.length > 0) throw ip.refuse('class keyword arguments (metaclass=...)', node.lineno);
  const first = node.body[0];
  const doc =
    first?._type === 'Expr' && first.value._type === 'Constant' && typeof first.value.value === 'string'
      ? first.value.value
      : null;
  return (f) => {
    const h = ip.stackHeight;
    const decos = decorators.map((d) => {
      const v = d(f);
      ip.push(v);
      return v;
    });
    const baseSlots = bases.map((b) => {
      const v = b(f);
      ip.push(v);
      return v;
    });
    const dict = ip.own(ip.heap.newDict());
    ip.push(dict);
    const ns: ModuleScope = { dict, map: new Map() };
    ip.scopeSetText(ns, '__module__', ip.str('__main__', true));
    ip.scopeSetText(ns, '__qualname__', ip.str(qualname));
    if (v313) ip.scopeSetText(ns, '__firstlineno__', ip.int(firstLineno));
    if (doc !== null) ip.scopeSetText(ns, '__doc__', ip.str(doc));
    const frame = enterFrame(ip, code, f.globals, NULL_REF);
    frame.classNs = ns;
    // MAKE_CELL __class__: the cell the methods that use super() close over.
    let classCell = NULL_REF;
    for (const at of code.cellIndices) {
      classCell = ip.own(ip.heap.newCell(NULL_REF));
      ip.push(classCell);
      ip.heap.setRoot(frame.ns, at, classCell);
    }
    const cells = closure(f);
    for (let i = 0; i < code.freeIndices.length; i++)
      ip.heap.setRoot(frame.ns, code.freeIndices[i], cells[i]);
    ip.drop(runFrame(ip, frame));
    // The body's end: STORE_NAME __static_attributes__ (3.13), then __classcell__ for type_new to fill.
    if (v313) ip.scopeSetText(ns, '__static_attributes__', ip.own(staticAttributes));
    if (classCell !== NULL_REF) ip.scopeSetText(ns, '__classcell__', ip.own(classCell));
    let klass = ip.createClass(node.name, qualname, baseSlots, ns);
    for (let i = decos.length - 1; i >= 0; i--) {
      ip.push(klass);
      const next = ip.call(decos[i], [klass], null);
      ip.drop(ip.pop());
      klass = next;
    }
    ip.unwindTo(h);
    store(f, klass);
    return NORMAL;
  };
}

type ComprehensionNode = Extract<Node, { _type: 'ListComp' | 'SetComp' | 'DictComp' | 'GeneratorExp' }>;

/** Compiles a comprehension: a function over the first iterable's iterator, called at once (a generator for genexps). */
export function compileComprehension(cx: CodeContext, node: ComprehensionNode): Ev {
  const ip = cx.ip;
  const scope = cx.table.scopeOf(node);
  const name = scope.name;
  const qualname = `${cx.qualPrefix}${name}`;
  const code = compileCode(ip, cx.table, scope, cx.filename, {
    name,
    qualname,
    firstLine: node.lineno,
    args: null,
    body: (inner) =>
      node._type === 'GeneratorExp'
        ? ip.compileGeneratorExpression(inner, node)
        : comprehensionBody(inner, node),
  });
  const first = compileExpr(cx, node.generators[0].iter);
  const closure = closureOf(cx, scope);
  const inlined = ip.heap.sizes.version !== '3.11' && node._type !== 'GeneratorExp';
  return (f) => {
    const h = ip.stackHeight;
    const source = first(f);
    ip.push(source);
    const it = getIter(ip, source);
    ip.push(it);
    let result: number;
    if (inlined) {
      result = ip.runCode(code, f.globals, [it], closure(f));
    } else {
      const fn = newFunction(ip, code, f.globals, [], new Map(), closure(f), qualname);
      ip.push(fn);
      result = ip.call(fn, [it], null);
    }
    ip.unwindTo(h);
    return result;
  };
}

function comprehensionBody(cx: CodeContext, node: Exclude<ComprehensionNode, { _type: 'GeneratorExp' }>): Ex {
  const ip = cx.ip;
  const iterator = compileNameLoad(cx, '.0');
  const levels = node.generators.map((g, i) => ({
    iter: i === 0 ? null : compileExpr(cx, g.iter),
    target: compileTarget(cx, g.target),
    ifs: g.ifs.map((c) => compileTest(cx, c)),
  }));
  const elt = node._type === 'DictComp' ? null : compileExpr(cx, (node as { elt: Expr }).elt);
  const key = node._type === 'DictComp' ? compileExpr(cx, node.key) : null;
  const value = node._type === 'DictComp' ? compileExpr(cx, node.value) : null;
  const kind = node._type;
  const loop = (f: Frame, level: number, acc: number): void => {
    const spec = levels[level];
    let it: number;
    if (spec.iter) {
      it = getIterOf(ip, spec.iter(f));
    } else {
      it = iterator(f);
    }
    ip.push(it);
    for (let first = true; ; first = false) {
      // JUMP_BACKWARD: the eval breaker runs a collection that an allocation scheduled (3.12+).
      if (!first) ip.heap.strategy.safepoint?.();
      const item = iterNext(ip, it);
      if (item === NULL_REF) break;
      spec.target(f, item);
      if (!spec.ifs.every((t) => t(f))) continue;
      if (level < levels.length - 1) {
        loop(f, level + 1, acc);
        continue;
      }
      if (kind === 'DictComp') {
        const k = key!(f);
        ip.push(k);
        const v = value!(f);
        ip.push(v);
        ip.setItem(acc, k, v);
        ip.drop(ip.pop());
        ip.drop(ip.pop());
      } else {
        const v = elt!(f);
        ip.push(v);
        if (kind === 'ListComp') ip.listAppend(acc, v);
        else ip.setAdd(acc, v);
        ip.drop(ip.pop());
      }
    }
    ip.drop(ip.pop());
  };
  return (f) => {
    const acc =
      kind === 'ListComp'
        ? ip.newList([])
        : kind === 'SetComp'
          ? ip.newSet([], false)
          : ip.own(ip.heap.newDict());
    ip.push(acc);
    loop(f, 0, acc);
    f.retval = ip.pop();
    return RETURN;
  };
}

export type { Stmt };
