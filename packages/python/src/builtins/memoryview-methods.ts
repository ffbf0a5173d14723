/**
 * `memoryview` (`Objects/memoryobject.c`) over bytes and bytearray, format `B`: a view holds its
 * object (one reference, so it keeps it alive) and a window `start`, `step`, `length` of its bytes;
 * slicing gives another view of the same object. Views of a bytearray share one managed buffer
 * (`_PyManagedBufferObject`) that counts as one export of the bytearray while any of them is
 * alive and not released, so that resizing it raises `BufferError`. After `release()` every
 * operation raises `ValueError`.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { sliceIndices } from '../runtime/items.js';
import { newIterator } from '../runtime/iterate.js';
import { addressOf } from '../runtime/repr.js';
import type { BytesData } from './bytearray-buffer.js';
import { bytesOf, newBytes, viewObject } from './bytes.js';
import { hexOf } from './bytes-methods.js';
import { indexArg, method, sequenceOf } from './method-arguments.js';

/** A managed buffer: the export of one object's buffer, shared by the views made from it. */
interface ManagedBuffer {
  readonly data: BytesData | undefined;
  views: number;
}

/** Side data of a memoryview. */
export interface ViewData {
  readonly kind: 'memoryview';
  readonly start: number;
  readonly step: number;
  readonly length: number;
  readonly readonly: boolean;
  readonly buffer: ManagedBuffer;
  released: boolean;
}

/** Views that hold an export, by handle, so that a view freed without `release()` gives it back. */
const LIVE = new WeakMap<Interp, Map<number, ViewData>>();

function liveViews(ip: Interp): Map<number, ViewData> {
  let live = LIVE.get(ip);
  if (!live) {
    const views = new Map<number, ViewData>();
    live = views;
    LIVE.set(ip, views);
    ip.heap.events.on('free', (event) => {
      const view = views.get(event.handle);
      if (!view) return;
      views.delete(event.handle);
      if (!view.released) dropExport(view);
    });
  }
  return live;
}

function dropExport(view: ViewData): void {
  view.released = true;
  if (--view.buffer.views === 0 && view.buffer.data)
    view.buffer.data.exports = (view.buffer.data.exports ?? 1) - 1;
}

/** The window of a view, `ValueError` once it is released. */
export function liveView(ip: Interp, view: number): ViewData {
  const data = ip.payload(view) as ViewData;
  if (data.released) ip.raise('ValueError', 'operation forbidden on released memoryview object');
  return data;
}

function newView(ip: Interp, target: number, window: Omit<ViewData, 'kind' | 'released'>): number {
  const slot = ip.own(ip.heap.newMemoryView(target));
  const data: ViewData = { kind: 'memoryview', released: false, ...window };
  window.buffer.views++;
  ip.store.scalar[slot] = window.length;
  ip.setPayload(slot, data);
  if (window.buffer.data) liveViews(ip).set(ip.store.handleOf(slot), data);
  return slot;
}

/** `memoryview(obj)`. */
export const memoryviewConstructor: NativeFn = (ip, args) => {
  if (args.length !== 1)
    ip.raise('TypeError', `memoryview() takes exactly one argument (${args.length} given)`);
  const target = args[0];
  const t = ip.store.type[target];
  if (t === TypeId.MemoryView) {
    const view = liveView(ip, target);
    return newView(ip, viewObject(ip, target), view);
  }
  if (t !== TypeId.Bytes && t !== TypeId.ByteArray)
    ip.raise('TypeError', `memoryview: a bytes-like object is required, not '${ip.typeName(target)}'`);
  const data = t === TypeId.ByteArray ? (ip.payload(target) as BytesData) : undefined;
  if (data) data.exports = (data.exports ?? 0) + 1;
  const length = bytesOf(ip, target).length;
  return newView(ip, target, { start: 0, step: 1, length, readonly: !data, buffer: { data, views: 0 } });
};

/** `view[i]` or `view[i:j:k]` (a view of the same buffer). */
export function viewItem(ip: Interp, obj: number, key: number): number {
  const view = liveView(ip, obj);
  if ((ip.payload(key) as { kind?: string } | undefined)?.kind === 'slice') {
    const [start, , step, count] = sliceIndices(ip, key, view.length);
    return newView(ip, viewObject(ip, obj), {
      ...view,
      start: view.start + start * view.step,
      step: view.step * step,
      length: count,
    });
  }
  if (!ip.isInt(key) && !ip.lookupSpecial(key, '__index__'))
    ip.raise('TypeError', 'memoryview: invalid slice key');
  return ip.int(bytesOf(ip, obj)[position(ip, view, indexArg(ip, key))]);
}

function position(ip: Interp, view: ViewData, raw: number): number {
  const i = raw < 0 ? raw + view.length : raw;
  if (i < 0 || i >= view.length) ip.raise('IndexError', 'index out of bounds on dimension 1');
  return i;
}

