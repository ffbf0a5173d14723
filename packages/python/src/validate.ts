/**
 * The checks CPython makes after parsing, which no grammar makes: first those of its symbol table
 * (`Python/symtable.c`: duplicate parameters, `global`/`nonlocal` declared after use or on a parameter,
 * `nonlocal` at module level or without a binding), then those of its compiler (`Python/compile.c`:
 * `return`, `yield` and `await` outside a function, `break`/`continue` outside a loop, starred
 * assignment targets), each with CPython 3.11's message and position.
 *
 * @example
 * ```ts
 * import { loadParser, parsePythonSync, validateModule } from '@pymm/python';
 * await loadParser();
 * const source = 'def f():\n    nonlocal x\n';
 * const parsed = parsePythonSync(source, { filename: 'prog.py' });
 * const error = parsed.ok ? validateModule(parsed.module, source, { filename: 'prog.py' }) : null;
 * error?.message; // "no binding for nonlocal 'x' found"
 * error?.line; // 2
 * ```
 */
import type { Arguments, Expr, Located, Module, Node } from './ast-nodes.js';
import { SourceText } from './source-positions.js';
import { type PythonSyntaxError, SyntaxErrorSignal, syntaxErrorAt } from './syntax-error.js';

/** A scope of the symbol table: the module, a class body, a function or lambda, a comprehension. */
interface Scope {
  readonly kind: 'module' | 'class' | 'function' | 'comprehension';
  readonly parent: Scope | null;
  readonly parameters: Set<string>;
  readonly assigned: Set<string>;
  readonly used: Set<string>;
  readonly globals: Set<string>;
  readonly nonlocals: Map<string, Located>;
}

/**
 * Options of {@link validateModule}.
 *
 * @example
 * ```ts
 * import { parsePython, type ValidateOptions, validateModule } from '@pymm/python';
 * const source = 'return 1\n';
 * const parsed = await parsePython(source);
 * const options: ValidateOptions = { filename: 'prog.py' };
 * parsed.ok && validateModule(parsed.module, source, options)?.toString(); // "prog.py:1:1: SyntaxError: 'return' outside function"
 * ```
 */
export interface ValidateOptions {
  readonly filename?: string;
}

/**
 * Runs CPython's post-parse checks on a module; returns the first error, or `null`. `source` is the
 * text `module` was parsed from (for the error's source line and columns in characters).
 *
 * @example
 * ```ts
 * import { parsePython, validateModule } from '@pymm/python';
 * const source = 'def f(a, a):\n    pass\n';
 * const parsed = await parsePython(source);
 * parsed.ok && validateModule(parsed.module, source)?.message; // "duplicate argument 'a' in function definition"
 * ```
 */
export function validateModule(
  module: Module,
  source: string,
  options: ValidateOptions = {},
): PythonSyntaxError | null {
  const text = new SourceText(source);
  const filename = options.filename ?? '<unknown>';
  const fail = (message: string, at: Located): never => {
    throw new SyntaxErrorSignal(syntaxErrorAt(text, filename, message, at));
  };
  try {
    buildSymbolTable(module, fail);
    compileChecks(module, fail);
    return null;
  } catch (e) {
    if (e instanceof SyntaxErrorSignal) return e.error;
    throw e;
  }
}

type Fail = (message: string, at: Located) => never;

function newScope(kind: Scope['kind'], parent: Scope | null): Scope {
  return {
    kind,
    parent,
    parameters: new Set(),
    assigned: new Set(),
    used: new Set(),
    globals: new Set(),
    nonlocals: new Map(),
  };
}

