/**
 * Object sizes of 64-bit CPython, exactly as `sys.getsizeof` reports them, and
 * the growth rules of variable-size containers (list over-allocation, dict key
 * tables, set tables). The formulas are checked against tables produced by
 * running CPython (`scripts/cpython/sizes.py`).
 *
 * @module
 */

/**
 * CPython versions whose object sizes pymm models.
 *
 * @example
 * ```ts
 * import { type CPythonVersion } from '@pymm/core';
 * import { SizeModel } from '@pymm/core/heap';
 * const versions: CPythonVersion[] = ['3.11', '3.12', '3.13'];
 * versions.map((v) => new SizeModel(v).instanceBytes()); // [56, 48, 48], as sys.getsizeof(C()) on each
 * ```
 */
export type CPythonVersion = '3.11' | '3.12' | '3.13';

/**
 * Bytes of the `PyGC_Head` that precedes every GC container (two words).
 *
 * @example
 * ```ts
 * import { GC_HEADER_BYTES, SizeModel } from '@pymm/core/heap';
 * const sizes = new SizeModel('3.11');
 * sizes.listObjectBytes() - GC_HEADER_BYTES; // 40: sizeof(PyListObject)
 * ```
 */
export const GC_HEADER_BYTES = 16;

/**
 * Character width class of a `str`, as PEP 393 stores it.
 *
 * @example
 * ```ts
 * import { SizeModel, type StrKind, strKindOf } from '@pymm/core/heap';
 * const kind: StrKind = strKindOf('😀');
 * kind; // 'ucs4'
 * new SizeModel().strBytes(1, kind); // 80, as sys.getsizeof('😀')
 * ```
 */
export type StrKind = 'ascii' | 'latin1' | 'ucs2' | 'ucs4';

/**
 * The width class PEP 393 would choose for a JavaScript string.
 *
 * @example
 * ```ts
 * import { strKindOf } from '@pymm/core/heap';
 * strKindOf('abc');  // 'ascii'
 * strKindOf('café'); // 'latin1'
 * strKindOf('€');    // 'ucs2'
 * ```
 */
export function strKindOf(text: string): StrKind {
  // Code points from UTF-16 code units: a valid surrogate pair is one code point above U+FFFF.
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) return 'ucs4';
    }
    if (c > max) max = c;
  }
  return max < 0x80 ? 'ascii' : max < 0x100 ? 'latin1' : 'ucs2';
}

/**
 * Number of code points of a JavaScript string (Python's `len`).
 *
 * @example
 * ```ts
 * import { strLength } from '@pymm/core/heap';
 * strLength('😀a'); // 2
 * ```
 */
export function strLength(text: string): number {
  let n = text.length;
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        n--; // a surrogate pair is one code point
        i++;
      }
    }
  }
  return n;
}

/**
 * Number of 30-bit digits CPython uses for an integer's magnitude (at least 1).
 *
 * @example
 * ```ts
 * import { intDigits } from '@pymm/core/heap';
 * intDigits(0);       // 1
 * intDigits(2 ** 30); // 2
 * ```
 */
export function intDigits(value: number | bigint): number {
  if (typeof value === 'number') {
    // Dividing by 2**30 is exact in floating point, so this counts a double's digits exactly.
    let magnitude = Math.abs(Math.trunc(value));
    let digits = 1;
    while (magnitude >= 2 ** 30) {
      magnitude = Math.floor(magnitude / 2 ** 30);
      digits++;
    }
    return digits;
  }
  if (value === 0n) return 1;
  // The bit length from the hexadecimal digits (linear in the size, where shifting 30 bits at a
  // time would be quadratic for a huge int such as 3 ** 10_000_000).
  const hex = (value < 0n ? -value : value).toString(16);
  const bits = (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0], 16)));
  return Math.ceil(bits / 30);
}

/**
 * A dict's key table geometry: `log2Size` (the table has `2 ** log2Size` index
 * slots) and whether it is a unicode-keys table (16-byte entries) or a general
 * one (24-byte entries).
 *
 * @example
 * ```ts
 * import { type DictKeysShape, dictKeysBytes } from '@pymm/core/heap';
 * const strKeys: DictKeysShape = { log2Size: 4, unicode: true };
 * const anyKeys: DictKeysShape = { log2Size: 4, unicode: false };
 * dictKeysBytes(strKeys); // 208
 * dictKeysBytes(anyKeys); // 288
 * ```
 */
export interface DictKeysShape {
  readonly log2Size: number;
  readonly unicode: boolean;
}

