/**
 * CPython's maximum value-stack depth of a code object (`co_stacksize`), computed over the AST
 * the way CPython's compiler (`Python/compile.c`, `flowgraph.c`'s `stackdepth`) emits bytecode
 * for the subset's constructs: each construct is visited at the depth it starts at, every push
 * raises the running maximum, and an exception handler's entry counts at the depth its
 * `SETUP_FINALLY` (+1), `SETUP_CLEANUP` (+2) or `SETUP_WITH` restores. Where the versions emit
 * different code (3.12's `COPY`-based `and`/`or`, `RETURN_CONST`, the generator-wide
 * `StopIteration` handler, inlined comprehensions (PEP 709); 3.13's keyword-names operand), the
 * version decides. Also `co_nlocalsplus`: locals, cells and free variables, a cell that is an
 * argument counted once, and in 3.12+ the locals of the comprehensions inlined into the code.
 *
 * @module
 */

import type { CPythonVersion } from '@pymm/core';
import type { ExceptHandler, Expr, FunctionDef, Lambda, Node, Stmt, With } from '../ast-nodes.js';
import { ExpressionDepth, inlinedLocals, isConstant, namedTargets } from './stack-depth-expr.js';
import type { Scope, SymbolTable } from './symtable.js';

/** The CPython versions whose code generation differs here. */
export type CodeVersion = CPythonVersion;

/** Adds the statements: blocks kept on the stack by loops, `with` and handlers. */
class DepthCounter extends ExpressionDepth {
  /** A block of statements at depth `d`. */
  block(body: Stmt[], d: number): void {
    for (const s of body) this.stmt(s, d);
  }

  /** A statement at depth `d` (`d` counts what enclosing loops, `with` and handlers keep). */
  stmt(s: Stmt, d: number): void {
    switch (s._type) {
      case 'Expr':
        if (s.value._type !== 'Constant') this.expr(s.value, d);
        return;
      case 'Assign': {
        this.expr(s.value, d);
        if (s.targets.length > 1) this.at(d + 2);
        const last = s.targets.length - 1;
        s.targets.forEach((t, i) => {
          this.target(t, d + (i < last ? 2 : 1));
        });
        return;
      }
      case 'AugAssign':
        this.augAssign(s.target, s.value, d);
        return;
      case 'AnnAssign':
        if (s.value) {
          this.expr(s.value, d);
          this.target(s.target, d + 1);
        }
        return;
      case 'Return':
        if (s.value && !(this.freeConstReturn && isConstant(s.value))) this.expr(s.value, d);
        this.at(this.freeConstReturn && (!s.value || isConstant(s.value)) ? d : d + 1);
        return;
      case 'Delete':
        for (const t of s.targets) {
          if (t._type === 'Attribute') this.expr(t.value, d);
          else if (t._type === 'Subscript') {
            this.expr(t.value, d);
            this.slice(t.slice, d + 1);
          } else if (t._type === 'Tuple' || t._type === 'List') this.stmt({ ...s, targets: t.elts }, d);
        }
        return;
      case 'If':
        this.test(s.test, d);
        this.block(s.body, d);
        this.block(s.orelse, d);
        return;
      case 'While':
        this.test(s.test, d);
        this.block(s.body, d);
        this.block(s.orelse, d);
        return;
      case 'For':
        this.expr(s.iter, d);
        this.at(d + 2);
        this.target(s.target, d + 2);
        this.block(s.body, d + 1);
        this.block(s.orelse, d);
        return;
      case 'Raise':
        if (s.exc) this.expr(s.exc, d);
        if (s.cause) this.expr(s.cause, d + 1);
        return;
      case 'Assert':
        this.test(s.test, d);
        this.at(d + 1);
        if (s.msg) this.expr(s.msg, d + 1);
        return;
      case 'Import':
        this.at(d + 2);
        for (const a of s.names) if (a.name.includes('.') && a.asname) this.at(d + 2);
        return;
      case 'ImportFrom':
        this.at(d + 2);
        return;
      case 'FunctionDef': {
        for (let i = 0; i < s.decorator_list.length; i++) this.expr(s.decorator_list[i], d + i);
        this.makeFunction(s.args, s, d + s.decorator_list.length);
        return;
      }
      case 'ClassDef': {
        const decos = s.decorator_list.length;
        for (let i = 0; i < decos; i++) this.expr(s.decorator_list[i], d + i);
        // PUSH_NULL, LOAD_BUILD_CLASS, the body's function, the name, then the bases and keywords.
        const base = d + decos + 2;
        const c = this.closure(s, base);
        this.at(base + c + 1);
        this.at(base + 2);
        for (let i = 0; i < s.bases.length; i++) this.expr(s.bases[i], base + 2 + i);
        const n = base + 2 + s.bases.length;
        for (let i = 0; i < s.keywords.length; i++) this.expr(s.keywords[i].value, n + i);
        if (this.v13 && s.keywords.length > 0) this.at(n + s.keywords.length + 1);
        return;
      }
      case 'Try':
        this.tryStmt(s.body, s.handlers, s.orelse, s.finalbody, d);
        return;
      case 'With':
        this.withItems(s, 0, d);
        return;
      default:
        return;
    }
  }

