/**
 * The expression half of CPython's stack-depth computation (see `stack-depth.ts`): how deep the
 * value stack grows while an expression, a call, a display, a comprehension or an assignment
 * target is evaluated from a given depth, per CPython version where the bytecode differs.
 *
 * @module
 */

import type { CPythonVersion } from '@pymm/core';
import type { Arguments, Comprehension, Expr, Keyword, Node } from '../ast-nodes.js';
import { foldConstant } from './fold-constants.js';
import type { Scope, SymbolTable } from './symtable.js';

/** CPython's `STACK_USE_GUIDELINE`: longer displays and calls are built incrementally. */
export const STACK_USE_GUIDELINE = 30;

export type Comp = Extract<Node, { _type: 'ListComp' | 'SetComp' | 'DictComp' | 'GeneratorExp' }>;

/** Whether the AST optimizer turns `e` into one constant (`LOAD_CONST`). */
export function isConstant(e: Expr): boolean {
  if (e._type === 'Constant') return true;
  if (e._type === 'Tuple' && e.ctx === 'Load') return e.elts.every(isConstant);
  if (e._type === 'UnaryOp' || e._type === 'BinOp') return foldConstant(e) !== undefined;
  return false;
}
/** Tracks the deepest value stack while expressions are visited at their starting depths. */
export class ExpressionDepth {
  max = 0;
  protected readonly late: boolean;
  protected readonly v13: boolean;
  /** 3.12's `RETURN_CONST` returns a constant without pushing it (3.13 counts the push again). */
  readonly freeConstReturn: boolean;

  constructor(
    protected readonly table: SymbolTable,
    version: CPythonVersion,
  ) {
    this.late = version === '3.12' || version === '3.13';
    this.v13 = version === '3.13';
    this.freeConstReturn = version === '3.12';
  }

  at(d: number): void {
    if (d > this.max) this.max = d;
  }

  /** Whether the comprehension is inlined into this code (3.12+, not a generator expression). */
  private inlined(node: Comp): boolean {
    return this.late && node._type !== 'GeneratorExp';
  }

  /** An expression evaluated at depth `d`, leaving its value at `d + 1`. */
  expr(e: Expr, d: number): void {
    this.at(d + 1);
    if (isConstant(e)) return;
    switch (e._type) {
      case 'Name':
      case 'Constant':
        return;
      case 'Attribute':
        if (this.late && isZeroArgSuper(e.value)) this.at(d + 3);
        else this.expr(e.value, d);
        return;
      case 'Subscript':
        this.expr(e.value, d);
        this.slice(e.slice, d + 1);
        return;
      case 'BinOp':
        this.expr(e.left, d);
        this.expr(e.right, d + 1);
        return;
      case 'UnaryOp':
        if (e.op === 'Not') this.test(e.operand, d);
        else this.expr(e.operand, d);
        return;
      case 'BoolOp':
        for (let i = 0; i < e.values.length; i++) {
          this.expr(e.values[i], d);
          if (this.late && i < e.values.length - 1 && !isConstant(e.values[i])) this.at(d + 2);
        }
        return;
      case 'Compare':
        this.compare(e.left, e.comparators, d);
        return;
      case 'IfExp':
        this.test(e.test, d);
        this.expr(e.body, d);
        this.expr(e.orelse, d);
        return;
      case 'NamedExpr':
        this.expr(e.value, d);
        this.at(d + 2);
        return;
      case 'Call':
        this.call(e.func, e.args, e.keywords, d);
        return;
      case 'Tuple':
      case 'List':
      case 'Set':
        this.display(e.elts, d, e._type !== 'Tuple');
        return;
      case 'Dict':
        this.dict(e.keys, e.values, d);
        return;
      case 'JoinedStr':
        this.joined(e.values, d);
        return;
      case 'FormattedValue':
        this.expr(e.value, d);
        if (e.format_spec) {
          const spec = e.format_spec.values;
          this.expr(e.format_spec, d + 1);
          // 3.12's parser ends a spec whose last part is a replacement field with an empty constant.
          if (this.late && !this.v13 && spec.length > 0 && spec[spec.length - 1]._type === 'FormattedValue')
            this.at(d + 1 + spec.length + 1);
        }
        return;
      case 'Lambda':
        this.makeFunction(e.args, e, d);
        return;
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
      case 'GeneratorExp':
        this.comprehension(e, d);
        return;
      case 'Yield':
        if (e.value) this.expr(e.value, d);
        return;
      case 'YieldFrom':
      case 'Await':
        this.expr(e.value, d);
        this.at(d + (this.late ? 3 : 2));
        return;
      case 'Starred':
        this.expr(e.value, d);
        return;
      case 'Slice':
        this.slice(e, d);
        return;
      default:
        return;
    }
  }

