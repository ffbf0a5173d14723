/**
 * The symbol table (`Python/symtable.c`): for every scope (module, class, function, lambda,
 * comprehension) which names are local, global (declared or implicit), free (from an enclosing
 * function) or cells (captured by a nested function), and the order of a function's fast locals
 * (parameters, then other locals in order of first binding, then cells, then free variables).
 *
 * @module
 */

import type { Arguments, Expr, Module, Node, Stmt } from '../ast-nodes.js';

/** How a name is reached in a scope. */
export type NameKind = 'fast' | 'cell' | 'free' | 'global' | 'name';

/** One scope's symbols. */
export interface Scope {
  readonly kind: 'module' | 'class' | 'function';
  readonly name: string;
  readonly node: Node;
  readonly parent: Scope | null;
  /** Names bound in this scope (assignment, parameter, def, class, import, for, with, except). */
  readonly bound: Set<string>;
  /** Names read in this scope. */
  readonly used: Set<string>;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
  readonly params: string[];
  readonly children: Scope[];
  /** Resolved: the kind of every name used or bound. */
  readonly kinds: Map<string, NameKind>;
  /** Fast-local layout: every local, cell and free name, in CPython's order. */
  readonly varnames: string[];
  readonly cells: Set<string>;
  readonly frees: Set<string>;
  generator: boolean;
  /** Names bound in order of first binding (locals after the parameters). */
  readonly order: string[];
}

function newScope(kind: Scope['kind'], name: string, node: Node, parent: Scope | null): Scope {
  const scope: Scope = {
    kind,
    name,
    node,
    parent,
    bound: new Set(),
    used: new Set(),
    globals: new Set(),
    nonlocals: new Set(),
    params: [],
    children: [],
    kinds: new Map(),
    varnames: [],
    cells: new Set(),
    frees: new Set(),
    generator: false,
    order: [],
  };
  parent?.children.push(scope);
  return scope;
}

/** The scopes of a module, by the node that opens each (module, def, lambda, class, comprehension). */
export class SymbolTable {
  readonly scopes = new Map<Node, Scope>();
  /** Constants of the whole compilation by kind and value: equal constants are one object (the compiler's const cache). */
  readonly constIndex = new Map<string, number>();
  readonly top: Scope;

  constructor(module: Module) {
    this.top = newScope('module', '<module>', module, null);
    this.scopes.set(module, this.top);
    for (const s of module.body) this.visit(s, this.top);
    this.resolve(this.top);
  }

  /** The scope a node opens. */
  scopeOf(node: Node): Scope {
    const scope = this.scopes.get(node);
    if (!scope) throw new Error(`internal error: no scope for ${node._type}`);
    return scope;
  }

  private bind(scope: Scope, name: string): void {
    if (!scope.bound.has(name)) {
      scope.bound.add(name);
      scope.order.push(name);
    }
  }

  private visitArguments(args: Arguments, outer: Scope): void {
    for (const d of args.defaults) this.visit(d, outer);
    for (const d of args.kw_defaults) if (d) this.visit(d, outer);
  }

  private openFunction(node: Node, name: string, args: Arguments, outer: Scope): Scope {
    const scope = newScope('function', name, node, outer);
    this.scopes.set(node, scope);
    const params = [
      ...args.posonlyargs,
      ...args.args,
      ...args.kwonlyargs,
      ...(args.vararg ? [args.vararg] : []),
      ...(args.kwarg ? [args.kwarg] : []),
    ];
    // CPython's order: positional, keyword-only, *args, **kwargs.
    const ordered = [...args.posonlyargs, ...args.args, ...args.kwonlyargs];
    if (args.vararg) ordered.push(args.vararg);
    if (args.kwarg) ordered.push(args.kwarg);
    for (const p of ordered) {
      scope.params.push(p.arg);
      this.bind(scope, p.arg);
    }
    void params;
    return scope;
  }

  private visitComprehension(
    node: Node & { generators: { target: Expr; iter: Expr; ifs: Expr[] }[] },
    outer: Scope,
    parts: Expr[],
  ): void {
    // The first iterable is evaluated in the enclosing scope; the rest in the comprehension's own.
    this.visit(node.generators[0].iter, outer);
    const scope = newScope(
      'function',
      node._type === 'GeneratorExp'
        ? '<genexpr>'
        : `<${node._type === 'ListComp' ? 'listcomp' : node._type === 'SetComp' ? 'setcomp' : 'dictcomp'}>`,
      node,
      outer,
    );
    this.scopes.set(node, scope);
    scope.params.push('.0');
    this.bind(scope, '.0');
    if (node._type === 'GeneratorExp') scope.generator = true;
    node.generators.forEach((g, i) => {
      if (i > 0) this.visit(g.iter, scope);
      this.visitTarget(g.target, scope);
      for (const c of g.ifs) this.visit(c, scope);
    });
    for (const p of parts) this.visit(p, scope);
  }

  private visitTarget(target: Expr, scope: Scope): void {
    this.visit(target, scope);
  }