/**
 * Smallest dict key table, `PyDict_LOG_MINSIZE`.
 *
 * @example
 * ```ts
 * import { DICT_LOG_MINSIZE, dictUsable } from '@pymm/core/heap';
 * 2 ** DICT_LOG_MINSIZE; // 8 index slots
 * dictUsable(DICT_LOG_MINSIZE); // 5: the sixth key makes a new dict grow
 * ```
 */
export const DICT_LOG_MINSIZE = 3;

/**
 * Usable entries of a dict key table of `2 ** log2Size` slots (`USABLE_FRACTION`: two thirds).
 *
 * @example
 * ```ts
 * import { dictUsable } from '@pymm/core/heap';
 * dictUsable(3); // 5
 * ```
 */
export function dictUsable(log2Size: number): number {
  return (((1 << log2Size) * 2) / 3) | 0;
}

/**
 * Bytes of a dict key object (`PyDictKeysObject`): header, index table, entries.
 *
 * @example
 * ```ts
 * import { dictKeysBytes } from '@pymm/core/heap';
 * dictKeysBytes({ log2Size: 3, unicode: true }); // 120
 * ```
 */
export function dictKeysBytes(shape: DictKeysShape): number {
  const size = 1 << shape.log2Size;
  const indexBytes = shape.log2Size < 8 ? 1 : shape.log2Size < 16 ? 2 : shape.log2Size < 32 ? 4 : 8;
  return 32 + indexBytes * size + (shape.unicode ? 16 : 24) * dictUsable(shape.log2Size);
}

/**
 * The key-table size a dict resizes to when an insertion finds no usable entry:
 * CPython 3.11's `GROWTH_RATE` (`used * 3`) rounded up to a power of two, at least 8.
 *
 * @example
 * ```ts
 * import { dictGrowLog2Size } from '@pymm/core/heap';
 * dictGrowLog2Size(5); // 4 (a 16-slot table for the 6th key)
 * ```
 */
export function dictGrowLog2Size(used: number): number {
  const minSize = used * 3;
  let log2 = DICT_LOG_MINSIZE;
  while (1 << log2 < minSize) log2++;
  return log2;
}

/**
 * The capacity CPython's `list_resize` picks when a list of capacity
 * `allocated` must hold `newSize` items, or `allocated` itself when no
 * reallocation happens (`allocated >= newSize >= allocated / 2`).
 *
 * @example
 * ```ts
 * import { listResizeCapacity } from '@pymm/core/heap';
 * listResizeCapacity(0, 1); // 4
 * listResizeCapacity(4, 5); // 8
 * listResizeCapacity(8, 6); // 8 (no realloc)
 * ```
 */
export function listResizeCapacity(allocated: number, newSize: number): number {
  if (allocated >= newSize && newSize >= allocated >> 1) return allocated;
  if (newSize === 0) return 0;
  let newAllocated = (newSize + (newSize >> 3) + 6) & ~3;
  if (newSize - allocated > newAllocated - newSize) newAllocated = (newSize + 3) & ~3;
  return newAllocated;
}

/**
 * Table size of a set after it grows to hold `used` items with `fill`
 * occupied-or-dummy slots, following `set_add_entry`'s resize rule; returns the
 * current size when no resize happens.
 *
 * @example
 * ```ts
 * import { setTableSizeAfterAdd } from '@pymm/core/heap';
 * setTableSizeAfterAdd(8, 5, 5); // 32
 * ```
 */
export function setTableSizeAfterAdd(tableSize: number, fill: number, used: number): number {
  const mask = tableSize - 1;
  if (fill * 5 < mask * 3) return tableSize;
  const minUsed = used > 50000 ? used * 2 : used * 4;
  let size = 8;
  while (size <= minUsed) size <<= 1;
  return size;
}

/**
 * `sys.getsizeof` and allocation sizes of the built-in types for one CPython
 * version (64-bit). Methods return the bytes of the object's own block (which
 * includes the GC header for containers); `*ExtraBytes` methods return the
 * separately allocated part (list item arrays, dict key tables, set tables).
 *
 * @example
 * ```ts
 * import { SizeModel } from '@pymm/core/heap';
 * const sizes = new SizeModel('3.11');
 * sizes.listObjectBytes() + sizes.listItemsBytes(4); // 88 == sys.getsizeof([1, 2, 3])
 * ```
 */
export class SizeModel {
  /** The CPython version these sizes belong to. */
  readonly version: CPythonVersion;
  private readonly asciiHeader: number;
  private readonly compactHeader: number;

  constructor(version: CPythonVersion = '3.11') {
    this.version = version;
    this.asciiHeader = version === '3.11' ? 48 : 40;
    this.compactHeader = version === '3.11' ? 72 : 56;
  }

