/**
 * A stopped program as plain data, the way Python Tutor draws it: the frames with their locals,
 * and the objects they reach, each with its type, a short value, its reference count, whether the
 * cycle collector tracks it and in which generation, and its labelled references. Objects the
 * program made that no root reaches any more but that are still alive (a cycle that reference
 * counting leaks) are listed too, marked unreachable.
 *
 * Everything is read from the heap's public columns (`heap.store`), the roots
 * (`markReachable`) and the strategy's `gc` control; nothing runs Python code, so inspecting
 * changes nothing. The result holds numbers and strings only: it can cross to a Web Worker's
 * page with `postMessage`.
 *
 * @module
 */

import { ObjectFlag, TypeId } from '@pymm/core';
import { markReachable } from '@pymm/core/gc';
import { NULL_REF } from '@pymm/core/heap';
import type { Interp } from '../runtime/interp.js';
import type { Frame, ModuleScope } from '../runtime/interp-types.js';
import { shortValue } from './short-value.js';

/**
 * A variable of a frame: its name and the handle of its value.
 *
 * @example
 * ```ts
 * import { loadParser, runStepped } from '@pymm/python';
 * await loadParser();
 * const at = runStepped('x = [1]\ny = x\n', { pauseAt: 2 });
 * at.inspection?.frames[0].locals.map((l) => l.name); // ['x']
 * ```
 */
export interface InspectedLocal {
  readonly name: string;
  readonly handle: number;
}

/**
 * A frame, outermost first in {@link HeapInspection.frames}.
 *
 * @example
 * ```ts
 * import { loadParser, runStepped } from '@pymm/python';
 * await loadParser();
 * const at = runStepped('def f(a):\n    return a\nf(7)\n', { pauseAt: 3 });
 * at.inspection?.frames.map((f) => [f.name, f.line]); // [['<module>', 3], ['f', 2]]
 * ```
 */
export interface InspectedFrame {
  /** The code's name: `<module>`, a function's name, or a class body's. */
  readonly name: string;
  readonly filename: string;
  /** The line the frame is executing (the innermost frame's is about to run). */
  readonly line: number;
  readonly locals: readonly InspectedLocal[];
}

/**
 * A reference from one object to another, labelled as Python spells the access.
 *
 * @example
 * ```ts
 * import { loadParser, runStepped } from '@pymm/python';
 * await loadParser();
 * const at = runStepped('xs = [None]\npass\n', { pauseAt: 2 });
 * const list = at.inspection?.objects.find((o) => o.type === 'list');
 * list?.referents.map((r) => r.label); // ['[0]']
 * ```
 */
export interface InspectedReference {
  /** `[0]`, `['key']`, `.attr`, `key`, `item`, `cell_contents` or `weak`. */
  readonly label: string;
  readonly handle: number;
  /** A weak reference's referent (no reference is counted). */
  readonly weak: boolean;
}

/**
 * One object of the picture.
 *
 * @example
 * ```ts
 * import { loadParser, runStepped } from '@pymm/python';
 * await loadParser();
 * import { refcount } from '@pymm/refcount';
 * const at = runStepped('a = []\nb = a\n', { strategy: refcount(), pauseAt: 3 });
 * const list = at.inspection?.objects.find((o) => o.type === 'list');
 * [list?.value, list?.refcount, list?.reachable]; // ['len 0', 2, true]
 * ```
 */
export interface InspectedObject {
  /** The object's handle (stable while it lives; a reused slot gets a new one). */
  readonly handle: number;
  readonly type: string;
  /** A short value read from the heap (never by calling `repr()`): `42`, `'abc'`, `len 3`, or `''`. */
  readonly value: string;
  /** `sys.getsizeof`, in simulated bytes. */
  readonly size: number;
  /** Reference count, or null when the strategy keeps none or the object is static (immortal). */
  readonly refcount: number | null;
  /** Tracked by the cycle collector (`gc.is_tracked`). */
  readonly tracked: boolean;
  /** The generation it sits in, when the strategy has generations (`gc.get_objects(g)`), else null. */
  readonly generation: number | null;
  /** Reached from a root; false for a leaked cycle that is still alive. */
  readonly reachable: boolean;
  /** The line that allocated it, or 0 when it existed before the program's first statement. */
  readonly line: number;
  /** Its references, drawn as arrows (not followed into classes, functions and modules). */
  readonly referents: readonly InspectedReference[];
}

