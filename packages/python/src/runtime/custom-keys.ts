/**
 * Dict and set keys whose hash and equality a class defines (`__hash__`, `__eq__`): core's
 * {@link CustomKeys} hook, so an instance is found by an equal instance (`dict_lookup` compares
 * the stored key with `==` when the hashes agree), and `__hash__` runs once per lookup.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import type { CustomKeys } from '@pymm/core/heap';
import { hashOf } from '../builtins/hash.js';
import { equal } from './compare.js';
import type { Interp } from './interp.js';
import { lookupType, typeOf } from './types.js';

/** Installs the hook on the interpreter's heap. */
export function installCustomKeys(ip: Interp): void {
  const keys: CustomKeys = {
    token: (slot) => {
      const byValue = valueToken(ip, slot);
      if (byValue !== undefined) return byValue;
      const type = typeOf(ip, slot);
      if (!type.user) return null;
      const found = lookupType(type, '__hash__');
      if (found === null || found.native) return null;
      return `u:${hashOf(ip, slot)}`;
    },
    equals: (stored, key) => equal(ip, stored, key),
  };
  ip.heap.customKeys = keys;
}

/**
 * The key identity of a value core does not hold: an int beyond 2**53 by its exact value;
 * `undefined` for other objects.
 */
function valueToken(ip: Interp, slot: number): string | undefined {
  const t = ip.store.type[slot];
  if (t === TypeId.Int || t === TypeId.Bool) {
    const value = ip.intValue(slot);
    // A double that holds the int exactly is its token, so that 2**64 == 2.0**64 stay one key.
    if (typeof value !== 'bigint') return undefined;
    const double = Number(value);
    if (Number.isFinite(double) && BigInt(double) === value) return undefined;
    return `i:${value}`;
  }
  return undefined;
}
