import { describe, expect, it } from 'vitest';
import { formatDebugMallocStats, parseDebugMallocStats } from './debug-malloc-stats.js';
import { createPymalloc } from './pymalloc.js';

describe('formatDebugMallocStats', () => {
  it("prints CPython's columns: %5u %6u %11zu %15zu %13zu rows, 35-column labels, 21-column values", () => {
    const heap = createPymalloc({ arenaAlignmentLoss: true });
    for (let i = 0; i < 1_234_567 / 16; i++) heap.allocate(16);
    const lines = heap.debugMallocStats().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'Small block threshold = 512, in 32 size classes.',
      '',
      'class   size   num pools   blocks in use  avail blocks',
      '-----   ----   ---------   -------------  ------------',
      '    0     16          76           77161           435',
    ]);
    expect(lines).toContain('# arenas allocated total           =                    2');
    expect(lines).toContain('2 arenas * 1048576 bytes/arena     =            2,097,152');
    expect(lines).toContain('# bytes in allocated blocks        =            1,234,576');
    expect(lines).toContain('50 unused pools * 16384 bytes      =              819,200');
    expect(lines).toContain('# bytes lost to arena alignment    =               32,768');
    expect(lines).toContain('# bytes lost to arena map root     =              262,144');
  });

  it('round-trips through parseDebugMallocStats', () => {
    const heap = createPymalloc();
    for (let n = 1; n <= 512; n += 7) for (let k = 0; k < 300; k++) heap.allocate(n);
    const stats = heap.mallocStats();
    expect(parseDebugMallocStats(formatDebugMallocStats(stats))).toEqual(stats);
    expect(stats.totalBytes).toBe(stats.arenaBytes);
  });

  it('refuses text that is not a report', () => {
    expect(() => parseDebugMallocStats('hello')).toThrow(/no value for smallBlockThreshold/);
  });
});
