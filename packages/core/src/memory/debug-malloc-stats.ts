/**
 * The numbers behind CPython's `sys._debugmallocstats()` (its obmalloc part,
 * `_PyObject_DebugMallocStats` in 3.11), a formatter that prints them exactly as
 * CPython does, and a parser that reads CPython's real output back into the same
 * shape, so that the model and a real interpreter can be compared field by field.
 *
 * @module
 */

/**
 * One row of the size-class table: pools in use (used or full) of one size class.
 *
 * @example
 * ```ts
 * import { createPymalloc, type SizeClassStats } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(64);
 * const row: SizeClassStats = heap.sizeClassStats()[3];
 * row.availableBlocks; // 254
 * ```
 */
export interface SizeClassStats {
  /** Size class index (0..31). */
  readonly sizeClass: number;
  /** Block size in bytes, `(sizeClass + 1) * 16`. */
  readonly blockSize: number;
  /** Pools of this class that are used or full ("num pools"). */
  readonly pools: number;
  /** Allocated blocks in those pools ("blocks in use"). */
  readonly blocksInUse: number;
  /** Free plus never-carved blocks in those pools ("avail blocks"). */
  readonly availableBlocks: number;
}

/**
 * Everything the obmalloc part of `sys._debugmallocstats()` prints, as numbers.
 *
 * @example
 * ```ts
 * import { createPymalloc, type PymallocDebugStats } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(64);
 * const stats: PymallocDebugStats = heap.mallocStats();
 * stats.quantizationBytes; // 16: 255 blocks of 64 bytes leave 16 bytes of the pool unused
 * ```
 */
export interface PymallocDebugStats {
  /** `SMALL_REQUEST_THRESHOLD` (512). */
  readonly smallBlockThreshold: number;
  /** Number of size classes (32). */
  readonly sizeClassCount: number;
  /** The size-class table: only classes with at least one pool, in class order, as printed. */
  readonly classes: readonly SizeClassStats[];
  /** `# arenas allocated total`: arenas ever allocated. */
  readonly arenasAllocatedTotal: number;
  /** `# arenas reclaimed`: arenas returned to the system. */
  readonly arenasReclaimed: number;
  /** `# arenas highwater mark`. */
  readonly arenasHighwater: number;
  /** `# arenas allocated current`. */
  readonly arenasCurrent: number;
  /** Bytes per arena (1,048,576). */
  readonly arenaSize: number;
  /** `arenasCurrent * arenaSize`. */
  readonly arenaBytes: number;
  /** `# bytes in allocated blocks`. */
  readonly allocatedBlockBytes: number;
  /** `# bytes in available blocks` (free and never-carved blocks of used and full pools). */
  readonly availableBlockBytes: number;
  /** Empty pools plus pools not yet carved from their arena. */
  readonly unusedPools: number;
  /** Bytes per pool (16,384). */
  readonly poolSize: number;
  /** `unusedPools * poolSize`. */
  readonly unusedPoolBytes: number;
  /** `# bytes lost to pool headers` (48 per used or full pool). */
  readonly poolHeaderBytes: number;
  /** `# bytes lost to quantization` (the unusable tail of each used or full pool). */
  readonly quantizationBytes: number;
  /** `# bytes lost to arena alignment` (one pool per arena that is not pool-aligned). */
  readonly arenaAlignmentBytes: number;
  /** Sum of the six lines above; always equals `arenaBytes`. */
  readonly totalBytes: number;
  /** `# arena map mid nodes` of the radix tree. */
  readonly arenaMapMidNodes: number;
  /** `# arena map bot nodes` of the radix tree. */
  readonly arenaMapBotNodes: number;
  /** Bytes of the radix tree: root plus mid and bottom nodes. */
  readonly arenaMapBytes: number;
}

/**
 * Bytes of the radix tree's root node on 64-bit (`sizeof(arena_map_root)`: 2^15 pointers).
 *
 * @example
 * ```ts
 * import { ARENA_MAP_BOT_BYTES, ARENA_MAP_MID_BYTES, ARENA_MAP_ROOT_BYTES, createPymalloc } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(8);
 * heap.mallocStats().arenaMapBytes === ARENA_MAP_ROOT_BYTES + ARENA_MAP_MID_BYTES + ARENA_MAP_BOT_BYTES; // true
 * ```
 */
