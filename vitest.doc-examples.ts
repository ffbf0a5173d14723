/**
 * Shared test support: a package's documentation examples, checked the way a user would meet them.
 *
 * A package test calls {@link describeDocExamples} with the modules its examples may import. It then
 * checks that
 *
 * - every export of each of the package's entry files (`src/index.ts`, and the entry of each subpath
 *   export, such as `@pymm/core/gc`: the `@pymm/source` targets of the package.json `exports`) has
 *   a TSDoc comment with a summary and an `@example` holding a fenced ```ts block (values and types,
 *   `export *` included);
 * - the modules given to the test include every entry, so examples can import each subpath;
 * - every ```ts block under an `@example` tag, in every source file the entry files reach, and every
 *   ```ts block of the package README, type-checks against the package source (with the package's
 *   own compiler options) and runs;
 * - a statement written `expression; // literal` equals the literal (`toEqual`). The literal may be
 *   followed by prose after `,`, `;`, `:`, `(` or a dash (`// 80, as sys.getsizeof([a, b, c])`); a
 *   comment that does not start with a JavaScript literal (prose, Python) is not checked, nor is an
 *   assignment;
 * - a README block that calls `console.log` and is followed by a ```text block prints exactly that
 *   text.
 *
 * Examples import packages by name (`'@pymm/core'`, `'@pymm/core/gc'`); they resolve to the modules
 * given here, which are the package sources under vitest's `@pymm/source` condition. Node's built-in modules
 * (`node:fs`, ...) may be imported too.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** What a package's documentation-example test needs to say. */
export interface DocExamplesOptions {
  /** `import.meta.url` of the calling test, which lives in the package's `src` directory. */
  readonly testFile: string;
  /** The modules examples may import, by specifier (the package itself included). */
  readonly modules: Readonly<Record<string, unknown>>;
  /** At least this many examples must be found (guards against the extraction silently breaking). */
  readonly minimumExamples?: number;
  /**
   * Examples known to fail, by `where` (`README.md:15`), with the reason. They must keep failing: once
   * one passes, its entry has to go.
   */
  readonly knownFailures?: Readonly<Record<string, string>>;
}

/** One runnable block of TypeScript taken from the documentation. */
export interface DocExample {
  /** `path:line` of the block's first line, relative to the package directory. */
  readonly where: string;
  readonly code: string;
  /** The file it comes from, relative to the package directory. */
  readonly file: string;
  /** Line of `file` that holds the block's first line (for messages). */
  readonly firstLine: number;
  /** What the block must print (README blocks followed by a ```text block), or `null`. */
  readonly output: string | null;
}

interface DocComment {
  /** The text before the first tag. */
  readonly summary: string;
  /** ```ts blocks under `@example` tags: code and offset (in lines) of their first line. */
  readonly examples: { code: string; line: number }[];
}

