/**
 * The error a malformed or truncated snapshot raises: where (the byte offset from the start of the
 * file) and why.
 *
 * @module
 */

/**
 * A snapshot the reader refuses, with the byte offset of the fault and the reason.
 *
 * @example
 * ```ts
 * import { readSnapshot, SnapshotFormatError } from '@pymm/snapshot';
 * try {
 *   readSnapshot('{"format":"pymm-snapshot","version":2}\n');
 * } catch (error) {
 *   error instanceof SnapshotFormatError; // true
 *   (error as SnapshotFormatError).offset; // 0
 *   (error as SnapshotFormatError).reason; // 'format version 2 is not supported (this reader reads 1)'
 * }
 * ```
 */
export class SnapshotFormatError extends Error {
  /** Byte offset of the fault from the start of the snapshot. */
  readonly offset: number;
  /** Why the snapshot is refused. */
  readonly reason: string;

  constructor(offset: number, reason: string) {
    super(`invalid snapshot at byte ${offset}: ${reason}`);
    this.name = 'SnapshotFormatError';
    this.offset = offset;
    this.reason = reason;
  }
}
