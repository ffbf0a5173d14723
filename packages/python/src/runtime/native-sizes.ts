/**
 * Sizes (`sys.getsizeof`) and GC-ness of the object kinds that `@pymm/python` creates as native heap
 * objects, per CPython version, as measured by `scripts/measure-sizes.py` (the fixture beside this
 * module).
 *
 * @module
 */

import type { CPythonVersion } from '@pymm/core';
import measured from './__fixtures__/native-sizes.json' with { type: 'json' };

/** One measured kind: its CPython type name, `sys.getsizeof` of a fresh object, and whether it is a GC container. */
export interface NativeKind {
  readonly name: string;
  readonly size: number;
  readonly gc: boolean;
}

type Measured = Record<string, Record<string, { name: string; size: number; gc: boolean }>>;

/** The measured kind `key` (a key of the fixture, e.g. `list_iterator`) for `version`. */
export function nativeKind(version: CPythonVersion, key: string): NativeKind {
  const table = (measured as Measured)[version] ?? (measured as Measured)['3.11'];
  const entry = table[key];
  if (!entry) throw new Error(`internal error: no measured size for '${key}'`);
  return entry;
}
