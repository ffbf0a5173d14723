/**
 * Dict and set keys whose hash and equality a class defines (`__hash__`, `__eq__`): core's
 * {@link CustomKeys} hook, so an instance is found by an equal instance (`dict_lookup` compares
 * the stored key with `==` when the hashes agree), and `__hash__` runs once per lookup.
 *
 * @module
 */

import type { CustomKeys } from '@pymm/core/heap';
import { hashOf } from '../builtins/hash.js';
import { equal } from './compare.js';
import type { Interp } from './interp.js';
import { lookupType, typeOf } from './types.js';

/** Installs the hook on the interpreter's heap. */
export function installCustomKeys(ip: Interp): void {
  const keys: CustomKeys = {
    token: (slot) => {
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