  private augAssign(t: Expr, value: Expr, d: number): void {
    if (t._type === 'Attribute') {
      this.expr(t.value, d);
      this.at(d + 2);
      this.expr(value, d + 2);
      return;
    }
    if (t._type === 'Subscript') {
      this.expr(t.value, d);
      this.slice(t.slice, d + 1);
      const n = this.late && t.slice._type === 'Slice' && !t.slice.step ? 3 : 2;
      this.at(d + 2 * n);
      this.expr(value, d + n + 1);
      return;
    }
    this.expr(t, d);
    this.expr(value, d + 1);
  }

  /** `try`: the handlers run with the previous exception below them, `finally` with the exception. */
  private tryStmt(
    body: Stmt[],
    handlers: ExceptHandler[],
    orelse: Stmt[],
    finalbody: Stmt[],
    d: number,
  ): void {
    const inner = finalbody.length > 0 ? d : d;
    if (handlers.length > 0) {
      this.block(body, inner);
      this.at(inner + 4);
      for (const h of handlers) {
        if (h.type) this.expr(h.type, inner + 2);
        this.block(h.body, inner + 1);
      }
      this.block(orelse, inner);
    } else {
      this.block(body, d);
    }
    if (finalbody.length > 0) {
      this.block(finalbody, d);
      this.at(d + 4);
      this.block(finalbody, d + 2);
    }
  }

  /** `with`: `__exit__` and the `__enter__` result; the handler holds `__exit__`, `lasti` and the exception. */
  private withItems(s: With, i: number, d: number): void {
    const item = s.items[i];
    this.expr(item.context_expr, d);
    this.at(d + 2);
    if (item.optional_vars) this.target(item.optional_vars, d + 2);
    if (i < s.items.length - 1) this.withItems(s, i + 1, d + 1);
    else this.block(s.body, d + 1);
    this.at(d + 6);
  }
}

function isComprehension(scope: Scope): boolean {
  const t = scope.node._type;
  return t === 'ListComp' || t === 'SetComp' || t === 'DictComp' || t === 'GeneratorExp';
}

/** Whether a loop body has a `break` of its own (not one of a nested loop's). */
function breaks(body: Stmt[]): boolean {
  return body.some((s) => {
    switch (s._type) {
      case 'Break':
        return true;
      case 'If':
        return breaks(s.body) || breaks(s.orelse);
      case 'With':
        return breaks(s.body);
      case 'Try':
        return (
          breaks(s.body) || s.handlers.some((h) => breaks(h.body)) || breaks(s.orelse) || breaks(s.finalbody)
        );
      case 'For':
      case 'While':
        return breaks(s.orelse);
      default:
        return false;
    }
  });
}

