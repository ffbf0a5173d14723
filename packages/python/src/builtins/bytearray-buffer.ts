/**
 * A bytearray's buffer as CPython keeps it: `ob_alloc` bytes allocated separately (counted by
 * `sys.getsizeof`), the contents starting `ob_start` bytes in (deleting from the front only moves
 * the start), resized by `PyByteArray_Resize`'s over-allocation rules, and refused while a
 * memoryview exports it (`BufferError`). The host copy of the contents grows by doubling, so that
 * appending in a loop stays linear.
 *
 * @module
 */

import { NO_ADDRESS } from '@pymm/core/heap';
import type { Interp } from '../runtime/interp.js';

/** Side data of a bytes or bytearray object: its contents (a live window of `buf` for a bytearray). */
export interface BytesData {
  readonly kind: 'bytes';
  bytes: Uint8Array;
  /** A bytearray's host buffer (capacity at least the length), else undefined. */
  buf?: Uint8Array;
  /** `ob_alloc`: the bytes CPython has allocated for the buffer (0 when it has none). */
  alloc?: number;
  /** `ob_start - ob_bytes`: how far the contents start into the allocation. */
  offset?: number;
  /** `ob_exports`: memoryviews (managed buffers) holding the buffer. */
  exports?: number;
}

/** The side data of a new bytearray holding `data`, its allocation as `PyByteArray_FromStringAndSize` makes it. */
export function byteArrayData(data: Uint8Array): BytesData {
  return {
    kind: 'bytes',
    bytes: data,
    buf: data,
    alloc: data.length === 0 ? 0 : data.length + 1,
    offset: 0,
    exports: 0,
  };
}

/** `_canresize`: raises `BufferError` while a memoryview exports the buffer. */
export function checkResizable(ip: Interp, data: BytesData): void {
  if ((data.exports ?? 0) > 0) ip.raise('BufferError', 'Existing exports of data: object cannot be re-sized');
}

/** Sets the allocation of `slot`'s buffer to `alloc` bytes (the heap's accounting and address). */
function reallocate(ip: Interp, slot: number, data: BytesData, alloc: number, fresh: boolean): void {
  const heap = ip.heap;
  const old = data.alloc ?? 0;
  heap.reserveBytes(alloc - old);
  const store = heap.store;
  const address = store.extraAddress[slot];
  if (address === NO_ADDRESS) store.extraAddress[slot] = heap.allocator.allocate(alloc);
  else if (fresh) {
    // `PyObject_Malloc` of the new buffer, copy, then `PyObject_Free` of the old one.
    const next = heap.allocator.allocate(alloc);
    heap.allocator.free(address);
    store.extraAddress[slot] = next;
  } else store.extraAddress[slot] = heap.allocator.reallocate(address, alloc);
  data.alloc = alloc;
  data.offset = 0;
  heap.resize(slot, alloc - old);
}

/**
 * `PyByteArray_Resize(self, size)`: the new length, with the contents up to the shorter length kept
 * (new bytes are zero); over-allocates as CPython does when growing.
 */
export function resizeByteArray(ip: Interp, slot: number, data: BytesData, size: number): void {
  const length = data.bytes.length;
  if (size === length) return;
  checkResizable(ip, data);
  const alloc = data.alloc ?? 0;
  const offset = data.offset ?? 0;
  if (size + offset + 1 <= alloc) {
    // `alloc / 2` in C's unsigned integer division.
    if (size < Math.floor(alloc / 2)) reallocate(ip, slot, data, size + 1, offset > 0);
  } else {
    const next = size <= alloc * 1.125 ? size + (size >> 3) + (size < 9 ? 3 : 6) : size + 1;
    reallocate(ip, slot, data, next, offset > 0);
  }
  let buf = data.buf ?? data.bytes;
  if (size > buf.length) {
    const grown = new Uint8Array(Math.max(size, buf.length * 2, 16));
    grown.set(data.bytes);
    buf = grown;
  } else if (size > length) buf.fill(0, length, size);
  data.buf = buf;
  data.bytes = buf.subarray(0, size);
  ip.store.scalar[slot] = size;
}

/** Replaces `data`'s contents `lo .. hi` by `value` (`bytearray_setslice_linear`). */
export function setSliceLinear(
  ip: Interp,
  slot: number,
  data: BytesData,
  lo: number,
  hi: number,
  value: Uint8Array,
): void {
  const old = data.bytes;
  const growth = value.length - (hi - lo);
  if (growth === 0) {
    old.set(value, lo);
    return;
  }
  checkResizable(ip, data);
  const content = new Uint8Array(old.length + growth);
  content.set(old.subarray(0, lo));
  content.set(value, lo);
  content.set(old.subarray(hi), lo + value.length);
  // Deleting from the front advances the logical start (`ob_start`) instead of moving the tail.
  if (growth < 0 && lo === 0) data.offset = (data.offset ?? 0) - growth;
  resizeByteArray(ip, slot, data, content.length);
  data.bytes.set(content);
}