/** The symbol-table pass: declarations checked as they are met, then every `nonlocal` resolved. */
function buildSymbolTable(module: Module, fail: Fail): void {
  const scopes: Scope[] = [];
  const moduleScope = newScope('module', null);
  scopes.push(moduleScope);
  // An explicit stack of (node, scope) pairs, visited in source order.
  const stack: { node: unknown; scope: Scope }[] = [{ node: module.body, scope: moduleScope }];
  while (stack.length > 0) {
    const { node, scope } = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], scope });
      continue;
    }
    if (node === null || typeof node !== 'object' || !('_type' in node)) continue;
    const n = node as Node;
    const later: { node: unknown; scope: Scope }[] = [];
    switch (n._type) {
      case 'FunctionDef':
      case 'AsyncFunctionDef':
      case 'Lambda': {
        if (n._type !== 'Lambda') scope.assigned.add(n.name);
        const inner = newScope('function', scope);
        scopes.push(inner);
        declareParameters(n.args, inner, fail);
        const outer: unknown[] = [n.args.defaults, n.args.kw_defaults];
        if (n._type !== 'Lambda') {
          outer.unshift(n.decorator_list);
          outer.push(annotations(n.args), n.returns);
        }
        later.push({ node: outer, scope }, { node: n.body, scope: inner });
        break;
      }
      case 'ClassDef': {
        scope.assigned.add(n.name);
        const inner = newScope('class', scope);
        scopes.push(inner);
        later.push({ node: [n.decorator_list, n.bases, n.keywords], scope }, { node: n.body, scope: inner });
        break;
      }
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
      case 'DictComp': {
        const inner = newScope('comprehension', scope);
        scopes.push(inner);
        const [first, ...rest] = n.generators;
        later.push({ node: first.iter, scope }, { node: [first.target, first.ifs, rest], scope: inner });
        later.push({ node: n._type === 'DictComp' ? [n.key, n.value] : n.elt, scope: inner });
        break;
      }
      case 'Global':
      case 'Nonlocal': {
        const what = n._type === 'Global' ? 'global' : 'nonlocal';
        if (what === 'nonlocal' && scope.kind === 'module')
          fail('nonlocal declaration not allowed at module level', n);
        for (const name of n.names) {
          if (scope.parameters.has(name)) fail(`name '${name}' is parameter and ${what}`, n);
          if (what === 'global' && scope.nonlocals.has(name))
            fail(`name '${name}' is nonlocal and global`, n);
          if (what === 'nonlocal' && scope.globals.has(name))
            fail(`name '${name}' is nonlocal and global`, n);
          if (scope.used.has(name)) fail(`name '${name}' is used prior to ${what} declaration`, n);
          if (scope.assigned.has(name)) fail(`name '${name}' is assigned to before ${what} declaration`, n);
          if (what === 'global') scope.globals.add(name);
          else scope.nonlocals.set(name, n);
        }
        break;
      }
      case 'Name':
        if (n.ctx === 'Load') scope.used.add(n.id);
        else scope.assigned.add(n.id);
        break;
      case 'Import':
      case 'ImportFrom':
        for (const alias of n.names)
          if (alias.name !== '*') scope.assigned.add(alias.asname ?? alias.name.split('.')[0]);
        break;
      case 'ExceptHandler':
        if (n.name) scope.assigned.add(n.name);
        later.push({ node: [n.type, n.body], scope });
        break;
      case 'MatchAs':
      case 'MatchStar':
        if (n.name) scope.assigned.add(n.name);
        later.push({ node: n._type === 'MatchAs' ? n.pattern : null, scope });
        break;
      case 'MatchMapping':
        if (n.rest) scope.assigned.add(n.rest);
        later.push({ node: [n.keys, n.patterns], scope });
        break;
      default:
        later.push({ node: Object.values(n).filter((v) => typeof v === 'object'), scope });
    }
    for (let i = later.length - 1; i >= 0; i--) stack.push(later[i]);
  }
  // Resolve `nonlocal` names against the enclosing function scopes (symtable.c `analyze_name`).
  for (const scope of scopes) {
    for (const [name, at] of scope.nonlocals) {
      let outer = scope.parent;
      let bound = false;
      while (outer && outer.kind !== 'module') {
        if (
          outer.kind === 'function' &&
          !outer.globals.has(name) &&
          (outer.parameters.has(name) || outer.assigned.has(name) || outer.nonlocals.has(name))
        ) {
          bound = true;
          break;
        }
        outer = outer.parent;
      }
      if (!bound) fail(`no binding for nonlocal '${name}' found`, at);
    }
  }
}

function annotations(args: Arguments): unknown[] {
  const all = [...args.posonlyargs, ...args.args, ...args.kwonlyargs];
  if (args.vararg) all.push(args.vararg);
  if (args.kwarg) all.push(args.kwarg);
  return all.map((a) => a.annotation);
}