/**
 * Whether control can fall off the end of a block: when it cannot (it ends in `return`, `raise`,
 * a `while True` without `break`, or an `if` whose branches all end so), the implicit
 * `return None` is unreachable and not counted.
 */
function fallsThrough(body: Stmt[]): boolean {
  const last = body[body.length - 1];
  if (!last) return true;
  switch (last._type) {
    case 'Return':
    case 'Raise':
      return false;
    case 'While':
      return !(last.test._type === 'Constant' && Boolean(last.test.value)) || breaks(last.body);
    case 'If':
      return last.orelse.length === 0 || fallsThrough(last.body) || fallsThrough(last.orelse);
    default:
      return true;
  }
}

/** Whether a function (or a function nested in it) reads `super` or `__class__`. */
function usesSuper(scope: Scope): boolean {
  if (scope.kind !== 'function') return false;
  return scope.used.has('super') || scope.used.has('__class__') || scope.children.some(usesSuper);
}

/** Whether a class body creates the implicit `__class__` cell (`__classcell__`) for its methods' `super()`. */
function classCell(scope: Scope): boolean {
  return scope.kind === 'class' && scope.children.some(usesSuper);
}

/** Whether a function inside a class reaches the class's `__class__` cell as a free variable. */
function needsClassCell(scope: Scope): boolean {
  if (!usesSuper(scope)) return false;
  let up = scope.parent;
  while (up && up.kind === 'function') up = up.parent;
  return up !== null && up.kind === 'class';
}

/**
 * `co_stacksize` of the code object that `node` (a module, `def`, `lambda`, `class` or
 * comprehension) compiles to, for CPython `version`.
 */
export function stackDepth(table: SymbolTable, node: Node, version: CodeVersion): number {
  const counter = new DepthCounter(table, version);
  const late = version === '3.12' || version === '3.13';
  const scope = table.scopeOf(node);
  switch (node._type) {
    case 'Module':
      counter.block(node.body, 0);
      break;
    case 'ClassDef':
      counter.at(classCell(scope) ? 2 : 1);
      counter.block(node.body, 0);
      break;
    case 'FunctionDef':
      counter.block((node as FunctionDef).body, 0);
      if (!counter.freeConstReturn && fallsThrough((node as FunctionDef).body)) counter.at(1);
      break;
    case 'Lambda': {
      const body = (node as Lambda).body;
      if (!(counter.freeConstReturn && isConstant(body))) counter.expr(body, 0);
      break;
    }
    case 'ListComp':
    case 'SetComp':
    case 'DictComp':
      counter.at(1);
      counter.comprehensionBody(node, 1, 0, true);
      break;
    case 'GeneratorExp':
      counter.comprehensionBody(node, 0, 0, true);
      break;
    default:
      break;
  }
  if (late && scope.generator) counter.at(2);
  return counter.max;
}

/** `co_nlocalsplus`: the fast locals, cells and free variables, with 3.12+'s inlined comprehension locals. */
export function nlocalsPlus(scope: Scope, version: CodeVersion): number {
  const names = new Set(scope.varnames);
  if (scope.kind === 'class' ? classCell(scope) : needsClassCell(scope)) names.add('__class__');
  // `:=` inside a comprehension binds in the enclosing function.
  if (scope.kind === 'function' && !isComprehension(scope)) {
    const walrus = new Set<string>();
    for (const child of scope.children) if (isComprehension(child)) namedTargets(child.node, walrus);
    for (const n of walrus) if (!scope.globals.has(n) && !scope.nonlocals.has(n)) names.add(n);
  }
  if (version === '3.12' || version === '3.13') {
    const visit = (s: Scope): void => {
      for (const child of s.children) {
        const t = child.node._type;
        if (t !== 'ListComp' && t !== 'SetComp' && t !== 'DictComp') continue;
        for (const n of inlinedLocals(child)) names.add(n);
      }
    };
    visit(scope);
  }
  return names.size;
}
