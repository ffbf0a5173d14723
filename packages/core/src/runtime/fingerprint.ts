/**
 * The fingerprint of a runtime's operation stream: an FNV-1a hash (32 bits)
 * over what the program did, in order, and nothing the strategy decided:
 *
 * 1. the name of each top-level operation (`list`, `bind`, `collect`, ...);
 * 2. the literal arguments of top-level creating operations (`py.int(7)` mixes `7`);
 * 3. the type name of each object a top-level operation makes a temporary.
 *
 * Work run by finalizers and callbacks (nested operations) is left out, since
 * when it runs depends on the strategy. So identical workloads give identical
 * fingerprints under every strategy.
 *
 * @module
 */

/** FNV-1a's 32-bit offset basis. */
const FNV_OFFSET_BASIS = 0x811c9dc5;
/** FNV-1a's 32-bit prime. */
const FNV_PRIME = 0x01000193;

/**
 * A running FNV-1a hash of an operation stream. The runtime decides what is
 * top-level; this only mixes what it is given, in order.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * // Each runtime keeps one; `py.fingerprint` is its `hex`.
 * createRuntime().fingerprint; // '811c9dc5', the offset basis: nothing mixed yet
 * ```
 */
export class OperationFingerprint {
  private hash = FNV_OFFSET_BASIS;

  /** Mixes the name of a top-level operation. */
  operation(name: string): void {
    this.mix(name);
  }

  /** Mixes a literal argument of a top-level creating operation (an int's digits, a str's text). */
  literal(text: string): void {
    this.mix(text);
  }

  /** Mixes the type name of an object that a top-level operation created (or returned as a temporary). */
  created(typeName: string): void {
    this.mix(typeName);
  }

  /** The hash so far, as 8 hexadecimal digits. */
  get hex(): string {
    return this.hash.toString(16).padStart(8, '0');
  }

  private mix(text: string): void {
    let h = this.hash;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, FNV_PRIME);
    }
    this.hash = h >>> 0;
  }
}
