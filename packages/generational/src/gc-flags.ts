/**
 * The `gc.DEBUG_*` flags of `gc.set_debug()`, with CPython's values
 * (`Modules/gcmodule.c`): what a collection logs to the gc module's `debugLog`
 * and whether it keeps its garbage in `gc.garbage`.
 *
 * @module
 */

/**
 * `gc.DEBUG_STATS`: log each collection's generation, the generation sizes and the result.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { DEBUG_STATS, gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const gc = gcModule(py);
 * gc.setDebug(DEBUG_STATS);
 * py.locals.keep = py.list();
 * gc.collect(0);
 * gc.debugLog.slice(0, 3); // ['gc: collecting generation 0...', 'gc: objects in each generation: 1 0 0', 'gc: objects in permanent generation: 0']
 * gc.debugLog[3].startsWith('gc: done, 0 unreachable, 0 uncollectable'); // true
 * ```
 */
export const DEBUG_STATS = 1;

/**
 * `gc.DEBUG_COLLECTABLE`: log each collectable object found.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { DEBUG_COLLECTABLE, gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const gc = gcModule(py);
 * gc.setDebug(DEBUG_COLLECTABLE);
 * const Node = py.class('Node');
 * py.locals.a = Node.new();
 * py.locals.b = Node.new({ ref: py.locals.a });
 * py.setattr(py.locals.a, 'ref', py.locals.b);
 * py.del('a', 'b'); // a two-node cycle: only the collector can free it
 * gc.collect(); // 2
 * gc.debugLog.length; // 2
 * gc.debugLog[0].startsWith('gc: collectable <Node #'); // true
 * ```
 */
export const DEBUG_COLLECTABLE = 2;

/**
 * `gc.DEBUG_UNCOLLECTABLE`: log each uncollectable object found. Only objects with a
 * legacy `tp_del` finalizer are uncollectable in CPython 3.4+, and the model has none, so
 * this flag logs nothing; it is part of {@link DEBUG_LEAK}.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { DEBUG_UNCOLLECTABLE, gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const gc = gcModule(py);
 * gc.setDebug(DEBUG_UNCOLLECTABLE);
 * py.locals.xs = py.list();
 * py.append(py.locals.xs, py.locals.xs);
 * py.del('xs');
 * gc.collect(); // 1
 * gc.getStats()[2].uncollectable; // 0
 * gc.debugLog; // []
 * ```
 */
export const DEBUG_UNCOLLECTABLE = 4;

/**
 * `gc.DEBUG_SAVEALL`: keep garbage in `gc.garbage` instead of freeing it.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { DEBUG_SAVEALL, gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const gc = gcModule(py);
 * gc.setDebug(DEBUG_SAVEALL);
 * const Node = py.class('Node');
 * py.locals.a = Node.new();
 * py.locals.b = Node.new({ ref: py.locals.a });
 * py.setattr(py.locals.a, 'ref', py.locals.b);
 * py.del('a', 'b'); // a two-node cycle: only the collector can free it
 * gc.collect(); // 2
 * gc.garbage.map((node) => py.type(node)); // ['Node', 'Node']
 * gc.clearGarbage(); // del gc.garbage[:]
 * ```
 */
export const DEBUG_SAVEALL = 32;

/**
 * `gc.DEBUG_LEAK` = COLLECTABLE | UNCOLLECTABLE | SAVEALL: log the garbage and keep it
 * in `gc.garbage` to look at.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { DEBUG_COLLECTABLE, DEBUG_LEAK, DEBUG_SAVEALL, DEBUG_UNCOLLECTABLE, gcModule, generational } from '@pymm/generational';
 * DEBUG_LEAK === (DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL); // true
 * const py = createRuntime({ strategy: generational() });
 * const gc = gcModule(py);
 * gc.setDebug(DEBUG_LEAK);
 * const Node = py.class('Node');
 * py.locals.a = Node.new();
 * py.locals.b = Node.new({ ref: py.locals.a });
 * py.setattr(py.locals.a, 'ref', py.locals.b);
 * py.del('a', 'b'); // a two-node cycle: only the collector can free it
 * gc.collect(); // 2
 * gc.garbage.length; // 2
 * gc.debugLog.length; // 2: one 'gc: collectable <Node #...>' line each
 * ```
 */
export const DEBUG_LEAK = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;
