// Start-up of the built package, as `pymm run` will meet it: import dist, load the parser, check a
// 200-line program (parse, validate, subset check), then check it again (warm). Run `pnpm build`
// first, then `node scripts/measure-startup.mjs`.
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const { checkProgramSync, loadParser } = await import('../dist/index.js');
const t1 = performance.now();
await loadParser();
const t2 = performance.now();

// A 200-line program of the kinds the lessons use: classes, closures, generators, comprehensions,
// f-strings, try/except, with.
const block = [
  'class Node:',
  '    def __init__(self, name, parent=None):',
  '        self.name = name',
  '        self.parent = parent',
  '        self.children = []',
  '',
  '    def __repr__(self):',
  "        return f'Node({self.name!r}, {len(self.children)} children)'",
  '',
  'def make_counter(start=0, *, step=1):',
  '    count = start',
  '    def bump():',
  '        nonlocal count',
  '        count += step',
  '        return count',
  '    return bump',
  '',
  'def squares(n):',
  '    for i in range(n):',
  '        if i % 2 == 0:',
  '            yield i * i',
  '',
  'try:',
  '    total = sum(x for x in squares(10) if x > 3)',
  '    pairs = {k: v for k, v in zip("abc", [1, 2, 3])}',
  'except (ValueError, KeyError) as e:',
  '    print("error", e)',
  'else:',
  '    print(total, pairs, [n for n in range(5)][1:3])',
  'with open("data.txt", "w") as f:',
  '    f.write("x = %d\\n" % total)',
  'del total, pairs',
];
const lines = [];
for (let i = 0; lines.length < 200; i++)
  for (const line of block) lines.push(line.replace(/\b(Node|make_counter|squares)\b/g, `$1${i}`));
const source = `import gc\nimport sys\n${lines.slice(0, 198).join('\n')}\n`;

const first = checkProgramSync(source, { filename: 'prog.py' });
const t3 = performance.now();
checkProgramSync(source, { filename: 'prog.py' });
const t4 = performance.now();
if (!first.ok) throw new Error(first.error.toString());
const ms = (a, b) => `${(b - a).toFixed(0)} ms`;
console.log(
  `${source.split('\n').length - 1} lines: import ${ms(t0, t1)}, loadParser ${ms(t1, t2)}, ` +
    `first check ${ms(t2, t3)}, total ${ms(t0, t3)}; second check ${ms(t3, t4)}`,
);