export const ARENA_MAP_ROOT_BYTES = 2 ** 15 * 8;
/**
 * Bytes of one mid node of the radix tree (`sizeof(arena_map_mid_t)`: 2^15 pointers).
 *
 * @example
 * ```ts
 * import { ARENA_MAP_MID_BYTES } from '@pymm/core/memory';
 * ARENA_MAP_MID_BYTES; // 262144
 * ```
 */
export const ARENA_MAP_MID_BYTES = 2 ** 15 * 8;
/**
 * Bytes of one bottom node of the radix tree (`sizeof(arena_map_bot_t)`: 2^14 pairs of int32).
 *
 * @example
 * ```ts
 * import { ARENA_MAP_BOT_BYTES } from '@pymm/core/memory';
 * ARENA_MAP_BOT_BYTES; // 131072
 * ```
 */
export const ARENA_MAP_BOT_BYTES = 2 ** 14 * 8;

/**
 * Prints statistics exactly as CPython 3.11's `_PyObject_DebugMallocStats` does: the
 * size-class table (`%5u %6u %11zu %15zu %13zu`), then the counters, each label
 * padded to 35 columns and each value right-aligned in 21 columns with comma
 * thousands separators. The per-type free-list lines that `sys._debugmallocstats()`
 * prints afterwards belong to the object model, not to the allocator, and are not
 * part of this text.
 *
 * @example
 * ```ts
 * import { createPymalloc, formatDebugMallocStats } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(28);
 * const text = formatDebugMallocStats(heap.mallocStats());
 * text.split('\n')[4]; // '    1     32           1               1           509'
 * ```
 */
export function formatDebugMallocStats(stats: PymallocDebugStats): string {
  const out: string[] = [];
  out.push(
    `Small block threshold = ${stats.smallBlockThreshold}, in ${stats.sizeClassCount} size classes.\n`,
  );
  out.push('\n');
  out.push('class   size   num pools   blocks in use  avail blocks\n');
  out.push('-----   ----   ---------   -------------  ------------\n');
  for (const row of stats.classes) {
    out.push(
      `${pad(row.sizeClass, 5)} ${pad(row.blockSize, 6)} ${pad(row.pools, 11)} ${pad(row.blocksInUse, 15)} ${pad(row.availableBlocks, 13)}\n`,
    );
  }
  out.push('\n');
  out.push(printOne('# arenas allocated total', stats.arenasAllocatedTotal));
  out.push(printOne('# arenas reclaimed', stats.arenasReclaimed));
  out.push(printOne('# arenas highwater mark', stats.arenasHighwater));
  out.push(printOne('# arenas allocated current', stats.arenasCurrent));
  out.push(printOne(`${stats.arenasCurrent} arenas * ${stats.arenaSize} bytes/arena`, stats.arenaBytes));
  out.push('\n');
  out.push(printOne('# bytes in allocated blocks', stats.allocatedBlockBytes));
  out.push(printOne('# bytes in available blocks', stats.availableBlockBytes));
  out.push(printOne(`${stats.unusedPools} unused pools * ${stats.poolSize} bytes`, stats.unusedPoolBytes));
  out.push(printOne('# bytes lost to pool headers', stats.poolHeaderBytes));
  out.push(printOne('# bytes lost to quantization', stats.quantizationBytes));
  out.push(printOne('# bytes lost to arena alignment', stats.arenaAlignmentBytes));
  out.push(printOne('Total', stats.totalBytes));
  out.push('\narena map counts\n');
  out.push(printOne('# arena map mid nodes', stats.arenaMapMidNodes));
  out.push(printOne('# arena map bot nodes', stats.arenaMapBotNodes));
  out.push('\n');
  out.push(printOne('# bytes lost to arena map root', ARENA_MAP_ROOT_BYTES));
  out.push(printOne('# bytes lost to arena map mid', ARENA_MAP_MID_BYTES * stats.arenaMapMidNodes));
  out.push(printOne('# bytes lost to arena map bot', ARENA_MAP_BOT_BYTES * stats.arenaMapBotNodes));
  out.push(printOne('Total', stats.arenaMapBytes));
  return out.join('');
}

/**
 * Reads the obmalloc part of real `sys._debugmallocstats()` output (CPython 3.11,
 * 64-bit) into a {@link PymallocDebugStats}. Lines after the radix-tree section
 * (the per-type free lists) are ignored.
 *
 * @throws Error naming the first missing line when the text is not such a report.
 *
 * @example
 * ```ts
 * import { createPymalloc, formatDebugMallocStats, parseDebugMallocStats } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(100);
 * parseDebugMallocStats(formatDebugMallocStats(heap.mallocStats())).arenasCurrent; // 1
 * ```
 */
