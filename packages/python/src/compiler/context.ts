/**
 * What compiling one code object needs: the interpreter, the scope's symbols, the fast-local
 * indices, the constants the code object will hold, and the shapes of compiled closures.
 *
 * @module
 */

import type { Frame, Interp } from '../runtime/interp.js';
import type { Scope, SymbolTable } from './symtable.js';

/** A compiled expression: evaluates in a frame and returns an owned slot. */
export type Ev = (f: Frame) => number;

/** A compiled statement: runs in a frame and returns its completion. */
export type Ex = (f: Frame) => number;

/** Completions of a statement. */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;

/** The state of compiling one code object. */
export interface CodeContext {
  readonly ip: Interp;
  readonly table: SymbolTable;
  readonly scope: Scope;
  readonly filename: string;
  /** Fast-local index of each local, cell and free name. */
  readonly index: Map<string, number>;
  /** Owned constants, held by the code object (and roots from their creation, so that no collection during compilation frees them). */
  readonly consts: number[];
  /** Constants by kind and value: equal constants of one code object are one object (`co_consts`). */
  readonly constIndex: Map<string, number>;
  /** Qualified-name prefix for nested definitions (`f.<locals>.`, `C.`). */
  readonly qualPrefix: string;
  /** Whether this code is a generator body (yield compiles in generator mode). */
  readonly generator: boolean;
}

/** Refuses a construct pymm does not run, at compile time, naming it. */
export class CompileRefusal extends Error {
  override readonly name = 'CompileRefusal';
  constructor(
    readonly construct: string,
    readonly lineno: number,
  ) {
    super(`${construct} is not supported by pymm`);
  }
}