  /** Visits a node in `scope`, recording bindings, uses and nested scopes. */
  private visit(node: Node, scope: Scope): void {
    switch (node._type) {
      case 'FunctionDef':
      case 'AsyncFunctionDef': {
        for (const d of node.decorator_list) this.visit(d, scope);
        this.visitArguments(node.args, scope);
        this.bind(scope, node.name);
        const inner = this.openFunction(node, node.name, node.args, scope);
        for (const s of node.body) this.visit(s, inner);
        return;
      }
      case 'Lambda': {
        this.visitArguments(node.args, scope);
        const inner = this.openFunction(node, '<lambda>', node.args, scope);
        this.visit(node.body, inner);
        return;
      }
      case 'ClassDef': {
        for (const d of node.decorator_list) this.visit(d, scope);
        for (const b of node.bases) this.visit(b, scope);
        for (const k of node.keywords) this.visit(k.value, scope);
        this.bind(scope, node.name);
        const inner = newScope('class', node.name, node, scope);
        this.scopes.set(node, inner);
        for (const s of node.body) this.visit(s, inner);
        return;
      }
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
        this.visitComprehension(node, scope, [node.elt]);
        return;
      case 'DictComp':
        this.visitComprehension(node, scope, [node.key, node.value]);
        return;
      case 'Name':
        if (node.ctx === 'Load') {
          scope.used.add(node.id);
          // `super` in a function counts as a use of `__class__` (the class's implicit cell).
          if (node.id === 'super' && scope.kind === 'function') scope.used.add('__class__');
        } else this.bind(scope, node.id);
        return;
      case 'Global':
      case 'Nonlocal':
        for (const n of node.names) (node._type === 'Global' ? scope.globals : scope.nonlocals).add(n);
        return;
      case 'Import':
      case 'ImportFrom':
        for (const a of node.names) {
          if (a.name === '*') continue;
          this.bind(scope, a.asname ?? (node._type === 'Import' ? a.name.split('.')[0] : a.name));
        }
        return;
      case 'ExceptHandler':
        if (node.type) this.visit(node.type, scope);
        if (node.name) this.bind(scope, node.name);
        for (const s of node.body) this.visit(s, scope);
        return;
      case 'Yield':
      case 'YieldFrom':
        scope.generator = true;
        break;
      default:
        break;
    }
    for (const key in node) {
      if (key === '_type') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof v === 'object' && '_type' in v) this.visit(v as Node, scope);
      } else if (value && typeof value === 'object' && '_type' in value) {
        this.visit(value as Node, scope);
      }
    }
  }

  /** Resolves every scope, top down (`analyze_block`), then lays out fast locals. */
  private resolve(scope: Scope): void {
    for (const name of scope.globals) scope.kinds.set(name, 'global');
    if (scope.kind === 'function') {
      for (const name of scope.nonlocals) {
        scope.kinds.set(name, 'free');
        scope.frees.add(name);
      }
      for (const name of scope.bound) if (!scope.kinds.has(name)) scope.kinds.set(name, 'fast');
    } else if (scope.kind === 'class') {
      for (const name of scope.nonlocals) {
        scope.kinds.set(name, 'free');
        scope.frees.add(name);
      }
      for (const name of scope.bound) if (!scope.kinds.has(name)) scope.kinds.set(name, 'name');
    } else {
      for (const name of scope.bound) if (!scope.kinds.has(name)) scope.kinds.set(name, 'global');
    }
    for (const child of scope.children) this.resolve(child);
    // Names used here (or needed by children) that are not bound: free from an enclosing function, or global.
    const wanted = new Set<string>(scope.used);
    for (const child of scope.children) for (const name of child.frees) wanted.add(name);
    for (const name of wanted) {
      const kind = scope.kinds.get(name);
      if (kind === 'fast' && scope.kind === 'function' && this.neededByChild(scope, name)) {
        scope.kinds.set(name, 'cell');
        scope.cells.add(name);
        continue;
      }
      if (
        name === '__class__' &&
        kind === undefined &&
        scope.kind === 'class' &&
        this.neededByChild(scope, name)
      ) {
        // A class body binds `__class__` implicitly for its methods: a cell (`__classcell__`).
        scope.kinds.set(name, 'cell');
        scope.cells.add(name);
        continue;
      }
      if (kind !== undefined) {
        if (kind === 'name' && this.neededByChild(scope, name) && scope.kind === 'class') {
          // A class-level name is not visible to nested functions; they look further out.
          if (this.enclosingBinder(scope.parent, name)) scope.frees.add(name);
        }
        continue;
      }
      if (this.enclosingBinder(scope.parent, name)) {
        scope.kinds.set(name, 'free');
        scope.frees.add(name);
      } else {
        scope.kinds.set(name, scope.kind === 'function' ? 'global' : 'name');
      }
    }
    if (scope.kind === 'function') {
      const varnames = [...scope.params];
      for (const name of scope.order)
        if (!varnames.includes(name) && scope.kinds.get(name) === 'fast') varnames.push(name);
      for (const name of scope.order)
        if (!varnames.includes(name) && scope.kinds.get(name) === 'cell') varnames.push(name);
      for (const name of scope.cells) if (!varnames.includes(name)) varnames.push(name);
      for (const name of scope.frees) if (!varnames.includes(name)) varnames.push(name);
      scope.varnames.push(...varnames);
    } else {
      for (const name of scope.cells) scope.varnames.push(name);
      for (const name of scope.frees) scope.varnames.push(name);
    }
  }

  private neededByChild(scope: Scope, name: string): boolean {
    return scope.children.some((c) => c.frees.has(name));
  }

  /** Whether an enclosing function scope binds `name` (so it can be a free variable here). */
  private enclosingBinder(scope: Scope | null, name: string): boolean {
    for (let s = scope; s; s = s.parent) {
      if (s.kind === 'module') return false;
      if (s.kind === 'class') {
        if (name === '__class__') return true;
        continue;
      }
      if (s.globals.has(name)) return false;
      if (s.bound.has(name) || s.nonlocals.has(name)) return true;
    }
    return false;
  }
}

/** Statements of a scope's body (for code generation). */
export type Body = Stmt[];