  /** `None` (16). */
  noneBytes(): number {
    return 16;
  }

  /** `int` of the given value: 24 + 4 bytes per 30-bit digit. */
  intBytes(value: number | bigint): number {
    return 24 + 4 * intDigits(value);
  }

  /** Bytes CPython allocates for an int of one digit: `sizeof(PyLongObject)`, padded to 32. */
  intAllocationBytes(): number {
    return 32;
  }

  /** `bool` (an int with one digit). */
  boolBytes(): number {
    return 28;
  }

  /** `float` (24). */
  floatBytes(): number {
    return 24;
  }

  /** `str` of `length` code points of the given width class (PEP 393 compact layout). */
  strBytes(length: number, kind: StrKind): number {
    if (length === 0 || kind === 'ascii') return this.asciiHeader + length + 1;
    const width = kind === 'latin1' ? 1 : kind === 'ucs2' ? 2 : 4;
    return this.compactHeader + width * (length + 1);
  }

  /** `bytes` of `length` bytes (32-byte header with the cached hash, plus a trailing NUL). */
  bytesBytes(length: number): number {
    return 33 + length;
  }

  /** `bytearray` object (its buffer is counted by `bytearrayExtraBytes`). */
  bytearrayBytes(): number {
    return 56;
  }

  /** The buffer of a `bytearray` holding `length` bytes (0 when empty). */
  bytearrayExtraBytes(length: number): number {
    return length === 0 ? 0 : length + 1;
  }

  /** `memoryview` (a GC container). */
  memoryviewBytes(): number {
    return 184;
  }

  /** `tuple` of `length` items; the empty tuple is a 40-byte singleton. */
  tupleBytes(length: number): number {
    return GC_HEADER_BYTES + 24 + 8 * length;
  }

  /** The `list` object itself (GC header + `PyListObject`), without its item array. */
  listObjectBytes(): number {
    return GC_HEADER_BYTES + 40;
  }

  /** A list subclass instance with `slotCount` `__slots__` (no `__dict__`), without its item array. */
  listSubclassObjectBytes(slotCount: number): number {
    return GC_HEADER_BYTES + 40 + 8 * slotCount;
  }

  /** A list's item array for `capacity` items (a separate `PyMem_Malloc` block). */
  listItemsBytes(capacity: number): number {
    return 8 * capacity;
  }

  /** The `dict` object (GC header + `PyDictObject`), without its key table. */
  dictObjectBytes(): number {
    return GC_HEADER_BYTES + 48;
  }

  /** A dict's key table; 0 for the shared empty table of a new or cleared dict. */
  dictExtraBytes(shape: DictKeysShape | null): number {
    return shape === null ? 0 : dictKeysBytes(shape);
  }

  /** `set` / `frozenset` object, including its 8-entry small table. */
  setObjectBytes(): number {
    return GC_HEADER_BYTES + 200;
  }

  /** The separately allocated table of a set of `tableSize` slots (0 while the small table is used). */
  setExtraBytes(tableSize: number): number {
    return tableSize <= 8 ? 0 : 16 * tableSize;
  }

  /** Instance of a plain class (managed `__dict__`); its values array is allocated separately. */
  instanceBytes(): number {
    return this.version === '3.11' ? 56 : 48;
  }

  /**
   * The separately allocated values array of an instance whose class's shared
   * keys have `usable` entries (`new_values`): a prefix rounded to 8 bytes plus
   * one pointer per entry. `sys.getsizeof` does not count it.
   */
  instanceValuesBytes(usable: number): number {
    return ((usable + 2 + 7) & ~7) + 8 * usable;
  }

  /** Instance of a class with `slotCount` `__slots__` and no `__dict__`. */
  slotsInstanceBytes(slotCount: number): number {
    return GC_HEADER_BYTES + 16 + 8 * slotCount;
  }

  /** A function object (`def` or `lambda`). */
  functionBytes(): number {
    return this.version === '3.11' ? 152 : 160;
  }

  /**
   * A generator object with its embedded frame (`gen_sizeof`): the fixed part and one pointer
   * per frame slot, `co_nlocalsplus + co_stacksize` (by default those of `def g(): yield`).
   */
  generatorBytes(frameSlots: number = this.version === '3.11' ? 1 : 2): number {
    return GC_HEADER_BYTES + (this.version === '3.11' ? 152 : 144) + 8 * frameSlots;
  }

  /** A weak reference object. */
  weakrefBytes(): number {
    return 80;
  }

  /** A closure cell. */
  cellBytes(): number {
    return 40;
  }

  /** A raw file object (`io.FileIO`), without any buffer. */
  fileBytes(): number {
    return 64;
  }
}
