import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CPythonVersion,
  DICT_LOG_MINSIZE,
  dictGrowLog2Size,
  intDigits,
  listResizeCapacity,
  SizeModel,
  type StrKind,
  setTableSizeAfterAdd,
} from './size-model.js';

interface Row {
  kind: string;
  param: unknown;
  size: number;
  gc_type: boolean;
}

/** Tables printed by `scripts/cpython/sizes.py` on each CPython version (committed output). */
function table(version: CPythonVersion): Row[] {
  const url = new URL(`./__fixtures__/cpython-${version}-sizes.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')).rows as Row[];
}

/** Replays `d[k] = None` insertions with the model's dict growth rule. */
function dictSizesByInsertion(model: SizeModel, unicode: boolean, count: number): number[] {
  const sizes = [model.dictObjectBytes()];
  let log2: number | null = null;
  for (let used = 1; used <= count; used++) {
    if (log2 === null) log2 = DICT_LOG_MINSIZE;
    else if (used - 1 >= Math.floor(((1 << log2) * 2) / 3)) log2 = dictGrowLog2Size(used - 1);
    sizes.push(model.dictObjectBytes() + model.dictExtraBytes({ log2Size: log2, unicode }));
  }
  return sizes;
}

for (const version of ['3.11', '3.12', '3.13'] as const) {
  describe(`SizeModel(${version}) against sys.getsizeof`, () => {
    const rows = table(version);
    const model = new SizeModel(version);
    const of = (kind: string) => rows.filter((r) => r.kind === kind);

    it('has a table with every kind of row', () => {
      expect(rows.length).toBeGreaterThan(300);
    });

    it('sizes ints by magnitude, and None, bool, float', () => {
      for (const r of of('int')) expect(model.intBytes(BigInt(r.param as string))).toBe(r.size);
      expect(of('none')[0].size).toBe(model.noneBytes());
      for (const r of of('bool')) expect(r.size).toBe(model.boolBytes());
      expect(of('float')[0].size).toBe(model.floatBytes());
    });

    it('sizes str by length and character kind', () => {
      for (const r of of('str')) {
        const p = r.param as { chars: StrKind; length: number };
        expect(model.strBytes(p.length, p.chars), JSON.stringify(p)).toBe(r.size);
      }
    });

    it('sizes bytes, bytearray and memoryview', () => {
      for (const r of of('bytes')) expect(model.bytesBytes(r.param as number)).toBe(r.size);
      for (const r of of('bytearray'))
        expect(model.bytearrayBytes() + model.bytearrayExtraBytes(r.param as number)).toBe(r.size);
      expect(of('memoryview')[0].size).toBe(model.memoryviewBytes());
    });

    it('sizes tuples by length', () => {
      for (const r of of('tuple')) expect(model.tupleBytes(r.param as number)).toBe(r.size);
    });

    it('follows list over-allocation on append and shrinking on pop', () => {
      let capacity = 0;
      for (const r of of('list_append')) {
        capacity = listResizeCapacity(capacity, r.param as number);
        expect(model.listObjectBytes() + model.listItemsBytes(capacity), `len ${r.param}`).toBe(r.size);
      }
      capacity = 100; // [None] * 100 allocates exactly
      for (const r of of('list_pop')) {
        const n = r.param as number;
        if (n < 100) capacity = listResizeCapacity(capacity, n);
        expect(model.listObjectBytes() + model.listItemsBytes(capacity), `len ${n}`).toBe(r.size);
      }
      for (const r of of('list_from_range')) {
        const n = r.param as number;
        expect(model.listObjectBytes() + model.listItemsBytes((n + 1) & ~1)).toBe(r.size);
      }
    });

    it('sizes list subclasses with __slots__', () => {
      let capacity = 0;
      for (const r of of('list_subclass_slot')) {
        capacity = listResizeCapacity(capacity, r.param as number);
        expect(model.listSubclassObjectBytes(1) + model.listItemsBytes(capacity)).toBe(r.size);
      }
    });

    it('grows dict key tables like CPython for str and int keys', () => {
      for (const [kind, unicode] of [
        ['dict_str', true],
        ['dict_int', false],
      ] as const) {
        const expected = of(kind).map((r) => r.size);
        expect(dictSizesByInsertion(model, unicode, expected.length - 1)).toEqual(expected);
      }
    });

    it('grows set tables like CPython', () => {
      let tableSize = 8;
      for (const r of of('set')) {
        const n = r.param as number;
        if (n > 0) tableSize = setTableSizeAfterAdd(tableSize, n, n);
        expect(model.setObjectBytes() + model.setExtraBytes(tableSize), `len ${n}`).toBe(r.size);
      }
    });

    it('sizes instances, slots, functions, generators, weakrefs, cells and files', () => {
      expect(of('instance')[0].size).toBe(model.instanceBytes());
      for (const r of of('slots_instance')) expect(model.slotsInstanceBytes(r.param as number)).toBe(r.size);
      expect(of('function')[0].size).toBe(model.functionBytes());
      expect(of('generator')[0].size).toBe(model.generatorBytes());
      for (const r of of('weakref')) expect(r.size).toBe(model.weakrefBytes());
      expect(of('cell')[0].size).toBe(model.cellBytes());
      expect(of('file').find((r) => r.param === 'FileIO')!.size).toBe(model.fileBytes());
    });
  });
}

describe('intDigits', () => {
  /** The count as CPython's `ob_digit` array holds it: 30 bits at a time. */
  function digitsByShifting(value: bigint): number {
    let magnitude = value < 0n ? -value : value;
    let digits = 0;
    while (magnitude > 0n) {
      magnitude >>= 30n;
      digits++;
    }
    return Math.max(1, digits);
  }

  it('counts 30-bit digits of bigints and doubles at every boundary', () => {
    const values: bigint[] = [0n, 1n, -1n, 3n ** 1000n, -(3n ** 999n)];
    for (let k = 1n; k <= 200n; k++) values.push(2n ** k - 1n, 2n ** k, -(2n ** k) + 1n, -(2n ** k));
    for (const v of values) expect(intDigits(v), String(v)).toBe(digitsByShifting(v));
    // Doubles just below a power of two round log2 up; the count must not.
    for (const x of [2 ** 60 - 256, 2 ** 90 - 2 ** 38, 2 ** 30 - 1, 2 ** 30, 1e300, -7, 0.5]) {
      expect(intDigits(x), String(x)).toBe(digitsByShifting(BigInt(Math.trunc(x))));
    }
  });

  it('sizes a huge int from its bit length (3 ** 10_000_000: 15,849,626 bits)', () => {
    // sys.getsizeof(3 ** 10_000_000) is 24 + 4 * 528,321 on CPython 3.11; shifting 30 bits at a
    // time took minutes at this size, so a Python program computing it appeared to hang.
    expect(intDigits(3n ** 10_000_000n)).toBe(528_321);
  });
});