  /** A subscript's index at depth `d`: a two-part slice is two values (`BINARY_SLICE`/`BUILD_SLICE`). */
  protected slice(s: Expr, d: number): void {
    if (s._type !== 'Slice') {
      this.expr(s, d);
      return;
    }
    const parts = [s.lower, s.upper, s.step];
    const n = s.step ? 3 : 2;
    for (let i = 0; i < n; i++) {
      const p = parts[i];
      if (p) this.expr(p, d + i);
      else this.at(d + i + 1);
    }
  }

  /** A condition compiled as jumps (`compiler_jump_if`): `not`, `and`/`or`, comparisons need no copies. */
  test(e: Expr, d: number): void {
    if (e._type === 'UnaryOp' && e.op === 'Not') {
      this.test(e.operand, d);
      return;
    }
    if (e._type === 'BoolOp') {
      for (const v of e.values) this.test(v, d);
      return;
    }
    if (e._type === 'IfExp') {
      this.test(e.test, d);
      this.test(e.body, d);
      this.test(e.orelse, d);
      return;
    }
    if (e._type === 'Compare' && e.comparators.length > 1) {
      this.compare(e.left, e.comparators, d);
      return;
    }
    // `x is None` / `x is not None` as a condition: `POP_JUMP_IF_(NOT_)NONE`, no constant pushed.
    if (
      e._type === 'Compare' &&
      (e.ops[0] === 'Is' || e.ops[0] === 'IsNot') &&
      e.comparators[0]._type === 'Constant' &&
      e.comparators[0].value === null
    ) {
      this.expr(e.left, d);
      return;
    }
    this.expr(e, d);
  }

  /** A comparison chain: each middle operand is kept (`SWAP`, `COPY`) for the next comparison. */
  private compare(left: Expr, comparators: Expr[], d: number): void {
    this.expr(left, d);
    for (let i = 0; i < comparators.length; i++) {
      this.expr(comparators[i], d + 1);
      if (i < comparators.length - 1) this.at(d + 3);
    }
  }

  /** A call: the callable (with its `NULL` or `self`), the arguments, 3.13's keyword-names tuple. */
  protected call(func: Expr, args: Expr[], keywords: Keyword[], d: number): void {
    const starred = args.some((a) => a._type === 'Starred') || keywords.some((k) => k.arg === null);
    const methodArgs = args.length + keywords.length + (keywords.length > 0 ? 1 : 0);
    if (func._type === 'Attribute' && !starred && methodArgs < STACK_USE_GUIDELINE) {
      if (this.late && isZeroArgSuper(func.value)) this.at(d + 3);
      else this.expr(func.value, d);
      this.at(d + 2);
    } else if (this.v13) {
      // 3.13 pushes the callable, then its `NULL`.
      this.expr(func, d);
      this.at(d + 2);
    } else {
      this.at(d + 1);
      this.expr(func, d + 1);
    }
    const base = d + 2;
    if (starred || args.length + 2 * keywords.length > STACK_USE_GUIDELINE) {
      this.callEx(args, keywords, base);
      return;
    }
    for (let i = 0; i < args.length; i++) this.expr(args[i], base + i);
    for (let i = 0; i < keywords.length; i++) this.expr(keywords[i].value, base + args.length + i);
    if (this.v13 && keywords.length > 0) this.at(base + args.length + keywords.length + 1);
  }

  /** `CALL_FUNCTION_EX`: the positional arguments as one tuple, the keywords as one dict. */
  private callEx(args: Expr[], keywords: Keyword[], d: number): void {
    if (args.length === 1 && args[0]._type === 'Starred') this.expr(args[0].value, d);
    else if (args.length === 0) this.at(d + 1);
    else this.starDisplay(args, d);
    if (keywords.length === 0) return;
    // Runs of named keywords become a dict (`BUILD_CONST_KEY_MAP`, or `BUILD_MAP 1` for one),
    // merged with the `**` operands into one dict (`DICT_MERGE`).
    const p = d + 1;
    let built = false;
    let run: Keyword[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const at = built ? p + 1 : p;
      if (run.length === 1) this.expr(run[0].value, at + 1);
      else {
        for (let i = 0; i < run.length; i++) this.expr(run[i].value, at + i);
        this.at(at + run.length + 1);
      }
      built = true;
      run = [];
    };
    for (const k of keywords) {
      if (k.arg !== null) {
        run.push(k);
        continue;
      }
      flush();
      if (!built) this.at(p + 1);
      built = true;
      this.expr(k.value, p + 1);
    }
    flush();
  }

