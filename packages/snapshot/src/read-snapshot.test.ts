import { describe, expect, it } from 'vitest';
import { readSnapshot } from './read-snapshot.js';
import { SnapshotFormatError } from './snapshot-error.js';
import { snapshotText } from './testing/snapshot-text.js';

const good = snapshotText([
  { id: 10, refcount: 2, refs: [20, 20], labels: ['[0]', '[1]'] },
  { id: 20, generation: -1, type: 'builtins.str', refcount: 2 },
]);

/** The offset and reason `readSnapshot` refuses `text` with. */
function refusal(text: string): { offset: number; reason: string } {
  try {
    readSnapshot(text);
  } catch (error) {
    if (error instanceof SnapshotFormatError) return { offset: error.offset, reason: error.reason };
    throw error;
  }
  throw new Error('accepted');
}

const lineStart = (text: string, line: number) =>
  text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0);

describe('readSnapshot', () => {
  it('reads objects, references and labels', () => {
    const s = readSnapshot(good);
    expect(s.count).toBe(2);
    expect([...s.edgeTarget]).toEqual([1, 1]);
    expect(s.edgeLabel.get(1)).toBe('[1]');
    expect(s.generation[1]).toBe(-1);
    expect(s.typeNames).toEqual(['builtins.list', 'builtins.str']);
  });

  it('refuses a truncated file: mid-record, and without its end record', () => {
    const cut = good.slice(0, good.indexOf('["o",20') + 9);
    expect(refusal(cut)).toEqual({
      offset: good.indexOf('["o",20'),
      reason: 'truncated: the last record has no end of line',
    });
    const noEnd = good.slice(0, good.indexOf('["end"'));
    expect(refusal(noEnd)).toEqual({ offset: noEnd.length, reason: 'truncated: no end record' });
    expect(refusal('')).toEqual({ offset: 0, reason: 'empty: no header' });
  });

  it('refuses a record that is not JSON at the start of the record (or where JSON.parse says)', () => {
    const text = good.replace('["o",20', '["o",20,,');
    const { offset, reason } = refusal(text);
    expect([lineStart(text, 4), text.indexOf(',,') + 1]).toContain(offset);
    expect(reason).toMatch(/^not a JSON record/);
  });

  it.each([
    [
      'another format',
      (t: string) => t.replace('pymm-snapshot', 'other'),
      0,
      'not a pymm snapshot (format "other")',
    ],
    [
      'a later version',
      (t: string) => t.replace('"version":1', '"version":2'),
      0,
      'format version 2 is not supported (this reader reads 1)',
    ],
    [
      'an object written twice',
      (t: string) => t.replace('["o",20', '["o",10'),
      4,
      'object 10 is written twice',
    ],
    [
      'a generation of 3',
      (t: string) => t.replace('["o",10,0', '["o",10,3'),
      2,
      'the generation is not -1, 0, 1 or 2',
    ],
    [
      'an undefined type',
      (t: string) => t.replace('["o",10,0,0', '["o",10,0,7'),
      2,
      'type 7 is not defined before its use',
    ],
    [
      'a negative size',
      (t: string) => t.replace('["o",10,0,0,16', '["o",10,0,0,-16'),
      2,
      'the size is not a non-negative integer',
    ],
    [
      'labels that do not match',
      (t: string) => t.replace('["[0]","[1]"]', '["[0]"]'),
      2,
      'the labels are neither null nor one string per reference',
    ],
    [
      'an unknown record',
      (t: string) => t.replace('["end"', '["x",1]\n["end"'),
      5,
      'unknown record kind "x"',
    ],
    [
      'wrong counts',
      (t: string) => t.replace('["end",2,2]', '["end",3,2]'),
      5,
      'the end record says [3,2] objects and references, the file holds 2 and 2',
    ],
    ['a record after the end', (t: string) => `${t}["end",2,2]\n`, 6, 'a record after the end record'],
  ])('refuses %s with its line and reason', (_name, mutate, line, reason) => {
    const text = mutate(good);
    expect(refusal(text)).toEqual({ offset: lineStart(text, line), reason });
  });

  it('refuses a byte that is not ASCII at its offset', () => {
    const bytes = Buffer.from(good, 'latin1');
    bytes[50] = 0xe9;
    expect(refusal(bytes.toString('latin1')).offset).toBe(50);
    expect(() => readSnapshot(bytes)).toThrow('invalid snapshot at byte 50: a byte that is not ASCII');
  });

  it('drops references to objects the file does not hold, and counts them', () => {
    const s = readSnapshot(snapshotText([{ id: 1, refcount: 1, refs: [999] }]));
    expect(s.edgeTarget.length).toBe(0);
    expect(s.droppedReferences).toBe(1);
  });
});
