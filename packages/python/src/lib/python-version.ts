/**
 * The CPython minor versions whose behaviour the libraries reproduce, for the
 * results and messages that differ between them.
 */

/** A CPython minor version pymm models. */
export type PythonVersion = '3.10' | '3.11' | '3.12' | '3.13';

/** Whether `version` is at least `minor` (`'3.12'` ≥ `'3.11'`). */
export function atLeast(version: PythonVersion, minor: PythonVersion): boolean {
  return Number(version.slice(2)) >= Number(minor.slice(2));
}