/**
 * A stopped program: see the module comment.
 *
 * @example
 * ```ts
 * import { loadParser, runStepped } from '@pymm/python';
 * await loadParser();
 * const at = runStepped('n = 42\nprint(n)\n', { pauseAt: 2 });
 * [at.inspection?.step, at.inspection?.line, at.inspection?.objects[0].value]; // [2, 2, '42']
 * ```
 */
export interface HeapInspection {
  /** Statements executed so far (the one on {@link HeapInspection.line} is the next). */
  readonly step: number;
  /** The line about to run in the innermost frame (0 when no frame runs). */
  readonly line: number;
  readonly frames: readonly InspectedFrame[];
  readonly objects: readonly InspectedObject[];
  /** True when more objects were reachable than the inspection's `maxObjects`. */
  readonly truncated: boolean;
  /** Live objects on the whole heap (builtins included) and their bytes. */
  readonly liveObjects: number;
  readonly liveBytes: number;
}

/** Options of {@link inspectHeap}. */
export interface InspectOptions {
  /** Most objects listed (default 20,000). */
  readonly maxObjects?: number;
  /** Allocation line by handle, for objects the program made (from the run's `allocate` events). */
  readonly allocationLines?: ReadonlyMap<number, number>;
}

/** Types whose references the picture follows: data, not code or namespaces of the runtime. */
const FOLLOWED = new Set<number>([
  TypeId.Tuple,
  TypeId.List,
  TypeId.ListSubclass,
  TypeId.Dict,
  TypeId.Set,
  TypeId.FrozenSet,
  TypeId.Instance,
  TypeId.SlotsInstance,
  TypeId.Cell,
  TypeId.WeakRef,
]);

/** Reads the stopped program `ip` (see the module comment). */
export function inspectHeap(ip: Interp, options: InspectOptions = {}): HeapInspection {
  const store = ip.store;
  const maxObjects = options.maxObjects ?? 20_000;
  const lines = options.allocationLines ?? new Map<number, number>();
  const frames = framesOf(ip);
  const generations = generationsOf(ip);
  const marked = markReachable(ip.heap);

  const seen = new Set<number>();
  const queue: number[] = [];
  const visit = (slot: number) => {
    if (slot === NULL_REF || seen.has(slot) || (store.flags[slot] & ObjectFlag.Alive) === 0) return;
    seen.add(slot);
    queue.push(slot);
  };
  for (const frame of frames) for (const local of frame.slots) visit(local);
  // Objects the program made that no root reaches, still alive: a leaked cycle.
  for (const handle of lines.keys()) {
    if (!store.isAlive(handle)) continue;
    const slot = store.slotOf(handle, 'inspect');
    if (marked[slot] !== 1) visit(slot);
  }

  const objects: InspectedObject[] = [];
  let truncated = false;
  for (let i = 0; i < queue.length; i++) {
    if (objects.length >= maxObjects) {
      truncated = true;
      break;
    }
    const slot = queue[i];
    const referents = referentsOf(ip, slot);
    for (const r of referents) visit(r.slot);
    const handle = store.handleOf(slot);
    const isStatic = (store.flags[slot] & ObjectFlag.Static) !== 0;
    objects.push({
      handle,
      type: ip.typeName(slot),
      value: shortValue(ip, slot),
      size: store.sizeof[slot],
      refcount: ip.heap.refcounting && !isStatic ? store.refcount[slot] : null,
      tracked: (store.flags[slot] & ObjectFlag.Tracked) !== 0,
      generation: generations?.get(slot) ?? null,
      reachable: marked[slot] === 1,
      line: lines.get(handle) ?? 0,
      referents: referents.map((r) => ({ label: r.label, handle: store.handleOf(r.slot), weak: r.weak })),
    });
  }
  return {
    step: ip.steps,
    line: ip.frame?.lineno ?? 0,
    frames: frames.map((f) => ({
      name: f.name,
      filename: f.filename,
      line: f.line,
      locals: f.names.map((name, k) => ({ name, handle: store.handleOf(f.slots[k]) })),
    })),
    objects,
    truncated,
    liveObjects: store.liveCount,
    liveBytes: ip.heap.liveBytes,
  };
}

