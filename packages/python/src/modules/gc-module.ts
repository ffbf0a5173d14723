/**
 * The `gc` module on the strategy's `GcControl` (`Modules/gcmodule.c`): `collect`, `enable`,
 * `disable`, `isenabled`, `get_count`, `get_threshold`/`set_threshold`, `get_stats`, `freeze`,
 * `unfreeze`, `get_freeze_count`, `get_objects`, `get_referrers`, `get_referents`, `is_tracked`,
 * `is_finalized`, `callbacks` (called around every collection, from the heap's collection
 * events), `garbage` and the `DEBUG_*` flags.
 *
 * @module
 */

import { ObjectFlag, TypeId } from '@pymm/core';
import { forEachReference } from '@pymm/core/gc';
import { listAppend } from '@pymm/core/heap';
import { arity, intArg, keyword } from '../builtins/arguments.js';
import { formatException } from '../runtime/exceptions.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { addressOf } from '../runtime/repr.js';
import type { ModuleSpec } from './modules.js';

const DEBUG = {
  DEBUG_STATS: 1,
  DEBUG_COLLECTABLE: 2,
  DEBUG_UNCOLLECTABLE: 4,
  DEBUG_SAVEALL: 32,
  DEBUG_LEAK: 38,
};

/** Every live tracked object, by slot. */
function trackedObjects(ip: Interp): number[] {
  const store = ip.store;
  const out: number[] = [];
  for (let slot = 0; slot < store.slotLimit; slot++) {
    const flags = store.flags[slot];
    if ((flags & ObjectFlag.Alive) !== 0 && (flags & ObjectFlag.Tracked) !== 0) out.push(slot);
  }
  return out;
}

function control(ip: Interp) {
  return ip.heap.strategy.gc ?? null;
}

function tupleOfInts(ip: Interp, values: readonly number[]): number {
  const h = ip.stackHeight;
  const slots = values.map((v) => {
    const s = ip.int(v);
    ip.push(s);
    return s;
  });
  const t = ip.own(ip.heap.newTuple(slots));
  ip.unwindTo(h);
  return t;
}

function listOf(ip: Interp, slots: number[]): number {
  return ip.newList(slots);
}

/** Objects that refer to a cell holding `target` (`gc.get_referrers`): tracked objects only. */
function referrers(ip: Interp, targets: number[]): number[] {
  const store = ip.store;
  const out: number[] = [];
  for (let slot = 0; slot < store.slotLimit; slot++) {
    if ((store.flags[slot] & ObjectFlag.Alive) === 0 || (store.flags[slot] & ObjectFlag.Tracked) === 0)
      continue;
    // gc_referrers_for: what the object's traverse visits (a str-keyed dict's values only).
    const valuesOnly = store.type[slot] === TypeId.Dict && dictKeysAreStrs(ip, slot);
    let visited = 0;
    let found = false;
    forEachReference(ip.heap, slot, (target) => {
      if ((!valuesOnly || visited++ % 2 === 0) && targets.includes(target)) found = true;
    });
    if (found) out.push(slot);
  }
  return out;
}

/** Whether every key of a dict is a `str` (CPython's unicode-keys table, `DK_IS_UNICODE`). */
function dictKeysAreStrs(ip: Interp, dict: number): boolean {
  const store = ip.store;
  const start = store.refStart[dict];
  for (let i = 0; i < store.refLen[dict]; i += 2)
    if (store.type[store.refs.cells[start + i]] !== TypeId.Str) return false;
  return true;
}

