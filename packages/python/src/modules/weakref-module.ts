/**
 * The `weakref` module on core's weak references: `ref(obj, callback)` (a plain reference is
 * shared, as CPython shares them; the callback is held by the reference, as `wr_callback` is, and
 * called with the reference when the referent dies), calling a reference, `getweakrefcount`,
 * `getweakrefs`, `proxy` (`weak-proxy.ts`), `finalize` (`weak-finalize.ts`), and the containers
 * `WeakSet` (`weak-set.ts`), `WeakValueDictionary` (`weak-value-dictionary.ts`) and
 * `WeakKeyDictionary` (`weak-key-dictionary.ts`). `WeakMethod` is refused by name.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import { arity } from '../builtins/arguments.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { builtinType } from '../runtime/types.js';
import type { ModuleSpec } from './modules.js';
import { defineFinalize } from './weak-finalize.js';
import { defineWeakKeyDictionary } from './weak-key-dictionary.js';
import { defineProxyTypes, proxyFunction } from './weak-proxy.js';
import { newWeakReference } from './weak-reference-new.js';
import { defineWeakSet } from './weak-set.js';
import { defineWeakValueDictionary } from './weak-value-dictionary.js';

const refFn: NativeFn = (ip, args) => {
  arity(ip, 'ref', args, 1, 2);
  return newWeakReference(ip, args[0], args[1] ?? NULL_REF);
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
  const proxies = defineProxyTypes(ip);
  const finalize = defineFinalize(ip);
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
      proxy: proxyFunction(proxies),
      WeakMethod: refused('WeakMethod'),
    },
    values: (ip2) => ({
      ref: ip2.own(type.slot),
      ReferenceType: ip2.own(type.slot),
      WeakSet: ip2.own(weakSet.slot),
      WeakKeyDictionary: ip2.own(weakKeyDictionary.slot),
      WeakValueDictionary: ip2.own(weakValueDictionary.slot),
      ProxyType: ip2.own(proxies.proxy.slot),
      CallableProxyType: ip2.own(proxies.callableProxy.slot),
      ProxyTypes: ip2.own(ip2.heap.newTuple([proxies.proxy.slot, proxies.callableProxy.slot])),
      finalize: ip2.own(finalize.slot),
    }),
  };
}
