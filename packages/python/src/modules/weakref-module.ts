/**
 * The `weakref` module on core's weak references: `ref(obj, callback)` (a plain reference is
 * shared, as CPython shares them; the callback is held by the reference, as `wr_callback` is, and
 * called with the reference when the referent dies), calling a reference, `getweakrefcount`,
 * `getweakrefs`, and the containers `WeakSet` (`weak-set.ts`), `WeakValueDictionary`
 * (`weak-value-dictionary.ts`) and `WeakKeyDictionary` (`weak-key-dictionary.ts`). `proxy`,
 * `finalize` and `WeakMethod` are refused by name.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import { arity } from '../builtins/arguments.js';
import { formatException } from '../runtime/exceptions.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { builtinType } from '../runtime/types.js';
import type { ModuleSpec } from './modules.js';
import { defineWeakKeyDictionary } from './weak-key-dictionary.js';
import { defineWeakSet } from './weak-set.js';
import { defineWeakValueDictionary } from './weak-value-dictionary.js';

function newRef(ip: Interp, referent: number, callback: number): number {
  let ref: number;
  try {
    if (callback === NULL_REF || callback === ip.none) {
      ref = ip.heap.newWeakref(referent);
    } else {
      ref = ip.heap.newWeakref(referent, (handle) => {
        const self = ip.store.slotOf(handle, 'weakref callback');
        const fn = ip.store.refs.cells[ip.store.refStart[self]];
        try {
          ip.drop(ip.call(fn, [self], null));
        } catch (error) {
          const raised = ip.toPyRaise(error);
          ip.options.stderr(`Exception ignored in: ${ip.repr(fn)}\n`);
          ip.options.stderr(formatException(ip, raised.exc));
          ip.dropRaised(raised.exc);
        }
      });
      ip.heap.appendCell(ref, callback);
    }
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith('cannot create weak reference'))
      return ip.raise('TypeError', error.message);
    throw error;
  }
  return ip.own(ref);
}

const refFn: NativeFn = (ip, args) => {
  arity(ip, 'ref', args, 1, 2);
  return newRef(ip, args[0], args[1] ?? NULL_REF);
};

function refused(name: string): NativeFn {
  return (ip) => ip.raise('NotImplementedError', `weakref.${name} is not supported by pymm`);
}

/** The `weakref` module. */
export function weakrefModule(ip: Interp): ModuleSpec {
  const type = builtinType(ip, 'weakref');
  type.methods.set('__call__', (ip2, [self]) => ip2.own(ip2.heap.weakrefTarget(self)));
  type.ctor = refFn;
  const weakSet = defineWeakSet(ip);
  const weakKeyDictionary = defineWeakKeyDictionary(ip);
  const weakValueDictionary = defineWeakValueDictionary(ip);
  return {
    functions: {
      getweakrefcount: (ip2, args) => {
        arity(ip2, 'getweakrefcount', args, 1, 1);
        return ip2.int(ip2.heap.weakrefsTo(args[0]).length);
      },
      getweakrefs: (ip2, args) => {
        arity(ip2, 'getweakrefs', args, 1, 1);
        return ip2.newList([...ip2.heap.weakrefsTo(args[0])]);
      },
      proxy: refused('proxy'),
      finalize: refused('finalize'),
      WeakMethod: refused('WeakMethod'),
    },
    values: (ip2) => ({
      ref: ip2.own(type.slot),
      ReferenceType: ip2.own(type.slot),
      WeakSet: ip2.own(weakSet.slot),
      WeakKeyDictionary: ip2.own(weakKeyDictionary.slot),
      WeakValueDictionary: ip2.own(weakValueDictionary.slot),
    }),
  };
}
