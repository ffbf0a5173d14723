/**
 * The step-timing program: 200 lines that build about 10,000 objects (96 batches of 50 `Item`s,
 * each with a list, and the ints above the small-int cache they hold), about 10,000 statements.
 *
 * @module
 */

/** Batches the program makes, one line each (plus one line reading it). */
export const BATCHES = 96;

/** The program's source (200 lines). */
export function largeProgram(): string {
  const lines = [
    'class Item:',
    '    def __init__(self, n):',
    '        self.n = n',
    '        self.tags = [n]',
    'rows = {}',
    'def make(k):',
    '    return [Item(k * 50 + j) for j in range(50)]',
  ];
  for (let k = 0; k < BATCHES; k++) lines.push(`batch_${k} = make(${k})`, `rows[${k}] = batch_${k}[0].n`);
  while (lines.length < 199) lines.push(`last = rows[${lines.length % BATCHES}]`);
  lines.push('print(len(rows), sum(rows.values()))');
  return `${lines.join('\n')}\n`;
}