interface RawFrame {
  readonly name: string;
  readonly filename: string;
  readonly line: number;
  readonly names: string[];
  readonly slots: number[];
}

/** The running frames, outermost first, with their bound variables. */
function framesOf(ip: Interp): RawFrame[] {
  const out: RawFrame[] = [];
  for (let f: Frame | null = ip.frame; f !== null; f = f.back) {
    const names: string[] = [];
    const slots: number[] = [];
    const scope: ModuleScope | null = f.classNs ?? (f.func === NULL_REF ? f.globals : null);
    if (scope) {
      for (const [name, slot] of scope.map) {
        if (name.startsWith('__') && name.endsWith('__')) continue;
        names.push(name);
        slots.push(slot);
      }
    } else {
      const varnames = f.code.varnames;
      for (let i = 0; i < varnames.length && i < f.locals.length; i++) {
        const slot = derefCell(ip, f.locals[i]);
        if (slot === NULL_REF) continue;
        names.push(varnames[i]);
        slots.push(slot);
      }
    }
    out.push({ name: f.code.name, filename: f.code.filename, line: f.lineno, names, slots });
  }
  return out.reverse();
}

/** A cell variable's value (the frame holds the cell), or the slot itself. */
function derefCell(ip: Interp, slot: number): number {
  const store = ip.store;
  if (slot === NULL_REF || store.type[slot] !== TypeId.Cell) return slot;
  return store.refLen[slot] > 0 ? store.refs.cells[store.refStart[slot]] : NULL_REF;
}

/** Generation of each tracked object, through the strategy's public `gc.get_objects(g)`, or null. */
function generationsOf(ip: Interp): Map<number, number> | null {
  const gc = ip.heap.strategy.gc;
  if (!gc?.getObjects) return null;
  const out = new Map<number, number>();
  for (let g = 0; g < 3; g++) for (const slot of gc.getObjects(g)) out.set(slot, g);
  return out;
}

interface RawReference {
  readonly label: string;
  readonly slot: number;
  readonly weak: boolean;
}

/** The labelled references of the object at `slot`, for the types in {@link FOLLOWED}. */
function referentsOf(ip: Interp, slot: number): RawReference[] {
  const store = ip.store;
  const type = store.type[slot];
  if (!FOLLOWED.has(type)) return [];
  const out: RawReference[] = [];
  const cells = store.refs.cells;
  const start = store.refStart[slot];
  const length = start < 0 ? 0 : store.refLen[slot];
  if (type === TypeId.WeakRef) {
    const referent = store.scalar[slot];
    if (referent >= 0 && (store.flags[referent] & ObjectFlag.Alive) !== 0)
      out.push({ label: 'weak', slot: referent, weak: true });
    return out;
  }
  if (type === TypeId.Dict) {
    for (let i = 0; i + 1 < length; i += 2) {
      const key = cells[start + i];
      const value = cells[start + i + 1];
      if (key === NULL_REF || value === NULL_REF) continue;
      out.push({ label: `[${shortValue(ip, key) || ip.typeName(key)}]`, slot: value, weak: false });
      if (!isAtom(store.type[key])) out.push({ label: 'key', slot: key, weak: false });
    }
    return out;
  }
  if (type === TypeId.Instance || type === TypeId.SlotsInstance) {
    const names = ip.heap.classInfo(store.klass[slot]).attributeNames;
    const first = (store.flags[slot] & ObjectFlag.HoldsType) !== 0 ? 1 : 0;
    // With HoldsType the first cell is the class (named `__class__` in the class's attribute list).
    for (let i = first; i < length; i++) {
      const value = cells[start + i];
      if (value !== NULL_REF) out.push({ label: `.${names[i] ?? i}`, slot: value, weak: false });
    }
    return out;
  }
  const label = (i: number) =>
    type === TypeId.Set || type === TypeId.FrozenSet
      ? 'item'
      : type === TypeId.Cell
        ? 'cell_contents'
        : `[${i}]`;
  for (let i = 0, k = 0; i < length; i++) {
    const value = cells[start + i];
    if (value === NULL_REF) continue;
    out.push({ label: label(k++), slot: value, weak: false });
  }
  return out;
}

/** Keys drawn inside their dict's labels rather than as boxes. */
function isAtom(type: number): boolean {
  return type === TypeId.Str || type === TypeId.Int || type === TypeId.Bool || type === TypeId.None;
}