/** Splits a raw `/** ... *\/` comment into its summary and the ```ts blocks of its `@example` tags. */
export function parseDocComment(raw: string): DocComment {
  const lines = raw
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((line, i) => (i === 0 ? line.replace(/^ /, '') : line.replace(/^\s*\* ?/, '').replace(/^\s*$/, '')));
  const summary: string[] = [];
  const examples: { code: string; line: number }[] = [];
  let tag: string | null = null;
  let fence: { lang: string; start: number; body: string[] } | null = null;
  lines.forEach((line, i) => {
    if (fence) {
      if (/^```\s*$/.test(line)) {
        if (tag === 'example' && fence.lang === 'ts')
          examples.push({ code: `${fence.body.join('\n')}\n`, line: fence.start });
        fence = null;
      } else fence.body.push(line);
      return;
    }
    const open = /^```(\w*)/.exec(line);
    if (open) {
      fence = { lang: open[1], start: i + 1, body: [] };
      return;
    }
    const tagged = /^@(\w+)/.exec(line);
    if (tagged) tag = tagged[1];
    else if (tag === null) summary.push(line);
  });
  return { summary: summary.join('\n').trim(), examples };
}

/** Every `/** ... *\/` comment of a source file (found through the syntax tree, so never inside a string). */
function docComments(source: ts.SourceFile): { pos: number; text: string }[] {
  const seen = new Set<number>();
  const found: { pos: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    for (const range of ts.getLeadingCommentRanges(source.text, node.pos) ?? []) {
      const text = source.text.slice(range.pos, range.end);
      if (seen.has(range.pos) || !text.startsWith('/**') || text === '/**/') continue;
      seen.add(range.pos);
      found.push({ pos: range.pos, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.sort((a, b) => a.pos - b.pos);
}

/** One entry file of a package: the specifier users import (`@pymm/core/gc`) and its source file. */
interface EntryFile {
  readonly specifier: string;
  readonly file: string;
}

/**
 * The package's entry files: each subpath of its package.json `exports` with a `@pymm/source`
 * condition, or `src/index.ts` alone when there is no exports map.
 */
export function entryFiles(packageDir: string): EntryFile[] {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    name: string;
    exports?: Record<string, unknown>;
  };
  const entries = Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) => {
    const source = (target as Record<string, unknown> | null)?.['@pymm/source'];
    if (typeof source !== 'string') return [];
    const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}`;
    return [{ specifier, file: resolve(packageDir, source) }];
  });
  return entries.length > 0
    ? entries
    : [{ specifier: manifest.name, file: join(packageDir, 'src', 'index.ts') }];
}

/** The source files the entry files reach through relative imports and re-exports. */
function packageSources(entries: readonly EntryFile[]): string[] {
  const files: string[] = [];
  const pending = entries.map((entry) => entry.file);
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.includes(file)) continue;
    files.push(file);
    for (const imported of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!imported.fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), imported.fileName);
      const candidates = [target.replace(/\.js$/, '.ts'), join(target, 'index.ts')];
      const found = candidates.find((c) => ts.sys.fileExists(c));
      if (!found) throw new Error(`${file}: cannot resolve ${imported.fileName}`);
      pending.push(found);
    }
  }
  return files.sort();
}

function tsdocExamples(packageDir: string, file: string): DocExample[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const path = relative(packageDir, file);
  return docComments(source).flatMap((comment) => {
    const commentLine = source.getLineAndCharacterOfPosition(comment.pos).line + 1;
    return parseDocComment(comment.text).examples.map(({ code, line }) => ({
      where: `${path}:${commentLine + line}`,
      code,
      file: path,
      firstLine: commentLine + line,
      output: null,
    }));
  });
}

function readmeExamples(packageDir: string): DocExample[] {
  const text = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const blocks = [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)];
  return blocks.flatMap((block, i) => {
    if (block[1] !== 'ts') return [];
    const firstLine = text.slice(0, block.index).split('\n').length + 1;
    const next = blocks[i + 1];
    const between = next ? text.slice(block.index + block[0].length, next.index) : '';
    const shows = next?.[1] === 'text' && between.trim() === '';
    return [
      {
        where: `README.md:${firstLine}`,
        code: block[2],
        file: 'README.md',
        firstLine,
        output: shows ? next[2].replace(/\n$/, '') : null,
      },
    ];
  });
}

/** Whether `text` is a JavaScript literal: number, string, boolean, null, undefined, or an array or object of them. */
function isLiteral(text: string): boolean {
  if (text === '') return false;
  try {
    new Function(`return (${text}\n);`);
  } catch {
    return false;
  }
  const source = ts.createSourceFile('literal.ts', `(${text}\n)`, ts.ScriptTarget.Latest, true);
  const statement = source.statements[0];
  if (source.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) return false;
  const literal = (node: ts.Node): boolean => {
    if (ts.isParenthesizedExpression(node)) return literal(node.expression);
    if (
      ts.isNumericLiteral(node) ||
      ts.isBigIntLiteral(node) ||
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node)
    )
      return true;
    if (
      node.kind === ts.SyntaxKind.TrueKeyword ||
      node.kind === ts.SyntaxKind.FalseKeyword ||
      node.kind === ts.SyntaxKind.NullKeyword
    )
      return true;
    if (ts.isIdentifier(node)) return ['undefined', 'NaN', 'Infinity'].includes(node.text);
    if (ts.isPrefixUnaryExpression(node))
      return node.operator === ts.SyntaxKind.MinusToken && literal(node.operand);
    if (ts.isArrayLiteralExpression(node)) return node.elements.every(literal);
    if (ts.isObjectLiteralExpression(node))
      return node.properties.every(
        (p) =>
          ts.isPropertyAssignment(p) &&
          (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) &&
          literal(p.initializer),
      );
    return false;
  };
  return literal(statement.expression);
}

/** The literal an assertion comment states (`// 2`, `// 88, as CPython`), or `null` for prose. */
export function expectedLiteral(comment: string): string | null {
  const text = comment.trim();
  if (isLiteral(text)) return text;
  for (let i = text.length - 1; i > 0; i--) {
    if (!/^(?:[,;:(—–]|\s-\s)/.test(text.slice(i))) continue;
    const prefix = text.slice(0, i).trim();
    if (isLiteral(prefix)) return prefix;
  }
  return null;
}

const assignments = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.PercentEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

/** Rewrites every `expression; // literal` statement of an example into `__check(expression, literal, where)`. */
export function withChecks(example: DocExample): { code: string; checks: number } {
  const source = ts.createSourceFile('example.ts', example.code, ts.ScriptTarget.Latest, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isExpressionStatement(node)) {
      const comment = (ts.getTrailingCommentRanges(source.text, node.end) ?? [])[0];
      const expression = node.expression;
      const assigns = ts.isBinaryExpression(expression) && assignments.has(expression.operatorToken.kind);
      if (comment && comment.kind === ts.SyntaxKind.SingleLineCommentTrivia && !assigns) {
        const expected = expectedLiteral(source.text.slice(comment.pos + 2, comment.end));
        if (expected !== null) {
          const line = source.getLineAndCharacterOfPosition(node.getStart()).line;
          const where = `${example.file}:${example.firstLine + line}: ${node.getText()}`;
          edits.push({
            start: node.getStart(),
            end: node.end,
            text: `__check((${expression.getText()}), (${expected}\n), ${JSON.stringify(where)});`,
          });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let code = example.code;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  return { code, checks: edits.length };
}

const nodeRequire = createRequire(import.meta.url);

/** Whether examples may import `specifier`: one of `modules`, or a Node built-in (`node:fs`). */
function importable(specifier: string, modules: Readonly<Record<string, unknown>>): boolean {
  return Object.hasOwn(modules, specifier) || specifier.startsWith('node:');
}

/** Runs an example with `modules` (and Node's built-ins) as the only importable modules; returns what it printed. */
async function runExample(
  example: DocExample,
  modules: Readonly<Record<string, unknown>>,
): Promise<string[]> {
  const js = ts.transpileModule(withChecks(example).code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: 'example.ts',
  }).outputText;
  const printed: string[] = [];
  const print = (...values: unknown[]) => {
    printed.push(values.map((v) => (typeof v === 'string' ? v : String(v))).join(' '));
  };
  const require = (id: string) => {
    if (!importable(id, modules))
      throw new Error(
        `${example.where}: examples may import only ${Object.keys(modules).join(', ')}, not ${id}`,
      );
    return Object.hasOwn(modules, id) ? modules[id] : nodeRequire(id);
  };
  const check = (actual: unknown, expected: unknown, where: string) =>
    expect(actual, where).toEqual(expected);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...parameters: string[]
  ) => (...values: unknown[]) => Promise<void>;
  const body = new AsyncFunction('require', 'exports', 'module', '__check', 'console', js);
  const exports = {};
  await body(require, exports, { exports }, check, { ...console, log: print, info: print, warn: print });
  return printed;
}

interface Checker {
  readonly program: ts.Program;
  /** Virtual file name of each example. */
  readonly files: Map<DocExample, string>;
}

/** One program: the package source with its compiler options, plus each example as a module of `src`. */
function createChecker(
  packageDir: string,
  entries: readonly EntryFile[],
  examples: readonly DocExample[],
): Checker {
  const configFile = join(packageDir, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configFile,
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configFile}`);
  const files = new Map<DocExample, string>();
  const virtual = new Map<string, string>();
  examples.forEach((example, i) => {
    const name = join(packageDir, 'src', `__doc_example_${i}__.ts`);
    files.set(example, name);
    virtual.set(name, `${example.code}\nexport {};\n`);
  });
  const host = ts.createCompilerHost(config.options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = virtual.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, language, ...rest)
      : ts.createSourceFile(name, text, language, true);
  };
  const roots = [...entries.map((entry) => entry.file), ...virtual.keys()];
  return { program: ts.createProgram({ rootNames: roots, options: config.options, host }), files };
}

/** Names exported by the entry files whose declarations lack a TSDoc summary or a ```ts `@example`. */
function undocumentedExports(
  packageDir: string,
  entries: readonly EntryFile[],
  program: ts.Program,
): { exported: string[]; missing: string[] } {
  const checker = program.getTypeChecker();
  const exported: string[] = [];
  const missing: string[] = [];
  for (const entry of entries) {
    const index = program.getSourceFile(entry.file);
    const module = index && checker.getSymbolAtLocation(index);
    if (!module) throw new Error(`${packageDir}: no module ${relative(packageDir, entry.file)}`);
    for (const symbol of checker.getExportsOfModule(module)) {
      exported.push(`${entry.specifier}: ${symbol.name}`);
      const problem = undocumented(packageDir, checker, symbol);
      if (problem !== null) missing.push(`${entry.specifier}: ${problem}`);
    }
  }
  return { exported, missing };
}

/** Why an exported symbol is not documented (no TSDoc, no summary, no ```ts `@example`), or `null`. */
function undocumented(packageDir: string, checker: ts.TypeChecker, symbol: ts.Symbol): string | null {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const problems = (target.declarations ?? []).map((declaration) => {
    const docs = ts.getJSDocCommentsAndTags(declaration).filter(ts.isJSDoc);
    const where = `${relative(packageDir, declaration.getSourceFile().fileName)}:${
      declaration.getSourceFile().getLineAndCharacterOfPosition(declaration.getStart()).line + 1
    }`;
    const doc = docs.at(-1);
    if (!doc) return `${symbol.name} (${where}): no TSDoc comment`;
    const parsed = parseDocComment(doc.getText());
    if (parsed.summary === '') return `${symbol.name} (${where}): no summary`;
    if (parsed.examples.length === 0) return `${symbol.name} (${where}): no @example with a \`\`\`ts block`;
    return null;
  });
  // A name declared twice (a value and its type) is documented when one declaration is.
  return problems.includes(null) ? null : (problems[0] ?? `${symbol.name}: no declaration found`);
}

/** Registers the tests of a package's documentation examples (see the module comment). */
export function describeDocExamples(options: DocExamplesOptions): void {
  const srcDir = dirname(fileURLToPath(options.testFile));
  const packageDir = dirname(srcDir);
  const entries = entryFiles(packageDir);
  const examples = [
    ...packageSources(entries).flatMap((file) => tsdocExamples(packageDir, file)),
    ...readmeExamples(packageDir),
  ];
  let checker: Checker | undefined;
  const program = () => {
    checker ??= createChecker(packageDir, entries, examples);
    return checker;
  };

  describe('documentation examples', () => {
    it('documents every export of every entry file with a summary and a ```ts @example', () => {
      const { exported, missing } = undocumentedExports(packageDir, entries, program().program);
      expect(exported.length).toBeGreaterThan(0);
      expect(missing).toEqual([]);
    }, 60_000);

    it('lets examples import every entry of the package', () => {
      expect(entries.map((entry) => entry.specifier).filter((s) => !importable(s, options.modules))).toEqual(
        [],
      );
    });

    it('finds the examples', () => {
      expect(examples.length).toBeGreaterThanOrEqual(options.minimumExamples ?? 1);
    });

    it('imports only the modules examples may import', () => {
      const wrong: string[] = [];
      for (const example of examples) {
        for (const imported of ts.preProcessFile(example.code, true, true).importedFiles)
          if (!importable(imported.fileName, options.modules))
            wrong.push(`${example.where}: ${imported.fileName}`);
      }
      expect(wrong).toEqual([]);
    });

    it('type-checks every example against the package source', () => {
      const { program: p, files } = program();
      const errors: string[] = [];
      for (const example of examples) {
        const file = p.getSourceFile(files.get(example)!)!;
        for (const d of [...p.getSyntacticDiagnostics(file), ...p.getSemanticDiagnostics(file)]) {
          const line = d.start === undefined ? 0 : file.getLineAndCharacterOfPosition(d.start).line;
          errors.push(
            `${example.file}:${example.firstLine + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
          );
        }
      }
      expect(errors).toEqual([]);
    }, 60_000);

    const known = options.knownFailures ?? {};
    it('lists as known failures only examples that exist', () => {
      const wheres = new Set(examples.map((e) => e.where));
      expect(Object.keys(known).filter((where) => !wheres.has(where))).toEqual([]);
    });

    for (const example of examples) {
      const reason = known[example.where];
      const test = reason === undefined ? it : it.fails;
      test(`runs ${example.where}${reason === undefined ? '' : ` (known failure: ${reason})`}`, async () => {
        const printed = await runExample(example, options.modules);
        if (example.output !== null) expect(printed.join('\n')).toBe(example.output);
      });
    }
  });
}