function declareParameters(args: Arguments, scope: Scope, fail: Fail): void {
  const all = [...args.posonlyargs, ...args.args];
  if (args.vararg) all.push(args.vararg);
  all.push(...args.kwonlyargs);
  if (args.kwarg) all.push(args.kwarg);
  for (const a of all) {
    if (scope.parameters.has(a.arg)) fail(`duplicate argument '${a.arg}' in function definition`, a);
    scope.parameters.add(a.arg);
  }
}

/** Where the compiler is: inside which kind of code, and whether a loop encloses it. */
interface CompileContext {
  readonly unit: 'module' | 'class' | 'function' | 'async-function' | 'lambda' | 'comprehension';
  readonly inLoop: boolean;
}

/** The compiler's checks, in source order. */
function compileChecks(module: Module, fail: Fail): void {
  const stack: { node: unknown; cc: CompileContext }[] = [
    { node: module.body, cc: { unit: 'module', inLoop: false } },
  ];
  while (stack.length > 0) {
    const { node, cc } = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], cc });
      continue;
    }
    if (node === null || typeof node !== 'object' || !('_type' in node)) continue;
    const n = node as Node;
    const later: { node: unknown; cc: CompileContext }[] = [];
    const outside = cc.unit === 'module' || cc.unit === 'class';
    switch (n._type) {
      case 'Return':
        if (outside) fail("'return' outside function", n);
        break;
      case 'Break':
        if (!cc.inLoop) fail("'break' outside loop", n);
        break;
      case 'Continue':
        if (!cc.inLoop) fail("'continue' not properly in loop", n);
        break;
      case 'Yield':
      case 'YieldFrom':
        if (outside) fail("'yield' outside function", n);
        break;
      case 'Await':
        if (outside) fail("'await' outside function", n);
        if (cc.unit === 'function' || cc.unit === 'lambda') fail("'await' outside async function", n);
        break;
      case 'FunctionDef':
      case 'AsyncFunctionDef':
        later.push({ node: [n.decorator_list, n.args], cc });
        later.push({
          node: n.body,
          cc: { unit: n._type === 'FunctionDef' ? 'function' : 'async-function', inLoop: false },
        });
        stack.push(...later.reverse());
        continue;
      case 'Lambda':
        later.push({ node: n.args, cc }, { node: n.body, cc: { unit: 'lambda', inLoop: false } });
        stack.push(...later.reverse());
        continue;
      case 'ClassDef':
        later.push({ node: [n.decorator_list, n.bases, n.keywords], cc });
        later.push({ node: n.body, cc: { unit: 'class', inLoop: false } });
        stack.push(...later.reverse());
        continue;
      case 'For':
      case 'AsyncFor':
        assignmentTarget(n.target, fail);
        later.push(
          { node: [n.target, n.iter], cc },
          { node: n.body, cc: { ...cc, inLoop: true } },
          { node: n.orelse, cc },
        );
        stack.push(...later.reverse());
        continue;
      case 'While':
        later.push(
          { node: n.test, cc },
          { node: n.body, cc: { ...cc, inLoop: true } },
          { node: n.orelse, cc },
        );
        stack.push(...later.reverse());
        continue;
      case 'Assign':
        for (const target of n.targets) assignmentTarget(target, fail);
        if (n.value._type === 'Starred') fail("can't use starred expression here", n.value);
        break;
      case 'With':
      case 'AsyncWith':
        for (const item of n.items) if (item.optional_vars) assignmentTarget(item.optional_vars, fail);
        break;
      case 'comprehension':
        assignmentTarget(n.target, fail);
        break;
    }
    for (const v of Object.values(n)) if (typeof v === 'object' && v !== null) later.push({ node: v, cc });
    for (let i = later.length - 1; i >= 0; i--) stack.push(later[i]);
  }
}

/** compile.c's checks on an assignment target: a lone starred name, or two starred names in one unpacking. */
function assignmentTarget(target: Expr, fail: Fail): void {
  if (target._type === 'Starred') fail('starred assignment target must be in a list or tuple', target);
  const stack: Expr[] = [target];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t._type !== 'Tuple' && t._type !== 'List') continue;
    let starred = 0;
    for (const elt of t.elts) {
      if (elt._type === 'Starred') {
        starred++;
        stack.push(elt.value);
      } else stack.push(elt);
    }
    if (starred > 1) fail('multiple starred expressions in assignment', t);
  }
}