export function parseDebugMallocStats(text: string): PymallocDebugStats {
  const values = new Map<string, number>();
  const classes: SizeClassStats[] = [];
  let section: 'head' | 'classes' | 'counters' | 'arena map' = 'head';
  for (const line of text.split('\n')) {
    const threshold = /^Small block threshold = (\d+), in (\d+) size classes\.$/.exec(line);
    if (threshold) {
      values.set('smallBlockThreshold', Number(threshold[1]));
      values.set('sizeClassCount', Number(threshold[2]));
      continue;
    }
    if (line.startsWith('class   size')) {
      section = 'classes';
      continue;
    }
    if (line === 'arena map counts') {
      section = 'arena map';
      continue;
    }
    if (section === 'classes') {
      const row = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(line);
      if (row) {
        classes.push({
          sizeClass: Number(row[1]),
          blockSize: Number(row[2]),
          pools: Number(row[3]),
          blocksInUse: Number(row[4]),
          availableBlocks: Number(row[5]),
        });
        continue;
      }
    }
    const counter = /^(.*?)\s*=\s*([\d,]+)\s*$/.exec(line);
    if (!counter) continue;
    if (section === 'classes') section = 'counters';
    const label = counter[1].trim();
    const value = Number(counter[2].replaceAll(',', ''));
    const arenas = /^(\d+) arenas \* (\d+) bytes\/arena$/.exec(label);
    const pools = /^(\d+) unused pools \* (\d+) bytes$/.exec(label);
    if (arenas) {
      values.set('arenaSize', Number(arenas[2]));
      values.set('arenaBytes', value);
    } else if (pools) {
      values.set('unusedPools', Number(pools[1]));
      values.set('poolSize', Number(pools[2]));
      values.set('unusedPoolBytes', value);
    } else if (label === 'Total') {
      if (section === 'arena map') {
        values.set('arenaMapBytes', value);
        break; // the per-type free-list lines follow
      }
      values.set('totalBytes', value);
    } else {
      const key = LABELS[label];
      if (key !== undefined) values.set(key, value);
    }
  }
  const get = (key: string): number => {
    const value = values.get(key);
    if (value === undefined) {
      throw new Error(`parseDebugMallocStats: no value for ${key}; is this sys._debugmallocstats() output?`);
    }
    return value;
  };
  return {
    smallBlockThreshold: get('smallBlockThreshold'),
    sizeClassCount: get('sizeClassCount'),
    classes,
    arenasAllocatedTotal: get('arenasAllocatedTotal'),
    arenasReclaimed: get('arenasReclaimed'),
    arenasHighwater: get('arenasHighwater'),
    arenasCurrent: get('arenasCurrent'),
    arenaSize: get('arenaSize'),
    arenaBytes: get('arenaBytes'),
    allocatedBlockBytes: get('allocatedBlockBytes'),
    availableBlockBytes: get('availableBlockBytes'),
    unusedPools: get('unusedPools'),
    poolSize: get('poolSize'),
    unusedPoolBytes: get('unusedPoolBytes'),
    poolHeaderBytes: get('poolHeaderBytes'),
    quantizationBytes: get('quantizationBytes'),
    arenaAlignmentBytes: get('arenaAlignmentBytes'),
    totalBytes: get('totalBytes'),
    arenaMapMidNodes: get('arenaMapMidNodes'),
    arenaMapBotNodes: get('arenaMapBotNodes'),
    arenaMapBytes: get('arenaMapBytes'),
  };
}

const LABELS: Readonly<Record<string, string>> = {
  '# arenas allocated total': 'arenasAllocatedTotal',
  '# arenas reclaimed': 'arenasReclaimed',
  '# arenas highwater mark': 'arenasHighwater',
  '# arenas allocated current': 'arenasCurrent',
  '# bytes in allocated blocks': 'allocatedBlockBytes',
  '# bytes in available blocks': 'availableBlockBytes',
  '# bytes lost to pool headers': 'poolHeaderBytes',
  '# bytes lost to quantization': 'quantizationBytes',
  '# bytes lost to arena alignment': 'arenaAlignmentBytes',
  '# arena map mid nodes': 'arenaMapMidNodes',
  '# arena map bot nodes': 'arenaMapBotNodes',
};

/** `printone`: label padded to 35 columns, `=`, value right-aligned in 21 columns with commas. */
function printOne(label: string, value: number): string {
  return `${label.padEnd(35)}=${withCommas(value).padStart(21)}\n`;
}

function withCommas(value: number): string {
  const digits = String(value);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width);
}