/** The `gc` module. */
export function gcModule(ip: Interp): ModuleSpec {
  const callbacks = ip.keepForever(ip.newList([]));
  ip.drop(callbacks);
  const garbage = ip.keepForever(ip.newList([]));
  ip.drop(garbage);
  let debug = 0;
  let inCallback = false;
  const invoke = (phase: 'start' | 'stop', generation: number, collected: number, uncollectable: number) => {
    if (ip.store.refLen[callbacks] === 0 || inCallback) return;
    inCallback = true;
    const h = ip.stackHeight;
    try {
      const info = ip.own(ip.heap.newDict());
      ip.push(info);
      for (const [k, v] of [
        ['generation', generation],
        ['collected', collected],
        ['uncollectable', uncollectable],
      ] as const) {
        const key = ip.str(k, true);
        const value = ip.int(v);
        ip.setItem(info, key, value);
        ip.drop(key);
        ip.drop(value);
      }
      const p = ip.str(phase, true);
      ip.push(p);
      for (const cb of ip.items(callbacks)) {
        ip.push(ip.own(cb));
        try {
          ip.drop(ip.call(cb, [p, info], null));
        } catch (error) {
          // `invoke_gc_callback`: PyErr_WriteUnraisable(callback), then the next callback.
          const raised = ip.toPyRaise(error);
          ip.options.stderr(`Exception ignored in: ${ip.repr(cb)}\n${formatException(ip, raised.exc)}`);
          ip.dropRaised(raised.exc);
        }
      }
    } finally {
      ip.unwindTo(h);
      inCallback = false;
    }
  };
  ip.heap.events.on('collection-start', (e) => invoke('start', e.generation, 0, 0));
  // DEBUG_SAVEALL's garbage goes to gc.garbage and the DEBUG_* lines to stderr as each collection ends.
  const debugOutput = () => {
    const out = control(ip)?.takeDebugOutput?.();
    if (!out) return;
    for (const slot of out.garbage) {
      listAppend(ip.heap, garbage, slot);
      ip.drop(slot);
    }
    for (const line of out.log)
      ip.options.stderr(`${line.replace(/ #(\d+)>$/, (_, slot) => ` ${addressOf(ip, Number(slot))}>`)}\n`);
  };
  ip.heap.events.on('collection-stop', (e) => {
    debugOutput();
    invoke('stop', e.generation, e.collected, e.uncollectable);
  });

  const functions: Record<string, NativeFn> = {
    collect: (ip2, args, kw) => {
      const opts = keyword(ip2, 'collect', kw, ['generation']);
      arity(ip2, 'collect', args, 0, 1);
      const gArg = args[0] ?? opts.get('generation');
      const generation = gArg === undefined ? 2 : intArg(ip2, gArg, '');
      if (generation < 0 || generation > 2) ip2.raise('ValueError', 'invalid generation');
      return ip2.int(ip2.heap.strategy.collect(generation, 'explicit'));
    },
    enable: (ip2) => {
      control(ip2)?.enable();
      return ip2.own(ip2.none);
    },
    disable: (ip2) => {
      control(ip2)?.disable();
      return ip2.own(ip2.none);
    },
    isenabled: (ip2) => ip2.bool(control(ip2)?.isEnabled() ?? true),
    get_count: (ip2) => tupleOfInts(ip2, control(ip2)?.getCount() ?? [0, 0, 0]),
    get_threshold: (ip2) => tupleOfInts(ip2, control(ip2)?.getThreshold() ?? [0, 0, 0]),
    set_threshold: (ip2, args) => {
      arity(ip2, 'set_threshold', args, 1, 3);
      const n = args.map((a) => intArg(ip2, a, ''));
      control(ip2)?.setThreshold(n[0], n[1], n[2]);
      return ip2.own(ip2.none);
    },
    get_stats: (ip2) => {
      const stats = control(ip2)?.getStats() ?? [];
      const h = ip2.stackHeight;
      const dicts = stats.map((s) => {
        const d = ip2.own(ip2.heap.newDict());
        ip2.push(d);
        for (const [k, v] of [
          ['collections', s.collections],
          ['collected', s.collected],
          ['uncollectable', s.uncollectable],
        ] as const) {
          const key = ip2.str(k, true);
          const value = ip2.int(v);
          ip2.setItem(d, key, value);
          ip2.drop(key);
          ip2.drop(value);
        }
        return d;
      });
      const list = listOf(ip2, dicts);
      ip2.unwindTo(h);
      return list;
    },
    freeze: (ip2) => {
      control(ip2)?.freeze();
      return ip2.own(ip2.none);
    },
    unfreeze: (ip2) => {
      control(ip2)?.unfreeze();
      return ip2.own(ip2.none);
    },
    get_freeze_count: (ip2) => ip2.int(control(ip2)?.getFreezeCount() ?? 0),
    is_tracked: (ip2, args) => {
      arity(ip2, 'is_tracked', args, 1, 1);
      return ip2.bool((ip2.store.flags[args[0]] & ObjectFlag.Tracked) !== 0);
    },
    is_finalized: (ip2, args) => {
      arity(ip2, 'is_finalized', args, 1, 1);
      return ip2.bool((ip2.store.flags[args[0]] & ObjectFlag.Finalized) !== 0);
    },
    get_objects: (ip2, args, kw) => {
      const opts = keyword(ip2, 'get_objects', kw, ['generation']);
      const g = args[0] ?? opts.get('generation');
      const gc = control(ip2);
      if (g !== undefined && g !== ip2.none) {
        const generation = intArg(ip2, g, 'generation');
        if (generation >= 3)
          ip2.raise(
            'ValueError',
            'generation parameter must be less than the number of available generations (3)',
          );
        if (generation < 0) ip2.raise('ValueError', 'generation parameter cannot be negative');
        if (gc?.getObjects) return listOf(ip2, gc.getObjects(generation));
        // A collector without generations: everything tracked is in the oldest.
        return listOf(ip2, generation === 2 ? trackedObjects(ip2) : []);
      }
      // gc_get_objects_impl: the young generation's list first, then the older ones.
      if (gc?.getObjects) return listOf(ip2, [...gc.getObjects(0), ...gc.getObjects(1), ...gc.getObjects(2)]);
      return listOf(ip2, trackedObjects(ip2));
    },
    get_referrers: (ip2, args) => listOf(ip2, referrers(ip2, args)),
    get_referents: (ip2, args) => {
      const store = ip2.store;
      const out: number[] = [];
      for (const obj of args) {
        if (store.type[obj] === TypeId.WeakRef) continue;
        if (
          (store.flags[obj] & ObjectFlag.Tracked) === 0 &&
          store.type[obj] !== TypeId.Tuple &&
          store.type[obj] !== TypeId.Dict
        )
          continue;
        // dict_traverse visits only the values of a dict whose keys are all strs.
        const unicodeKeys = store.type[obj] === TypeId.Dict && dictKeysAreStrs(ip2, obj);
        let visited = 0;
        forEachReference(ip2.heap, obj, (target) => {
          if (!unicodeKeys || visited++ % 2 === 0) out.push(target);
        });
      }
      return listOf(ip2, out);
    },
    set_debug: (ip2, args) => {
      arity(ip2, 'set_debug', args, 1, 1);
      const flags = intArg(ip2, args[0], '');
      control(ip2)?.setDebug?.(flags);
      debug = flags;
      return ip2.own(ip2.none);
    },
    get_debug: (ip2) => ip2.int(debug),
  };
  return {
    functions,
    values: (ip2) => ({
      callbacks: ip2.own(callbacks),
      garbage: ip2.own(garbage),
      ...Object.fromEntries(Object.entries(DEBUG).map(([k, v]) => [k, ip2.int(v)])),
    }),
  };
}
