/**
 * Augmented assignment (`BINARY_OP` with an in-place operator): a list extends itself (`+=`) or
 * repeats in place (`*=`), a set updates itself, a class's `__iadd__`-style method is called;
 * everything else falls back to the binary operator.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { listDelete } from '@pymm/core/heap';
import type { Interp } from '../runtime/interp.js';
import { listExtend, listInplaceRepeat } from '../runtime/list-build.js';
import { bytearrayInplaceAdd, bytearrayInplaceRepeat } from './bytearray-methods.js';

/** `a op= b` for borrowed operands: the owned result to store back. */
export function inplaceOp(ip: Interp, op: string, method: string, a: number, b: number): number {
  const t = ip.store.type[a];
  if (t === TypeId.ByteArray && op === 'Add') return bytearrayInplaceAdd(ip, a, b);
  if (t === TypeId.ByteArray && op === 'Mult' && ip.isInt(b)) return bytearrayInplaceRepeat(ip, a, b);
  if (t === TypeId.List && op === 'Add') {
    listExtend(ip, a, b);
    return ip.own(a);
  }
  if (t === TypeId.List && op === 'Mult' && ip.isInt(b)) {
    const items = ip.items(a);
    const n = Number(ip.intValue(b));
    if (n <= 0) {
      while (ip.store.refLen[a] > 0) listDelete(ip.heap, a, ip.store.refLen[a] - 1);
    } else {
      listInplaceRepeat(ip, a, items, n);
    }
    return ip.own(a);
  }
  if (t === TypeId.Set && (op === 'BitOr' || op === 'BitAnd' || op === 'Sub' || op === 'BitXor')) {
    if (op === 'BitOr') {
      for (const item of ip.items(b)) ip.setAdd(a, item);
      return ip.own(a);
    }
  }
  if (method && (t === TypeId.Instance || t === TypeId.SlotsInstance)) {
    const hook = ip.lookupSpecial(a, method);
    if (hook) {
      const r = ip.callMethod(a, hook, [b]);
      if (r !== ip.notImplemented) return r;
      ip.drop(r);
    }
  }
  return ip.binaryOp(op, a, b);
}