/** `view[key] = value`: a byte, or a slice of the same length. */
const setItem: NativeFn = (ip, [self, key, value]) => {
  const view = liveView(ip, self);
  if (view.readonly) ip.raise('TypeError', 'cannot modify read-only memory');
  const whole = bytesOf(ip, viewObject(ip, self));
  if ((ip.payload(key) as { kind?: string } | undefined)?.kind === 'slice') {
    const [start, , step, count] = sliceIndices(ip, key, view.length);
    if (!isBuffer(ip, value))
      ip.raise('TypeError', `a bytes-like object is required, not '${ip.typeName(value)}'`);
    const src = bytesOf(ip, value).slice();
    if (src.length !== count)
      ip.raise('ValueError', 'memoryview assignment: lvalue and rvalue have different structures');
    for (let i = 0, j = start; i < count; i++, j += step) whole[view.start + j * view.step] = src[i];
    return ip.none;
  }
  const i = position(ip, view, indexArg(ip, key));
  if (!ip.isInt(value)) ip.raise('TypeError', `memoryview: invalid type for format 'B'`);
  const byte = Number(ip.intValue(value));
  if (byte < 0 || byte > 255) ip.raise('ValueError', `memoryview: invalid value for format 'B'`);
  whole[view.start + i * view.step] = byte;
  return ip.none;
};

function isBuffer(ip: Interp, slot: number): boolean {
  const t = ip.store.type[slot];
  return t === TypeId.Bytes || t === TypeId.ByteArray || t === TypeId.MemoryView;
}

const NO_ARGS = { names: [], required: 0 } as const;

/** Methods of `memoryview`. */
export const MEMORYVIEW_METHODS: Record<string, NativeFn> = {
  tobytes: method('tobytes', { names: ['order'], required: 0, keywords: ['order'] }, (ip, self) => {
    liveView(ip, self);
    return newBytes(ip, bytesOf(ip, self).slice());
  }),
  tolist: method('tolist', NO_ARGS, (ip, self) => {
    liveView(ip, self);
    return sequenceOf(ip, [...bytesOf(ip, self)], (b) => ip.int(b));
  }),
  hex: method(
    'hex',
    { names: ['sep', 'bytes_per_sep'], required: 0, keywords: ['sep', 'bytes_per_sep'] },
    (ip, self, [sep, per]) => {
      liveView(ip, self);
      return ip.str(hexOf(ip, bytesOf(ip, self), sep, per));
    },
  ),
  release: method('release', NO_ARGS, (ip, self) => {
    const view = ip.payload(self) as ViewData;
    if (!view.released) {
      dropExport(view);
      liveViews(ip).delete(ip.store.handleOf(self));
    }
    return ip.none;
  }),
  toreadonly: method('toreadonly', NO_ARGS, (ip, self) => {
    const view = liveView(ip, self);
    return newView(ip, viewObject(ip, self), { ...view, readonly: true });
  }),
  __enter__: method('__enter__', NO_ARGS, (ip, self) => {
    liveView(ip, self);
    return ip.own(self);
  }),
  __exit__: (ip, [self]) => MEMORYVIEW_METHODS.release(ip, [self], null),
  __setitem__: setItem,
  __iter__: (ip, [self]) => {
    liveView(ip, self);
    let i = 0;
    return newIterator(ip, 'memory_iterator', [self], (ip2) => {
      const view = liveView(ip2, self);
      if (i >= 0 && i < view.length) return ip2.int(bytesOf(ip2, self)[i++]);
      i = -1;
      return NULL_REF;
    });
  },
  __eq__: (ip, [self, other]) => {
    const view = ip.payload(self) as ViewData;
    if (other === self) return ip.bool(true);
    if (view.released || !isBuffer(ip, other)) return ip.own(ip.notImplemented);
    if (ip.store.type[other] === TypeId.MemoryView && (ip.payload(other) as ViewData).released)
      return ip.bool(false);
    const x = bytesOf(ip, self);
    const y = bytesOf(ip, other);
    return ip.bool(x.length === y.length && x.every((v, i) => v === y[i]));
  },
  __len__: method('__len__', NO_ARGS, (ip, self) => ip.int(liveView(ip, self).length)),
};

/** The data attributes of a memoryview (`nbytes`, `readonly`, ...), owned, or undefined. */
export function memoryviewAttribute(ip: Interp, self: number, name: string): number | undefined {
  const view = ip.payload(self) as ViewData;
  if (name === 'obj' && view.released) liveView(ip, self);
  switch (name) {
    case 'obj':
      return ip.own(viewObject(ip, self));
    case 'nbytes':
      return ip.int(liveView(ip, self).length);
    case 'readonly':
      return ip.bool(liveView(ip, self).readonly);
    case 'itemsize':
      liveView(ip, self);
      return ip.int(1);
    case 'format':
      liveView(ip, self);
      return ip.str('B');
    case 'ndim':
      liveView(ip, self);
      return ip.int(1);
    case 'shape':
      return sequenceOf(ip, [liveView(ip, self).length], (n) => ip.int(n), true);
    case 'strides':
      return sequenceOf(ip, [liveView(ip, self).step], (n) => ip.int(n), true);
    case 'contiguous':
    case 'c_contiguous':
    case 'f_contiguous':
      return ip.bool(liveView(ip, self).step === 1 || view.length <= 1);
    case 'released':
      return ip.bool(view.released);
    default:
      return undefined;
  }
}

/** `repr(view)`: `<memory at 0x...>` (`<released memory at 0x...>` after `release()`); null for other objects. */
export function memoryviewRepr(ip: Interp, slot: number): string | null {
  if (ip.store.type[slot] !== TypeId.MemoryView) return null;
  const released = (ip.payload(slot) as ViewData).released;
  return `<${released ? 'released ' : ''}memory at ${addressOf(ip, slot)}>`;
}
