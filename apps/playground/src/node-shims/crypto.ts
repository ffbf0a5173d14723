/**
 * `node:crypto` in the browser: `randomBytes` from the Web Crypto API; a SHA-512 digest (used by
 * `random.seed(text)`) has no synchronous browser equivalent, so it is refused with a message.
 *
 * @module
 */

/** `size` random bytes from `crypto.getRandomValues`. */
export function randomBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) globalThis.crypto.getRandomValues(bytes.subarray(i, i + 65_536));
  return bytes;
}

/** Throws: seed `random` with an int in the playground. */
export function createHash(algorithm: string): never {
  throw new Error(
    `the playground has no synchronous ${algorithm} digest: seed random with an int (random.seed(42))`,
  );
}