  /** A tuple of positional arguments with `*` operands (a list extended, then converted). */
  private starDisplay(elts: Expr[], d: number): void {
    const n = elts.length;
    if (n > 2 && elts.every(isConstant)) {
      this.at(d + 2);
      return;
    }
    // Past the guideline (or from the first `*`), the sequence is built first and extended.
    let built = n > STACK_USE_GUIDELINE;
    if (built) this.at(d + 1);
    for (let i = 0; i < n; i++) {
      const e = elts[i];
      if (e._type === 'Starred') {
        if (!built) this.at(d + 1);
        built = true;
        this.expr(e.value, d + 1);
        continue;
      }
      this.expr(e, built ? d + 1 : d + i);
    }
  }

  /** A list, set or tuple display. */
  private display(elts: Expr[], d: number, mutable: boolean): void {
    const starred = elts.some((e) => e._type === 'Starred');
    if (
      starred ||
      elts.length > STACK_USE_GUIDELINE ||
      (mutable && elts.length > 2 && elts.every(isConstant))
    ) {
      this.starDisplay(elts, d);
      return;
    }
    for (let i = 0; i < elts.length; i++) this.expr(elts[i], d + i);
  }

  /** A dict display: key/value pairs (`BUILD_MAP`), or values and a constant key tuple (`BUILD_CONST_KEY_MAP`). */
  private dict(keys: (Expr | null)[], values: Expr[], d: number): void {
    if (keys.some((k) => k === null) || keys.length > 16) {
      let built = false;
      let run: number[] = [];
      const flush = (): void => {
        if (run.length === 0) return;
        this.pairs(
          run.map((i) => keys[i]!),
          run.map((i) => values[i]),
          built ? d + 1 : d,
        );
        built = true;
        run = [];
      };
      for (let i = 0; i < keys.length; i++) {
        if (keys[i] !== null) {
          const full = run.length * 2 > STACK_USE_GUIDELINE;
          run.push(i);
          if (full) flush();
          continue;
        }
        flush();
        if (!built) this.at(d + 1);
        built = true;
        this.expr(values[i], d + 1);
      }
      flush();
      return;
    }
    this.pairs(keys as Expr[], values, d);
  }

  /** Key/value pairs of a dict display (`compiler_subdict`). */
  private pairs(keys: Expr[], values: Expr[], d: number): void {
    if (keys.length * 2 > STACK_USE_GUIDELINE) {
      this.at(d + 1);
      for (let i = 0; i < keys.length; i++) {
        this.expr(keys[i], d + 1);
        this.expr(values[i], d + 2);
      }
      return;
    }
    if (keys.length > 1 && keys.every((k) => k !== null && isConstant(k))) {
      for (let i = 0; i < values.length; i++) this.expr(values[i], d + i);
      this.at(d + values.length + 1);
      return;
    }
    for (let i = 0; i < keys.length; i++) {
      this.expr(keys[i]!, d + 2 * i);
      this.expr(values[i], d + 2 * i + 1);
    }
  }

  /** An f-string: its parts, then `BUILD_STRING`. */
  private joined(values: Expr[], d: number): void {
    for (let i = 0; i < values.length; i++) this.expr(values[i], d + i);
  }

  /** `MAKE_FUNCTION` with defaults, keyword defaults and the closure tuple below the code object. */
  protected makeFunction(args: Arguments, node: Node, d: number): void {
    let n = 0;
    if (args.defaults.length > 0) {
      for (let i = 0; i < args.defaults.length; i++) this.expr(args.defaults[i], d + i);
      n++;
    }
    const kw = args.kwonlyargs.filter((_, i) => args.kw_defaults[i]);
    if (kw.length > 0) {
      let k = 0;
      for (let i = 0; i < args.kwonlyargs.length; i++) {
        const dv = args.kw_defaults[i];
        if (!dv) continue;
        this.at(d + n + 2 * k + 1);
        this.expr(dv, d + n + 2 * k + 1);
        k++;
      }
      n++;
    }
    n += this.closure(node, d + n);
    this.at(d + n + 1);
  }

  protected closure(node: Node, d: number): number {
    const scope = this.table.scopeOf(node);
    if (scope.frees.size === 0) return 0;
    this.at(d + scope.frees.size);
    return 1;
  }

  /** A comprehension in the enclosing code: a function called with the first iterator, or inlined (3.12+). */
  private comprehension(node: Comp, d: number): void {
    const gens = node.generators;
    if (!this.inlined(node)) {
      const c = this.closure(node, d);
      this.at(d + c + 1);
      this.expr(gens[0].iter, d + 1);
      return;
    }
    this.expr(gens[0].iter, d);
    const saved = inlinedLocals(this.table.scopeOf(node)).size;
    const top = d + 1 + saved;
    this.at(top + 1);
    this.comprehensionBody(node, top, 0, true);
  }

  /**
   * The loops of a comprehension at depth `d` (the accumulator below, none for a generator
   * expression), the first iterator on the stack already.
   */
  comprehensionBody(node: Comp, d: number, level: number, first: boolean): void {
    const gen: Comprehension = node.generators[level];
    if (!first) this.expr(gen.iter, d);
    const loop = d + 1;
    this.at(loop + 1);
    this.target(gen.target, loop + 1);
    for (const c of gen.ifs) this.test(c, loop);
    if (level < node.generators.length - 1) {
      this.comprehensionBody(node, loop, level + 1, false);
      return;
    }
    if (node._type === 'DictComp') {
      this.expr(node.key, loop);
      this.expr(node.value, loop + 1);
    } else {
      this.expr(node.elt, loop);
    }
  }

  /** Stores the value on top (at depth `d`) into a target. */
  target(t: Expr, d: number): void {
    switch (t._type) {
      case 'Attribute':
        this.expr(t.value, d);
        return;
      case 'Subscript':
        this.expr(t.value, d);
        this.slice(t.slice, d + 1);
        return;
      case 'Tuple':
      case 'List': {
        const n = t.elts.length;
        const star = t.elts.findIndex((e) => e._type === 'Starred');
        this.at(d - 1 + n);
        for (let i = 0; i < n; i++) {
          const e = t.elts[i];
          this.target(e._type === 'Starred' ? e.value : e, d - 1 + n - i);
        }
        if (star >= 0) this.at(d - 1 + n);
        return;
      }
      case 'Starred':
        this.target(t.value, d);
        return;
      default:
        return;
    }
  }
}

/** `super()` with no arguments: 3.12+ loads `super`, `__class__` and the first argument for `LOAD_SUPER_ATTR`. */
export function isZeroArgSuper(e: Expr): boolean {
  return (
    e._type === 'Call' &&
    e.func._type === 'Name' &&
    e.func.id === 'super' &&
    e.args.length === 0 &&
    e.keywords.length === 0
  );
}

/** The names an inlined comprehension (3.12+) saves and restores: its own and its inlined children's. */
export function inlinedLocals(scope: Scope, into: Set<string> = new Set()): Set<string> {
  // Inlined into a class body, the comprehension's iterator name `.0` is saved too.
  let target = scope.parent;
  while (target && isInlinable(target)) target = target.parent;
  if (target?.kind === 'class') into.add('.0');
  const walrus = new Set<string>();
  namedTargets(scope.node, walrus);
  for (const n of scope.varnames) if (n !== '.0' && scope.bound.has(n) && !walrus.has(n)) into.add(n);
  for (const child of scope.children) if (isInlinable(child)) inlinedLocals(child, into);
  return into;
}

/** The targets of `:=` in a comprehension: they bind in the enclosing function, not the comprehension. */
export function namedTargets(node: unknown, into: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  const n = node as { _type?: string; target?: { _type?: string; id?: string } };
  if (n._type === 'NamedExpr' && n.target?._type === 'Name' && n.target.id) into.add(n.target.id);
  if (n._type === 'Lambda' || n._type === 'FunctionDef' || n._type === 'ClassDef') return;
  for (const value of Object.values(node as Record<string, unknown>)) {
    if (Array.isArray(value)) for (const v of value) namedTargets(v, into);
    else if (value && typeof value === 'object') namedTargets(value, into);
  }
}

function isInlinable(scope: Scope): boolean {
  const t = scope.node._type;
  return t === 'ListComp' || t === 'SetComp' || t === 'DictComp';
}
